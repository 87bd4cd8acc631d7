// Claims on short AI-news articles about entities the pack knows (test/fixtures/ai-news-claims): figures in
// their many spellings, benchmark comparisons, announcements, forecasts, bullet lists, headline and
// standfirst, and sentences with nothing checkable. Labels are offsets into the article (start/end of the
// claim: a sentence, or a whole quotation with its attribution), a kind and, for quotes, the speaker by name.
// Each batch was labelled before the extractor was changed for it; see the folder's README.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimExtractor } from '../../lib/claims/pipeline';
import type { PageClaim } from '../../lib/claims/types';
import { createDetector } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { annotateText } from '../../lib/pipeline/annotate';
import { CLAIM_KINDS } from '../../lib/kb/schema';
import { sameSpeaker } from './same-speaker';

const DIR = path.resolve(import.meta.dirname, '../fixtures/ai-news-claims');

interface Label {
  start: number;
  end: number;
  kind: string;
  /** who is quoted, by name (null: the article's own voice or an unnamed source) */
  speaker: string | null;
}
interface Article {
  id: string;
  batch: number;
  text: string;
  claims: Label[];
}

const articles: Article[] = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Article);

/** A claim and a label are the same claim when they share at least half of the shorter of the two. */
function same(c: { start: number; end: number }, l: { start: number; end: number }): boolean {
  const overlap = Math.min(c.end, l.end) - Math.max(c.start, l.start);
  return overlap > 0 && overlap >= 0.5 * Math.min(c.end - c.start, l.end - l.start);
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

describe('claims on AI-news articles about entities the pack knows', () => {
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const extract = createClaimExtractor(pack);

  it('labels are well-formed spans of whole text', () => {
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.reduce((n, a) => n + a.claims.length, 0)).toBeGreaterThanOrEqual(100);
    for (const a of articles)
      for (const l of a.claims) {
        expect(CLAIM_KINDS as readonly string[], `${a.id}@${l.start}`).toContain(l.kind);
        expect(l.start, `${a.id}@${l.start}`).toBeGreaterThanOrEqual(0);
        expect(l.end, `${a.id}@${l.start}`).toBeLessThanOrEqual(a.text.length);
        // a span starts and ends at a block or sentence edge, never inside a word
        expect(/[\p{L}\p{N}]/u.test(a.text[l.start - 1] ?? ' ') && /[\p{L}\p{N}]/u.test(a.text[l.start]), `${a.id}@${l.start}`).toBe(false);
        expect(/[\p{L}\p{N}]/u.test(a.text[l.end] ?? ' '), `${a.id}@${l.end}`).toBe(false);
      }
  });

  it('makes a claim about a model version the pack does not know about its maker, not the nearest known model', () => {
    const text = 'Meta is hiring researchers for its superintelligence lab.\nLlama 5 is expected to be released early next year.';
    const mentions = detector.detect(text, { force: true }).mentions;
    const version = mentions.find((m) => m.text === 'Llama 5');
    expect(version?.newVersion).toBe(true);
    const claim = extract(text, mentions).find((c) => c.text.startsWith('Llama 5'));
    expect(claim?.kind).toBe('prediction');
    expect(claim?.subjects).toEqual(['meta']);
    // the CLI's pipeline gives the same claims, and still lists the version as a name the pack lacks
    const annotated = annotateText(text, detector, { force: true, claims: extract });
    expect(annotated.claims.map((c) => [c.text, c.subjects])).toEqual(extract(text, mentions).map((c) => [c.text, c.subjects]));
    expect(annotated.mentions.find((m) => m.text === 'Llama 5')).toMatchObject({ discovered: true, linkedTo: version?.entityId });
  });

  it('on a forced scan of a page naming nothing the pack knows, takes claims about the company it shows at work', () => {
    const text =
      'Tessavane raises $40 million for its speech models\nTessavane raised $40 million from two venture firms, it said on Monday.\nThe weather in Lisbon was mild.';
    expect(detector.detect(text, { force: true }).mentions).toEqual([]);
    const forced = annotateText(text, detector, { force: true, claims: extract }).claims.map((c) => c.text);
    expect(forced).toContain('Tessavane raised $40 million from two venture firms, it said on Monday.');
    expect(forced.some((c) => c.includes('weather'))).toBe(false);
    // not scanned anyway: nothing (the extension sends no text for such a page either)
    expect(annotateText(text, detector, { claims: extract }).claims).toEqual([]);
  });

  it('finds the claims with their kinds and speakers', () => {
    const tally = () => ({ labelled: 0, found: 0, kinds: 0, quotes: 0, speakers: 0, ours: 0, oursMatched: 0 });
    const all = tally();
    const byBatch = new Map<number, ReturnType<typeof tally>>();
    const misses: string[] = [];
    const add = (t: ReturnType<typeof tally>[], f: keyof ReturnType<typeof tally>) => {
      for (const x of t) x[f]++;
    };
    for (const a of articles) {
      const batch = byBatch.get(a.batch) ?? tally();
      byBatch.set(a.batch, batch);
      const both = [all, batch];
      // every mention, new versions too, as the CLI and the extension pass them
      const claims: PageClaim[] = extract(a.text, detector.detect(a.text, { force: true }).mentions);
      const snippet = (s: { start: number; end: number }) => a.text.slice(s.start, Math.min(s.end, s.start + 80));
      for (const l of a.claims) {
        add(both, 'labelled');
        const match = claims.find((c) => same(c, l));
        if (!match) {
          misses.push(`${a.id}: missed [${l.kind}] ${snippet(l)}`);
          continue;
        }
        add(both, 'found');
        if (match.kind === l.kind) add(both, 'kinds');
        else misses.push(`${a.id}: kind ${match.kind} ≠ ${l.kind}: ${snippet(l)}`);
        if (l.kind === 'quote') {
          add(both, 'quotes');
          if (sameSpeaker(l.speaker, match.speakerName)) add(both, 'speakers');
          else misses.push(`${a.id}: speaker ${match.speakerName} ≠ ${l.speaker}: ${snippet(l)}`);
        }
      }
      for (const c of claims) {
        add(both, 'ours');
        if (a.claims.some((l) => same(c, l))) add(both, 'oursMatched');
        else misses.push(`${a.id}: extra [${c.kind}] ${snippet(c)}`);
      }
    }
    const line = (name: string, t: ReturnType<typeof tally>) =>
      `${name}: claims precision ${pct(t.oursMatched, t.ours)} (${t.oursMatched}/${t.ours}), recall ${pct(t.found, t.labelled)} (${t.found}/${t.labelled}), kind agrees ${pct(t.kinds, t.found)}, quote speakers ${pct(t.speakers, t.quotes)} (${t.speakers}/${t.quotes})`;
    console.log(
      [
        line(`AI-news claims (${articles.length} articles)`, all),
        ...[...byBatch].sort(([x], [y]) => x - y).map(([b, t]) => line(`  batch ${b}`, t)),
        ...misses.map((m) => `  ${m}`),
      ].join('\n'),
    );
    // floors a little below what was measured (99.2% / 93.2% / 71.5% when set; 99.3% / 94.1% / 71.3% with batch 5)
    expect(all.oursMatched / all.ours).toBeGreaterThanOrEqual(0.96);
    expect(all.found / all.labelled).toBeGreaterThanOrEqual(0.92);
    expect(all.kinds / all.found).toBeGreaterThanOrEqual(0.68);
  });
});
