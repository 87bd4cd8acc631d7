// The reader's own claim history: claims from pages read before, kept in this browser only
// (never sent anywhere), pruned after the retention period and clearable at once.
import type { BackstoryDB, ClaimHistoryRecord } from './database';
import { linkHistory, type HistoryClaim } from '../claims/link';
import type { ClaimNumber, PageClaim } from '../claims/types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** claims kept per page: the best-ranked ones are the ones worth comparing later */
export const MAX_CLAIMS_PER_PAGE = 40;
const MAX_TEXT = 600;

function toHistoryClaim(record: ClaimHistoryRecord): HistoryClaim {
  return { ...record, numbers: (record.numbers ?? []) as ClaimNumber[] };
}

export function cutoffFor(retentionDays: number, now: number): number {
  return now - Math.max(1, retentionDays) * DAY_MS;
}

/** Replaces what was recorded for this URL with the page's current claims. */
/** The article's publication date as ms, from the page's metadata (an ISO date); undefined when absent or unreadable. */
export function publishedMs(published: string | undefined): number | undefined {
  if (!published) return undefined;
  const ms = Date.parse(published);
  return Number.isFinite(ms) ? ms : undefined;
}

export async function recordPageClaims(
  db: BackstoryDB,
  page: { url: string; title: string; published?: string },
  claims: PageClaim[],
  now = Date.now(),
): Promise<number> {
  const worth = claims.filter((c) => c.subjects.length).slice(0, MAX_CLAIMS_PER_PAGE);
  const published = publishedMs(page.published);
  const records: ClaimHistoryRecord[] = worth.map((c) => ({
    url: page.url,
    title: page.title.slice(0, 300),
    seenAt: now,
    text: c.text.slice(0, MAX_TEXT),
    kind: c.kind,
    subjects: c.subjects,
    speaker: c.speaker,
    metric: c.metric ?? c.numbers.find((n) => n.metric)?.metric,
    numbers: c.numbers.map(({ min, max, unit, raw, metric, approx, atLeast, atMost }) => ({
      min,
      max,
      unit,
      raw,
      metric,
      approx,
      atLeast,
      atMost,
    })),
    ...(published !== undefined ? { published } : {}),
  }));
  await db.transaction('rw', db.claimHistory, async () => {
    await db.claimHistory.where('url').equals(page.url).delete();
    if (records.length) await db.claimHistory.bulkAdd(records);
  });
  return records.length;
}

/** Earlier claims (within the retention period) sharing a subject with any of `subjects`. */
export async function historyFor(db: BackstoryDB, subjects: string[], since: number): Promise<HistoryClaim[]> {
  if (!subjects.length) return [];
  const records = await db.claimHistory.where('subjects').anyOf(subjects).distinct().toArray();
  return records.filter((r) => r.seenAt >= since).map(toHistoryClaim);
}

/** Deletes claims older than the retention period; returns how many went. */
export async function pruneHistory(db: BackstoryDB, retentionDays: number, now = Date.now()): Promise<number> {
  return db.claimHistory.where('seenAt').below(cutoffFor(retentionDays, now)).delete();
}

export async function clearHistory(db: BackstoryDB): Promise<number> {
  const count = await db.claimHistory.count();
  await db.claimHistory.clear();
  return count;
}

export async function historyStats(db: BackstoryDB): Promise<{ claims: number; pages: number; oldest: number | null }> {
  const claims = await db.claimHistory.count();
  const pages = (await db.claimHistory.orderBy('url').uniqueKeys()).length;
  const oldest = (await db.claimHistory.orderBy('seenAt').first())?.seenAt ?? null;
  return { claims, pages, oldest };
}

/**
 * Links a page's claims to earlier ones from other pages, then records the page. Links are read
 * before this page is written, so a page never links to itself.
 */
export async function linkAndRecord(
  db: BackstoryDB,
  page: { url: string; title: string; published?: string },
  claims: PageClaim[],
  options: { retentionDays: number; now?: number },
): Promise<PageClaim[]> {
  const now = options.now ?? Date.now();
  await pruneHistory(db, options.retentionDays, now);
  const subjects = [...new Set(claims.flatMap((c) => c.subjects))];
  const earlier = (await historyFor(db, subjects, cutoffFor(options.retentionDays, now))).filter((r) => r.url !== page.url);
  const linked = claims.map((claim) => {
    const links = linkHistory(claim, earlier, page.url);
    if (!links.length) return claim;
    // a disagreement with something read before is worth the reader's attention first
    const bonus = links.some((l) => l.disagreement) ? 1.5 : 0.5;
    return { ...claim, links: [...claim.links, ...links], score: Math.round((claim.score + bonus) * 100) / 100 };
  });
  linked.sort((a, b) => b.score - a.score || a.start - b.start);
  await recordPageClaims(db, page, linked, now);
  return linked;
}
