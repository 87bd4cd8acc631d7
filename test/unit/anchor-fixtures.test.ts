// Re-anchoring on edited copies of the sample articles (test/fixtures/anchoring, made by generate.ts):
// ≥ 95% of the anchors must be found at the right place, and none may land on the wrong words.
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import approxSearch from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '../../lib/anchor/match';
import { pageText } from '../../lib/anchor/text';
import { positionSelector, quoteSelector } from '../../lib/anchor/selectors';
import type { Selector } from '../../lib/anchor/types';
import type { AnchorCase } from '../fixtures/anchoring/generate';
import { mapOldOffset, oldPageText } from '../fixtures/anchoring/old-page-text';

const DIR = path.resolve(import.meta.dirname, '../fixtures/anchoring');
const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'anchors.json'), 'utf8')) as AnchorCase[];

/**
 * The page text of a fixture, and its expected spans moved from the offsets they were written in
 * (the walker before the merge, test/fixtures/anchoring/old-page-text.ts) to today's text.
 */
function textOf(file: string): { text: string; expected: (e: { start: number; end: number }) => { start: number; end: number } } {
  const win = new Window({
    url: 'https://example-news.test/',
    settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true },
  });
  win.document.write(fs.readFileSync(path.join(DIR, file), 'utf8'));
  const doc = win.document as unknown as Document;
  const index = pageText(doc);
  const old = oldPageText(doc);
  void win.happyDOM.close();
  return {
    text: index.text,
    expected: (e) => ({ start: mapOldOffset(old, index, e.start), end: mapOldOffset(old, index, e.end, true) }),
  };
}

/** Overlap of two spans over the longer one: 1 = the same span. */
function agreement(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return overlap / Math.max(a.end - a.start, b.end - b.start);
}

/** Hypothesis' anchoring (position, then match-quote.ts with the same weights, no score floor), for comparison. */
function hypothesisAnchor(text: string, selectors: Selector[]): { start: number; end: number } | null {
  const q = quoteSelector(selectors)!;
  const p = positionSelector(selectors);
  if (p && text.slice(p.start, p.end) === q.exact) return p;
  const search = (t: string, s: string, maxErrors: number) => {
    const exact: { start: number; end: number; errors: number }[] = [];
    for (let at = t.indexOf(s); at !== -1; at = t.indexOf(s, at + 1)) exact.push({ start: at, end: at + s.length, errors: 0 });
    return exact.length ? exact : approxSearch(t, s, maxErrors);
  };
  const score = (t: string, s: string) => (!s.length || !t.length ? 0 : 1 - search(t, s, s.length)[0].errors / s.length);
  const matches = search(text, q.exact, Math.min(256, q.exact.length / 2));
  let best: { start: number; end: number; s: number } | null = null;
  for (const m of matches) {
    const prefix = q.prefix ? score(text.slice(Math.max(0, m.start - q.prefix.length), m.start), q.prefix) : 1;
    const suffix = q.suffix ? score(text.slice(m.end, m.end + q.suffix.length), q.suffix) : 1;
    const pos = p ? 1 - Math.abs(m.start - p.start) / text.length : 1;
    const s = (50 * (1 - m.errors / q.exact.length) + 20 * prefix + 20 * suffix + 2 * pos) / 92;
    if (!best || s > best.s) best = { start: m.start, end: m.end, s };
  }
  return best;
}

describe('re-anchoring on edited pages', () => {
  it('finds ≥ 95% of over 100 saved passages again after the text around and inside them was edited', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const texts = new Map<string, ReturnType<typeof textOf>>();
    const tally = { right: 0, wrong: 0, orphan: 0, position: 0, quote: 0, fuzzy: 0 };
    const failures: string[] = [];
    for (const c of cases) {
      const file = `${c.sample}.edited.html`;
      if (!texts.has(file)) texts.set(file, textOf(file));
      const { text, expected } = texts.get(file)!;
      const want = expected(c.expected);
      const found = anchorSelectors(text, c.selectors);
      if (!found) {
        tally.orphan++;
        failures.push(`orphan ${c.id} (${c.kind}; ${c.edits.join(', ')}): ${JSON.stringify(c.expected.text.slice(0, 60))}`);
      } else if (agreement(found, want) >= 0.8) {
        tally.right++;
        tally[found.method]++;
      } else {
        tally.wrong++;
        failures.push(
          `WRONG ${c.id} (${c.kind}; ${c.edits.join(', ')}): wanted ${JSON.stringify(c.expected.text.slice(0, 50))}, got ${JSON.stringify(text.slice(found.start, found.end).slice(0, 50))}`,
        );
      }
    }
    const rate = tally.right / cases.length;
    const baseline = cases.filter((c) => {
      const page = texts.get(`${c.sample}.edited.html`)!;
      const found = hypothesisAnchor(page.text, c.selectors);
      return found && agreement(found, page.expected(c.expected)) >= 0.8;
    }).length;
    console.log(`Hypothesis' algorithm on the same pages: ${baseline}/${cases.length} (${((baseline / cases.length) * 100).toFixed(1)}%)`);
    console.log(
      `re-anchored ${tally.right}/${cases.length} (${(rate * 100).toFixed(1)}%) — by position ${tally.position}, exact quote ${tally.quote}, fuzzy ${tally.fuzzy}; orphans ${tally.orphan}, wrong place ${tally.wrong}` +
        (failures.length ? `\n  ${failures.join('\n  ')}` : ''),
    );
    expect(rate).toBeGreaterThanOrEqual(0.95);
    expect(tally.wrong).toBe(0);
  });

  it('lists passages whose text was removed as orphans instead of pinning them to other words', () => {
    const texts = new Map<string, ReturnType<typeof textOf>>();
    let orphans = 0;
    const misplaced: string[] = [];
    // A repeated short name still occurs elsewhere on the page after its paragraph went: finding
    // another occurrence is right for the quote, so only the passages unique to the removed text count.
    const unique = cases.filter((c) => c.kind !== 'repeated' && c.kind !== 'phrase');
    for (const c of unique) {
      const file = `${c.sample}.removed.html`;
      if (!texts.has(file)) texts.set(file, textOf(file));
      const { text } = texts.get(file)!;
      const found = anchorSelectors(text, c.selectors);
      if (!found) orphans++;
      else misplaced.push(`${c.id}: ${JSON.stringify(text.slice(found.start, found.end).slice(0, 60))}`);
    }
    console.log(
      `passages removed from the page: ${orphans}/${unique.length} listed as orphans${misplaced.length ? `; placed anyway:\n  ${misplaced.join('\n  ')}` : ''}`,
    );
    const hypothesisMisplaced = unique.filter((c) => hypothesisAnchor(texts.get(`${c.sample}.removed.html`)!.text, c.selectors)).length;
    console.log(`Hypothesis' algorithm places ${hypothesisMisplaced}/${unique.length} of the removed passages on other words`);
    expect(orphans).toBe(unique.length);
  });
});
