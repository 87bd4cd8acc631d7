// The background's packed detector: compiled once per alias table, reused after a service-worker
// or browser restart when the table is the same, compiled again when it is not.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPackedDetectors, tableKey, type PackedStore } from '../../lib/detect/packed-cache';
import { packedFits } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import type { Entity } from '../../lib/kb/schema';

const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
if (!mini.ok) throw new Error(mini.errors.join('\n'));

/** A store that keeps values the way browser.storage does (a copy, as JSON). */
function sessionStore(): PackedStore & { sets: number } {
  let json: string | undefined;
  const store = {
    sets: 0,
    get: async () => (json === undefined ? undefined : JSON.parse(json)),
    set: async (value: unknown) => {
      store.sets++;
      json = JSON.stringify(value);
    },
  };
  return store;
}

describe('createPackedDetectors', () => {
  it('compiles once for many pages, and not again after a restart with the same table', async () => {
    const store = sessionStore();
    const table = compileAliasTable(mini.value);
    const packedFor = createPackedDetectors(store);
    const [a, b] = await Promise.all([packedFor(table), packedFor(table)]);
    expect(a).toBe(b);
    expect(packedFits(table, a)).toBe(true);
    await Promise.resolve();
    expect(store.sets).toBe(1);

    // a new service worker (or browser start): a fresh cache, the same store, an equal table
    const restarted = createPackedDetectors(store);
    const again = await restarted(compileAliasTable(mini.value));
    expect(again).toEqual(a);
    expect(store.sets).toBe(1);
  });

  it('compiles again when the table changed (a custom entity, a new pack)', async () => {
    const store = sessionStore();
    const table = compileAliasTable(mini.value);
    await createPackedDetectors(store)(table);
    const custom: Entity = {
      id: 'tessera-labs',
      type: 'org',
      name: 'Tessera Labs',
      aliases: [{ text: 'Tessera Labs', case: 'sensitive', ambiguous: false, shortForm: false }],
      description: 'A test entity.',
      facts: [],
      relations: [],
    };
    const changed = compileAliasTable(mini.value, [custom]);
    expect(tableKey(changed)).not.toBe(tableKey(table));
    const packed = await createPackedDetectors(store)(changed);
    expect(packedFits(changed, packed)).toBe(true);
    expect(packed.aliasCount).toBe(table.aliases.length + 1);
    expect(store.sets).toBe(2);
  });

  it('works without a store, and when the store fails', async () => {
    const table = compileAliasTable(mini.value);
    expect(packedFits(table, await createPackedDetectors()(table))).toBe(true);
    const broken: PackedStore = {
      get: () => Promise.reject(new Error('storage unavailable')),
      set: () => Promise.reject(new Error('quota')),
    };
    expect(packedFits(table, await createPackedDetectors(broken)(table))).toBe(true);
  });
});
