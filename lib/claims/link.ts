// Linking page claims to what is known: the pack's tracked claims, and claims from pages read before.
// Pure: the history records come in as a parameter (lib/db/claim-history.ts reads them).
import type { Entity, TrackedClaim } from '../kb/schema';
import { compareNumbers, metricFamily } from './numbers';
import type { ClaimLink, ClaimNumber, PageClaim } from './types';

const STOPWORDS = new Set(
  'the a an and or but of to in on at for with by from as is are was were be been being it its this that these those their his her he she they we you i not no so than then there here which who whom whose what when where why how all any some more most other such only own same too very can will just also into over about after before between through during under again further once would could should may might must has have had do does did says said'.split(
    ' ',
  ),
);

export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []) {
    const word = raw.replace(/[’']s$/, '').replace(/[.]+$/, '');
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    out.add(word);
  }
  return out;
}

/** Metrics a claim speaks to: its own, and those of its numbers. */
export function claimMetrics(claim: Pick<PageClaim, 'metric' | 'numbers'>): Set<string> {
  const out = new Set<string>();
  if (claim.metric) out.add(claim.metric);
  for (const n of claim.numbers) if (n.metric) out.add(n.metric);
  return out;
}

function familyOverlap(a: Set<string>, b: Set<string>): { exact: boolean; family: string | undefined } {
  for (const x of a) if (b.has(x)) return { exact: true, family: metricFamily(x) };
  const families = new Set([...b].map(metricFamily));
  for (const x of a) if (families.has(metricFamily(x))) return { exact: false, family: metricFamily(x) };
  return { exact: false, family: undefined };
}

export interface TrackedIndex {
  claims: TrackedClaim[];
  /** entity id → tracked claims whose subjects or speaker include it */
  bySubject: Map<string, TrackedClaim[]>;
  /** model → maker, so a claim about a model can reach claims about its lab */
  makers: Map<string, string>;
  words: Map<string, Set<string>>;
  /** lower-cased keywords per tracked claim */
  keywords: Map<string, string[]>;
}

export function indexTrackedClaims(claims: TrackedClaim[], entities: Entity[]): TrackedIndex {
  const bySubject = new Map<string, TrackedClaim[]>();
  const words = new Map<string, Set<string>>();
  const keywords = new Map<string, string[]>();
  for (const c of claims) {
    keywords.set(
      c.id,
      (c.keywords ?? []).map((k) => k.toLowerCase()),
    );
    for (const id of new Set([...c.subjects, ...(c.speaker ? [c.speaker] : [])])) {
      const list = bySubject.get(id) ?? [];
      list.push(c);
      bySubject.set(id, list);
    }
    words.set(c.id, contentWords(`${c.statement} ${(c.keywords ?? []).join(' ')}`));
  }
  const makers = new Map<string, string>();
  for (const e of entities) {
    const maker = e.relations?.find((r) => r.type === 'maker');
    if (maker) makers.set(e.id, maker.target);
  }
  return { claims, bySubject, makers, words, keywords };
}

/** Keywords found at the start of a word of the claim ("gpu" counts in "GPUs"); names of the subjects say nothing. */
function keywordHits(prefixes: Set<string>, keywords: string[] | undefined, names: Set<string>): number {
  let hits = 0;
  for (const k of keywords ?? []) if (!names.has(k) && prefixes.has(k)) hits++;
  return hits;
}

/** Every prefix of every word (up to 24 characters), so a keyword check is one lookup. */
function wordPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}$][\p{L}\p{N}'’.,-]*/gu) ?? []) {
    for (let n = 1; n <= Math.min(token.length, 24); n++) out.add(token.slice(0, n));
  }
  return out;
}

/**
 * Tracked claims a page claim speaks to: they must share a subject (directly, or a model's maker)
 * and agree on what is measured, or on a number, or on wording. The link carries the claim's
 * status, context and sources, and flags numbers that differ beyond rounding.
 */
export function linkTracked(claim: PageClaim, index: TrackedIndex, limit = 2): ClaimLink[] {
  const people = new Set([...claim.subjects, ...(claim.speaker ? [claim.speaker] : [])]);
  const reach = new Map<string, number>();
  for (const id of people) {
    reach.set(id, 2);
    const maker = index.makers.get(id);
    if (maker && !reach.has(maker)) reach.set(maker, 1);
  }
  const seen = new Set<string>();
  const scored: { link: ClaimLink; score: number }[] = [];
  const metrics = claimMetrics(claim);
  const words = contentWords(claim.text);
  const prefixes = wordPrefixes(claim.text);
  const names = new Set<string>();
  for (const id of people) for (const part of id.split('-')) names.add(part);
  for (const [id] of reach) {
    for (const tc of index.bySubject.get(id) ?? []) {
      if (seen.has(tc.id)) continue;
      seen.add(tc.id);
      let subjectScore = 0;
      for (const s of tc.subjects) subjectScore = Math.max(subjectScore, reach.get(s) ?? 0);
      const speakerMatch = Boolean(tc.speaker && claim.speaker && tc.speaker === claim.speaker);
      if (!subjectScore && !speakerMatch) continue;
      const overlap = tc.metric ? familyOverlap(metrics, new Set([tc.metric])) : { exact: false, family: undefined };
      const numbers = (tc.numbers ?? []).map((n) => ({ ...n, raw: '', metric: tc.metric }));
      const verdict =
        overlap.family && numbers.length
          ? compareNumbers(
              claim.numbers.filter((n) => !n.metric || metricFamily(n.metric) === overlap.family),
              numbers,
            )
          : 'none';
      const hits = keywordHits(prefixes, index.keywords.get(tc.id), names);
      const tcWords = index.words.get(tc.id)!;
      let shared = 0;
      for (const w of words) if (tcWords.has(w) && !names.has(w)) shared++;
      const wordRatio = shared / Math.max(4, Math.min(words.size, tcWords.size));
      const metricMatch = overlap.exact || Boolean(overlap.family);
      // both sides say what they measure, and it differs: only close wording links them
      const metricConflict = Boolean(tc.metric && metrics.size && !metricMatch);
      const wordingMatch = metricConflict
        ? hits >= 3 && wordRatio >= 0.3
        : hits >= 3 || wordRatio >= 0.34 || (hits >= 2 && wordRatio >= 0.2);
      if (!metricMatch && verdict !== 'agree' && !wordingMatch) continue;
      // a metric alone is weak evidence when the wording shares nothing
      if (metricMatch && !wordingMatch && verdict === 'none' && hits === 0 && wordRatio < 0.12) continue;
      const score =
        subjectScore * 1.5 +
        (speakerMatch ? 1.5 : 0) +
        (overlap.exact ? 3 : overlap.family ? 2 : 0) +
        (verdict === 'agree' ? 2.5 : 0) +
        Math.min(hits, 4) * 0.8 +
        wordRatio * 4 +
        (tc.kind === claim.kind ? 0.5 : 0);
      if (score < 5) continue;
      scored.push({
        score,
        link: {
          kind: 'tracked',
          id: tc.id,
          statement: tc.statement,
          status: tc.status,
          context: tc.context,
          sources: tc.sources,
          metric: tc.metric,
          numbers: numbers.length ? numbers : undefined,
          speaker: tc.speaker,
          date: tc.date,
          disagreement: verdict === 'disagree' || undefined,
        },
      });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  // weaker matches than the best are noise; a "differs" flag is only worth showing against the closest claim
  const kept = scored.filter((s) => s.score >= scored[0]?.score * 0.8).slice(0, limit);
  return kept.map((s, i) => (i > 0 && s.link.disagreement ? { ...s.link, disagreement: undefined } : s.link));
}

/** A claim from a page read before, as the history repository stores it. */
export interface HistoryClaim {
  id?: number;
  url: string;
  title: string;
  seenAt: number;
  text: string;
  kind: string;
  subjects: string[];
  speaker: string | null;
  metric?: string;
  numbers: ClaimNumber[];
  /** the article's publication date (ms), when its page declared one */
  published?: number;
}

/**
 * Earlier claims (from other pages) with a shared subject and the same metric family. A link is
 * flagged as a disagreement when both give figures for that metric and none agree within rounding.
 */
export function linkHistory(claim: PageClaim, earlier: HistoryClaim[], currentUrl: string, limit = 3): ClaimLink[] {
  const metrics = claimMetrics(claim);
  if (!metrics.size) return [];
  const subjects = new Set(claim.subjects);
  const best = new Map<string, { link: ClaimLink; score: number }>();
  for (const record of earlier) {
    if (record.url === currentUrl) continue;
    if (!record.subjects.some((s) => subjects.has(s))) continue;
    const recordMetrics = claimMetrics({ metric: record.metric, numbers: record.numbers });
    const overlap = familyOverlap(metrics, recordMetrics);
    if (!overlap.family) continue;
    const mine = claim.numbers.filter((n) => n.metric && metricFamily(n.metric) === overlap.family);
    const theirs = record.numbers.filter((n) => n.metric && metricFamily(n.metric) === overlap.family);
    const verdict = compareNumbers(mine, theirs);
    const score = (overlap.exact ? 2 : 1) + (verdict === 'disagree' ? 2 : verdict === 'agree' ? 1 : 0) + record.seenAt / 1e15;
    const key = `${record.url}\u0000${overlap.family}`;
    const previous = best.get(key);
    // one link per earlier page and measure: the most telling claim from it
    if (previous && previous.score >= score) continue;
    best.set(key, {
      score,
      link: {
        kind: 'history',
        id: String(record.id ?? `${record.url}#${record.text.slice(0, 40)}`),
        statement: record.text,
        url: record.url,
        title: record.title,
        seenAt: record.seenAt,
        metric: [...recordMetrics].find((m) => metricFamily(m) === overlap.family),
        numbers: theirs.length ? theirs : undefined,
        speaker: record.speaker,
        disagreement: verdict === 'disagree' || undefined,
      },
    });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.link);
}
