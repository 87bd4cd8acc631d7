// The background's packed detector: compiled once per alias table, and kept across service-worker
// and browser restarts (browser.storage.local), so the first page after one does not wait for a compile.
// The stored entry carries its table too: a content script reads it straight from storage.local and
// starts scanning without waiting for the service worker (which may still be starting up).
import type { AliasTable } from '../kb/alias-table';
import { packDetector, packedFits, type PackedDetector } from './detector';
import { packVariants } from './variants';
import { packVersions } from './versions';

/** Where the last packed detector is kept between service-worker lives (one entry: the current table's). */
export interface PackedStore {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

/** The storage.local key of the stored entry (read by content scripts). */
export const PACKED_STORE_KEY = 'packedDetector';

/** What is stored: the table, its fingerprint and its packed detector. */
export interface StoredDetector {
  key: string;
  table: AliasTable;
  detector: PackedDetector;
}

// Bump when PackedDetector's shape changes (the store may outlive an update in some browsers).
// 3: the table is stored with it. 4: the model families (versions.ts) are learned with it.
// 5: the version letters written alone (versions.ts) and the model heads (variants.ts) too.
const FORMAT = 5;

export interface PackedDetectors {
  (table: AliasTable): Promise<PackedDetector>;
  /** the fingerprint of `table` (computed once per table object) */
  keyOf(table: AliasTable): string;
}

export function createPackedDetectors(store?: PackedStore): PackedDetectors {
  let last: { table: AliasTable; detector: Promise<PackedDetector> } | null = null;
  const keys = new WeakMap<AliasTable, string>();
  const keyOf = (table: AliasTable): string => {
    let key = keys.get(table);
    if (key === undefined) {
      key = tableKey(table);
      keys.set(table, key);
    }
    return key;
  };
  const packedFor = (table: AliasTable) => {
    // one compile however many pages ask at once
    if (last?.table !== table) last = { table, detector: load(table, keyOf(table), store) };
    return last.detector;
  };
  return Object.assign(packedFor, { keyOf });
}

async function load(table: AliasTable, key: string, store: PackedStore | undefined): Promise<PackedDetector> {
  try {
    const stored = readStoredDetector(await store?.get());
    if (stored?.key === key) return stored.detector;
  } catch {
    // no storage here: compile
  }
  // the model families too: learned here once, not on every page (lib/detect/versions.ts)
  // (and the name forms' pack-only tables, and the version letters written alone)
  const detector: PackedDetector = { ...packDetector(table), versions: packVersions(table), variants: packVariants(table) };
  const entry: StoredDetector = { key, table, detector };
  // kept as one JSON string: a page turns it back with one JSON.parse, much faster than the
  // browser converting a deep object (a thousand aliases) into the page's world value by value
  store?.set(JSON.stringify(entry)).catch(() => undefined);
  return detector;
}

/** The stored entry when it is whole and of the current format, else null. */
export function readStoredDetector(value: unknown): StoredDetector | null {
  let stored: Partial<StoredDetector> | null | undefined;
  try {
    stored = (typeof value === 'string' ? JSON.parse(value) : value) as typeof stored;
  } catch {
    return null;
  }
  if (!stored || typeof stored.key !== 'string' || !stored.key.startsWith(`${FORMAT}:`)) return null;
  if (!stored.table || !Array.isArray(stored.table.aliases) || !Array.isArray(stored.table.entities)) return null;
  return packedFits(stored.table, stored.detector) ? (stored as StoredDetector) : null;
}

/** A fingerprint of everything in the table (FNV-1a over its JSON), with the packed format. */
export function tableKey(table: AliasTable): string {
  const json = JSON.stringify(table);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    h ^= json.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${FORMAT}:${table.version}:${json.length}:${(h >>> 0).toString(36)}`;
}
