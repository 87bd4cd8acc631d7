// Read-through cache with a time-to-live and stale-while-revalidate. Expired records are kept:
// when a refresh fails (offline, rate-limited), the last known value is still worth showing.
import type { Scheduler } from './scheduler';
import type { Dated } from './types';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Time-to-live per kind of record. */
export const TTL = {
  /** Wikipedia summaries: descriptions and extracts change slowly */
  summary: 14 * DAY,
  /** Wikidata facts carry current roles, which change fast */
  facts: 24 * HOUR,
  /** "no such article": asked again after a day */
  notFound: 24 * HOUR,
} as const;

/** Records not refreshed for this long are pruned, even though they could still serve offline. */
export const KEEP_STALE_FOR = 60 * DAY;

export interface CacheRecord {
  key: string;
  /** `{ data: null }` records "the source has nothing for this key" */
  value: unknown;
  fetchedAt: number;
  expiresAt: number;
}

export interface CacheStore {
  get(key: string): Promise<CacheRecord | undefined>;
  put(record: CacheRecord): Promise<void>;
}

export interface ReadResult<T> {
  /** the value with its age; undefined when nothing is cached and the fetch failed or found nothing */
  dated?: Dated<T>;
  /** the source answered that it has nothing (cached or fresh) */
  notFound?: boolean;
  /** why nothing could be fetched */
  error?: string;
  /** a background refresh started for a stale value (tests await it) */
  refresh?: Promise<void>;
}

export interface ReadThroughOptions {
  store: CacheStore;
  scheduler: Scheduler;
  now?: () => number;
}

function describe(err: unknown): string {
  if (err instanceof TypeError) return 'offline or the server could not be reached';
  return err instanceof Error ? err.message : String(err);
}

export async function readThrough<T>(
  key: string,
  ttlMs: number,
  fetcher: () => Promise<T | null>,
  options: ReadThroughOptions,
): Promise<ReadResult<T>> {
  const now = options.now ?? Date.now;
  let record: CacheRecord | undefined;
  try {
    record = await options.store.get(key);
  } catch {
    record = undefined; // storage trouble: behave as if nothing were cached
  }

  const fetchAndStore = () =>
    options.scheduler.run(key, async () => {
      const data = await fetcher();
      const fetchedAt = now();
      const next: CacheRecord = { key, value: { data }, fetchedAt, expiresAt: fetchedAt + (data === null ? TTL.notFound : ttlMs) };
      await options.store.put(next).catch(() => undefined);
      return next;
    });

  const toResult = (rec: CacheRecord, stale: boolean): ReadResult<T> => {
    const data = (rec.value as { data?: T | null } | undefined)?.data;
    if (data === null || data === undefined) return { notFound: true };
    return { dated: { value: data, fetchedAt: rec.fetchedAt, stale } };
  };

  if (record && now() < record.expiresAt) return toResult(record, false);
  if (record) {
    // serve the stale value now; a failed refresh keeps it
    const refresh = fetchAndStore().then(
      () => undefined,
      () => undefined,
    );
    return { ...toResult(record, true), refresh };
  }
  try {
    return toResult(await fetchAndStore(), false);
  } catch (err) {
    return { error: describe(err) };
  }
}
