// Where the quoted speech is: a pass over the whole text that follows quotation marks across
// sentences and paragraphs (a multi-paragraph quote reopens each paragraph and closes once).
import type { Sentence } from './segment';

export interface QuoteSpan {
  /** absolute offsets of the quoted words (inside the marks) */
  start: number;
  end: number;
  /** id of the quotation it belongs to (one quotation may span sentences and paragraphs) */
  quotation: number;
}

export interface SentenceQuotes {
  /** speech-length quoted spans in this sentence (scare quotes like “melting” are left out) */
  spans: QuoteSpan[];
  /** share of the sentence's letters inside those spans */
  coverage: number;
  /** the quotation the sentence mostly belongs to, or -1 */
  quotation: number;
}

const OPEN_DOUBLE = new Set(['“', '„', '«']);
const CLOSE_DOUBLE = new Set(['”', '»']);

function isWordChar(ch: string | undefined): boolean {
  return !!ch && /[\p{L}\p{N}]/u.test(ch);
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

const LETTER = /[\p{L}\p{N}]/u;

function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
    else if (c > 127 && LETTER.test(s[i])) n++;
  }
  return n;
}

// Short words that stay lower case in a title ("Attention Is All You Need", "Revenue Up 33% To $163M").
const TITLE_SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'from',
  'with',
  'as',
  'vs',
  'via',
  'per',
]);

/** A quoted title (a paper, a headline, a book) rather than speech: its words are capitalised. */
function isTitle(quoted: string): boolean {
  const words = quoted.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const content = words.filter((w) => !TITLE_SMALL_WORDS.has(w.toLowerCase()));
  if (content.length < 3) return false;
  const capitalised = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / content.length >= 0.85;
}

/**
 * Scans quotation marks over the sentences. A quotation counts as speech when it holds at least
 * four words or ends a sentence inside the marks; shorter ones are scare quotes or titles.
 */
export function findQuotes(text: string, sentences: Sentence[]): SentenceQuotes[] {
  type Raw = { start: number; end: number; quotation: number };
  const raw: Raw[] = [];
  let open: { at: number; quotation: number; kind: 'double' | 'single' } | null = null;
  let quotation = 0;
  let lastBlock = -1;
  for (let index = 0; index < sentences.length; index++) {
    const s = sentences[index];
    if (s.block !== lastBlock) {
      if (open) {
        // a quote left open at a paragraph end continues only if the next paragraph reopens it
        const first = text[s.start];
        let blockEnd = s.end;
        for (let k = index + 1; k < sentences.length && sentences[k].block === s.block; k++) blockEnd = sentences[k].end;
        const paragraph = text.slice(s.start, blockEnd);
        const close = paragraph.indexOf('”');
        const reopen = paragraph.search(/[“„«]/);
        if (OPEN_DOUBLE.has(first) || (first === '"' && open.kind === 'double')) {
          raw.push({ start: open.at, end: sentences[index - 1]?.end ?? open.at, quotation: open.quotation });
          open = { at: s.start + 1, quotation: open.quotation, kind: open.kind };
        } else if (open.kind === 'double' && close > 0 && (reopen < 0 || reopen > close)) {
          // a paragraph that closes the quotation without reopening it first carries it on (some sites drop the mark)
          raw.push({ start: open.at, end: sentences[index - 1]?.end ?? open.at, quotation: open.quotation });
          open = { at: s.start, quotation: open.quotation, kind: open.kind };
        } else {
          raw.push({ start: open.at, end: sentences[index - 1]?.end ?? open.at, quotation: open.quotation });
          open = null;
        }
      }
      lastBlock = s.block;
    }
    for (let i = s.start; i < s.end; i++) {
      const ch = text[i];
      const prev = text[i - 1];
      const next = text[i + 1];
      if (open?.kind !== 'single' && (OPEN_DOUBLE.has(ch) || (ch === '"' && !open && !isWordChar(prev)))) {
        if (!open) open = { at: i + 1, quotation: ++quotation, kind: 'double' };
        continue;
      }
      if (open?.kind === 'double' && (CLOSE_DOUBLE.has(ch) || ch === '"')) {
        raw.push({ start: open.at, end: i, quotation: open.quotation });
        open = null;
        continue;
      }
      // British single quotes: ‘ opens after a space; ’ closes only when not an apostrophe (not followed by a letter)
      if (!open && ch === '‘' && !isWordChar(prev) && next && !/\s/.test(next)) {
        open = { at: i + 1, quotation: ++quotation, kind: 'single' };
        continue;
      }
      if (open?.kind === 'single' && ch === '’' && !isWordChar(next) && i > open.at) {
        raw.push({ start: open.at, end: i, quotation: open.quotation });
        open = null;
      }
    }
  }
  if (open) raw.push({ start: open.at, end: sentences[sentences.length - 1]?.end ?? open.at, quotation: open.quotation });

  // A quotation is speech when, all its pieces together, it has 4+ words or a sentence ends inside it.
  const byQuotation = new Map<number, Raw[]>();
  for (const r of raw) byQuotation.set(r.quotation, [...(byQuotation.get(r.quotation) ?? []), r]);
  const speech = new Set<number>();
  for (const [id, pieces] of byQuotation) {
    const words = pieces.reduce((n, p) => n + wordCount(text.slice(p.start, p.end)), 0);
    const sentenceInside = pieces.some(
      (p) => /[.!?]["”’]?\s+\S/.test(text.slice(p.start, p.end)) || /[.!?,]$/.test(text.slice(p.start, p.end).trim()),
    );
    if (isTitle(pieces.map((p) => text.slice(p.start, p.end)).join(' '))) continue;
    if (words >= 4 || (sentenceInside && words >= 3)) speech.add(id);
  }

  const out: SentenceQuotes[] = [];
  // raw spans and sentences both run in text order: walk them together
  const spans = raw.filter((r) => speech.has(r.quotation)).sort((a, b) => a.start - b.start);
  let first = 0;
  for (const s of sentences) {
    while (first < spans.length && spans[first].end <= s.start) first++;
    const inSentence: QuoteSpan[] = [];
    const perQuotation = new Map<number, number>();
    for (let k = first; k < spans.length && spans[k].start < s.end; k++) {
      const r = spans[k];
      const a = Math.max(r.start, s.start);
      const b = Math.min(r.end, s.end);
      if (b <= a) continue;
      inSentence.push({ start: a, end: b, quotation: r.quotation });
      perQuotation.set(r.quotation, (perQuotation.get(r.quotation) ?? 0) + letters(text.slice(a, b)));
    }
    const total = Math.max(1, letters(s.text));
    const inside = [...perQuotation.values()].reduce((x, y) => x + y, 0);
    let best = -1;
    let bestLetters = 0;
    for (const [id, n] of perQuotation) {
      if (n > bestLetters) {
        best = id;
        bestLetters = n;
      }
    }
    out.push({ spans: inSentence, coverage: Math.min(1, inside / total), quotation: best });
  }
  return out;
}

/** The sentence with quoted words blanked out (same length), so frames are searched outside the quotes. */
export function outsideQuotes(sentence: Sentence, spans: QuoteSpan[]): string {
  let out = sentence.text;
  for (const span of spans) {
    const a = span.start - sentence.start;
    const b = span.end - sentence.start;
    out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  }
  return out;
}
