// Unicode property classes (\p{L}, \p{Lu}, …) make a regular expression slow to compile: V8 spends
// from a few tenths of a millisecond to several on each such pattern the first time it runs, and a
// content script always starts cold (profiled: most of a sample page's version and name-form steps).
// Most inputs the detector gives these patterns hold no letter, digit or mark beyond ASCII (a
// character, a token, a window of English text with curly quotes and dashes), and there \p{L} is
// [A-Za-z]: a twin of the pattern without property classes (cheap to compile) answers those, and
// the Unicode pattern is compiled only once an input needs it.

// Anything but ASCII and the punctuation, spaces, symbols and currency signs of Latin-1 and the
// General Punctuation and Currency blocks (none of them a letter, mark or number; ª µ º ² ³ ¹ ¼-¾ are):
// where a twin might answer differently. (Astral characters are surrogates here: also outside.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole of ASCII is allowed, control characters too
const NEEDS_UNICODE = /[^\x00-\x7f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf]/;
// What each property class is on ASCII (the marks have no ASCII member)
const ON_ASCII: Record<string, string> = { L: 'A-Za-z', Lu: 'A-Z', Ll: 'a-z', N: '0-9', Nd: '0-9', M: '' };

/** The pattern's source with its property classes as ASCII ranges, or null when it has none or one this does not know. */
export function asciiTwinSource(source: string): string | null {
  let out = '';
  let inClass = false;
  let changed = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i);
        const ascii = next === 'p' && source[i + 2] === '{' ? ON_ASCII[source.slice(i + 3, close)] : undefined;
        if (ascii === undefined) return null;
        out += inClass ? ascii : `[${ascii}]`;
        i = close;
        changed = true;
        continue;
      }
      // code point escapes and the like need the u flag
      if (next === 'u' && source[i + 2] === '{') return null;
      out += c + next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return changed ? out : null;
}

const LONG = 256;
// the last long input (the page text: every pattern run over it asks), looked through once for all patterns
let lastLong = '';
let longPlain = true;

/** Whether `input` holds nothing the twin could answer differently (most inputs: a loop, no pattern). */
function plainText(input: string): boolean {
  for (let i = 0; i < input.length; i++) if (input.charCodeAt(i) > 0x7f) return !NEEDS_UNICODE.test(input);
  return true;
}

/**
 * A regular expression that runs as its ASCII twin on plain input and as itself otherwise. Not a
 * RegExp subclass: both patterns stay ordinary RegExps, on V8's fast paths. exec, test and lastIndex
 * (sticky and global use) are its own; replace, split, match and matchAll go to the Unicode pattern.
 */
class AsciiFirst {
  lastIndex = 0;
  readonly source: string;
  readonly flags: string;
  readonly global: boolean;
  readonly sticky: boolean;
  readonly unicode = true;
  private readonly twin: RegExp;
  private fullPattern: RegExp | null = null;
  // the answer for the last short input (a character, a token, a window)
  private lastShort = '';
  private shortPlain = true;

  constructor(twin: string, source: string, flags: string) {
    this.twin = new RegExp(twin, flags.replace('u', ''));
    this.source = source;
    this.flags = flags;
    this.global = this.twin.global;
    this.sticky = this.twin.sticky;
  }

  private plain(input: string): boolean {
    if (input.length === 1) return input.charCodeAt(0) <= 0x7f || !NEEDS_UNICODE.test(input);
    if (input.length <= LONG) {
      if (input !== this.lastShort) {
        this.lastShort = input;
        this.shortPlain = plainText(input);
      }
      return this.shortPlain;
    }
    if (input !== lastLong) {
      lastLong = input;
      longPlain = !NEEDS_UNICODE.test(input);
    }
    return longPlain;
  }

  full(): RegExp {
    this.fullPattern ??= new RegExp(this.source, this.flags);
    return this.fullPattern;
  }

  copy(): AsciiFirst {
    return new AsciiFirst(this.twin.source, this.source, this.flags);
  }

  exec(input: string): RegExpExecArray | null {
    const re = this.plain(input) ? this.twin : this.full();
    if (!this.global && !this.sticky) return re.exec(input);
    re.lastIndex = this.lastIndex;
    const match = re.exec(input);
    this.lastIndex = re.lastIndex;
    return match;
  }

  test(input: string): boolean {
    return this.exec(input) !== null;
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  [Symbol.replace](input: string, replacement: string): string {
    return input.replace(this.full(), replacement);
  }

  [Symbol.split](input: string, limit?: number): string[] {
    return input.split(this.full(), limit);
  }

  [Symbol.match](input: string): RegExpMatchArray | null {
    return input.match(this.full());
  }

  [Symbol.matchAll](input: string): IterableIterator<RegExpMatchArray> {
    return input.matchAll(new RegExp(this.full()));
  }

  [Symbol.search](input: string): number {
    return input.search(this.full());
  }
}

// the patterns written inline (asked once per match): one twin each, made on first use
const shared = new Map<string, RegExp>();

/**
 * `re` for exec() and test() (and sticky or global use through lastIndex), compiled as a Unicode
 * pattern only when an input needs it (replace, split, match and matchAll use the Unicode pattern:
 * iterate with execAll() instead). A pattern without g or y is shared (call it inline); one with is a new object.
 */
export function asciiFirst(re: RegExp): RegExp {
  if (!re.unicode) return re;
  const stateless = !re.global && !re.sticky;
  const key = `${re.flags}/${re.source}`;
  if (stateless) {
    const kept = shared.get(key);
    if (kept) return kept;
  }
  const twin = asciiTwinSource(re.source);
  // (with i too: on input without letters beyond ASCII, simple case folding and the twin's agree)
  // (typed as a RegExp: it answers everything a RegExp is asked here, see AsciiFirst)
  const made = twin === null ? re : (new AsciiFirst(twin, re.source, re.flags) as unknown as RegExp);
  if (stateless) shared.set(key, made);
  return made;
}

/** text.matchAll(re) for a global pattern from asciiFirst() (on a copy: the caller's lastIndex is left alone). */
export function* execAll(re: RegExp, text: string): Generator<RegExpExecArray, void, unknown> {
  const copy = re instanceof AsciiFirst ? re.copy() : new RegExp(re);
  copy.lastIndex = 0;
  for (let m = copy.exec(text); m; m = copy.exec(text)) {
    // (as matchAll: an empty match moves on by one)
    if (m[0] === '') copy.lastIndex++;
    yield m;
  }
}
