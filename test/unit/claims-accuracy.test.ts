// Claim extraction measured on a labelled set (test/fixtures/claims-labelled): precision and recall
// per kind, and who is quoted. The detector and the real pack run first, as in the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { createClaimExtractor } from '../../lib/claims/pipeline';
import { CLAIM_KINDS, type ClaimKind } from '../../lib/kb/schema';
import type { PageClaim } from '../../lib/claims/types';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LABELLED = path.join(ROOT, 'test/fixtures/claims-labelled');

interface Expected {
  has: string;
  kind: ClaimKind;
  speaker: string | null;
  subjects: string[];
}
interface Article {
  id: string;
  /** written after the extractor was tuned, to check it was not fitted to the rest */
  heldOut?: boolean;
  /** labelling batch, for articles written in a later round (its figures are printed on their own line) */
  batch?: number;
  text?: string;
  sample?: string;
  claims: Expected[];
}

function articleText(a: Article): string {
  if (a.text) return a.text;
  const raw = fs.readFileSync(path.join(ROOT, 'assets/samples', a.sample!), 'utf8');
  if (!a.sample!.endsWith('.html')) return raw;
  const doc = new DOMParser().parseFromString(raw, 'text/html');
  return extractText(doc).text;
}

const articles: Article[] = fs
  .readdirSync(LABELLED)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(LABELLED, f), 'utf8')) as Article);

const pack = loadPackFromDir();
const detector = createDetector(compileAliasTable(pack));
const extract = createClaimExtractor(pack);

interface Tally {
  /** predicted claims that match a labelled one of their kind (precision) */
  tp: number;
  /** labelled claims found with their kind (recall): one claim may cover several labelled sentences, a multi-sentence quotation */
  hit: number;
  predicted: number;
  expected: number;
}

describe('claims: accuracy on the labelled set', () => {
  it('labels name real, unique sentences', () => {
    expect(articles.length).toBeGreaterThanOrEqual(8);
    for (const a of articles) {
      const text = articleText(a);
      for (const e of a.claims) {
        const first = text.indexOf(e.has);
        expect(first, `${a.id}: "${e.has}" not in the text`).toBeGreaterThanOrEqual(0);
        expect(text.indexOf(e.has, first + 1), `${a.id}: "${e.has}" is not unique`).toBe(-1);
      }
    }
  });

  it('finds claims with precision ≥ 0.95 and recall ≥ 0.96, and names the quoted speaker ≥ 90% of the time', () => {
    const byKind = new Map<ClaimKind, Tally>(CLAIM_KINDS.map((k) => [k, { tp: 0, hit: 0, predicted: 0, expected: 0 }]));
    let hits = 0;
    let found = 0; // claims found regardless of kind
    let predictedTotal = 0;
    let expectedTotal = 0;
    let quotes = 0;
    let speakersRight = 0;
    let subjectsExpected = 0;
    let subjectsFound = 0;
    const held = { tp: 0, hit: 0, predicted: 0, expected: 0, quotes: 0, speakers: 0 };
    const batches = new Map<
      number,
      { tp: number; hit: number; predicted: number; expected: number; quotes: number; speakers: number; articles: number }
    >();
    const misses: string[] = [];
    for (const a of articles) {
      const text = articleText(a);
      const detection = detector.detect(text, { force: true });
      const claims = extract(text, detection.mentions);
      // a claim covering several labelled sentences (one quotation) matches the one of its own kind first
      const matchOf = (c: PageClaim) =>
        a.claims.find((e) => c.text.includes(e.has) && e.kind === c.kind) ?? a.claims.find((e) => c.text.includes(e.has));
      const batch =
        a.batch === undefined
          ? undefined
          : (batches.get(a.batch) ?? { tp: 0, hit: 0, predicted: 0, expected: 0, quotes: 0, speakers: 0, articles: 0 });
      if (batch && a.batch !== undefined) {
        batch.articles++;
        batches.set(a.batch, batch);
      }
      for (const e of a.claims) {
        byKind.get(e.kind)!.expected++;
        expectedTotal++;
        if (a.heldOut) held.expected++;
        if (batch) batch.expected++;
        const c = claims.find((p) => p.text.includes(e.has));
        if (!c) {
          misses.push(`${a.id}: missed [${e.kind}] ${e.has}`);
          continue;
        }
        if (c.kind === e.kind) {
          byKind.get(e.kind)!.hit++;
          hits++;
          if (a.heldOut) held.hit++;
          if (batch) batch.hit++;
        }
        for (const s of e.subjects) {
          subjectsExpected++;
          if (c.subjects.includes(s)) subjectsFound++;
        }
        if (e.kind === 'quote') {
          quotes++;
          if (a.heldOut) held.quotes++;
          if (a.heldOut && c.speaker === e.speaker) held.speakers++;
          if (batch) {
            batch.quotes++;
            if (c.speaker === e.speaker) batch.speakers++;
          }
          if (c.speaker === e.speaker) speakersRight++;
          else misses.push(`${a.id}: speaker ${c.speaker} ≠ ${e.speaker}: ${e.has}`);
        }
      }
      for (const c of claims) {
        byKind.get(c.kind)!.predicted++;
        predictedTotal++;
        if (a.heldOut) held.predicted++;
        if (batch) batch.predicted++;
        const e = matchOf(c);
        if (!e) {
          misses.push(`${a.id}: extra [${c.kind}] ${c.text.slice(0, 90)}`);
          continue;
        }
        found++;
        if (e.kind === c.kind) {
          byKind.get(c.kind)!.tp++;
          if (a.heldOut) held.tp++;
          if (batch) batch.tp++;
        } else misses.push(`${a.id}: kind ${c.kind} ≠ ${e.kind}: ${e.has}`);
      }
    }
    const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1).padStart(5)}%` : '    –');
    const lines = ['kind         precision  recall   (tp/predicted, found/expected)'];
    let tp = 0;
    for (const [kind, t] of byKind) {
      tp += t.tp;
      lines.push(
        `${kind.padEnd(12)} ${pct(t.tp, t.predicted)}   ${pct(t.hit, t.expected)}   (${t.tp}/${t.predicted}, ${t.hit}/${t.expected})`,
      );
    }
    const precision = tp / predictedTotal;
    const recall = hits / expectedTotal;
    const speakerAccuracy = speakersRight / quotes;
    lines.push(`all (kind)   ${pct(tp, predictedTotal)}   ${pct(hits, expectedTotal)}`);
    lines.push(`any kind     ${pct(found, predictedTotal)}   ${pct(found, expectedTotal)}   (sentence found, kind aside)`);
    lines.push(
      `held out     ${pct(held.tp, held.predicted)}   ${pct(held.hit, held.expected)}   speakers ${pct(held.speakers, held.quotes)} (${articles.filter((a) => a.heldOut).length} articles written after tuning)`,
    );
    for (const [n, b] of [...batches].sort((x, y) => x[0] - y[0])) {
      lines.push(
        `batch ${n}      ${pct(b.tp, b.predicted)}   ${pct(b.hit, b.expected)}   speakers ${pct(b.speakers, b.quotes)} (${b.articles} articles)`,
      );
    }
    lines.push(
      `quote speakers right: ${pct(speakersRight, quotes)} (${speakersRight}/${quotes}); expected subjects found: ${pct(subjectsFound, subjectsExpected)}`,
    );
    console.log(`Claims on ${articles.length} labelled articles\n${lines.join('\n')}\n${misses.map((m) => `  ${m}`).join('\n')}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.96);
    expect(speakerAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
