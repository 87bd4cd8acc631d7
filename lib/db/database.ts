// The extension's IndexedDB, owned by the background and the extension pages (never a content
// script: there IndexedDB would belong to the page's origin).
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Entity, TrackedClaim } from '../kb/schema';
import type { PageRecord } from '../messaging/protocol';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface EntityRecord extends Entity {
  /** 'pack' for bundled entities, 'custom' for the user's own */
  origin: 'pack' | 'custom';
}

export interface SuppressionRecord {
  id?: number;
  host: string;
  entityId: string;
  text: string;
  createdAt: number;
}

export const DB_NAME = 'backstory';

export class BackstoryDB extends Dexie {
  meta!: Table<MetaRecord, string>;
  entities!: EntityTable<EntityRecord, 'id'>;
  trackedClaims!: EntityTable<TrackedClaim, 'id'>;
  pages!: Table<PageRecord, string>;
  suppressions!: EntityTable<SuppressionRecord, 'id'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version history: never edit a shipped version; add a new one with an upgrade function.
    this.version(1).stores({
      meta: 'key',
      entities: 'id, type, origin, name',
      trackedClaims: 'id, *subjects, speaker, metric',
      pages: 'url, visitedAt',
      suppressions: '++id, host, [host+entityId]',
    });
  }
}

export function openDatabase(name = DB_NAME): BackstoryDB {
  return new BackstoryDB(name);
}
