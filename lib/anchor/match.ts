// Re-anchoring: finds a saved span again in a page's (possibly edited) text.
// Cheap to expensive, as Hypothesis does: the position (verified by the quote), then the exact quote
// (indexOf, candidates ranked by prefix/suffix), then approximate matching with approx-string-match.
import approxSearch from 'approx-string-match';
import { positionSelector, quoteSelector } from './selectors';
import type { Anchor, AnySelector } from './types';

// Hypothesis' weights (client/src/annotator/anchoring/match-quote.ts).
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * An approximate match must score at least this (0–1) to count. Without a floor, a short quote
 * allowed len/2 errors "finds" unrelated words on a page whose passage was deleted: that
 * annotation must become an orphan, not a highlight on the wrong words.
 */
export const MIN_FUZZY_SCORE = 0.62;

/** Quotes shorter than this also get a search for prefix+quote+suffix, which finds a typo'd short quote. */
const SHORT_QUOTE = 80;

export interface AnchorOptions {
  /** score floor for approximate matches (default MIN_FUZZY_SCORE) */
  minFuzzyScore?: number;
  /** only the position or the exact quote with its context: no approximate search (a first, cheap pass) */
  exactOnly?: boolean;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  exact: boolean;
}

function maxErrorsFor(length: number): number {
  return Math.min(256, Math.floor(length / 2));
}

/** 1 − edit distance / length of the best match of `pattern` in `text` (1 = found exactly). */
function similarity(text: string, pattern: string): number {
  if (!pattern.length) return 1;
  if (!text.length) return 0;
  if (text.includes(pattern)) return 1;
  const [best] = approxSearch(text, pattern, pattern.length);
  return best ? Math.max(0, 1 - best.errors / pattern.length) : 0;
}

/** How far from the quote a moved prefix/suffix still counts (a sentence inserted in between). */
const WIDE = 240;
/** Context found further away counts for less than context right at the quote. */
const MOVED_CONTEXT = 0.75;

function contextScore(adjacent: string, wide: string, context: string): number {
  const near = similarity(adjacent, context);
  return near >= MOVED_CONTEXT ? near : Math.max(near, MOVED_CONTEXT * similarity(wide, context));
}

function exactOccurrences(text: string, quote: string, limit = 1000): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(quote); at !== -1 && found.length < limit; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0, exact: true });
  }
  return found;
}

export function anchorSelectors(text: string, selectors: readonly AnySelector[], options: AnchorOptions = {}): Anchor | null {
  const quote = quoteSelector(selectors);
  const position = positionSelector(selectors);
  const minFuzzy = options.minFuzzyScore ?? MIN_FUZZY_SCORE;

  if (!quote?.exact) {
    // Nothing to verify against: trust the position only if it still fits.
    if (position && position.end <= text.length && position.start < position.end) {
      return { start: position.start, end: position.end, method: 'position', score: 1 };
    }
    return null;
  }
  const exact = quote.exact;
  if (position && text.slice(position.start, position.end) === exact) {
    return { start: position.start, end: position.end, method: 'position', score: 1 };
  }

  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const hint = position?.start;
  const score = (c: Candidate): number => {
    // A little slack around the context lets an insertion at the boundary cost one error, not a misalignment.
    const slack = 8;
    const prefixScore = prefix
      ? contextScore(
          text.slice(Math.max(0, c.start - prefix.length - slack), c.start),
          text.slice(Math.max(0, c.start - prefix.length - WIDE), c.start),
          prefix,
        )
      : 1;
    const suffixScore = suffix
      ? contextScore(text.slice(c.end, c.end + suffix.length + slack), text.slice(c.end, c.end + suffix.length + WIDE), suffix)
      : 1;
    const positionScore = hint === undefined || !text.length ? 1 : 1 - Math.min(1, Math.abs(c.start - hint) / text.length);
    const quoteScore = 1 - c.errors / exact.length;
    return (
      (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) / MAX_SCORE
    );
  };
  const best = (candidates: Candidate[]) => {
    let top: { c: Candidate; s: number } | null = null;
    for (const c of candidates) {
      const s = score(c);
      if (!top || s > top.s) top = { c, s };
    }
    return top;
  };

  const exactTop = best(exactOccurrences(text, exact));
  // The quote found with its context intact (or nothing to compare): no need to look further.
  const contextBar = (QUOTE_WEIGHT + 0.75 * (PREFIX_WEIGHT + SUFFIX_WEIGHT)) / MAX_SCORE;
  if (exactTop && (exactTop.s >= contextBar || (!prefix && !suffix))) {
    return { start: exactTop.c.start, end: exactTop.c.end, method: 'quote', score: exactTop.s };
  }
  if (options.exactOnly) return null;

  const fuzzy: Candidate[] = [];
  if (!exactTop) {
    for (const m of approxSearch(text, exact, maxErrorsFor(exact.length))) fuzzy.push({ ...m, exact: false });
  }
  if (exact.length < SHORT_QUOTE && (prefix || suffix)) fuzzy.push(...contextualMatches(text, prefix, exact, suffix));
  const fuzzyTop = best(fuzzy);

  if (exactTop && (!fuzzyTop || exactTop.s >= fuzzyTop.s)) {
    return { start: exactTop.c.start, end: exactTop.c.end, method: 'quote', score: exactTop.s };
  }
  if (fuzzyTop && fuzzyTop.s >= minFuzzy) {
    return { start: fuzzyTop.c.start, end: fuzzyTop.c.end, method: 'fuzzy', score: fuzzyTop.s };
  }
  return exactTop ? { start: exactTop.c.start, end: exactTop.c.end, method: 'quote', score: exactTop.s } : null;
}

/**
 * Finds where prefix+quote+suffix matches best, then the quote inside that window. A short quote
 * with a typo loses to an exact copy of itself elsewhere on the page; its context tells them apart.
 */
function contextualMatches(text: string, prefix: string, exact: string, suffix: string): Candidate[] {
  const pattern = prefix + exact + suffix;
  const windows = approxSearch(text, pattern, maxErrorsFor(pattern.length));
  const out: Candidate[] = [];
  for (const w of windows.slice(0, 5)) {
    const from = Math.max(0, w.start - 4);
    const slice = text.slice(from, Math.min(text.length, w.end + 4));
    for (const m of approxSearch(slice, exact, maxErrorsFor(exact.length))) {
      out.push({ start: from + m.start, end: from + m.end, errors: m.errors, exact: false });
    }
  }
  return out;
}
