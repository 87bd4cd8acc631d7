// Repositories for the live context cache and the user's decisions about discovered names.
import type { CacheRecord, CacheStore } from '../live/cache';
import { KEEP_STALE_FOR } from '../live/cache';
import type { BackstoryDB, DiscoveredNameRecord, EntityRecord } from './database';

/** More records than this and the least recently fetched go first. */
export const MAX_CACHE_RECORDS = 5000;

export function liveCacheStore(db: BackstoryDB): CacheStore {
  return {
    get: (key) => db.liveCache.get(key),
    put: async (record: CacheRecord) => {
      await db.liveCache.put(record);
    },
  };
}

/** Drops records nobody refreshed for KEEP_STALE_FOR, then the oldest beyond MAX_CACHE_RECORDS. */
export async function pruneLiveCache(db: BackstoryDB, now = Date.now(), max = MAX_CACHE_RECORDS): Promise<number> {
  const old = await db.liveCache.filter((r) => r.fetchedAt < now - KEEP_STALE_FOR).primaryKeys();
  await db.liveCache.bulkDelete(old);
  const count = await db.liveCache.count();
  let removed = old.length;
  if (count > max) {
    const all = await db.liveCache.toArray();
    const excess = all
      .sort((a, b) => a.fetchedAt - b.fetchedAt)
      .slice(0, count - max)
      .map((r) => r.key);
    await db.liveCache.bulkDelete(excess);
    removed += excess.length;
  }
  return removed;
}

export async function clearLiveCache(db: BackstoryDB): Promise<void> {
  await db.liveCache.clear();
}

/** Names are compared case- and space-insensitively ("Mira  Okafor" is "mira okafor"). */
export function discoveredKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function decidedNames(db: BackstoryDB): Promise<DiscoveredNameRecord[]> {
  return db.discovered.toArray();
}

export async function dismissDiscovered(
  db: BackstoryDB,
  name: string,
  type: DiscoveredNameRecord['type'],
  now = Date.now(),
): Promise<DiscoveredNameRecord> {
  const record: DiscoveredNameRecord = { key: discoveredKey(name), name: name.trim(), type, status: 'dismissed', decidedAt: now };
  await db.discovered.put(record);
  return record;
}

export async function undoDiscoveredDecision(db: BackstoryDB, name: string): Promise<void> {
  await db.discovered.delete(discoveredKey(name));
}

/** Saves a custom entity for a discovered name and records the decision, in one transaction. */
export async function promoteDiscovered(db: BackstoryDB, entity: EntityRecord, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.entities, db.discovered, async () => {
    if (await db.entities.get(entity.id)) throw new Error(`An entity with id "${entity.id}" already exists.`);
    await db.entities.put(entity);
    await db.discovered.put({
      key: discoveredKey(entity.name),
      name: entity.name,
      type: entity.type as DiscoveredNameRecord['type'],
      status: 'promoted',
      decidedAt: now,
    });
  });
}
