import { beforeEach, describe, expect, it } from 'vitest';
import { BackstoryDB } from '../../lib/db/database';
import { liveCacheStore, pruneLiveCache } from '../../lib/db/live-cache';
import { DAY, HOUR, KEEP_STALE_FOR, readThrough, TTL, type CacheRecord, type CacheStore } from '../../lib/live/cache';
import { HttpError } from '../../lib/live/http';
import { createScheduler } from '../../lib/live/scheduler';

function memoryStore(): CacheStore & { records: Map<string, CacheRecord> } {
  const records = new Map<string, CacheRecord>();
  return {
    records,
    get: async (key) => records.get(key),
    put: async (r) => void records.set(r.key, r),
  };
}

const noSleep = { sleep: async () => undefined };

describe('read-through cache with TTL and stale-while-revalidate', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = Date.parse('2026-03-01T12:00:00Z');
  });

  it('fetches on a miss, stores with the TTL, then serves from cache without asking again', async () => {
    const store = memoryStore();
    const scheduler = createScheduler(noSleep);
    let fetches = 0;
    const fetcher = async () => ({ text: `v${++fetches}` });
    const first = await readThrough('k', TTL.summary, fetcher, { store, scheduler, now });
    expect(first.dated).toEqual({ value: { text: 'v1' }, fetchedAt: clock, stale: false });
    expect(store.records.get('k')?.expiresAt).toBe(clock + 14 * DAY);

    clock += 13 * DAY;
    const second = await readThrough('k', TTL.summary, fetcher, { store, scheduler, now });
    expect(second.dated?.value).toEqual({ text: 'v1' });
    expect(second.dated?.stale).toBe(false);
    expect(second.refresh).toBeUndefined();
    expect(fetches).toBe(1);
  });

  it('roles expire after 24 hours, summaries after 14 days', () => {
    expect(TTL.facts).toBe(24 * HOUR);
    expect(TTL.summary).toBe(14 * DAY);
  });

  it('serves a stale value at once and refreshes it in the background', async () => {
    const store = memoryStore();
    const scheduler = createScheduler(noSleep);
    let fetches = 0;
    const fetcher = async () => ({ role: fetches++ === 0 ? 'CTO' : 'CEO' });
    await readThrough('roles', TTL.facts, fetcher, { store, scheduler, now });
    const fetchedAt = clock;

    clock += 25 * HOUR;
    const stale = await readThrough('roles', TTL.facts, fetcher, { store, scheduler, now });
    expect(stale.dated).toEqual({ value: { role: 'CTO' }, fetchedAt, stale: true });
    expect(stale.refresh).toBeInstanceOf(Promise);
    await stale.refresh;
    expect(fetches).toBe(2);

    const fresh = await readThrough('roles', TTL.facts, fetcher, { store, scheduler, now });
    expect(fresh.dated).toEqual({ value: { role: 'CEO' }, fetchedAt: clock, stale: false });
  });

  it('keeps the stale value when the refresh fails (offline)', async () => {
    const store = memoryStore();
    const scheduler = createScheduler({ ...noSleep, maxAttempts: 2 });
    let online = true;
    const fetcher = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return { text: 'cached' };
    };
    await readThrough('k', TTL.facts, fetcher, { store, scheduler, now });
    online = false;
    clock += 2 * DAY;
    const result = await readThrough('k', TTL.facts, fetcher, { store, scheduler, now });
    await result.refresh;
    expect(result.dated?.value).toEqual({ text: 'cached' });
    expect(result.dated?.stale).toBe(true);
    // the record was not overwritten by the failure
    expect((await store.get('k'))?.value).toEqual({ data: { text: 'cached' } });
  });

  it('answers with an error, not a throw, when nothing is cached and the network is down', async () => {
    const store = memoryStore();
    const scheduler = createScheduler({ ...noSleep, maxAttempts: 2 });
    const result = await readThrough(
      'k',
      TTL.summary,
      async () => {
        throw new TypeError('Failed to fetch');
      },
      { store, scheduler, now },
    );
    expect(result.dated).toBeUndefined();
    expect(result.error).toMatch(/offline/);
    const limited = await readThrough(
      'k2',
      TTL.summary,
      async () => {
        throw new HttpError(429, 'en.wikipedia.org answered 429');
      },
      { store, scheduler, now },
    );
    expect(limited.error).toBe('en.wikipedia.org answered 429');
  });

  it('remembers "not found" for a day instead of asking on every hover', async () => {
    const store = memoryStore();
    const scheduler = createScheduler(noSleep);
    let fetches = 0;
    const fetcher = async () => {
      fetches++;
      return null;
    };
    expect((await readThrough('missing', TTL.summary, fetcher, { store, scheduler, now })).notFound).toBe(true);
    clock += 23 * HOUR;
    expect((await readThrough('missing', TTL.summary, fetcher, { store, scheduler, now })).notFound).toBe(true);
    expect(fetches).toBe(1);
    expect(store.records.get('missing')?.expiresAt).toBe(clock - 23 * HOUR + TTL.notFound);
  });

  it('still works when storage fails', async () => {
    const scheduler = createScheduler(noSleep);
    const broken: CacheStore = {
      get: async () => {
        throw new Error('QuotaExceededError');
      },
      put: async () => {
        throw new Error('QuotaExceededError');
      },
    };
    const result = await readThrough('k', TTL.summary, async () => ({ ok: 1 }), { store: broken, scheduler, now });
    expect(result.dated?.value).toEqual({ ok: 1 });
  });

  it('two cards asking for the same entity at once cause one request', async () => {
    const store = memoryStore();
    const scheduler = createScheduler(noSleep);
    let fetches = 0;
    const fetcher = async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 5));
      return { text: 'x' };
    };
    const [a, b] = await Promise.all([
      readThrough('same', TTL.summary, fetcher, { store, scheduler, now }),
      readThrough('same', TTL.summary, fetcher, { store, scheduler, now }),
    ]);
    expect(a.dated?.value).toEqual({ text: 'x' });
    expect(b.dated?.value).toEqual({ text: 'x' });
    expect(fetches).toBe(1);
  });
});

describe('live cache in IndexedDB', () => {
  let db: BackstoryDB;
  beforeEach(async () => {
    db = new BackstoryDB(`live-cache-${Math.random()}`);
    await db.open();
  });

  it('stores and reads records through Dexie, surviving a reopen', async () => {
    const store = liveCacheStore(db);
    await store.put({ key: 'wp|x|Title', value: { data: { title: 'Title' } }, fetchedAt: 1, expiresAt: 2 });
    const name = db.name;
    db.close();
    const reopened = new BackstoryDB(name);
    expect(await liveCacheStore(reopened).get('wp|x|Title')).toEqual({
      key: 'wp|x|Title',
      value: { data: { title: 'Title' } },
      fetchedAt: 1,
      expiresAt: 2,
    });
    reopened.close();
  });

  it('prunes records nobody refreshed for long, and the oldest beyond the cap', async () => {
    const now = 1_000 * DAY;
    await db.liveCache.bulkPut([
      { key: 'ancient', value: {}, fetchedAt: now - KEEP_STALE_FOR - 1, expiresAt: 0 },
      { key: 'a', value: {}, fetchedAt: now - 3, expiresAt: now },
      { key: 'b', value: {}, fetchedAt: now - 2, expiresAt: now },
      { key: 'c', value: {}, fetchedAt: now - 1, expiresAt: now },
    ]);
    expect(await pruneLiveCache(db, now, 2)).toBe(2);
    expect((await db.liveCache.toCollection().primaryKeys()).sort()).toEqual(['b', 'c']);
  });
});
