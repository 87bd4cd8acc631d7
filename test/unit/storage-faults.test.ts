// Storage faults: IndexedDB missing or refusing to open, a full disk, an upgrade blocked by an old
// tab, the database deleted while in use. Detection must keep working from the bundled pack, saved
// data must not be half-written, and the user must be told in words they can act on.
import path from 'node:path';
import { IDBFactory, IDBKeyRange, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { createDetector } from '../../lib/detect/detector';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import type { ContentConfig, TabState } from '../../lib/messaging/protocol';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const TAB = { id: ME, tab: { id: 3, url: 'https://news.example/a' } };
const ARTICLE = 'DeepSeek released DeepSeek R1, and OpenAI answered with o1 while Yann LeCun argued the point.';

/** Fails the test rather than hanging it when a promise never settles (the blocked-upgrade failure mode). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

function start(db: BackstoryDB) {
  let stored: Settings | undefined;
  const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
  const ask = async <T,>(type: string, payload: unknown, sender: object = TAB): Promise<{ ok: true; data: T } | { ok: false; error: string }> =>
    (await within(handleMessage(service.handlers, ME, { type, payload }, sender), 4000, type)) as { ok: true; data: T } | { ok: false; error: string };
  return { service, ask };
}

/** Detection through the real message path: the config the content script gets, then the detector it builds. */
async function detectsFromBundledPack(ask: ReturnType<typeof start>['ask']) {
  const config = await ask<ContentConfig>('getContentConfig', { url: 'https://news.example/a' });
  expect(config.ok, JSON.stringify(config)).toBe(true);
  if (!config.ok) return;
  const found = createDetector(config.data.table).detect(ARTICLE, { force: true }).mentions.map((m) => m.entityId);
  expect(found).toEqual(expect.arrayContaining(['deepseek', 'deepseek-r1', 'openai', 'yann-lecun']));
}

const save = (exact: string) => ({ url: 'https://news.example/a', title: 'A', exact, note: 'mine' });

function expectPlainWords(message: string) {
  expect(message.length).toBeGreaterThan(30);
  // a message for a reader, not an exception dump (the browser's own words may follow in brackets)
  const firstSentence = message.split(/[.(]/)[0];
  expect(firstSentence).toMatch(/^Backstory/);
  expect(firstSentence).not.toMatch(/\w+Error\b/);
  expect(message).not.toMatch(/at \w+ \(|\[object /);
}

/** A factory like the one private windows and locked-down profiles give: opening throws or errors. */
function refusingFactory(mode: 'throws' | 'errors'): IDBFactory {
  const real = new IDBFactory();
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'open') {
        return () => {
          if (mode === 'throws') throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
          const request = { error: new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError'), onerror: null as null | ((e: unknown) => void), onsuccess: null, onupgradeneeded: null, onblocked: null, result: undefined, readyState: 'done' };
          setTimeout(() => (request.onerror as ((e: unknown) => void) | null)?.({ target: request, preventDefault() {}, stopPropagation() {} }), 0);
          return request;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as IDBFactory;
}

afterEach(() => vi.restoreAllMocks());

describe('storage faults', () => {
  it.each(['throws', 'errors'] as const)('IndexedDB refuses to open (%s): detection still works, reading goes on, saving says why not', async (mode) => {
    const db = new BackstoryDB(`faults-open-${mode}`, { indexedDB: refusingFactory(mode), IDBKeyRange });
    const { service, ask } = start(db);
    await detectsFromBundledPack(ask);

    // the page report still goes through, and the popup learns about the problem from the tab state
    const mention = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    const report = await ask('reportPage', { url: 'https://news.example/a', title: 'A', relevance: 1, gated: false, forced: false, mentions: [mention], text: ARTICLE });
    expect(report.ok).toBe(true);
    const tab = await ask<TabState>('getTabState', { tabId: 3 });
    expect(tab.ok && tab.data.mentions).toHaveLength(1);
    expect(tab.ok && tab.data.storageError).toBeTruthy();
    expectPlainWords(String(tab.ok && tab.data.storageError));
    expect(service.storageError()).toBeTruthy();

    // cards still get entity details from the bundled pack
    const entity = await ask<{ entity: { name: string } }>('getEntity', { id: 'openai' });
    expect(entity.ok && entity.data.entity.name).toBe('OpenAI');
    // lists come back empty rather than failing the manager
    const pages = await ask<unknown[]>('listPages', {});
    expect(pages.ok && pages.data).toEqual([]);

    const saved = await ask('saveAnnotation', save('DeepSeek released DeepSeek R1'));
    expect(saved.ok).toBe(false);
    if (!saved.ok) expectPlainWords(saved.error);
    const status = await ask<{ error: string | null }>('storageEstimate', {});
    expect(status.ok && status.data.error).toBeTruthy();
  });

  it('a full disk: the write is refused with a message, nothing saved before is lost, and saving works again once there is room', async () => {
    const db = new BackstoryDB(`faults-quota-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const { ask } = start(db);
    const first = await ask<{ annotation: { id: string } }>('saveAnnotation', save('DeepSeek released DeepSeek R1'));
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const before = await db.annotations.toArray();

    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const put = vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementation(full);
    const add = vi.spyOn(FDBObjectStore.prototype, 'add').mockImplementation(full);

    const second = await ask('saveAnnotation', save('OpenAI answered with o1'));
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error).toMatch(/full/i);
      expectPlainWords(second.error);
    }
    // reading a page still works (its history entry is simply not written), and the popup says why
    const mention = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    const report = await ask('reportPage', { url: 'https://news.example/b', title: 'B', relevance: 1, gated: false, forced: false, mentions: [mention], text: ARTICLE }, { id: ME, tab: { id: 4 } });
    expect(report.ok).toBe(true);
    const tab = await ask<TabState>('getTabState', { tabId: 4 });
    expect(tab.ok && tab.data.storageError).toMatch(/full/i);
    await detectsFromBundledPack(ask);

    put.mockRestore();
    add.mockRestore();
    expect(await db.annotations.toArray()).toEqual(before);

    const third = await ask('saveAnnotation', save('Yann LeCun argued the point'));
    expect(third.ok, JSON.stringify(third)).toBe(true);
    expect(await db.annotations.count()).toBe(2);
  });

  it('an upgrade blocked by an old tab: detection does not wait for it, the user is told, and the upgrade finishes once the tab lets go', async () => {
    const factory = new IDBFactory();
    const name = `faults-blocked-${Math.random()}`;
    // An older Backstory page holding schema version 1 open and refusing to let go on "versionchange".
    const old = new Dexie(name, { indexedDB: factory, IDBKeyRange });
    old.version(1).stores({
      meta: 'key',
      entities: 'id, type, origin, name',
      trackedClaims: 'id, *subjects, speaker, metric',
      pages: 'url, visitedAt',
      suppressions: '++id, host, [host+entityId]',
      claimHistory: '++id, url, seenAt, *subjects, metric',
      liveCache: 'key, expiresAt',
      discovered: 'key, status',
    });
    old.on('versionchange', () => false);
    await old.open();
    const db = new BackstoryDB(name, { indexedDB: factory, IDBKeyRange });
    const { service, ask } = start(db);

    await detectsFromBundledPack(ask);
    const entity = await ask<{ entity: { name: string } }>('getEntity', { id: 'deepseek-r1' });
    expect(entity.ok && entity.data.entity.name).toBe('DeepSeek R1');
    const status = await ask<{ error: string | null }>('storageEstimate', {});
    expect(status.ok && status.data.error).toMatch(/tab|close/i);
    // the popup's view of a reported tab carries the message too
    const mention = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    expect((await ask('reportPage', { url: 'https://news.example/a', title: 'A', relevance: 1, gated: false, forced: false, mentions: [mention], text: ARTICLE })).ok).toBe(true);
    const tab = await ask<TabState>('getTabState', { tabId: 3 });
    expect(tab.ok && tab.data.storageError).toMatch(/tab|close/i);
    // a save in the meantime is refused with the same explanation, not left hanging
    const early = await ask('saveAnnotation', save('DeepSeek released DeepSeek R1'));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatch(/tab|close/i);

    old.close();
    await within(service.ready, 4000, 'the upgrade after the old tab closed');
    expect(db.verno).toBe(3);
    const saved = await ask('saveAnnotation', save('OpenAI answered with o1'));
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const after = await ask<TabState>('getTabState', { tabId: 3 });
    expect(after.ok && after.data.storageError).toBeNull();
  }, 15_000);

  it('the database deleted underneath (site data cleared): nothing crashes, detection works, saving recovers or says why', async () => {
    const factory = new IDBFactory();
    const name = `faults-deleted-${Math.random()}`;
    const db = new BackstoryDB(name, { indexedDB: factory, IDBKeyRange });
    const { service, ask } = start(db);
    await service.ready;
    expect((await ask('saveAnnotation', save('DeepSeek released DeepSeek R1'))).ok).toBe(true);

    await new Promise<void>((resolve, reject) => {
      const req = factory.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });

    await detectsFromBundledPack(ask);
    const mention = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    expect((await ask('reportPage', { url: 'https://news.example/c', title: 'C', relevance: 1, gated: false, forced: false, mentions: [mention], text: ARTICLE })).ok).toBe(true);
    const entity = await ask<{ entity: { name: string } }>('getEntity', { id: 'meta' });
    expect(entity.ok && entity.data.entity.name).toBe('Meta');

    const saved = await ask('saveAnnotation', save('OpenAI answered with o1'));
    if (saved.ok) {
      // reopened as a fresh database: the new annotation is really there
      expect(await db.annotations.count()).toBeGreaterThanOrEqual(1);
    } else {
      expectPlainWords(saved.error);
      const tab = await ask<TabState>('getTabState', { tabId: 3 });
      expect(tab.ok && tab.data.storageError).toBeTruthy();
    }
    const list = await ask<{ items: unknown[] }>('listAnnotations', {});
    expect(list.ok || expectPlainWords((list as { error: string }).error) === undefined).toBe(true);
  });
});
