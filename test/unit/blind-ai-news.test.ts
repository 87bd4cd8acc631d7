// The blind AI-news sets: articles written and labelled by someone who did not read the extractors,
// their tests or the other fixtures, and never ran the annotator on the text. Scored as the CLI runs
// (pack detection, name forms, new versions, discovery; claims with the page gate as it is), with the
// rules of ai-news-mentions (mentions) and ai-news-attribution (quotes, speakers, claims). Figures per
// run are recorded in each folder's README.
// - test/fixtures/blind-ai-news: measured once before any change, then used as a development set (its
//   misses are printed);
// - test/fixtures/blind-ai-news-2: held out. Only its totals are printed, so that nobody tunes on it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimExtractor, createQuoteLister } from '../../lib/claims/pipeline';
import { createDetector } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { annotateText } from '../../lib/pipeline/annotate';
import { newMentionTally, parseMarked, tallyMentions } from './marked-labels';
import { sameSpeaker } from './same-speaker';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
interface BlindSet {
  dir: string;
  /** print each miss (a development set) or only the totals (held out) */
  showMisses: boolean;
  // Regression floors, a little under what the code reached when the floors were set (README); not targets.
  floor: {
    mentionPrecision: number;
    mentionRecall: number;
    quoteRecall: number;
    speaker: number;
    claimPrecision: number;
    claimRecall: number;
  };
}
const SETS: BlindSet[] = [
  {
    dir: 'blind-ai-news',
    showMisses: true,
    floor: { mentionPrecision: 0.97, mentionRecall: 0.95, quoteRecall: 0.95, speaker: 0.88, claimPrecision: 0.91, claimRecall: 0.89 },
  },
  {
    dir: 'blind-ai-news-2',
    showMisses: false,
    floor: { mentionPrecision: 0.96, mentionRecall: 0.83, quoteRecall: 0.93, speaker: 0.75, claimPrecision: 0.87, claimRecall: 0.65 },
  },
];

interface Article {
  id: string;
  marked: string;
  quotes: { has: string; speaker: string | null }[];
  claims: { has: string; kind: string }[];
}

const readSet = (dir: string): Article[] =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8')) as Article);

/**
 * Our span [start, end) stands for the label `has` (unique in text) when it holds it, or when the two
 * share at least half of the shorter one: labels sometimes take in the attribution ("said the model
 * scored 80%") that a reported quote's span leaves out, or stop short of a claim's sentence.
 */
function covers(text: string, has: string, span: { start: number; end: number }): boolean {
  const from = text.indexOf(has);
  const to = from + has.length;
  const shared = Math.min(to, span.end) - Math.max(from, span.start);
  return shared >= 0.5 * Math.min(has.length, span.end - span.start);
}
const ratio = (a: number, b: number) => (b ? a / b : 1);
const fmt = (a: number, b: number) => `${ratio(a, b).toFixed(3)} (${a}/${b})`;

describe.each(SETS)('the blind AI-news set $dir', ({ dir, showMisses, floor }) => {
  const articles = readSet(dir);
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const listQuotes = createQuoteLister(pack);
  const claimsOf = createClaimExtractor(pack);
  const parsed = articles.map((a) => ({ ...a, ...parseMarked(a.marked) }));

  it('is there, and its labels point at text that is there, once', () => {
    expect(articles.length).toBeGreaterThanOrEqual(12);
    for (const a of parsed)
      for (const l of [...a.quotes, ...a.claims]) expect(a.text.split(l.has).length - 1, `${a.id}: "${l.has}"`).toBe(1);
  });

  it('finds names, quotes with their speakers, and claims, above the floors', () => {
    const types = ['model', 'org', 'person'] as const;
    const m = newMentionTally();
    const q = { labelled: 0, found: 0, speakers: 0 };
    const c = { labelled: 0, found: 0, ours: 0, oursMatched: 0 };
    const notes: string[] = [];
    for (const a of parsed) {
      const result = annotateText(a.text, detector, { claims: claimsOf });
      if (result.gated) notes.push(`${a.id}: gated as not about AI`);
      tallyMentions(
        m,
        a.labels,
        result.mentions,
        (l) => notes.push(`${a.id}: missed ${l.type} "${a.text.slice(l.start, l.end)}" (${l.entityId ?? 'not in pack'})`),
        (p) => notes.push(`${a.id}: false ${p.type} "${p.text}" (${p.entityId})`),
      );
      const quotes = listQuotes(a.text, detector.detect(a.text, { force: true }).mentions);
      for (const l of a.quotes) {
        q.labelled++;
        const match = quotes.find((o) => covers(a.text, l.has, o));
        if (!match) {
          notes.push(`${a.id}: quote missed (${l.speaker}): ${l.has}`);
          continue;
        }
        q.found++;
        if (sameSpeaker(l.speaker, match.speakerName)) q.speakers++;
        else notes.push(`${a.id}: speaker ${match.speakerName} ≠ ${l.speaker}: ${l.has}`);
      }
      for (const l of a.claims) {
        c.labelled++;
        if (result.claims.some((k) => covers(a.text, l.has, k))) c.found++;
        else notes.push(`${a.id}: claim missed [${l.kind}]: ${l.has}`);
      }
      for (const k of result.claims) {
        c.ours++;
        if (a.claims.some((l) => covers(a.text, l.has, k))) c.oursMatched++;
        else notes.push(`${a.id}: extra claim [${k.kind}]: ${k.text.slice(0, 70)}`);
      }
    }
    const lines = [
      `Blind AI-news set ${dir}, ${articles.length} articles${showMisses ? '' : ' (held out: totals only)'}:`,
      ...([...types, 'all'] as const).map(
        (t) => `  mentions ${t.padEnd(7)} precision ${fmt(m[t].tp, m[t].tp + m[t].fp)}  recall ${fmt(m[t].found, m[t].wanted)}`,
      ),
      `  quotes recall ${fmt(q.found, q.labelled)}, speaker right ${fmt(q.speakers, q.found)}`,
      `  claims precision ${fmt(c.oursMatched, c.ours)}, recall ${fmt(c.found, c.labelled)}`,
      ...(showMisses ? notes.map((s) => `  ${s}`) : []),
    ];
    console.log(lines.join('\n'));
    expect(ratio(m.all.tp, m.all.tp + m.all.fp)).toBeGreaterThanOrEqual(floor.mentionPrecision);
    expect(ratio(m.all.found, m.all.wanted)).toBeGreaterThanOrEqual(floor.mentionRecall);
    expect(ratio(q.found, q.labelled)).toBeGreaterThanOrEqual(floor.quoteRecall);
    expect(ratio(q.speakers, q.found)).toBeGreaterThanOrEqual(floor.speaker);
    expect(ratio(c.oursMatched, c.ours)).toBeGreaterThanOrEqual(floor.claimPrecision);
    expect(ratio(c.found, c.labelled)).toBeGreaterThanOrEqual(floor.claimRecall);
  });
});
