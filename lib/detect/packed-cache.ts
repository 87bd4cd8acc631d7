// The background's packed detector: compiled once per alias table, and kept across service-worker
// and browser restarts (browser.storage.local), so the first page after one does not wait for a compile.
import type { AliasTable } from '../kb/alias-table';
import { packDetector, packedFits, type PackedDetector } from './detector';

/** Where the last packed detector is kept between service-worker lives (one entry: the current table's). */
export interface PackedStore {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

// Bump when PackedDetector's shape changes (the store may outlive an update in some browsers).
const FORMAT = 2;

export function createPackedDetectors(store?: PackedStore): (table: AliasTable) => Promise<PackedDetector> {
  let last: { table: AliasTable; detector: Promise<PackedDetector> } | null = null;
  return (table) => {
    // one compile however many pages ask at once
    if (last?.table !== table) last = { table, detector: load(table, store) };
    return last.detector;
  };
}

async function load(table: AliasTable, store: PackedStore | undefined): Promise<PackedDetector> {
  const key = tableKey(table);
  try {
    const stored = (await store?.get()) as { key?: string; detector?: PackedDetector } | undefined;
    if (stored?.key === key && packedFits(table, stored.detector)) return stored.detector;
  } catch {
    // no storage here: compile
  }
  const detector = packDetector(table);
  store?.set({ key, detector }).catch(() => undefined);
  return detector;
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
