// W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors) as Backstory uses them.

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Offsets (UTF-16 code units) into the page text as lib/anchor/text.ts builds it. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** Any other W3C selector an imported annotation carries (kept, not used for anchoring). */
export interface OtherSelector {
  type: string;
  [property: string]: unknown;
}

export type AnySelector = Selector | OtherSelector;

/** Where an annotation landed in a text, and how it was found. */
export interface Anchor {
  start: number;
  end: number;
  method: 'position' | 'quote' | 'fuzzy';
  /** 0–1, 1 for an exact match */
  score: number;
}

export const CONTEXT_LENGTH = 32;
