// Target dates of predictions measured on a labelled set (test/fixtures/predictions): more than
// half of its sentences reword real articles (the README says which and where). Prints the figure.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleDateOf, formatTarget, parseTargetDate, targetEnd } from '../../lib/predictions/target-date';

interface Item {
  id: string;
  sentence: string;
  articleDate: string;
  expected: { year: number; month?: number } | null;
  origin: 'real' | 'written';
  source: string;
}

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/predictions/target-dates.json');
const items = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Item[];

function correct(item: Item): boolean {
  const got = parseTargetDate(item.sentence, item.articleDate);
  if (!item.expected) return got === null;
  if (!got || got.year !== item.expected.year) return false;
  // an expected month must be found; a month the label does not ask for is not held against it
  return item.expected.month === undefined || got.month === item.expected.month;
}

describe('prediction target dates: labelled set', () => {
  it('has at least 100 sentences, at least half reworded from real articles', () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(items.filter((i) => i.origin === 'real').length * 2).toBeGreaterThanOrEqual(items.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('finds the exact target year (and month where one is named) for at least 90%', () => {
    const wrong = items.filter((i) => !correct(i));
    const rate = (list: Item[]) => list.filter(correct).length / Math.max(1, list.length);
    const real = items.filter((i) => i.origin === 'real');
    const written = items.filter((i) => i.origin !== 'real');
    console.log(
      `target dates: ${items.length - wrong.length}/${items.length} exact (${(rate(items) * 100).toFixed(1)}%); ` +
        `real wording ${(rate(real) * 100).toFixed(1)}% of ${real.length}, written ${(rate(written) * 100).toFixed(1)}% of ${written.length}`,
    );
    for (const w of wrong) {
      const got = parseTargetDate(w.sentence, w.articleDate);
      console.log(`  miss ${w.id}: expected ${formatTarget(w.expected)}, got ${got ? `${formatTarget(got)} ("${got.phrase}")` : 'no date'}`);
    }
    expect(rate(items)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('prediction target dates: rules', () => {
  it('counts relative phrases from the article date and takes the upper bound of a range', () => {
    expect(parseTargetDate('within three to six months', '2025-03-10')).toMatchObject({ year: 2025, month: 9, relative: true });
    expect(parseTargetDate('by the end of the year', '2025-01-26')).toMatchObject({ year: 2025, month: 12 });
    expect(parseTargetDate('next year', Date.UTC(2024, 5, 1))).toMatchObject({ year: 2025 });
    expect(parseTargetDate('next year', '2024-06-01')?.month).toBeUndefined();
  });

  it('prefers a future deadline to a past year given as context', () => {
    expect(parseTargetDate('Founded in 2023, it expects profits by 2028.', '2025-01-01')).toMatchObject({ year: 2028 });
    expect(parseTargetDate('It raised money in 2023.', '2025-01-01')).toBeNull();
  });

  it('gives no date for vague wording', () => {
    expect(parseTargetDate('It will happen eventually.', '2025-01-01')).toBeNull();
    expect(parseTargetDate('Soon, he said.', '2025-01-01')).toBeNull();
  });

  it('ends a target on the last day of its year or month', () => {
    expect(new Date(targetEnd({ year: 2025 })).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(new Date(targetEnd({ year: 2024, month: 2 })).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(articleDateOf('2025-01-26T08:00:00-08:00')).toEqual({ year: 2025, month: 1 });
  });
});
