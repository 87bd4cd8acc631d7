// Sentences of extracted article text, with offsets into that text.
// Intl.Segmenter does the work; we repair the places where it splits too eagerly
// (titles like "Mr.", initials) and keep the block structure ("\n" between blocks).

export interface Sentence {
  /** offsets into the text, trimmed of surrounding whitespace */
  start: number;
  end: number;
  text: string;
  /** index of the block (paragraph, heading, list item) it sits in */
  block: number;
  /** first sentence of its block */
  blockStart: boolean;
  /** last sentence of its block */
  blockEnd: boolean;
}

// Abbreviations after which a capitalised word does not start a new sentence.
const TITLES =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Cmdr|Rev|Hon|Pres|St|Mt|Ft|Messrs|Jr|Sr|No|Nos|Vol|Fig|Inc|Corp|Ltd|Co|Bros|vs|v|approx|est|ca|cf|incl)\.$/;
// A lone initial ("Jensen H.") or a dotted short form ("U.S.", "U.K.", "a.m.") followed by a name.
const INITIAL = /(?:^|[\s(])[A-Z]\.$/;
const DOTTED = /(?:^|[\s(])(?:[A-Za-z]\.){2,}$/;
const STARTS_NAME_LIKE = /^[A-Z][a-z]+(?:\s|$)/;
// Words that usually open a new sentence even after "U.S."
const SENTENCE_OPENERS = new Set([
  'The',
  'A',
  'An',
  'It',
  'He',
  'She',
  'They',
  'We',
  'I',
  'But',
  'And',
  'This',
  'That',
  'These',
  'Those',
  'In',
  'On',
  'At',
  'For',
  'As',
  'If',
  'When',
  'While',
  'Its',
  'His',
  'Her',
  'Their',
  'Still',
  'Yet',
  'So',
  'Now',
  'Meanwhile',
  'However',
  'There',
  'Some',
  'Many',
  'Most',
  'Others',
  'Not',
]);

let segmenter: Intl.Segmenter | null = null;

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter) return segmenter;
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return null;
  segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return segmenter;
}

// A line break inside a paragraph, kept from the page's source ("like\n        that."): right after a
// word or punctuation and followed by indentation. Block breaks the extractor adds are bare "\n"
// between a block's text and the next one's, or sit among whitespace-only lines.
const SOFT_BREAK = /(?<=[^\s])\n(?=[ \t]+[^\s])/g;

/** The text with in-paragraph line breaks turned into spaces (same length, so offsets hold). */
export function hardBreaksOnly(text: string): string {
  return text.includes('\n') ? text.replace(SOFT_BREAK, ' ') : text;
}

/** Raw [start, end) pieces from the segmenter, or a punctuation fallback where Intl.Segmenter is missing. */
function rawPieces(text: string): [number, number][] {
  const seg = getSegmenter();
  const out: [number, number][] = [];
  // Segment block by block: sentences never cross a block break, and V8's segmenter slows down
  // sharply on long strings (0.8 s for an 88k-character page whole, 9 ms line by line).
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim()) {
      if (seg) {
        for (const s of seg.segment(line)) out.push([lineStart + s.index, lineStart + s.index + s.segment.length]);
      } else {
        const re = /[^.!?]*(?:[.!?]+["”’)\]]*\s+|$)/g;
        for (let m = re.exec(line); m?.[0].length; m = re.exec(line)) out.push([lineStart + m.index, lineStart + m.index + m[0].length]);
      }
    }
    // the break itself closes the last piece of the line
    if (out.length && lineEnd < text.length) out[out.length - 1][1] = Math.max(out[out.length - 1][1], lineEnd + 1);
    lineStart = lineEnd + 1;
  }
  return out;
}

function shouldJoin(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  if (/\n/.test(prev.slice(p.length)) || prev.endsWith('\n')) return false;
  const n = next.trimStart();
  if (!n) return false;
  if (TITLES.test(p)) return true;
  if (INITIAL.test(p) && STARTS_NAME_LIKE.test(n)) return true;
  if (DOTTED.test(p)) {
    const first = n.split(/\s/, 1)[0].replace(/[^\p{L}]/gu, '');
    return /^\p{Ll}/u.test(n) || (STARTS_NAME_LIKE.test(n) && !SENTENCE_OPENERS.has(first));
  }
  return false;
}

/** "1. " or "2) " opening a line: the number of a list item, not a sentence of its own. */
function isEnumerator(text: string, [a, b]: [number, number]): boolean {
  return b - a <= 5 && (a === 0 || text[a - 1] === '\n') && /^\d{1,2}[.)]\s*$/.test(text.slice(a, b)) && !text.slice(a, b).includes('\n');
}

export function splitSentences(original: string): Sentence[] {
  // line breaks within a paragraph neither end a sentence nor start a block
  const text = hardBreaksOnly(original);
  const pieces = rawPieces(text);
  // Join pieces the segmenter split after abbreviations.
  const joined: [number, number][] = [];
  for (const piece of pieces) {
    const last = joined[joined.length - 1];
    // only the edges matter: the end of the previous piece and the start of the next
    if (
      last &&
      (shouldJoin(text.slice(Math.max(last[0], last[1] - 40), last[1]), text.slice(piece[0], Math.min(piece[1], piece[0] + 40))) ||
        isEnumerator(text, last))
    )
      last[1] = piece[1];
    else joined.push([piece[0], piece[1]]);
  }
  const sentences: Sentence[] = [];
  let block = 0;
  let pendingBreak = false;
  for (const [a, b] of joined) {
    // A piece may hold several lines when the text has stray line breaks: split on them too.
    let lineStart = a;
    for (let i = a; i <= b; i++) {
      if (i < b && text.charCodeAt(i) !== 10) continue;
      let s = lineStart;
      let e = i;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e > s) {
        if (pendingBreak && sentences.length) block++;
        pendingBreak = false;
        sentences.push({ start: s, end: e, text: original.slice(s, e), block, blockStart: false, blockEnd: false });
      }
      if (i < b) pendingBreak = true;
      lineStart = i + 1;
    }
  }
  for (let i = 0; i < sentences.length; i++) {
    sentences[i].blockStart = i === 0 || sentences[i - 1].block !== sentences[i].block;
    sentences[i].blockEnd = i === sentences.length - 1 || sentences[i + 1].block !== sentences[i].block;
  }
  return sentences;
}
