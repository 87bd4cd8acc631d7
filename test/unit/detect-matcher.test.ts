// The matcher's fast paths give the same answers as its plain ones: the two-halves scan against
// one-chain scanning, the packed detector (as JSON, the way it travels) against one compiled in
// place, and detection in time-boxed pieces against detection in one go.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, findAll, newCursor, scanChunk, type Automaton } from '../../lib/detect/automaton';
import { createDetector, packDetector, packedFits, type PackedDetector } from '../../lib/detect/detector';
import { extractFrom, extractSteps } from '../../lib/detect/extract';
import type { HasTime } from '../../lib/detect/schedule';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';

const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
if (!mini.ok) throw new Error(mini.errors.join('\n'));
const table = compileAliasTable(mini.value);

/** Every hit of `text`, scanned in pieces of `size` characters (under 128: one chain only). */
function hits(a: Automaton, text: string, size: number): string[] {
  const ends = new Int32Array(size);
  const states = new Int32Array(size);
  const cursor = newCursor(a);
  const out: string[] = [];
  for (let from = 0; from < text.length; from += size) {
    const n = scanChunk(a, text, from, Math.min(text.length, from + size), cursor, ends, states, 0);
    for (let k = 0; k < n; k++) out.push(`${ends[k]}:${states[k]}`);
  }
  return out;
}

/** Text built from pieces of the keys and their neighbours, so patterns straddle every split point. */
function soup(keys: string[], seed: number, length: number): string {
  const bits = [...keys, ...keys.map((k) => k.toUpperCase()), ' ', '  ', '-', '. ', "'s ", 'x', 'zz', '\n', '深度'];
  let s = seed;
  let text = '';
  while (text.length < length) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const bit = bits[s % bits.length];
    // sometimes only part of a key, so the automaton is left mid-pattern
    text += s % 5 === 0 ? bit.slice(0, Math.max(1, bit.length >> 1)) : bit;
  }
  return text;
}

describe('the matcher', () => {
  const keys = [
    'llama',
    'llama 4',
    'llama 4 scout',
    'meta',
    'meta ai',
    'deepseek',
    'deepseek r1',
    'r1',
    "o'neil",
    'gpt-4o',
    'ai',
    '深度求索',
    'a',
  ];
  const a = buildAutomaton(keys.map((k) => k.replace('-', ' ')));

  it('finds the same hits scanning two halves side by side as with one chain, wherever the halves meet', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = soup(keys, seed, 300 + seed * 97);
      const oneChain = hits(a, text, 64);
      expect(oneChain.length).toBeGreaterThan(0);
      for (const size of [128, 200, 1024, 1 << 15]) expect(hits(a, text, size)).toEqual(oneChain);
    }
  });

  it('re-joins the halves when a long pattern runs across the middle', () => {
    // the middle of 256 characters falls inside "llama 4 scout" written with a long space run
    const text = `${'x '.repeat(58)}Llama${' '.repeat(20)}4${' '.repeat(20)}Scout ${'y '.repeat(60)}`;
    expect(hits(a, text, text.length)).toEqual(hits(a, text, 64));
  });
});

describe('CJK text (no spaces between words)', () => {
  it('starts a Latin name right after a CJK character of some pattern, and keeps a CJK name followed by Latin letters', () => {
    const keys = ['deepmind', '公司', '司法', '腾讯'];
    const a = buildAutomaton(keys);
    const hits = (text: string) => findAll(a, text).map((h) => `${keys[h.pattern]}@${h.start}`);
    expect(hits('人工智能公司DeepMind发布')).toEqual(['公司@4', 'deepmind@6']);
    expect(hits('司DeepMind')).toEqual(['deepmind@1']);
    expect(hits('腾讯AI实验室')).toEqual(['腾讯@0']);
    // inside a Latin word it is still no name
    expect(hits('xDeepMind 司法')).toEqual(['司法@10']);
  });
});

describe('a very large automaton (over 65,535 states: 32-bit tables)', () => {
  it('still finds every planted key, with exact spans', () => {
    let seed = 7;
    const word = () => {
      let w = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        w += String.fromCharCode(0x61 + ((seed >>> 16) % 26));
      }
      return w;
    };
    const keys = [...new Set(Array.from({ length: 7000 }, word))];
    const a = buildAutomaton(keys);
    expect(a.states).toBeGreaterThan(0xffff);
    expect(a.delta).toBeInstanceOf(Int32Array);
    const planted = [keys[0], keys[3500], keys[keys.length - 1]];
    const text = `Start ${planted[0]} and ${planted[1].toUpperCase()}, then ${planted[2]}.`;
    const found = findAll(a, text).map((h) => text.slice(h.start, h.end).toLowerCase());
    expect(found).toEqual(planted);
  });
});

describe('the packed detector', () => {
  it('detects exactly what a detector compiled in place does, after a trip through JSON', () => {
    const packed = JSON.parse(JSON.stringify(packDetector(table))) as PackedDetector;
    expect(packedFits(table, packed)).toBe(true);
    const fromPacked = createDetector(table, packed);
    const inPlace = createDetector(table);
    const text =
      "OpenAI's GPT-4o and DeepSeek-R1 were compared. Meta said Llama 4 Scout is open. " +
      'Later, o1 and R1 came up again; Anthropic (Claude) declined. '.repeat(20);
    expect(fromPacked.detect(text, { force: true })).toEqual(inPlace.detect(text, { force: true }));
    expect(fromPacked.detect(text).mentions.length).toBeGreaterThan(10);
  });

  it('is not used for another table: the page compiles its own', () => {
    const packed = packDetector(table);
    expect(packedFits({ ...table, version: `${table.version}-other` }, packed)).toBe(false);
    expect(packedFits({ ...table, aliases: table.aliases.slice(1) }, packed)).toBe(false);
    expect(packedFits(table, null)).toBe(false);
  });
});

describe('detection in time-boxed pieces', () => {
  const detector = createDetector(table);
  const text = 'OpenAI released GPT-4o. DeepSeek-R1 followed, and R1 was cheap. Meta shipped Llama. '.repeat(400);

  const drive = (hasTime: HasTime) => drain(detector.detectSteps(text, { force: true }), hasTime);

  it('finds the same mentions whether each step gets no time, some or plenty', () => {
    const whole = detector.detect(text, { force: true });
    const none = drive(() => false);
    let calls = 0;
    const some = drive(() => ++calls % 3 !== 0);
    const plenty = drive(() => true);
    expect(none.result).toEqual(whole);
    expect(some.result).toEqual(whole);
    expect(plenty.result).toEqual(whole);
    // no time left: one small piece per step, so many more steps than with time to spare
    expect(none.yields).toBeGreaterThan(plenty.yields * 3);
  });

  it('extracts the same index whether each step gets no time or plenty', () => {
    document.body.innerHTML = `<article>${'<p>DeepSeek <b>R1</b> and <a href="#">OpenAI</a><br>GPT-4o</p>'.repeat(300)}</article>`;
    const root = document.querySelector('article')!;
    const whole = extractFrom(root);
    for (const hasTime of [() => false, () => true]) {
      const { result } = drain(extractSteps(root), hasTime);
      expect(result.text).toBe(whole.text);
      expect(result.starts).toEqual(whole.starts);
    }
    expect(whole.text).toContain('OpenAI\nGPT-4o');
  });
});

/** Drives steps the way a slice runner does, answering each yield with `hasTime` ("time left?"). */
function drain<T>(steps: Generator<void, T, HasTime | undefined>, hasTime: HasTime): { result: T; yields: number } {
  let step = steps.next();
  let yields = 0;
  while (!step.done) {
    yields++;
    step = steps.next(hasTime);
  }
  return { result: step.value, yields };
}
