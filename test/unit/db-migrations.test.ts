// Opening a database made by an older Backstory: every record survives the upgrade, and a blocked
// upgrade or a full disk becomes a message, never lost data.
import path from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB, SCHEMA_HISTORY_KEY } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';

/** The schema Backstory shipped as version 1, frozen here as the old release declared it. */
const V1_STORES = {
  meta: 'key',
  entities: 'id, type, origin, name',
  trackedClaims: 'id, *subjects, speaker, metric',
  pages: 'url, visitedAt',
  suppressions: '++id, host, [host+entityId]',
  claimHistory: '++id, url, seenAt, *subjects, metric',
  liveCache: 'key, expiresAt',
  discovered: 'key, status',
};

const V1_RECORDS: Record<string, unknown[]> = {
  meta: [{ key: 'packVersion', value: '0.0.1' }],
  entities: [
    { id: 'my-lab', type: 'org', name: 'My Lab', aliases: [{ text: 'My Lab' }], description: 'A lab I follow.', facts: [], origin: 'custom', custom: true },
    { id: 'deepseek', type: 'org', name: 'DeepSeek', aliases: [{ text: 'DeepSeek' }], description: 'Lab.', facts: [], origin: 'pack' },
  ],
  trackedClaims: [{ id: 'c1', subjects: ['deepseek'], speaker: null, date: '2025-01', statement: 'S', kind: 'quantity', status: 'disputed', context: 'C', sources: ['https://example.org/'] }],
  pages: [{ url: 'https://news.example/a', title: 'A', visitedAt: 1_700_000_000_000, relevance: 0.9, gated: false, entityCounts: { deepseek: 2 }, claimCount: 1 }],
  suppressions: [{ id: 1, host: 'news.example', entityId: 'deepseek', text: 'deepseek', createdAt: 1 }],
  claimHistory: [{ id: 1, url: 'https://news.example/a', title: 'A', seenAt: 2, text: 'T', kind: 'other', subjects: ['deepseek'], speaker: null, numbers: [] }],
  liveCache: [{ key: 'wiki:DeepSeek', value: { extract: 'x' }, fetchedAt: 1, expiresAt: 2 }],
  discovered: [{ key: 'jane doe', name: 'Jane Doe', type: 'person', status: 'dismissed', decidedAt: 3 }],
};

async function makeV1(name: string) {
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  await old.open();
  for (const [table, rows] of Object.entries(V1_RECORDS)) await old.table(table).bulkAdd(rows);
  old.close();
}

describe('database versions', () => {
  it('opens a version-1 database, keeps every record in every table and adds the annotations table', async () => {
    const name = `mig-${Math.random()}`;
    await makeV1(name);
    const db = new BackstoryDB(name);
    await db.open();
    expect(db.verno).toBe(3);
    for (const [table, rows] of Object.entries(V1_RECORDS)) {
      const stored = await db.table(table).toArray();
      expect(stored, table).toEqual(expect.arrayContaining(rows.map((r) => expect.objectContaining(r as object))));
      // meta also gains the upgrade record
      expect(stored).toHaveLength(rows.length + (table === 'meta' ? 1 : 0));
    }
    // the old indexes still answer
    expect(await db.suppressions.where('[host+entityId]').equals(['news.example', 'deepseek']).count()).toBe(1);
    expect(await db.entities.where('origin').equals('custom').count()).toBe(1);
    // the new table is there and usable
    expect(await db.annotations.count()).toBe(0);
    const history = (await db.meta.get(SCHEMA_HISTORY_KEY))?.value as { from: number; to: number }[];
    expect(history).toEqual([expect.objectContaining({ from: 1, to: 2 }), expect.objectContaining({ from: 2, to: 3 })]);
    db.close();
  });

  it('a fresh database starts at the current version without an upgrade record', async () => {
    const db = new BackstoryDB(`fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.meta.get(SCHEMA_HISTORY_KEY)).toBeUndefined();
    db.close();
  });

  it('says so when an old connection blocks the upgrade, then upgrades without loss once it closes', async () => {
    const name = `blocked-${Math.random()}`;
    await makeV1(name);
    // an old Backstory page still holding version 1 open, ignoring versionchange
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 10); // Dexie stores version × 10
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    let stored: Settings | undefined;
    const db = new BackstoryDB(name);
    const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
    const status = handleMessage(service.handlers, ME, { type: 'storageEstimate', payload: {} }, { id: ME });
    await new Promise((r) => setTimeout(r, 50));
    expect(service.storageError()).toMatch(/upgrading its storage.*another tab/);
    holder.close();
    const reply = await status;
    expect(reply.ok).toBe(true);
    await service.ready;
    expect(service.storageError()).toBeNull();
    expect(await db.pages.count()).toBe(1);
    expect(await db.entities.get('my-lab')).toMatchObject({ origin: 'custom' });
    db.close();
  });
});

describe('a full disk', () => {
  it('turns a QuotaExceededError into a clear message, keeps what was stored, and recovers', async () => {
    let stored: Settings | undefined;
    const db = new BackstoryDB(`quota-${Math.random()}`);
    const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
    const ask = (type: string, payload: unknown) => handleMessage(service.handlers, ME, { type, payload }, { id: ME });
    const first = await ask('saveAnnotation', { url: 'https://news.example/a', title: 'A', exact: 'kept quote' });
    expect(first.ok).toBe(true);

    let full = true;
    db.annotations.hook('creating', () => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const second = await ask('saveAnnotation', { url: 'https://news.example/a', title: 'A', exact: 'lost quote' });
    expect(second).toEqual({ ok: false, error: expect.stringMatching(/storage .*is full.*not saved.*intact/) });

    // an import that hits the quota half-way adds nothing (one transaction)
    const file = JSON.stringify([1, 2, 3].map((i) => ({ id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, type: 'Annotation', created: '2026-01-01T00:00:00Z', target: { source: 'https://news.example/b', selector: [{ type: 'TextQuoteSelector', exact: `q${i}` }] } })));
    const imported = await ask('importAnnotations', { content: file });
    expect(imported.ok).toBe(false);

    const status = await ask('storageEstimate', {});
    expect(status.ok && (status.data as { error: string }).error).toMatch(/is full/);
    expect(await db.annotations.count()).toBe(1);
    expect((await db.annotations.toArray())[0].annotation.target.selector[0]).toMatchObject({ exact: 'kept quote' });

    full = false;
    expect((await ask('saveAnnotation', { url: 'https://news.example/a', title: 'A', exact: 'after space was freed' })).ok).toBe(true);
    expect(service.storageError()).toBeNull();
    db.close();
  });
});
