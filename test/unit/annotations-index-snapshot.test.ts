// The manager's search index kept in the database between service-worker lives: a restarted
// background answers from it (one record read), gives the same answers as an index built from the
// annotations, and never answers from a stale copy (every write to the annotations drops it first).
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { openDatabase, type BackstoryDB } from '../../lib/db/database';
import { INDEX_SNAPSHOT_KEY } from '../../lib/annotations/handlers';
import { AnnotationIndex } from '../../lib/annotations/search';
import * as repo from '../../lib/db/annotations';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../../lib/messaging/protocol';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const fromTab = { id: ME, tab: { id: 7, url: 'https://news.example/a' } };

/** A background on `db`; a second call on the same db is a service-worker restart. */
function background(db: BackstoryDB) {
  const service = createBackgroundService({ db, pack, settingsStore: { get: async () => undefined, set: async () => undefined } });
  return async function ask<K extends BackgroundType>(
    type: K,
    payload: ReqOf<ToBackground, K>,
    sender: object = { id: ME },
  ): Promise<ResOf<ToBackground, K>> {
    const r = await handleMessage(service.handlers, ME, { type, payload }, sender);
    if (!r.ok) throw new Error(r.error);
    return r.data as ResOf<ToBackground, K>;
  };
}

const QUOTES = ['released R1 in January', 'costs stunned investors', 'a lab in Hangzhou', 'Wénfēng founded it', 'export rules on chips'];

async function fill(ask: ReturnType<typeof background>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < QUOTES.length; i++) {
    const saved = await ask(
      'saveAnnotation',
      {
        url: `https://site${i % 2}.example/story`,
        title: `Story ${i}`,
        exact: QUOTES[i],
        note: i % 2 ? 'check later' : '',
        tags: i % 2 ? ['costs'] : ['china', 'people'],
        ...(i === 0 ? { entityId: 'deepseek-r1', entityName: 'DeepSeek R1' } : {}),
      },
      fromTab,
    );
    ids.push(saved.annotation.id);
  }
  return ids;
}

const QUERIES = [
  {},
  { text: 'wenfeng' },
  { text: 'check' },
  { tag: 'costs' },
  { site: 'site0.example' },
  { entityId: 'deepseek-r1' },
  { status: 'orphan' as const },
  { status: 'unchecked' as const },
];

async function answers(ask: ReturnType<typeof background>) {
  const out = [];
  for (const q of QUERIES) {
    const r = await ask('listAnnotations', { ...q, limit: 50 });
    out.push({ ids: r.items.map((s) => s.annotation.id), total: r.total, facets: r.facets });
  }
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the search index kept between service-worker lives', () => {
  it('is saved once writes settle, and a restarted background answers from it exactly as from the annotations', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = openDatabase(`test-snap-${Math.random()}`);
    const ask = background(db);
    const ids = await fill(ask);
    await ask('reportAnchoring', { url: 'https://site0.example/story', anchored: [ids[0]], orphans: [ids[2]] }, fromTab);
    const before = await answers(ask); // builds the index
    await vi.runAllTimersAsync();
    await vi.waitFor(async () => expect(await db.meta.get(INDEX_SNAPSHOT_KEY)).toBeDefined());

    // a restart: the annotations are not read one by one
    const readAll = vi.spyOn(repo, 'allAnnotations');
    const restarted = background(db);
    expect(await answers(restarted)).toEqual(before);
    expect(readAll).not.toHaveBeenCalled();
    // statuses are not in the saved copy: a later visit's statuses show without a new save
    await restarted('reportAnchoring', { url: 'https://site1.example/story', anchored: [], orphans: [ids[1]] }, fromTab);
    const again = background(db);
    expect((await again('listAnnotations', { status: 'orphan', limit: 50 })).items.map((s) => s.annotation.id).sort()).toEqual(
      [ids[1], ids[2]].sort(),
    );
    expect(readAll).not.toHaveBeenCalled();
    readAll.mockRestore();
  });

  it('is dropped by every write to the annotations before the write, so no restart sees a stale copy', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = openDatabase(`test-snap-${Math.random()}`);
    const ask = background(db);
    const ids = await fill(ask);
    await answers(ask);
    await vi.runAllTimersAsync();
    await vi.waitFor(async () => expect(await db.meta.get(INDEX_SNAPSHOT_KEY)).toBeDefined());

    const writes: [string, () => Promise<unknown>][] = [
      ['save', () => ask('saveAnnotation', { url: 'https://site3.example/x', title: 'X', exact: 'a new passage about Hangzhou' }, fromTab)],
      ['update', () => ask('updateAnnotation', { id: ids[1], note: 'now about wenfeng' })],
      ['delete', () => ask('deleteAnnotations', { ids: [ids[3]] })],
    ];
    for (const [name, write] of writes) {
      await write();
      // the background stopped before it could save again: a restart builds from the annotations
      expect(await db.meta.get(INDEX_SNAPSHOT_KEY), name).toBeUndefined();
      const fresh = new AnnotationIndex(await repo.allAnnotations(db)).query({ text: 'wenfeng', limit: 50 });
      const restarted = background(db);
      const r = await restarted('listAnnotations', { text: 'wenfeng', limit: 50 });
      expect(
        r.items.map((s) => s.annotation.id),
        name,
      ).toEqual(fresh.ids);
      await vi.runAllTimersAsync();
      await vi.waitFor(async () => expect(await db.meta.get(INDEX_SNAPSHOT_KEY)).toBeDefined());
    }
  });

  it('is not used when it does not match the annotations (a copy from before the data was cleared)', async () => {
    const db = openDatabase(`test-snap-${Math.random()}`);
    const ask = background(db);
    await fill(ask);
    const snapshot = new AnnotationIndex(await repo.allAnnotations(db)).snapshot();
    await db.annotations.clear();
    await db.meta.put({ key: INDEX_SNAPSHOT_KEY, value: snapshot });
    const readAll = vi.spyOn(repo, 'allAnnotations');
    expect((await background(db)('listAnnotations', { limit: 50 })).total).toBe(0);
    // it fell back to reading the annotations (the same spy sees no such read in the restarts above)
    expect(readAll).toHaveBeenCalledTimes(1);
    readAll.mockRestore();
    expect(AnnotationIndex.fromSnapshot({ ...snapshot, created: [] }, { anchored: [], orphan: [] })).toBeNull();
    expect(AnnotationIndex.fromSnapshot({ ...snapshot, format: 2 }, { anchored: [], orphan: [] })).toBeNull();
  });
});
