// Describing a span of text as W3C selectors, and reading them back.
import { CONTEXT_LENGTH, type AnySelector, type TextPositionSelector, type TextQuoteSelector } from './types';

/** The TextQuote and TextPosition selectors for [start, end) of `text` (prefix/suffix: 32 characters). */
export function describeSpan(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  if (!(start >= 0 && end <= text.length && start < end)) throw new RangeError(`No text between ${start} and ${end}.`);
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

export function quoteSelector(selectors: readonly AnySelector[]): TextQuoteSelector | undefined {
  return selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

export function positionSelector(selectors: readonly AnySelector[]): TextPositionSelector | undefined {
  return selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
}

/** Trims whitespace off a span's ends (a double-click selection often carries a trailing space). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
