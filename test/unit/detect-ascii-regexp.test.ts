// Patterns with Unicode property classes run as an ASCII twin on input without letters, marks or
// digits beyond ASCII (lib/detect/ascii-regexp.ts): they must answer exactly as the patterns do, on
// any input.
import { describe, expect, it } from 'vitest';
import { asciiFirst, asciiTwinSource, execAll } from '../../lib/detect/ascii-regexp';

// the shapes the detector uses (lib/detect/versions.ts, variants.ts), a few with i, g or y
const PATTERNS: RegExp[] = [
  /^(\p{L}[\p{L}]*\p{L})\.?(\d{1,2}(?:\.\d{1,2}){0,2})([a-z]?)$/u,
  /^\p{L}[\p{L}+]*$/u,
  /[\p{L}\p{N}_.@#\-\u2010-\u2014]/u,
  /[\p{L}\p{N}_]/u,
  /[\p{L}\p{N}+]+(?:\.\d+[\p{L}\p{N}]*)*/uy,
  /^\p{Lu}[\p{Ll}\p{M}'’-]*\p{Ll}$/u,
  /["“‘'](\p{Lu}[\p{L}\p{M}.-]{1,20})["”’'][ \u00A0](\p{Lu}[\p{L}\p{M}'’-]+)(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}'’-]+)[ \u00A0]$/u,
  /(?<![\p{L}])(\p{Lu}[\p{Ll}\p{M}'’]*)[ \u00A0]$/u,
  /(?:^|[^\p{L}])(?:von|van|der|de|bin)[ \u00A0]$/iu,
  /(?:Sam|Ilya|Zuck)(?![\p{L}\p{N}_]|[-‐][\p{L}\p{N}]|['’](?![sS](?![\p{L}])))/gu,
  /(?:Sonnet|Opus)(?![\p{L}\p{N}_]|[-‐][\p{L}\p{N}]|[ \u00A0]\d)/gu,
  /^[ \u00A0]\p{Lu}\p{Lu}/u,
];

// ASCII and the punctuation news text carries, and now and then what needs the Unicode pattern:
// accented and Cyrillic letters, a CJK character, a combining mark, a superscript digit, an astral letter
const COMMON = [
  'a',
  'b',
  'K',
  'Z',
  's',
  'S',
  'o',
  'n',
  ' ',
  ' ',
  '.',
  '-',
  "'",
  '’',
  '“',
  '”',
  '"',
  '‘',
  '1',
  '4',
  '0',
  '_',
  '+',
  '@',
  '\u00A0',
  '‐',
  '—',
  '\n',
];
const WORDS = [
  'Sam',
  'Ilya',
  'Zuck',
  'Zuckerberg',
  'Opus',
  'Sonnet',
  'von ',
  'Qwen3',
  'GPT-5',
  'R1',
  '70B',
  'de ',
  "'s",
  'Mark "Zuck" Zuckerberg',
  '“Zuck” Zuck',
];
const RARE = ['é', 'É', 'Ж', '中', '\u0301', '²', 'ª', '𝐀', 'ſ', 'K'];

function randomText(seed: number, length: number, rare: boolean): string {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  let out = '';
  while (out.length < length) {
    const r = next();
    if (rare && r < 0.04) out += RARE[Math.floor(next() * RARE.length)];
    else if (r < 0.3) out += WORDS[Math.floor(next() * WORDS.length)];
    else out += COMMON[Math.floor(next() * COMMON.length)];
  }
  return out;
}

const shape = (m: RegExpExecArray | null) => (m ? { all: [...m], index: m.index } : null);

describe('asciiFirst', () => {
  it('writes the property classes as ASCII ranges, in and out of brackets', () => {
    expect(asciiTwinSource("^\\p{Lu}[\\p{Ll}\\p{M}'-]*\\p{N}$")).toBe("^[A-Z][a-z'-]*[0-9]$");
    expect(asciiTwinSource('[^\\p{L}]\\\\p')).toBe('[^A-Za-z]\\\\p');
    // nothing to gain, or a class it does not know: no twin
    expect(asciiTwinSource('abc')).toBeNull();
    expect(asciiTwinSource('\\p{Script=Han}')).toBeNull();
    expect(asciiTwinSource('\\P{L}')).toBeNull();
  });

  it('answers exec and test as the Unicode pattern does, on plain and on mixed input', () => {
    let checked = 0;
    for (const re of PATTERNS) {
      const fast = asciiFirst(re);
      expect(fast).not.toBe(re);
      for (let seed = 1; seed <= 300; seed++) {
        const rare = seed % 3 === 0;
        const text = randomText(seed * 7919 + re.source.length, 4 + (seed % 40), rare);
        if (re.global || re.sticky) {
          // sticky/global: the same matches from every start, and lastIndex after each
          for (let at = 0; at <= text.length; at += 3) {
            const slow = new RegExp(re);
            slow.lastIndex = at;
            fast.lastIndex = at;
            expect(shape(fast.exec(text))).toEqual(shape(slow.exec(text)));
            expect(fast.lastIndex).toBe(slow.lastIndex);
          }
          if (re.global)
            expect([...execAll(fast, text)].map(shape)).toEqual([...text.matchAll(re)].map((m) => shape(m as RegExpExecArray)));
        } else {
          expect(shape(fast.exec(text))).toEqual(shape(re.exec(text)));
          // one character, as the boundary checks ask
          for (const ch of text) expect(fast.test(ch)).toBe(re.test(ch));
        }
        checked++;
      }
    }
    expect(checked).toBe(PATTERNS.length * 300);
  });

  it('shares one object per inline pattern, and leaves the caller’s lastIndex alone in execAll', () => {
    expect(asciiFirst(/\p{Lu}x/u)).toBe(asciiFirst(/\p{Lu}x/u));
    const re = asciiFirst(/\p{Lu}/gu);
    re.lastIndex = 2;
    expect([...execAll(re, 'A b C')].map((m) => m.index)).toEqual([0, 4]);
    expect(re.lastIndex).toBe(2);
  });

  it('gives replace, split, match and matchAll the Unicode pattern’s answers', () => {
    const text = 'Élodie met Sam; Ödön and Ann';
    const plain = /\p{Lu}\p{Ll}+/gu;
    const fast = asciiFirst(/\p{Lu}\p{Ll}+/gu);
    expect(text.replace(fast, '_')).toBe(text.replace(plain, '_'));
    expect(text.split(asciiFirst(/[^\p{L}]+/u))).toEqual(text.split(/[^\p{L}]+/u));
    expect(text.match(fast)).toEqual(text.match(plain));
    expect([...text.matchAll(fast)].map((m) => m.index)).toEqual([...text.matchAll(plain)].map((m) => m.index));
    expect(text.search(asciiFirst(/\p{Ll}/u))).toBe(text.search(/\p{Ll}/u));
  });
});
