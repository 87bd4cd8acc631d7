// The extension's IndexedDB, owned by the background and the extension pages (never a content
// script: there IndexedDB would belong to the page's origin).
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Entity, TrackedClaim } from '../kb/schema';
import type { WebAnnotation } from '../annotations/model';

/** A page the reader visited (reading history: what it mentioned, never its text). */
export interface PageRecord {
  url: string;
  title: string;
  visitedAt: number;
  relevance: number;
  gated: boolean;
  entityCounts: Record<string, number>;
  claimCount: number;
}

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

/** A claim seen on a page the user read (local reading history, never sent anywhere). */
export interface ClaimHistoryRecord {
  id?: number;
  url: string;
  title: string;
  seenAt: number;
  text: string;
  kind: string;
  subjects: string[];
  speaker: string | null;
  metric?: string;
  numbers: unknown[];
  /** the article's publication date from its metadata (ms), when the page declared one */
  published?: number;
}

/** The reader's verdict on a prediction (lib/predictions), kept locally and exported with dossiers. */
export interface OutcomeRecord {
  /** the prediction's key: `tracked:<id>` or `history:<hash of url and text>` (lib/predictions/list.ts) */
  id: string;
  outcome: 'came-true' | 'partly' | 'missed' | 'open' | 'withdrawn';
  note: string;
  /** a link to what settled it */
  source?: string;
  /** the prediction's wording and speaker, so an exported outcome still says what it was about */
  statement: string;
  speaker?: string | null;
  created: number;
  modified: number;
}

/** Cached live context (opt-in), with its fetch time and expiry. */
export interface LiveCacheRecord {
  key: string;
  value: unknown;
  fetchedAt: number;
  expiresAt: number;
}

/** A name found on a page that the pack does not know, with the user's decision. */
export interface DiscoveredNameRecord {
  key: string;
  name: string;
  type: 'person' | 'org';
  status: 'dismissed' | 'promoted';
  decidedAt: number;
}

/**
 * A saved annotation: the W3C annotation exactly as exported, plus the fields the manager filters
 * and sorts on (derived from it by lib/db/annotations.ts toRecord) and its last anchoring result.
 */
export interface AnnotationRecord {
  id: string;
  annotation: WebAnnotation;
  source: string;
  /** the URL it was saved on, when that differs from the canonical source */
  scope?: string;
  site: string;
  created: number;
  modified: number;
  /** lowercase, for the tag index */
  tags: string[];
  entityId?: string;
  /** set when a visit to the page tried to re-anchor it */
  status?: 'anchored' | 'orphan';
  checkedAt?: number;
}

export const DB_NAME = 'backstory';
export const SCHEMA_HISTORY_KEY = 'schemaHistory';

export class BackstoryDB extends Dexie {
  meta!: Table<MetaRecord, string>;
  entities!: EntityTable<EntityRecord, 'id'>;
  trackedClaims!: EntityTable<TrackedClaim, 'id'>;
  pages!: Table<PageRecord, string>;
  suppressions!: EntityTable<SuppressionRecord, 'id'>;
  claimHistory!: EntityTable<ClaimHistoryRecord, 'id'>;
  liveCache!: Table<LiveCacheRecord, string>;
  discovered!: Table<DiscoveredNameRecord, string>;
  annotations!: Table<AnnotationRecord, string>;
  outcomes!: Table<OutcomeRecord, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version history: never edit a shipped version; add a new one with an upgrade function.
    this.version(1).stores({
      meta: 'key',
      entities: 'id, type, origin, name',
      trackedClaims: 'id, *subjects, speaker, metric',
      pages: 'url, visitedAt',
      suppressions: '++id, host, [host+entityId]',
      claimHistory: '++id, url, seenAt, *subjects, metric',
      liveCache: 'key, expiresAt',
      discovered: 'key, status',
    });
    // v2: saved annotations (W3C Web Annotations, see lib/annotations/model.ts).
    this.version(2)
      .stores({
        annotations: 'id, source, scope, site, created, modified, *tags, entityId, status',
      })
      .upgrade(async (tx) => {
        // Nothing to convert yet; record when this profile moved up, so a support question can be answered.
        const history =
          ((await tx.table('meta').get(SCHEMA_HISTORY_KEY))?.value as { from: number; to: number; at: number }[] | undefined) ?? [];
        await tx.table('meta').put({ key: SCHEMA_HISTORY_KEY, value: [...history, { from: 1, to: 2, at: Date.now() }] });
      });
    // v3: the reader's outcomes for predictions (the track record, lib/predictions).
    this.version(3)
      // claimHistory gains a speaker index: a dossier reads the claims about an entity and those it made
      .stores({ outcomes: 'id, outcome, modified', claimHistory: '++id, url, seenAt, *subjects, metric, speaker' })
      .upgrade(async (tx) => {
        const history =
          ((await tx.table('meta').get(SCHEMA_HISTORY_KEY))?.value as { from: number; to: number; at: number }[] | undefined) ?? [];
        await tx.table('meta').put({ key: SCHEMA_HISTORY_KEY, value: [...history, { from: 2, to: 3, at: Date.now() }] });
      });
  }
}

export function openDatabase(name = DB_NAME): BackstoryDB {
  return new BackstoryDB(name);
}
