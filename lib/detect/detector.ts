// The detector: one Aho-Corasick pass finds aliases, context words and AI vocabulary together;
// then word boundaries and case are verified, the longest match wins, ambiguous aliases and short
// forms are kept only with support, and a page-level relevance score gates non-AI pages.
import type { AliasTable } from '../kb/alias-table';
import {
  matchStart,
  newCursor,
  packAutomatonSteps,
  scanChunk,
  unpackAutomatonSteps,
  verifyKey,
  type Automaton,
  type PackedAutomaton,
  type ScanCursor,
} from './automaton';
import { AI_TERMS, GATE_THRESHOLD, addEvidence, emptyEvidence, relevanceOf, type Evidence } from './gate';
import { SEP, isDigitCode, isLetterCode, isWordCode, normaliseCode, patternKey } from './normalise';
import type { DetectionResult, Mention } from './types';
import { nameVariantSteps, prepareVariants, usePackedVariants, type PackedVariants } from './variants';
import { usePackedVersions, versionSteps, type PackedVersions } from './versions';
import type { HasTime, Steps } from './schedule';

export interface DetectOptions {
  /** Ignore the relevance gate ("scan this page anyway"). */
  force?: boolean;
  /**
   * What earlier scans of the same page found (for scans of added content): entities already
   * mentioned (short forms and "@entity" context count) and the evidence so far (relevance is
   * judged on the whole page). Updated in place.
   */
  memory?: DetectMemory;
  /**
   * When the page was published (YYYY[-MM[-DD]], from its metadata): names that meant something
   * else then are left out, and former names are shown as such. Unknown: every alias counts.
   */
  pageDate?: string;
  /** Look for first names, surnames and nicknames of the people named, and model versions beyond the pack (default true; the build's priming run skips both). */
  variants?: boolean;
}

export interface DetectMemory {
  seen: Set<number>;
  evidence: Evidence;
}

export interface Detector {
  readonly table: AliasTable;
  /** the compiled matcher (benchmarks and diagnostics) */
  readonly automaton: Automaton;
  detect(text: string, options?: DetectOptions): DetectionResult;
  /** The same work as detect(), yielding between chunks so a caller can spread it over frames. */
  detectSteps(text: string, options?: DetectOptions): Steps<DetectionResult>;
  newMemory(): DetectMemory;
}

/**
 * Everything the detector compiles from an alias table, in a JSON-safe form: the background makes
 * it once per table and sends it to every page, which then only expands the automaton.
 */
export interface PackedDetector {
  /** the table it was made from: version and alias count (checked before use) */
  tableVersion: string;
  aliasCount: number;
  automaton: PackedAutomaton;
  /** per alias: the alias as written, normalised (quotes, dashes), for case-sensitive checks */
  aliasSurface: string[];
  /** per alias: ids of its context words, and entity indexes of its "@entity" context */
  aliasContextWords: number[][];
  aliasContextEntities: number[][];
  /** per pattern: alias indexes, context-word ids, AI-term ids (null: none) */
  aliasRefs: (number[] | null)[];
  contextRefs: (number[] | null)[];
  termRefs: (number[] | null)[];
  contextSensitive: boolean[];
  contextSurface: string[];
  termSensitive: boolean[];
  termSurface: string[];
  /** the model families versions are read with, learned with it in the background (lib/detect/packed-cache.ts) */
  versions?: PackedVersions;
  /** the name forms' tables that depend on the pack alone (lib/detect/variants.ts), learned with it */
  variants?: PackedVariants;
}

/** Unambiguous mentions of one company or person that count as AI evidence (models count every time). */
export const OTHER_CAP = 3;
/** How far (UTF-16 units) around an ambiguous alias its context words are looked for. */
export const CONTEXT_WINDOW = 250;
// Characters scanned per step when driven by hand (also the hit-buffer size: at most one hit per
// character), and per piece when a slice runner says how much time is left.
const CHUNK = 1 << 15;
const PIECE = 1 << 12;
// Candidate groups examined per step, and per piece.
const SELECT_BATCH = 1024;
const SELECT_PIECE = 128;

// Alias flags
const CASE_SENSITIVE = 1;
const AMBIGUOUS = 2;
const SHORT_FORM = 4;
// Pattern kinds: what a hit of the pattern may be, and how it is checked
const TERM = 1;
const CONTEXT = 2;
const ALIAS = 4;
const INEXACT = 8;
const SPACED = 16;

interface Compiled {
  automaton: Automaton;
  aliasEntity: Int32Array;
  aliasFlags: Uint8Array;
  aliasSurface: string[];
  aliasContextWords: number[][];
  aliasContextEntities: number[][];
  aliasRefs: (number[] | null)[];
  contextRefs: (number[] | null)[];
  termRefs: (number[] | null)[];
  contextSensitive: boolean[];
  contextSurface: string[];
  termSensitive: boolean[];
  termSurface: string[];
  /** per alias: the date it names its entity from, and the date a former name was used until (null: none) */
  aliasSince: (string | null)[];
  aliasUntil: (string | null)[];
  /** per entity: 1 for models (they weigh more in the gate) */
  entityIsModel: Uint8Array;
  /** per pattern: TERM | CONTEXT | ALIAS | INEXACT | SPACED */
  patternKinds: Uint8Array;
}

// Short all-capital context words ("AI", "API", "LLM") count only in capitals.
function isCaseSensitiveWord(word: string): boolean {
  return word.length <= 5 && /^[A-Z0-9.]+$/.test(word) && /[A-Z]/.test(word);
}

/** Compiles an alias table into the detector's JSON-safe form (in steps: pages may do this too). */
export function* packDetectorSteps(table: AliasTable): Generator<void, PackedDetector, void> {
  const keyIds = new Map<string, number>();
  const keys: string[] = [];
  const aliasRefs: (number[] | null)[] = [];
  const contextRefs: (number[] | null)[] = [];
  const termRefs: (number[] | null)[] = [];
  const patternOf = (text: string): number => {
    const key = patternKey(text);
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keys.push(key) - 1;
      keyIds.set(key, id);
      aliasRefs.push(null);
      contextRefs.push(null);
      termRefs.push(null);
    }
    return id;
  };
  const entityIndex = new Map(table.entities.map((e, i) => [e.id, i]));
  const contextIds = new Map<string, number>();
  const contextSensitive: boolean[] = [];
  const contextSurface: string[] = [];
  const aliasSurface: string[] = [];
  const aliasContextWords: number[][] = [];
  const aliasContextEntities: number[][] = [];
  for (let i = 0; i < table.aliases.length; i++) {
    if (i % 150 === 149) yield;
    const alias = table.aliases[i];
    const contextWords: number[] = [];
    const contextEntities: number[] = [];
    for (const c of alias.context) {
      if (c.startsWith('@')) {
        const e = entityIndex.get(c.slice(1));
        if (e !== undefined) contextEntities.push(e);
        continue;
      }
      const sensitive = isCaseSensitiveWord(c);
      const id_ = `${sensitive ? 's' : 'i'}:${sensitive ? c : patternKey(c)}`;
      let wordId = contextIds.get(id_);
      if (wordId === undefined) {
        wordId = contextSensitive.push(sensitive) - 1;
        contextSurface.push(normaliseSurface(c));
        contextIds.set(id_, wordId);
        const p = patternOf(c);
        (contextRefs[p] ??= []).push(wordId);
      }
      contextWords.push(wordId);
    }
    aliasSurface.push(normaliseSurface(alias.text));
    aliasContextWords.push(contextWords);
    aliasContextEntities.push(contextEntities);
    if (patternKey(alias.text)) (aliasRefs[patternOf(alias.text)] ??= []).push(i);
  }
  const termSensitive: boolean[] = [];
  const termSurface: string[] = [];
  AI_TERMS.forEach((term, i) => {
    termSensitive.push(term.caseSensitive);
    termSurface.push(normaliseSurface(term.text));
    (termRefs[patternOf(term.text)] ??= []).push(i);
  });
  const automaton = yield* packAutomatonSteps(keys);
  return {
    tableVersion: table.version,
    aliasCount: table.aliases.length,
    automaton,
    aliasSurface,
    aliasContextWords,
    aliasContextEntities,
    aliasRefs,
    contextRefs,
    termRefs,
    contextSensitive,
    contextSurface,
    termSensitive,
    termSurface,
  };
}

export function packDetector(table: AliasTable): PackedDetector {
  return runSteps(packDetectorSteps(table));
}

/** Whether `packed` was made from `table` (same version and alias count): else the page compiles its own. */
export function packedFits(table: AliasTable, packed: PackedDetector | null | undefined): packed is PackedDetector {
  return (
    !!packed &&
    packed.tableVersion === table.version &&
    packed.aliasCount === table.aliases.length &&
    // the current packed form (a background from before an update may still send an older one)
    typeof packed.automaton?.outputFlags === 'string'
  );
}

function* compile(table: AliasTable, prebuilt?: PackedDetector | null): Generator<void, Compiled, void> {
  const packed = packedFits(table, prebuilt) ? prebuilt : yield* packDetectorSteps(table);
  if (packed === prebuilt) {
    usePackedVersions(table, prebuilt.versions);
    usePackedVariants(table, prebuilt.variants);
  }
  const automaton = yield* unpackAutomatonSteps(packed.automaton);
  const aliasEntity = new Int32Array(table.aliases.length);
  const aliasFlags = new Uint8Array(table.aliases.length);
  table.aliases.forEach((a, i) => {
    aliasEntity[i] = a.entity;
    aliasFlags[i] = (a.caseSensitive ? CASE_SENSITIVE : 0) | (a.ambiguous ? AMBIGUOUS : 0) | (a.shortForm ? SHORT_FORM : 0);
  });
  const entityIsModel = new Uint8Array(table.entities.length);
  for (const [i, e] of table.entities.entries()) entityIsModel[i] = e.type === 'model' ? 1 : 0;
  const aliasSince = table.aliases.map((a) => a.since ?? null);
  const aliasUntil = table.aliases.map((a) => a.until ?? null);
  const patternKinds = new Uint8Array(automaton.keys.length);
  automaton.keys.forEach((key, p) => {
    patternKinds[p] =
      (packed.termRefs[p] ? TERM : 0) |
      (packed.contextRefs[p] ? CONTEXT : 0) |
      (packed.aliasRefs[p] ? ALIAS : 0) |
      (automaton.inexact[p] ? INEXACT : 0) |
      (key.includes(' ') ? SPACED : 0);
  });
  return {
    patternKinds,
    automaton,
    aliasEntity,
    aliasFlags,
    aliasSurface: packed.aliasSurface,
    aliasContextWords: packed.aliasContextWords,
    aliasContextEntities: packed.aliasContextEntities,
    aliasRefs: packed.aliasRefs,
    contextRefs: packed.contextRefs,
    termRefs: packed.termRefs,
    contextSensitive: packed.contextSensitive,
    contextSurface: packed.contextSurface,
    termSensitive: packed.termSensitive,
    termSurface: packed.termSurface,
    entityIsModel,
    aliasSince,
    aliasUntil,
  };
}

function runSteps<T>(steps: Generator<void, T, void> | Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Normalised (quotes, dashes, spaces) but case kept: what a case-sensitive alias must look like. */
function normaliseSurface(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(normaliseCode(text.charCodeAt(i)));
  return out.trim();
}

/** Exact-case comparison of text[start, end) with a surface form; separator runs compare equal. */
function sameCase(text: string, start: number, end: number, surface: string): boolean {
  // fast path: the common case is a verbatim match
  if (end - start === surface.length && text.startsWith(surface, start)) return true;
  let i = start;
  let j = 0;
  while (i < end && j < surface.length) {
    const a = normaliseCode(text.charCodeAt(i));
    const b = surface.charCodeAt(j);
    if (a === SEP && b === SEP) {
      while (i < end && normaliseCode(text.charCodeAt(i)) === SEP) i++;
      while (j < surface.length && surface.charCodeAt(j) === SEP) j++;
      continue;
    }
    if (a !== b) return false;
    i++;
    j++;
  }
  return i === end && j === surface.length;
}

function isHyphenish(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

function isApostrophe(c: number): boolean {
  return normaliseCode(c) === 0x27;
}

/**
 * Unicode word boundaries with the rules news text needs. `strict` (ambiguous aliases) also refuses
 * hyphen compounds ("Meta-analysis", "Llama-like").
 */
export function isBoundary(text: string, start: number, end: number, strict: boolean): boolean {
  if (start > 0) {
    const b = text.charCodeAt(start - 1);
    if (isWordCode(b)) return false;
    const b2 = start > 1 ? text.charCodeAt(start - 2) : 0;
    // "chat.openai", "v.GPT": a dot inside a token
    if (b === 0x2e && isWordCode(b2)) return false;
    if (isHyphenish(b) && isWordCode(b2) && (strict || isDigitCode(b2))) return false;
  }
  if (end < text.length) {
    const a = text.charCodeAt(end);
    if (isWordCode(a)) return false;
    const a2 = end + 1 < text.length ? text.charCodeAt(end + 1) : 0;
    // versions and domains go on: "GPT-4.1", "3,5", "openai.com"
    if ((a === 0x2e || a === 0x2c) && isWordCode(a2)) return false;
    if (isHyphenish(a)) {
      if (isDigitCode(a2)) return false; // "Llama-3" is not "Llama"
      if (strict && isLetterCode(a2)) return false;
    }
    // possessives and contractions are fine ("OpenAI's"), other apostrophe-joined words are not
    if (isApostrophe(a) && isLetterCode(a2)) {
      const a3 = end + 2 < text.length ? text.charCodeAt(end + 2) : 0;
      const suffix = a2 | 0x20;
      if (!((suffix === 0x73 || suffix === 0x64) && !isWordCode(a3))) return false; // 's, 'd
    }
  }
  return true;
}

export function createDetector(table: AliasTable, prebuilt?: PackedDetector | null): Detector {
  return runSteps(createDetectorSteps(table, prebuilt));
}

/**
 * createDetector() in steps (a page builds it between slices of other work). With `prebuilt`
 * (made by packDetector() from the same table) only the DFA table is expanded.
 */
export function* createDetectorSteps(table: AliasTable, prebuilt?: PackedDetector | null): Generator<void, Detector, void> {
  const c = yield* compile(table, prebuilt);
  const entities = table.entities;

  function* detectSteps(text: string, options: DetectOptions = {}): Steps<DetectionResult> {
    const memory = options.memory;
    const run = newRun(c, text, memory);
    run.pageDate = options.pageDate ?? null;
    // Each step does small pieces while its slice has time (fixed-size chunks when driven by hand).
    let hasTime: HasTime | undefined;
    const more = () => hasTime?.() ?? false;
    // 1. One pass records every pattern end; each piece's hits are verified (boundaries, case) at once.
    for (let from = 0; from < text.length; ) {
      const piece = hasTime ? PIECE : CHUNK;
      do {
        const to = Math.min(text.length, from + piece);
        scanAndVerify(run, from, to);
        run.cjk += countCjk(text, from, to);
        from = to;
      } while (from < text.length && more());
      hasTime = yield;
    }
    // 2. Unambiguous full names, longest match first: what the page certainly mentions.
    for (let i = 0; i < run.count; ) {
      const batch = hasTime ? SELECT_PIECE : SELECT_BATCH;
      do i = selectFirm(run, i, batch);
      while (i < run.count && more());
      if (i < run.count) hasTime = yield;
    }
    // 3. Page relevance and the gate.
    const own: Evidence = { chars: text.length + (CJK_WEIGHT - 1) * run.cjk, terms: run.terms, models: run.models, others: run.others };
    const evidence = memory ? addEvidence(memory.evidence, own) : own;
    if (memory) memory.evidence = evidence;
    const relevance = relevanceOf(evidence);
    const gated = relevance < GATE_THRESHOLD && !options.force;
    if (gated) return { relevance, gated, mentions: [] };
    hasTime = yield;
    // 4. All aliases with their rules, in reading order.
    let mentions: Mention[] = [];
    run.lastEnd = -1;
    for (let i = 0; i < run.count; ) {
      const batch = hasTime ? SELECT_PIECE : SELECT_BATCH;
      do i = selectMentions(run, entities, mentions, i, batch);
      while (i < run.count && more());
      if (i < run.count) hasTime = yield;
    }
    if (memory) for (const e of run.seen) memory.seen.add(e);
    if (options.variants === false) return { relevance, gated, mentions };
    // 4b. Versions of the pack's model families it does not list yet ("GPT-6", "Gemini 3.5 Flash"), as whole names.
    hasTime = yield;
    mentions = yield* versionSteps(text, mentions, table, (e) => run.seen.has(e) || run.strong.has(e));
    // 5. First names, surnames and nicknames of the people this text named in full (a slice of its own).
    hasTime = yield;
    return { relevance, gated, mentions: yield* nameVariantSteps(text, mentions, table) };
  }

  const detector: Detector = {
    table,
    automaton: c.automaton,
    detectSteps,
    detect(text, options) {
      return runSteps(detectSteps(text, options));
    },
    newMemory: () => ({ seen: new Set(), evidence: emptyEvidence() }),
  };
  yield;
  // A page's code starts cold: V8 compiles the hot loops while they run, and any branch not taken
  // by then (the second half's hits, the end of a chunk, a context word) is compiled as a bail-out
  // that throws the fast code away when first reached. One small text through every path first.
  // The name-variant tables (a pass over the pack) and the priming run each take slices of their own.
  prepareVariants(table);
  yield;
  // (without the name variants: their regular expressions compile on the first AI page, in its own slice)
  const priming = detectSteps(primingText(table), { force: true, memory: detector.newMemory(), variants: false });
  while (!priming.next().done) yield;
  return detector;
}

/** A few hundred characters holding aliases of every kind, their context words and AI terms, in both halves. */
function primingText(table: AliasTable): string {
  const words: string[] = ['AI', 'artificial intelligence', '人工智能'];
  const step = Math.max(1, Math.floor(table.aliases.length / 12));
  for (let i = 0; i < table.aliases.length && words.length < 18; i += step) {
    const alias = table.aliases[i];
    words.push(alias.text);
    const context = alias.context.find((c) => !c.startsWith('@'));
    if (context) words.push(context);
  }
  const sentence = words.map((w, i) => (i % 3 === 0 ? `${w}'s` : i % 3 === 1 ? `(${w})` : `${w}-based`)).join(' and the ');
  return `${sentence}.\n${sentence.toUpperCase()}`;
}

/** One detection's working state: candidates in reading order, context-word positions, evidence. */
interface Run {
  c: Compiled;
  text: string;
  cursor: ScanCursor;
  ends: Int32Array;
  states: Int32Array;
  /** candidates, sorted by start, then longest first, then alias index */
  count: number;
  start: Int32Array;
  end: Int32Array;
  alias: Int32Array;
  /** ends of each context word's hits, ascending */
  contextEnds: number[][];
  terms: number;
  models: number;
  others: number;
  /** the page's publication date, when known */
  pageDate: string | null;
  /** Chinese, Japanese and Korean characters scanned (each weighs as several letters of a Latin-script text) */
  cjk: number;
  /** unambiguous mentions so far per company or person (their evidence is capped) */
  firmCounts: Map<number, number>;
  /** entities certainly named (unambiguous full names), then also those picked in reading order */
  strong: Set<number>;
  seen: Set<number>;
  lastEnd: number;
  /** scratch for one group of same-span candidates */
  group: number[];
}

function newRun(c: Compiled, text: string, memory: DetectMemory | undefined): Run {
  const size = Math.min(CHUNK, Math.max(16, text.length));
  const capacity = 256;
  return {
    c,
    text,
    cursor: newCursor(c.automaton),
    ends: new Int32Array(size),
    states: new Int32Array(size),
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    alias: new Int32Array(capacity),
    contextEnds: c.contextSensitive.map(() => []),
    terms: 0,
    models: 0,
    others: 0,
    firmCounts: new Map(),
    cjk: 0,
    pageDate: null,
    strong: new Set(memory?.seen ?? []),
    seen: new Set(memory?.seen ?? []),
    lastEnd: -1,
    group: [],
  };
}

/**
 * The gate measures evidence per word, in Latin-script characters (about 6 a word). A Chinese or
 * Japanese word is one to three characters, so each such character counts as this many.
 */
const CJK_WEIGHT = 3;

function countCjk(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3040) continue;
    // kana, CJK ideographs (and extension A), Hangul syllables, compatibility ideographs
    if (c <= 0x30ff || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) n++;
  }
  return n;
}

/** Scans text[from, to) and verifies its hits: boundaries, case, shared-class patterns. */
function scanAndVerify(run: Run, from: number, to: number): void {
  const { c, text, ends, states } = run;
  const a = c.automaton;
  const hits = scanChunk(a, text, from, to, run.cursor, ends, states, 0);
  const { outStart, outIds, lengths, outBase } = a;
  const kinds = c.patternKinds;
  // Plain indexed loops and flags read once: until V8 has compiled this (on a busy machine that
  // can take a good part of the scan), every operation per hit counts.
  for (let k = 0; k < hits; k++) {
    const end = ends[k];
    const state = states[k] - outBase;
    for (let o = outStart[state]; o < outStart[state + 1]; o++) {
      const pattern = outIds[o];
      const kind = kinds[pattern];
      // a key without separators spans exactly its length; one with them may span separator runs
      const start = kind & SPACED ? matchStart(a, text, end, lengths[pattern]) : end - lengths[pattern];
      if (kind & INEXACT && !verifyKey(a, text, start, end, pattern)) continue;
      // the loose word-boundary test is shared by terms, context words and unambiguous aliases
      let loose = -1;
      if (kind & TERM) {
        const termIds = c.termRefs[pattern]!;
        for (let n = 0; n < termIds.length; n++) {
          const t = termIds[n];
          if (c.termSensitive[t] && !sameCase(text, start, end, c.termSurface[t])) continue;
          if (loose < 0) loose = isBoundary(text, start, end, false) ? 1 : 0;
          if (loose === 1) {
            run.terms++;
            break;
          }
        }
      }
      if (kind & CONTEXT) {
        const wordIds = c.contextRefs[pattern]!;
        for (let n = 0; n < wordIds.length; n++) {
          const w = wordIds[n];
          if (c.contextSensitive[w] && !sameCase(text, start, end, c.contextSurface[w])) continue;
          if (loose < 0) loose = isBoundary(text, start, end, false) ? 1 : 0;
          if (loose === 1) run.contextEnds[w].push(end);
        }
      }
      if (kind & ALIAS) {
        const aliasIds = c.aliasRefs[pattern]!;
        for (let n = 0; n < aliasIds.length; n++) {
          const id = aliasIds[n];
          const flags = c.aliasFlags[id];
          if (flags & CASE_SENSITIVE && !sameCase(text, start, end, c.aliasSurface[id])) continue;
          if (flags & AMBIGUOUS) {
            if (!isBoundary(text, start, end, true)) continue;
          } else {
            if (loose < 0) loose = isBoundary(text, start, end, false) ? 1 : 0;
            if (loose === 0) continue;
          }
          addCandidate(run, start, end, id);
        }
      }
    }
  }
}

/**
 * Inserts a candidate in reading order. Hits arrive by end position, so a candidate only moves back
 * past the few overlapping ones that end earlier but start later (or are shorter at the same start).
 */
function addCandidate(run: Run, start: number, end: number, alias: number): void {
  if (run.count === run.start.length) {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    run.start = grow(run.start);
    run.end = grow(run.end);
    run.alias = grow(run.alias);
  }
  const S = run.start;
  const E = run.end;
  const A = run.alias;
  let k = run.count++;
  while (k > 0 && (S[k - 1] > start || (S[k - 1] === start && (E[k - 1] < end || (E[k - 1] === end && A[k - 1] > alias))))) {
    S[k] = S[k - 1];
    E[k] = E[k - 1];
    A[k] = A[k - 1];
    k--;
  }
  S[k] = start;
  E[k] = end;
  A[k] = alias;
}

/** Number of an alias's context words found within CONTEXT_WINDOW of [start, end), each counted once. */
function contextScore(run: Run, alias: number, start: number, end: number): number {
  const words = run.c.aliasContextWords[alias];
  let n = 0;
  for (let w = 0; w < words.length; w++) {
    const list = run.contextEnds[words[w]];
    // first context hit ending at or after start - window (binary search)
    let lo = 0;
    let hi = list.length;
    const from = start - CONTEXT_WINDOW;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length && list[k] <= end + CONTEXT_WINDOW; k++) {
      // the alias itself is not its own context
      if (list[k] > start && list[k] <= end) continue;
      n++;
      break;
    }
  }
  return n;
}

/** Index after the group of same-span candidates that starts at i. */
function groupEnd(run: Run, i: number): number {
  let j = i + 1;
  while (j < run.count && run.start[j] === run.start[i] && run.end[j] === run.end[i]) j++;
  return j;
}

/**
 * Leftmost-longest selection of unambiguous full names (no short forms): records the entities the
 * page certainly names and the gate's evidence. Groups from i, `batch` of them; returns where it stopped.
 */
function selectFirm(run: Run, i: number, batch: number): number {
  const { c } = run;
  const group = run.group;
  for (let groups = 0; i < run.count && groups < batch; groups++) {
    const j = groupEnd(run, i);
    if (run.start[i] >= run.lastEnd) {
      group.length = 0;
      for (let k = i; k < j; k++) if (!(c.aliasFlags[run.alias[k]] & (AMBIGUOUS | SHORT_FORM))) group.push(k);
      const pick = choose(run, group, 0);
      if (pick >= 0) {
        const entity = c.aliasEntity[run.alias[pick]];
        run.strong.add(entity);
        if (c.entityIsModel[entity]) run.models++;
        else {
          // a company or person repeated all through a page (Twitter in a politics column, SpaceX in a
          // launch story) is what the page is about, not evidence of AI: each counts a few times at most
          const n = (run.firmCounts.get(entity) ?? 0) + 1;
          run.firmCounts.set(entity, n);
          if (n <= OTHER_CAP) run.others++;
        }
        run.lastEnd = run.end[pick];
      }
    }
    i = j;
  }
  return i;
}

/** Leftmost-longest selection of every alias under its rules, in reading order; appends mentions. */
function selectMentions(run: Run, entities: AliasTable['entities'], mentions: Mention[], i: number, batch: number): number {
  const { c, text } = run;
  const group = run.group;
  for (let groups = 0; i < run.count && groups < batch; groups++) {
    const j = groupEnd(run, i);
    if (run.start[i] >= run.lastEnd) {
      group.length = 0;
      for (let k = i; k < j; k++) if (allowed(run, k)) group.push(k);
      const pick = choose(run, group, 1);
      if (pick >= 0) {
        const entityIndex = c.aliasEntity[run.alias[pick]];
        run.seen.add(entityIndex);
        const entity = entities[entityIndex];
        const start = run.start[pick];
        const end = run.end[pick];
        const until = c.aliasUntil[run.alias[pick]];
        // a former name on a page from before the rename is that name, with what became of it
        if (until !== null && run.pageDate !== null && run.pageDate < until) {
          const name = renamedName(c, run.alias[pick], entity.name, until);
          mentions.push({ start, end, text: text.slice(start, end), entityId: entity.id, name, type: entity.type, formerName: true });
        } else mentions.push({ start, end, text: text.slice(start, end), entityId: entity.id, name: entity.name, type: entity.type });
        run.lastEnd = end;
      }
    }
    i = j;
  }
  return i;
}

/** "Twitter (renamed X Corp. in 2023)": the former name as the pack writes it, and the current one without its own parenthesis. */
function renamedName(c: Compiled, alias: number, current: string, until: string): string {
  return `${c.aliasSurface[alias]} (renamed ${current.replace(/\s*\([^)]*\)\s*$/, '')} in ${until.slice(0, 4)})`;
}

function present(run: Run, entity: number): boolean {
  return run.strong.has(entity) || run.seen.has(entity);
}

/** Short forms need their entity named earlier; ambiguous aliases need their entity, a related entity or a context word. */
function allowed(run: Run, k: number): boolean {
  const { c } = run;
  const alias = run.alias[k];
  const flags = c.aliasFlags[alias];
  const entity = c.aliasEntity[alias];
  // a name this entity took only after the page was written meant something else then
  const since = c.aliasSince[alias];
  if (since !== null && run.pageDate !== null && run.pageDate < since) return false;
  const related = c.aliasContextEntities[alias];
  if (flags & (SHORT_FORM | AMBIGUOUS) && makerPossessive(run, k, entity)) return true;
  if (flags & SHORT_FORM && !run.seen.has(entity)) {
    // a family's short form ("R1", "V3") also counts once its maker or family ("@deepseek") was named,
    // and a maker's ("Moonshot") where the page names one of its models, before or after (a headline
    // comes first: "Moonshot releases Kimi K2"); a person's short form still needs its support earlier
    let family = false;
    for (let r = 0; r < related.length; r++) {
      if (run.seen.has(related[r]) || (c.entityIsModel[related[r]] && present(run, related[r]))) family = true;
    }
    if (!family) return false;
  }
  if (!(flags & AMBIGUOUS)) return true;
  // its own entity already named on the page ("OpenAI o1" … "o1", "X, Musk's social network" … "on X") supports it too
  if (present(run, entity)) return true;
  for (let r = 0; r < related.length; r++) if (present(run, related[r])) return true;
  if (contextScore(run, alias, run.start[k], run.end[k]) > 0) return true;
  // a versioned model name ("Gemini 3", not the 1965 mission) on a page that certainly names another model
  return c.entityIsModel[entity] === 1 && /\d/.test(c.aliasSurface[alias]) && namesAnotherModel(run, entity);
}

function namesAnotherModel(run: Run, entity: number): boolean {
  for (const e of run.strong) if (e !== entity && run.c.entityIsModel[e] === 1) return true;
  return false;
}

/**
 * "Moonshot's Kimi", "Musk's Grok": a name in the possessive right before a name whose pack context
 * lists it ("@moonshot-ai" for Kimi) is that entity, its maker or owner, even as a short or ambiguous form.
 */
function makerPossessive(run: Run, k: number, entity: number): boolean {
  const { text } = run;
  const end = run.end[k];
  if (end + 3 >= text.length || !isApostrophe(text.charCodeAt(end)) || (text.charCodeAt(end + 1) | 0x20) !== 0x73) return false;
  if (normaliseCode(text.charCodeAt(end + 2)) !== SEP) return false;
  const next = end + 3;
  // candidates are in reading order: the ones starting right after the space follow closely
  for (let j = k + 1; j < run.count && run.start[j] <= next; j++) {
    if (run.start[j] !== next) continue;
    const context = run.c.aliasContextEntities[run.alias[j]];
    for (let r = 0; r < context.length; r++) if (context[r] === entity) return true;
  }
  return false;
}

/** How well the page supports candidate k (for two entities sharing one alias at one place). */
function score(run: Run, k: number, mode: number): number {
  const { c } = run;
  const alias = run.alias[k];
  const context = contextScore(run, alias, run.start[k], run.end[k]);
  if (mode === 0) return context;
  const flags = c.aliasFlags[alias];
  const related = c.aliasContextEntities[alias];
  let supported = 0;
  for (let r = 0; r < related.length; r++) if (present(run, related[r])) supported++;
  return (flags & AMBIGUOUS ? 0 : 3) + 2 * supported + context + (present(run, c.aliasEntity[alias]) ? 1 : 0);
}

/**
 * One alias per span: a single entity wins outright; two entities sharing an alias go by score, a
 * tie drops both. `group` holds candidate indexes; returns the pick or -1.
 */
function choose(run: Run, group: number[], mode: number): number {
  if (!group.length) return -1;
  const entityOf = run.c.aliasEntity;
  const alias = run.alias;
  const first = entityOf[alias[group[0]]];
  let single = true;
  for (let g = 1; g < group.length; g++) if (entityOf[alias[group[g]]] !== first) single = false;
  if (single) return group[0];
  let best = -1;
  let bestScore = -Infinity;
  let bestEntity = -1;
  let tie = false;
  for (const g of group) {
    const s = score(run, g, mode);
    if (s > bestScore) {
      best = g;
      bestScore = s;
      bestEntity = entityOf[alias[g]];
      tie = false;
    } else if (s === bestScore && entityOf[alias[g]] !== bestEntity) tie = true;
  }
  return tie ? -1 : best;
}
