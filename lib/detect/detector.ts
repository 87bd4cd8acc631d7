// The detector: one Aho-Corasick pass finds aliases, context words and AI vocabulary together;
// then word boundaries and case are verified, the longest match wins, ambiguous aliases and short
// forms are kept only with support, and a page-level relevance score gates non-AI pages.
import type { AliasTable } from '../kb/alias-table';
import { buildAutomatonSteps, matchStart, newCursor, scanChunk, verifyKey, type Automaton } from './automaton';
import { AI_TERMS, GATE_THRESHOLD, addEvidence, emptyEvidence, relevanceOf, type Evidence } from './gate';
import { SEP, isDigitCode, isLetterCode, isWordCode, normaliseCode, patternKey } from './normalise';
import type { DetectionResult, Mention } from './types';

export interface DetectOptions {
  /** Ignore the relevance gate ("scan this page anyway"). */
  force?: boolean;
  /**
   * What earlier scans of the same page found (for scans of added content): entities already
   * mentioned (short forms and "@entity" context count) and the evidence so far (relevance is
   * judged on the whole page). Updated in place.
   */
  memory?: DetectMemory;
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
  detectSteps(text: string, options?: DetectOptions): Generator<void, DetectionResult, void>;
  newMemory(): DetectMemory;
}

/** How far (UTF-16 units) around an ambiguous alias its context words are looked for. */
export const CONTEXT_WINDOW = 250;
// Characters scanned per chunk (also the hit-buffer size: at most one hit per character).
const CHUNK = 1 << 15;
// Candidate groups examined between yields.
const SELECT_BATCH = 512;

interface AliasInfo {
  entity: number;
  caseSensitive: boolean;
  ambiguous: boolean;
  shortForm: boolean;
  /** the alias as written, normalised (quotes, dashes), for case-sensitive checks */
  surface: string;
  contextWords: number[];
  contextEntities: number[];
}

interface Candidate {
  start: number;
  end: number;
  alias: number;
}

interface Compiled {
  automaton: Automaton;
  aliases: AliasInfo[];
  /** per pattern: alias indexes, context-word ids, AI-term ids */
  aliasRefs: (number[] | undefined)[];
  contextRefs: (number[] | undefined)[];
  termRefs: (number[] | undefined)[];
  contextSensitive: boolean[];
  contextSurface: string[];
  termSensitive: boolean[];
  termSurface: string[];
}

// Short all-capital context words ("AI", "API", "LLM") count only in capitals.
function isCaseSensitiveWord(word: string): boolean {
  return word.length <= 5 && /^[A-Z0-9.]+$/.test(word) && /[A-Z]/.test(word);
}

function* compile(table: AliasTable): Generator<void, Compiled, void> {
  const keyIds = new Map<string, number>();
  const keys: string[] = [];
  const aliasRefs: (number[] | undefined)[] = [];
  const contextRefs: (number[] | undefined)[] = [];
  const termRefs: (number[] | undefined)[] = [];
  const patternOf = (text: string): number => {
    const key = patternKey(text);
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keys.push(key) - 1;
      keyIds.set(key, id);
    }
    return id;
  };
  const entityIndex = new Map(table.entities.map((e, i) => [e.id, i]));
  const contextIds = new Map<string, number>();
  const contextSensitive: boolean[] = [];
  const contextSurface: string[] = [];
  const aliases: AliasInfo[] = [];
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
    aliases.push({
      entity: alias.entity,
      caseSensitive: alias.caseSensitive,
      ambiguous: alias.ambiguous,
      shortForm: alias.shortForm,
      surface: normaliseSurface(alias.text),
      contextWords,
      contextEntities,
    });
    if (patternKey(alias.text)) (aliasRefs[patternOf(alias.text)] ??= []).push(i);
  }
  const termSensitive: boolean[] = [];
  const termSurface: string[] = [];
  AI_TERMS.forEach((term, i) => {
    termSensitive.push(term.caseSensitive);
    termSurface.push(normaliseSurface(term.text));
    (termRefs[patternOf(term.text)] ??= []).push(i);
  });
  const automaton = yield* buildAutomatonSteps(keys);
  return { automaton, aliases, aliasRefs, contextRefs, termRefs, contextSensitive, contextSurface, termSensitive, termSurface };
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

export function createDetector(table: AliasTable): Detector {
  const steps = createDetectorSteps(table);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** createDetector() in steps (a page builds it between slices of other work). */
export function* createDetectorSteps(table: AliasTable): Generator<void, Detector, void> {
  const c = yield* compile(table);
  const { automaton, aliases } = c;
  const entities = table.entities;
  const entityOf = (g: Candidate) => aliases[g.alias].entity;

  function* detectSteps(text: string, options: DetectOptions = {}): Generator<void, DetectionResult, void> {
    const memory = options.memory;
    // 1. One pass: record every pattern end.
    const ends = new Int32Array(Math.min(CHUNK, Math.max(16, text.length)));
    const states = new Int32Array(ends.length);
    const cursor = newCursor(automaton);
    const candidates: Candidate[] = [];
    const contextEnds: number[][] = c.contextSensitive.map(() => []);
    let terms = 0;
    for (let from = 0; from < text.length; from += ends.length) {
      const to = Math.min(text.length, from + ends.length);
      const hits = scanChunk(automaton, text, from, to, cursor, ends, states, 0);
      // 2. Verify each hit: boundaries and case (a plain function: generators optimise less well).
      terms += verifyHits(c, text, ends, states, hits, candidates, contextEnds);
      yield;
    }
    candidates.sort((x, y) => x.start - y.start || y.end - x.end || x.alias - y.alias);

    const hasContextWord = (info: AliasInfo, start: number, end: number): number => {
      let n = 0;
      for (const w of info.contextWords) {
        const list = contextEnds[w];
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
    };

    // 3a. Unambiguous full names, longest match first: what the page certainly mentions.
    const strong = new Set<number>(memory?.seen ?? []);
    let models = 0;
    let others = 0;
    yield* select(candidates, (group) => {
      const firm = group.filter((g) => !aliases[g.alias].ambiguous && !aliases[g.alias].shortForm);
      const pick = choose(firm, entityOf, (g) => hasContextWord(aliases[g.alias], g.start, g.end));
      if (pick) {
        const entity = aliases[pick.alias].entity;
        strong.add(entity);
        if (entities[entity].type === 'model') models++;
        else others++;
      }
      return pick;
    });
    yield;

    // 3b. Page relevance and the gate.
    const own: Evidence = { chars: text.length, terms, models, others };
    const evidence = memory ? addEvidence(memory.evidence, own) : own;
    if (memory) memory.evidence = evidence;
    const relevance = relevanceOf(evidence);
    const gated = relevance < GATE_THRESHOLD && !options.force;
    if (gated) return { relevance, gated, mentions: [] };

    // 3c. All aliases with their rules, in reading order.
    const seen = new Set<number>(memory?.seen ?? []);
    const present = (e: number) => strong.has(e) || seen.has(e);
    const mentions: Mention[] = [];
    yield* select(candidates, (group) => {
      const allowed = group.filter((g) => {
        const info = aliases[g.alias];
        if (info.shortForm && !seen.has(info.entity)) return false;
        if (info.ambiguous) {
          // its own entity already named on the page ("OpenAI o1" … "o1", "X, Musk's social network" … "on X") supports it too
          return present(info.entity) || info.contextEntities.some(present) || hasContextWord(info, g.start, g.end) > 0;
        }
        return true;
      });
      const pick = choose(allowed, entityOf, (g) => {
        const info = aliases[g.alias];
        return (info.ambiguous ? 0 : 3) + 2 * info.contextEntities.filter(present).length + hasContextWord(info, g.start, g.end) + (present(info.entity) ? 1 : 0);
      });
      if (pick) {
        const info = aliases[pick.alias];
        seen.add(info.entity);
        const entity = entities[info.entity];
        mentions.push({ start: pick.start, end: pick.end, text: text.slice(pick.start, pick.end), entityId: entity.id, name: entity.name, type: entity.type });
      }
      return pick;
    });
    if (memory) for (const e of seen) memory.seen.add(e);
    return { relevance, gated, mentions };
  }

  return {
    table,
    automaton,
    detectSteps,
    detect(text, options) {
      const steps = detectSteps(text, options);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    },
    newMemory: () => ({ seen: new Set(), evidence: emptyEvidence() }),
  };
}

/**
 * Leftmost-longest selection: walks candidates (sorted by start, longest first), offers each group
 * of same-span candidates to `accept`, and skips anything overlapping an accepted match. A rejected
 * longer match lets the shorter one at the same place be tried.
 */
function* select(candidates: Candidate[], accept: (group: Candidate[]) => Candidate | null): Generator<void, void, void> {
  let lastEnd = -1;
  const single: Candidate[] = [candidates[0]];
  for (let i = 0, groups = 0; i < candidates.length; groups++) {
    if (groups % SELECT_BATCH === SELECT_BATCH - 1) yield;
    let j = i + 1;
    while (j < candidates.length && candidates[j].start === candidates[i].start && candidates[j].end === candidates[i].end) j++;
    if (candidates[i].start >= lastEnd) {
      let group: Candidate[];
      if (j === i + 1) {
        single[0] = candidates[i];
        group = single;
      } else group = candidates.slice(i, j);
      const pick = accept(group);
      if (pick) lastEnd = pick.end;
    }
    i = j;
  }
}

/** Checks one chunk's hits (boundaries, case, shared-class verification) into candidates and context positions; returns AI-term hits. */
function verifyHits(c: Compiled, text: string, ends: Int32Array, states: Int32Array, hits: number, candidates: Candidate[], contextEnds: number[][]): number {
  const { automaton, aliases } = c;
  const { outStart, outIds, lengths } = automaton;
  let terms = 0;
  for (let k = 0; k < hits; k++) {
    const end = ends[k];
    const state = states[k];
    for (let o = outStart[state]; o < outStart[state + 1]; o++) {
      const pattern = outIds[o];
      const start = matchStart(automaton, text, end, lengths[pattern]);
      if (!verifyKey(automaton, text, start, end, pattern)) continue;
      const termIds = c.termRefs[pattern];
      if (termIds) {
        for (const t of termIds) {
          if ((!c.termSensitive[t] || sameCase(text, start, end, c.termSurface[t])) && isBoundary(text, start, end, false)) {
            terms++;
            break;
          }
        }
      }
      const wordIds = c.contextRefs[pattern];
      if (wordIds) {
        for (const w of wordIds) {
          if ((!c.contextSensitive[w] || sameCase(text, start, end, c.contextSurface[w])) && isBoundary(text, start, end, false)) {
            contextEnds[w].push(end);
          }
        }
      }
      const aliasIds = c.aliasRefs[pattern];
      if (aliasIds) {
        for (const a of aliasIds) {
          const info = aliases[a];
          if (info.caseSensitive && !sameCase(text, start, end, info.surface)) continue;
          if (!isBoundary(text, start, end, info.ambiguous)) continue;
          candidates.push({ start, end, alias: a });
        }
      }
    }
  }
  return terms;
}

/** One alias per span: a single entity wins outright; two entities sharing an alias go by score, a tie drops both. */
function choose(group: Candidate[], entityOf: (g: Candidate) => number, score: (g: Candidate) => number): Candidate | null {
  if (!group.length) return null;
  const first = entityOf(group[0]);
  if (group.every((g) => entityOf(g) === first)) return group[0];
  let best: Candidate | null = null;
  let bestScore = -Infinity;
  let bestEntity = -1;
  let tie = false;
  for (const g of group) {
    const s = score(g);
    if (s > bestScore) {
      best = g;
      bestScore = s;
      bestEntity = entityOf(g);
      tie = false;
    } else if (s === bestScore && entityOf(g) !== bestEntity) tie = true;
  }
  return tie ? null : best;
}
