// Version 3 (the reader's prediction outcomes): a version-2 database keeps every record, gains the
// outcomes table and a speaker index on the claim history, and records the upgrade.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BackstoryDB, SCHEMA_HISTORY_KEY } from '../../lib/db/database';

/** The schema Backstory shipped as version 2, frozen as that release declared it. */
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
const V2_STORES = { annotations: 'id, source, scope, site, created, modified, *tags, entityId, status' };

const annotation = {
  '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:uuid:00000000-0000-4000-8000-000000000001', type: 'Annotation',
  created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', body: [],
  target: { source: 'https://news.example/a', selector: [{ type: 'TextQuoteSelector', exact: 'q' }] },
};
const V2_RECORDS: Record<string, unknown[]> = {
  meta: [{ key: SCHEMA_HISTORY_KEY, value: [{ from: 1, to: 2, at: 5 }] }],
  claimHistory: [{ id: 1, url: 'https://news.example/a', title: 'A', seenAt: 2, text: 'T', kind: 'prediction', subjects: ['meta'], speaker: 'mark-zuckerberg', numbers: [] }],
  pages: [{ url: 'https://news.example/a', title: 'A', visitedAt: 1, relevance: 0.9, gated: false, entityCounts: { meta: 1 }, claimCount: 1 }],
  annotations: [{ id: annotation.id, annotation, source: 'https://news.example/a', site: 'news.example', created: 1, modified: 1, tags: ['x'] }],
  discovered: [{ key: 'jane doe', name: 'Jane Doe', type: 'person', status: 'dismissed', decidedAt: 3 }],
};

describe('database version 3', () => {
  it('upgrades a version-2 database without loss and adds the outcomes table', async () => {
    const name = `mig3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    old.version(2).stores(V2_STORES);
    await old.open();
    for (const [table, rows] of Object.entries(V2_RECORDS)) await old.table(table).bulkPut(rows);
    old.close();

    const db = new BackstoryDB(name);
    await db.open();
    expect(db.verno).toBe(3);
    for (const [table, rows] of Object.entries(V2_RECORDS)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), table).toEqual(rows);
    }
    expect(await db.annotations.where('tags').equals('x').count()).toBe(1);
    // the history gains a speaker index over the records it already held
    expect(await db.claimHistory.where('speaker').equals('mark-zuckerberg').count()).toBe(1);
    const history = (await db.meta.get(SCHEMA_HISTORY_KEY))?.value as { from: number; to: number }[];
    expect(history).toEqual([expect.objectContaining({ from: 1, to: 2 }), expect.objectContaining({ from: 2, to: 3 })]);
    // the new table is there, indexed, and usable
    await db.outcomes.put({ id: 'tracked:x', outcome: 'missed', note: '', statement: 'S', created: 1, modified: 2 });
    expect(await db.outcomes.where('outcome').equals('missed').count()).toBe(1);
    db.close();
  });
});
