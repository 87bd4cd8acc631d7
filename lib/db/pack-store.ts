// Loading the pack into Dexie, keeping the user's custom entities across updates.
import type { Entity, Pack } from '../kb/schema';
import type { BackstoryDB, EntityRecord } from './database';

const PACK_VERSION_KEY = 'packVersion';

export async function storedPackVersion(db: BackstoryDB): Promise<string | undefined> {
  return (await db.meta.get(PACK_VERSION_KEY))?.value as string | undefined;
}

/**
 * Replaces the pack's entities and tracked claims when the version differs from the stored one.
 * Custom entities are untouched. All in one transaction: a failure leaves the old pack in place.
 */
export async function installPack(db: BackstoryDB, pack: Pack, { force = false } = {}): Promise<{ installed: boolean; version: string }> {
  const current = await storedPackVersion(db);
  if (!force && current === pack.version) return { installed: false, version: pack.version };
  await db.transaction('rw', db.entities, db.trackedClaims, db.meta, async () => {
    await db.entities.where('origin').equals('pack').delete();
    await db.trackedClaims.clear();
    const customIds = new Set((await db.entities.where('origin').equals('custom').primaryKeys()) as string[]);
    // a custom entity with a pack id shadows the pack one
    const records: EntityRecord[] = pack.entities.filter((e) => !customIds.has(e.id)).map((e) => ({ ...e, origin: 'pack' as const }));
    await db.entities.bulkPut(records);
    await db.trackedClaims.bulkPut(pack.trackedClaims);
    await db.meta.put({ key: PACK_VERSION_KEY, value: pack.version });
  });
  return { installed: true, version: pack.version };
}

export async function customEntities(db: BackstoryDB): Promise<Entity[]> {
  return (await db.entities.where('origin').equals('custom').toArray()).map(stripOrigin);
}

export function stripOrigin(record: EntityRecord): Entity {
  const { origin: _origin, ...entity } = record;
  return entity;
}
