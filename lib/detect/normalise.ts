// Character rules shared by the automaton, the verifier and the gate.
// Normalisation never changes text length: offsets in page text stay valid everywhere.

/** Class code of separators: spaces of every kind and hyphens/dashes; a run of them counts as one. */
export const SEP = 0x20;

/** Same-length normalisation of one UTF-16 unit: curly quotes, dashes and odd spaces fold to ASCII. */
export function normaliseCode(c: number): number {
  if (c < 0x80) {
    // \t \n \v \f \r and '-' are separators, like ' '
    return c === 0x2d || (c >= 0x09 && c <= 0x0d) ? SEP : c;
  }
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x02bc:
    case 0x2032:
    case 0xff07:
      return 0x27; // '
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x2033:
      return 0x22; // "
    case 0x00a0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0x2028:
    case 0x2029:
    case 0x0085:
      return SEP;
    // hyphen, non-breaking hyphen, figure dash, en/em dash, horizontal bar, minus, middle dots ("DALL·E")
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x00b7:
    case 0x2027:
    case 0x30fb:
      return SEP;
    default:
      return c >= 0x2000 && c <= 0x200a ? SEP : c;
  }
}

/** Same-length normalisation of one character; separators keep their kind (hyphen or space). */
export function normaliseChar(ch: string): string {
  const code = ch.charCodeAt(0);
  const c = normaliseCode(code);
  if (c !== SEP) return String.fromCharCode(c);
  return isHyphenCode(code) ? '-' : ' ';
}

function isHyphenCode(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x00b7 || c === 0x2027 || c === 0x30fb;
}

/** Same-length normalisation of a string (quotes, dashes, spaces). */
export function normaliseText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normaliseChar(text[i]);
  return out;
}

/** Lower-case fold of one UTF-16 unit, only when it stays one unit (keeps offsets). */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/**
 * The automaton key of an alias or term: normalised, lower-cased, separator runs collapsed to one
 * space, trimmed. "DeepSeek-R1", "DeepSeek R1" and "deepseek  r1" share the key "deepseek r1".
 */
export function patternKey(text: string): string {
  let out = '';
  let lastSep = true; // trims leading separators
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(normaliseCode(text.charCodeAt(i)));
    if (c === SEP) {
      if (!lastSep) out += ' ';
      lastSep = true;
    } else {
      out += String.fromCharCode(c);
      lastSep = false;
    }
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

// Word characters for boundaries: letters, digits, marks, underscore. CJK scripts write no spaces,
// so a Latin name next to a Han/Kana/Hangul character still stands alone ("DeepSeek发布").
const wordCache = new Uint8Array(65536); // 0 unknown, 1 word, 2 not a word
const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;

/** Han, Kana, Hangul, compatibility ideographs and full-width forms: not word characters (no spaces between words). */
export function isCjk(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef);
}

export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  let v = wordCache[c];
  if (v === 0) {
    // surrogates: part of an astral letter or emoji; treat as a word character (conservative)
    v = c >= 0xd800 && c <= 0xdfff ? 1 : isCjk(c) ? 2 : WORD_RE.test(String.fromCharCode(c)) ? 1 : 2;
    wordCache[c] = v;
  }
  return v === 1;
}

export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isLetterCode(c: number): boolean {
  return isWordCode(c) && !isDigitCode(c) && c !== 0x5f;
}

export function isUpperCode(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase() && s === s.toUpperCase();
}

export function isLowerCode(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  const s = String.fromCharCode(c);
  return s !== s.toUpperCase() && s === s.toLowerCase();
}
