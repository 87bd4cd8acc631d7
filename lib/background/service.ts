// Everything the background answers, with its dependencies passed in (so tests hand in fakes).
import { compileAliasTable, type AliasTable } from '../kb/alias-table';
import { createPackedDetectors, type PackedStore } from '../detect/packed-cache';
import type { Pack } from '../kb/schema';
import type { BackstoryDB } from '../db/database';
import { customEntities, installPack, stripOrigin } from '../db/pack-store';
import type { EntityDetails, PageRecord, TabState } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { DEFAULT_SETTINGS, hostOf, mergeSettings, type Settings } from '../settings';
import type { PageClaim } from '../claims/types';
import { createAnnotationHandlers } from '../annotations/handlers';
import { describeStorageError, settlesWithin } from '../storage/faults';
import type { FetchLike } from '../live/http';
import { createLiveHandlers, discoveredDetailsFor, newestPack } from '../live/handlers';
import { createDossierHandlers } from '../dossier/handlers';

/** How long detection and cards wait for the database before going on with the bundled pack alone. */
const STORAGE_WAIT_MS = 1500;

export interface SettingsStore {
  get(): Promise<Partial<Settings> | undefined>;
  set(value: Settings): Promise<void>;
}

export interface ServiceDeps {
  db: BackstoryDB;
  pack: Pack;
  settingsStore: SettingsStore;
  /** claims extraction and linking for a reported page; `incognito`: a private window (no reading history) */
  extractClaims?: (
    report: { url: string; title: string; text: string; mentions: TabState['mentions']; published?: string },
    context?: { incognito: boolean },
  ) => Promise<PageClaim[]> | PageClaim[];
  /** asks a tab's content script (saved annotations: describe a range, repaint after a save) */
  askTab?: (tabId: number, type: string, payload: unknown) => Promise<unknown>;
  /** navigator.storage.estimate (the manager's storage line) */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** the only network access: live context and pack updates (lib/live), never without the reader's say */
  fetch?: FetchLike;
  /** browser.permissions.contains for live context's hosts */
  hasPermission?: (origins: string[]) => Promise<boolean>;
  /** the tabs' new names, kept across service-worker restarts (browser.storage.session) */
  discoveredSession?: { get(): Promise<unknown>; set(value: unknown): Promise<void> };
  /** the compiled detector, kept across service-worker and browser restarts (browser.storage.local) */
  detectorStore?: PackedStore;
  /** opens an extension page in a new tab (the card's "Everything you've read" link) */
  openPage?: (path: string) => Promise<void>;
}

export interface BackgroundService {
  handlers: Handlers;
  tabStates: Map<number, TabState>;
  ready: Promise<void>;
  /** set when IndexedDB is unusable; detection keeps working from the bundled pack */
  storageError: () => string | null;
  /** whether the database opened (waits a moment for it; false while an upgrade is blocked or after it failed) */
  storageUsable: () => Promise<boolean>;
  /** compiles and stores the packed detector for the current table (lib/detect/packed-cache.ts) */
  warmDetector: () => Promise<void>;
}

export function createBackgroundService(deps: ServiceDeps): BackgroundService {
  const { db, settingsStore } = deps;
  // the bundled pack, or a newer one the reader installed from the manager (lib/live/pack-update.ts)
  let pack = deps.pack;
  const tabStates = new Map<number, TabState>();
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

  const currentStorageError = () => storageError ?? failure ?? annotations.storageProblem();

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

  // The detector compiled once per alias table (tens of ms), instead of once in every tab, and
  // kept across restarts.
  const packedFor = createPackedDetectors(deps.detectorStore);

  function suppressedOn(host: string): Promise<{ entityId: string; text: string }[]> {
    return safeDb(async () => (await db.suppressions.where('host').equals(host).toArray()).map(({ entityId, text }) => ({ entityId, text })), []);
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

  const annotations = createAnnotationHandlers({
    db,
    pack,
    ready,
    storageError: () => storageError ?? failure,
    askTab: deps.askTab,
    estimate: deps.estimate,
    onEntitiesChanged: () => {
      aliasTable = null;
    },
    resetSettings: () => settingsStore.set(DEFAULT_SETTINGS),
  });

  const live = createLiveHandlers({
    db,
    settings,
    async saveSettings(patch) {
      const next = mergeSettings({ ...(await settings()), ...patch });
      await settingsStore.set(next);
      return next;
    },
    fetch: deps.fetch ?? (() => Promise.reject(new TypeError('No network access in this context.'))),
    hasPermission: deps.hasPermission,
    currentPack: () => pack,
    async replacePack(next) {
      await installPack(db, next, { force: true });
      pack = next;
      aliasTable = null;
    },
    saveCustomEntity: async (entity) => {
      await annotations.handlers.saveCustomEntity({ entity }, {});
    },
    aliasTable: () => table(),
    session: deps.discoveredSession,
  });

  const dossiers = createDossierHandlers({
    db,
    pack: () => pack,
    retentionDays: async () => (await settings()).historyRetentionDays,
    usable: storageUsable,
    details: async (id) => entityDetails({ id }, {}),
    openPage: deps.openPage,
  });

  const handlers: Handlers = {
    ...annotations.handlers,
    ...live.handlers,
    ...dossiers.handlers,
    async getContentConfig({ url }) {
      const s = await settings();
      const host = hostOf(url);
      const suppressed = await suppressedOn(host);
      const t = await table();
      const detector = await packedFor(t);
      return { table: t, detector, tableKey: packedFor.keyOf(t), settings: s, siteDisabled: s.disabledSites.includes(host), suppressed };
    },

    async getPageConfig({ url }) {
      const s = await settings();
      const host = hostOf(url);
      const suppressed = await suppressedOn(host);
      const t = await table();
      // packed (and stored) before the page is told the key: a page that then reads storage finds it
      await packedFor(t);
      return { tableKey: packedFor.keyOf(t), settings: s, siteDisabled: s.disabledSites.includes(host), suppressed };
    },

    async reportPage(report, sender) {
      const claims = deps.extractClaims ? await deps.extractClaims(report, { incognito: sender.tab?.incognito === true }) : [];
      const tabId = sender.tab?.id;
      if (typeof tabId === 'number') {
        tabStates.set(tabId, {
          tabId,
          url: report.url,
          title: report.title,
          relevance: report.relevance,
          gated: report.gated,
          forced: report.forced,
          backedOff: report.backedOff ?? false,
          timing: report.timing,
          mentions: report.mentions,
          claims,
          updatedAt: Date.now(),
        });
      }
      const entityCounts: Record<string, number> = {};
      for (const m of report.mentions) entityCounts[m.entityId] = (entityCounts[m.entityId] ?? 0) + 1;
      const record: PageRecord = {
        url: report.url,
        title: report.title,
        visitedAt: Date.now(),
        relevance: report.relevance,
        gated: report.gated,
        entityCounts,
        claimCount: claims.length,
      };
      if (report.mentions.length) await safeDb(() => db.pages.put(record), undefined, { write: true });
      return { claims };
    },

    getTabState({ tabId }) {
      const state = tabStates.get(tabId);
      // the popup shows storage trouble next to what the page mentions
      return state ? { ...state, storageError: currentStorageError() } : null;
    },

    async getEntity({ id }, sender) {
      // a name found on the page (lib/discover): what the article said about it
      if (id.startsWith('discovered:')) return discoveredDetailsFor(live.handlers, id, sender);
      const record = await safeDb(() => db.entities.get(id), undefined);
      const entity = record ? stripOrigin(record) : pack.entities.find((e) => e.id === id);
      if (!entity) return null;
      const byId = (target: string) => pack.entities.find((e) => e.id === target);
      const related: EntityDetails['related'] = [];
      for (const rel of entity.relations ?? []) {
        const target = byId(rel.target);
        if (target)
          related.push({
            id: target.id,
            name: target.name,
            type: target.type,
            relation: rel.type,
            role: rel.role,
            start: rel.start,
            end: rel.end,
          });
      }
      // Relations that point here, seen from this side (a lab's models, the labs a person founded or leads).
      // Lineage is declared on both ends already, so predecessor/successor are not inverted.
      for (const other of pack.entities) {
        if (other.id === id) continue;
        for (const rel of other.relations ?? []) {
          if (rel.target !== id || rel.type === 'predecessor' || rel.type === 'successor') continue;
          related.push({
            id: other.id,
            name: other.name,
            type: other.type,
            relation: rel.type,
            role: rel.role,
            start: rel.start,
            end: rel.end,
            inverse: true,
          });
        }
      }
      const trackedClaims = pack.trackedClaims.filter((c) => c.subjects.includes(id) || c.speaker === id);
      return { entity, related, trackedClaims };
    },

    async listPages({ limit }) {
      return safeDb(
        () =>
          db.pages
            .orderBy('visitedAt')
            .reverse()
            .limit(limit ?? 200)
            .toArray(),
        [],
      );
    },

    getSettings: () => settings(),

    async updateSettings({ patch }) {
      const next = mergeSettings({ ...(await settings()), ...patch });
      await settingsStore.set(next);
      return next;
    },

    async setSiteDisabled({ host, disabled }) {
      const current = await settings();
      const set = new Set(current.disabledSites);
      if (disabled) set.add(host.toLowerCase());
      else set.delete(host.toLowerCase());
      const next = mergeSettings({ ...current, disabledSites: [...set] });
      await settingsStore.set(next);
      return next;
    },

    async suppressMatch({ host, entityId, text }) {
      await db.suppressions.add({ host: host.toLowerCase(), entityId, text: text.toLowerCase(), createdAt: Date.now() });
      return { ok: true as const };
    },

    getPackInfo() {
      return { version: pack.version, entities: pack.entities.length, trackedClaims: pack.trackedClaims.length };
    },
  };

  // The card also gets the entity's track record and how much the reader has read about it (lib/dossier).
  const entityDetails = handlers.getEntity;
  handlers.getEntity = async (payload, sender) => {
    const details = await entityDetails(payload, sender);
    if (!details || payload.id.startsWith('discovered:')) return details;
    const summary = await dossiers.summary(details.entity).catch(() => null); // the card still shows without it
    return summary ? { ...details, ...summary } : details;
  };

  /**
   * Compiles and stores the detector now rather than when the first page asks (after an install or
   * an update, when the stored copy is missing or out of date). Not on every worker start: a worker
   * woken for a message has better things to do first, and the copy from before is still there.
   */
  async function warmDetector(): Promise<void> {
    await packedFor(await table());
  }

  return { handlers, tabStates, ready, storageError: currentStorageError, storageUsable, warmDetector };
}

export { DEFAULT_SETTINGS };
