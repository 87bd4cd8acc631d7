// Quote speakers and claims on short AI-news articles written for this set (test/fixtures/ai-news-attribution):
// memos, earnings calls, podcasts and transcripts, posts on X, blog posts, analysts' notes, long block
// quotations, headlines and captions. Labelled with speakers and claims before the extractors were changed
// for them; see the folder's README for the rules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimExtractor, createQuoteLister } from '../../lib/claims/pipeline';
import { createDetector } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { sameSpeaker } from './same-speaker';

const DIR = path.resolve(import.meta.dirname, '../fixtures/ai-news-attribution');

interface Article {
  id: string;
  /** 2: written after the rules were tuned on batch 1, measured before any change they prompted */
  batch?: number;
  text: string;
  /** each labelled quote by a unique piece of its words, with its speaker by name ("unnamed", or null) */
  quotes: { has: string; speaker: string | null }[];
  /** each labelled claim by a unique piece of its words; every other sentence is not a claim. Absent: the
   * article is labelled for quotes and speakers only (batch 4 on), and its claims are not measured */
  claims?: { has: string; kind: string }[];
}

const articles: Article[] = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Article);

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

describe('quotes and claims on AI-news articles', () => {
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const listQuotes = createQuoteLister(pack);
  const extract = createClaimExtractor(pack);

  it('labels point at text that is there, once', () => {
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.reduce((n, a) => n + a.quotes.length, 0)).toBeGreaterThanOrEqual(60);
    for (const a of articles)
      for (const l of [...a.quotes, ...(a.claims ?? [])]) expect(a.text.split(l.has).length - 1, `${a.id}: "${l.has}"`).toBe(1);
  });

  it('gives "said OpenAI CEO Sam Altman" to the person, not the organisation before the title', () => {
    const text = '“Reasoning models changed what a query costs,” said OpenAI CEO Sam Altman.';
    const q = listQuotes(text, detector.detect(text, { force: true }).mentions);
    expect(q[0]?.speakerName).toBe('Sam Altman');
  });

  it('makes one claim of one continuous quotation, whichever of its sentences names the entity', () => {
    const claimsOf = (text: string) => extract(text, detector.detect(text, { force: true }).mentions);
    const long =
      'Nvidia held its developer day in San Jose.\n“We designed the rack in eight months. Nobody believed the cooling would work. The first units failed twice. Our partners waited anyway. Blackwell is the result,” Jensen Huang said.';
    const claims = claimsOf(long).filter((c) => c.kind === 'quote');
    expect(claims).toHaveLength(1);
    expect(claims[0].text.startsWith('“We designed the rack')).toBe(true);
    expect(claims[0].speakerName).toBe('Jensen Huang');
    // one utterance split by its attribution
    const split =
      'OpenAI cut its prices again.\n“The cheaper the tokens, the more of them people buy,” Sam Altman said. “We have not once seen usage fall after a cut.”';
    const quotes = claimsOf(split).filter((c) => c.kind === 'quote');
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toContain('usage fall');
    // a sentence that says nothing checkable is not a claim; a headline that asserts something is
    const rest = claimsOf('Nvidia plans a second factory in Arizona.\nHuang did not say where it would be built.');
    expect(rest.map((c) => c.text)).toEqual(['Nvidia plans a second factory in Arizona.']);
  });

  it('takes claims about a company the pack does not know when the page shows it at work', () => {
    const text =
      'Brightloom builds video tools on top of OpenAI’s models.\nBrightloom launched a note-taking assistant for sales teams on Tuesday.\nBrightloom has also raised $40 million from two venture firms.\nThe weather in Toronto was mild.';
    const claims = extract(text, detector.detect(text, { force: true }).mentions).map((c) => c.text);
    expect(claims).toContain('Brightloom has also raised $40 million from two venture firms.');
    expect(claims).toContain('Brightloom launched a note-taking assistant for sales teams on Tuesday.');
    expect(claims.some((c) => c.includes('weather'))).toBe(false);
  });

  it('finds the quotes with their speakers, and the claims', () => {
    const tally = () => ({
      q: { labelled: 0, found: 0, speakers: 0, ours: 0, oursMatched: 0 },
      c: { labelled: 0, found: 0, kinds: 0, ours: 0, oursMatched: 0 },
    });
    const all = tally();
    const byBatch = new Map<number, ReturnType<typeof tally>>();
    const misses: string[] = [];
    for (const a of articles) {
      const batch = byBatch.get(a.batch ?? 1) ?? tally();
      byBatch.set(a.batch ?? 1, batch);
      // counts go to the whole set and to the article's batch
      const both = <K extends 'q' | 'c'>(k: K) =>
        new Proxy({} as (typeof all)[K], {
          get: (_, f: string) => (all[k] as Record<string, number>)[f],
          set: (_, f: string, v: number) => {
            const d = v - (all[k] as Record<string, number>)[f];
            (all[k] as Record<string, number>)[f] += d;
            (batch[k] as Record<string, number>)[f] += d;
            return true;
          },
        });
      const q = both('q');
      const c = both('c');
      const mentions = detector.detect(a.text, { force: true }).mentions;
      const ours = listQuotes(a.text, mentions);
      for (const l of a.quotes) {
        q.labelled++;
        const match = ours.find((o) => o.text.includes(l.has));
        if (!match) {
          misses.push(`${a.id}: quote missed (${l.speaker}): ${l.has}`);
          continue;
        }
        q.found++;
        if (sameSpeaker(l.speaker, match.speakerName)) q.speakers++;
        else misses.push(`${a.id}: speaker ${match.speakerName} ≠ ${l.speaker}: ${l.has}`);
      }
      for (const o of ours) {
        q.ours++;
        if (a.quotes.some((l) => o.text.includes(l.has))) q.oursMatched++;
        else misses.push(`${a.id}: extra ${o.form} quote (${o.speakerName}): ${o.text.slice(0, 70)}`);
      }
      // claims apart from the relevance gate, as the CLI's "scan anyway"
      const labelled = a.claims;
      if (!labelled) continue;
      const claims = extract(a.text, mentions);
      for (const l of labelled) {
        c.labelled++;
        const match = claims.find((k) => k.text.includes(l.has));
        if (!match) {
          misses.push(`${a.id}: claim missed [${l.kind}]: ${l.has}`);
          continue;
        }
        c.found++;
        if (match.kind === l.kind) c.kinds++;
        else misses.push(`${a.id}: claim kind ${match.kind} ≠ ${l.kind}: ${l.has}`);
      }
      for (const k of claims) {
        c.ours++;
        // one claim may cover several labelled pieces (a quotation of several sentences); one split in two counts once
        if (labelled.some((l) => k.text.includes(l.has))) c.oursMatched++;
        else misses.push(`${a.id}: extra claim [${k.kind}]: ${k.text.slice(0, 70)}`);
      }
    }
    const line = (name: string, { q, c }: typeof all) =>
      `${name}: quotes ${q.labelled}, recall ${pct(q.found, q.labelled)}, speaker right ${pct(q.speakers, q.found)} (${q.speakers}/${q.found}), our quotes matching a labelled one ${pct(q.oursMatched, q.ours)} (${q.oursMatched}/${q.ours}); claims precision ${pct(c.oursMatched, c.ours)} (${c.oursMatched}/${c.ours}), recall ${pct(c.found, c.labelled)} (${c.found}/${c.labelled}), kind agrees ${pct(c.kinds, c.found)}`;
    console.log(
      [
        line(`AI-news set (${articles.length} articles)`, all),
        ...[...byBatch].sort(([x], [y]) => x - y).map(([b, t]) => line(`  batch ${b}`, t)),
        ...misses.map((m) => `  ${m}`),
      ].join('\n'),
    );
    const { q, c } = all;
    // floors a little below what was measured when they were set (quote recall 100%, speakers 100%, claims
    // 95.9% / 80.6%: most companies in batch 1 are invented, found as companies the page introduces)
    expect(q.found / q.labelled).toBeGreaterThanOrEqual(0.97);
    expect(q.speakers / Math.max(1, q.found)).toBeGreaterThanOrEqual(0.96);
    expect(c.oursMatched / Math.max(1, c.ours)).toBeGreaterThanOrEqual(0.93);
    expect(c.found / c.labelled).toBeGreaterThanOrEqual(0.76);
  });
});
