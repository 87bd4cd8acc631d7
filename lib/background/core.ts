// What the background's handlers share: the database and whether it is usable, the pack in use,
// the settings, and the alias table with its compiled detector (lib/background/service.ts builds it).
import { compileAliasTable, type AliasTable } from '../kb/alias-table';
import { createPackedDetectors, type PackedStore } from '../detect/packed-cache';
import type { Pack } from '../kb/schema';
import type { BackstoryDB } from '../db/database';
import { customEntities, installPack } from '../db/pack-store';
import { mergeSettings, type Settings } from '../settings';
import { describeStorageError, settlesWithin } from '../storage/faults';
import { newestPack } from '../live/handlers';

/** How long detection and cards wait for the database before going on with the bundled pack alone. */
const STORAGE_WAIT_MS = 1500;

export interface SettingsStore {
  get(): Promise<Partial<Settings> | undefined>;
  set(value: Settings): Promise<void>;
}

export interface CoreDeps {
  db: BackstoryDB;
  pack: Pack;
  settingsStore: SettingsStore;
  detectorStore?: PackedStore;
}

export interface ServiceCore {
  readonly db: BackstoryDB;
  /** the database opened and the newest pack installed (or storage failed: see storageError) */
  readonly ready: Promise<void>;
  /** the bundled pack, or a newer one the reader installed from the manager (lib/live/pack-update.ts) */
  pack(): Pack;
  /** a newly installed pack: the alias table is rebuilt from it */
  usePack(next: Pack): void;
  /** set when IndexedDB is unusable; detection keeps working from the bundled pack */
  storageError(): string | null;
  /** the last failed storage operation (a full disk, a database removed in use); a later successful write clears it */
  failure(): string | null;
  storageUsable(): Promise<boolean>;
  /** runs a database operation, or answers `fallback` when storage is unusable or the operation fails */
  safeDb<T>(work: () => Promise<T>, fallback: T, options?: { write?: boolean }): Promise<T>;
  settings(): Promise<Settings>;
  saveSettings(next: Settings): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  table(): Promise<AliasTable>;
  /** the reader's entities changed: the alias table is rebuilt on next use */
  forgetTable(): void;
  /** the detector compiled for an alias table */
  packedFor: ReturnType<typeof createPackedDetectors>;
}

export function createServiceCore(deps: CoreDeps): ServiceCore {
  const { db, settingsStore } = deps;
  // the bundled pack, or a newer one the reader installed from the manager (lib/live/pack-update.ts)
  let pack = deps.pack;
  let storageError: string | null = null;
  let aliasTable: AliasTable | null = null;
  let bundledOnlyTable: AliasTable | null = null;
  let storageOpen = false;
  /** the last failed storage operation (a full disk, a database removed in use); a later successful write clears it */
  let failure: string | null = null;

  const ready = newestPack(db, deps.pack)
    .then((newest) => {
      pack = newest;
      return installPack(db, newest);
    })
    .then(() => {
      storageOpen = true;
    })
    .catch((err) => {
      storageError = describeStorageError(err);
    });

  // An upgrade blocked by another tab leaves the database opening forever: nothing that can do
  // without it (detection, cards, the popup) waits on it for more than a moment.
  let storageSlow = false;
  async function storageUsable(): Promise<boolean> {
    if (!storageOpen && !storageSlow) storageSlow = !(await settlesWithin(ready, STORAGE_WAIT_MS));
    return storageOpen;
  }

  async function settings(): Promise<Settings> {
    return mergeSettings(await settingsStore.get());
  }

  async function table(): Promise<AliasTable> {
    if (aliasTable) return aliasTable;
    const usable = await storageUsable();
    let extra: Awaited<ReturnType<typeof customEntities>> = [];
    try {
      if (usable) extra = await customEntities(db);
    } catch {
      // storage unavailable: the bundled pack alone still detects
    }
    // without storage the reader's custom entities are missing: the bundled pack's table stands in
    // (kept, so its compiled detector is too) until the database opens
    if (!usable) {
      bundledOnlyTable ??= compileAliasTable(pack, []);
      return bundledOnlyTable;
    }
    aliasTable = compileAliasTable(pack, extra);
    return aliasTable;
  }

  async function safeDb<T>(work: () => Promise<T>, fallback: T, { write = false } = {}): Promise<T> {
    if (!(await storageUsable())) return fallback;
    try {
      const result = await work();
      if (write) failure = null;
      return result;
    } catch (err) {
      failure = describeStorageError(err);
      return fallback;
    }
  }

  return {
    db,
    ready,
    pack: () => pack,
    usePack(next) {
      pack = next;
      aliasTable = null;
    },
    storageError: () => storageError,
    failure: () => failure,
    storageUsable,
    safeDb,
    settings,
    saveSettings: (next) => settingsStore.set(next),
    async updateSettings(patch) {
      const next = mergeSettings({ ...(await settings()), ...patch });
      await settingsStore.set(next);
      return next;
    },
    table,
    forgetTable() {
      aliasTable = null;
    },
    // The detector compiled once per alias table (tens of ms), instead of once in every tab, and
    // kept across restarts.
    packedFor: createPackedDetectors(deps.detectorStore),
  };
}
