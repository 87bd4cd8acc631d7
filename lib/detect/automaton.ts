// Aho-Corasick over normalised, case-folded text, compiled to a dense DFA in typed arrays.
// The alphabet is compressed: only characters that occur in some pattern get a class of their own
// (with their upper-case and curly-quote variants); every other character is class 0, and all
// separators (spaces, hyphens, dashes) share class 1, with a run of separators read as one.
// Non-ASCII pattern characters (accents, Han, Kana…) share a few hashed classes, which keeps the
// table small (hundreds of Han characters would otherwise each add a column); patterns holding
// them are verified character by character after a hit.
// Patterns that begin with an ASCII letter or digit may only begin after a character that cannot
// be part of a word: the DFA has a "boundary" state, entered on any such character (and at the
// start of the text), from which those patterns start. Suffixes inside words ("ng" in "training")
// are then never hits, which keeps the verifier's work proportional to real candidates.
import { SEP, foldCode, normaliseCode } from './normalise';

// Unknown characters (punctuation, spaces of other scripts, letters of no pattern) are class 0 and
// count as word boundaries; ASCII letters and digits of no pattern are class 2 and do not.
const CLASS_OTHER = 0;
const CLASS_SEP = 1;
const CLASS_OTHER_WORD = 2;

export interface Automaton {
  /** UTF-16 unit → alphabet class */
  classOf: Uint16Array;
  /** 1 for ASCII letters, digits and "_": a hit followed by one cannot end a word, so it is not recorded */
  wordTail: Uint8Array;
  nClasses: number;
  /** delta[state * nClasses + class] = next state, plus `flag` when that state has outputs */
  delta: Uint16Array | Int32Array;
  flag: number;
  /** outputs of state s: outIds[outStart[s] .. outStart[s + 1]) (pattern ids, own and inherited) */
  outStart: Int32Array;
  outIds: Int32Array;
  /** length of each pattern key in collapsed units (a separator run is one unit) */
  lengths: Int32Array;
  /** pattern keys, for verifying patterns that use shared classes */
  keys: string[];
  /** 1 when a hit of the pattern must be verified (it holds non-ASCII characters) */
  inexact: Uint8Array;
  states: number;
  /** the state at the start of a text: a word boundary */
  start: number;
}

const QUOTE_VARIANTS: Record<number, number[]> = {
  0x27: [0x2018, 0x2019, 0x201a, 0x201b, 0x02bc, 0x2032, 0xff07],
  0x22: [0x201c, 0x201d, 0x201e, 0x2033],
};

/** Builds the automaton for pattern keys made by patternKey() (lower-case, single spaces, trimmed). */
const SHARED_CLASSES = 16;

export function buildAutomaton(keys: string[]): Automaton {
  const steps = buildAutomatonSteps(keys);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// States whose rows are completed between yields.
const STATES_PER_STEP = 500;
// Keys read between yields while assigning classes and building the trie.
const KEYS_PER_STEP = 300;

/** buildAutomaton() in steps, so a page can build it without one long task. */
export function* buildAutomatonSteps(keys: string[]): Generator<void, Automaton, void> {
  const classOf = new Uint16Array(65536);
  for (let c = 0; c < 0x3100; c++) if (normaliseCode(c) === SEP) classOf[c] = CLASS_SEP;
  for (let c = 0x30; c <= 0x7a; c++) {
    if ((c <= 0x39 || (c >= 0x41 && c <= 0x5a) || c >= 0x61 || c === 0x5f) && classOf[c] === CLASS_OTHER) classOf[c] = CLASS_OTHER_WORD;
  }
  const firstShared = 3;
  let nClasses = firstShared + SHARED_CLASSES;
  const inexact = new Uint8Array(keys.length);
  yield;
  for (let id = 0; id < keys.length; id++) {
    if (id % KEYS_PER_STEP === KEYS_PER_STEP - 1) yield;
    const key = keys[id];
    for (let i = 0; i < key.length; i++) {
      const k = key.charCodeAt(i);
      if (k >= 0x80) inexact[id] = 1;
      if (k === SEP || (classOf[k] !== CLASS_OTHER && classOf[k] !== CLASS_OTHER_WORD)) continue;
      const cls = k >= 0x80 ? firstShared + (k % SHARED_CLASSES) : nClasses++;
      classOf[k] = cls;
      const upper = String.fromCharCode(k).toUpperCase();
      if (upper.length === 1 && foldCode(upper.charCodeAt(0)) === k) classOf[upper.charCodeAt(0)] = cls;
      for (const v of QUOTE_VARIANTS[k] ?? []) classOf[v] = cls;
    }
  }

  // The trie: edges in a map while building, and each state's children listed for the BFS.
  const edges = new Map<number, number>();
  const childClass: number[][] = [[]];
  const childState: number[][] = [[]];
  const own: number[][] = [[]];
  // states entered by a separator loop on further separators: a run of them reads as one
  const viaSep: number[] = [0];
  let states = 1;
  // The boundary state: the root's child on every class that is not part of a word.
  const boundary = states++;
  childClass.push([]);
  childState.push([]);
  own.push([]);
  viaSep.push(1);
  const nonWord: boolean[] = new Array(nClasses).fill(false);
  nonWord[CLASS_OTHER] = nonWord[CLASS_SEP] = true;
  for (let c = 0x20; c < 0x80; c++) if (!isAsciiWord(c) && classOf[c] >= firstShared + SHARED_CLASSES) nonWord[classOf[c]] = true;
  for (let c = 0; c < nClasses; c++) {
    if (!nonWord[c]) continue;
    edges.set(c, boundary);
    childClass[0].push(c);
    childState[0].push(boundary);
  }
  const lengths = new Int32Array(keys.length);
  for (let id = 0; id < keys.length; id++) {
    if (id % KEYS_PER_STEP === KEYS_PER_STEP - 1) yield;
    const key = keys[id];
    // words start after a boundary; patterns opening with punctuation or a non-ASCII letter anywhere
    let s = isAsciiWord(key.charCodeAt(0)) ? boundary : 0;
    let units = 0;
    for (let i = 0; i < key.length; i++) {
      const k = key.charCodeAt(i);
      const cls = k === SEP ? CLASS_SEP : classOf[k];
      units++;
      let next = edges.get(s * nClasses + cls);
      if (next === undefined) {
        next = states++;
        edges.set(s * nClasses + cls, next);
        childClass[s].push(cls);
        childState[s].push(next);
        childClass.push([]);
        childState.push([]);
        own.push([]);
        viaSep.push(cls === CLASS_SEP ? 1 : 0);
      }
      s = next;
    }
    lengths[id] = units;
    if (key.length) own[s].push(id);
  }
  yield;

  // Breadth-first failure links written straight into the DFA: a state's row starts as a copy of
  // its failure state's (complete) row, then its own trie edges overwrite it. A target with
  // outputs is stored with `flag` added. Small automata fit 15-bit states: half the memory.
  const small = states < 0x8000;
  const flag = small ? 0x8000 : 0x40000000;
  const delta = small ? new Uint16Array(states * nClasses) : new Int32Array(states * nClasses);
  const hasOut = new Uint8Array(states);
  const fail = new Int32Array(states);
  const outputs: number[][] = new Array(states);
  outputs[0] = own[0];
  const queue = new Int32Array(states);
  let head = 0;
  let tail = 0;
  let queuedBoundary = false;
  // the root row: missing edges stay 0 (the root), keys never start with a separator
  for (let k = 0; k < childClass[0].length; k++) {
    const t = childState[0][k];
    hasOut[t] = own[t].length ? 1 : 0;
    delta[childClass[0][k]] = hasOut[t] ? t + flag : t;
    // the boundary state is the root's child on many classes: queue it once
    if (t !== boundary || !queuedBoundary) queue[tail++] = t;
    if (t === boundary) queuedBoundary = true;
  }
  while (head < tail) {
    if (head % STATES_PER_STEP === STATES_PER_STEP - 1) yield;
    const s = queue[head++];
    const f = fail[s];
    outputs[s] = own[s].length ? (outputs[f].length ? own[s].concat(outputs[f]) : own[s]) : outputs[f];
    const row = s * nClasses;
    delta.copyWithin(row, f * nClasses, f * nClasses + nClasses);
    const classes = childClass[s];
    const children = childState[s];
    for (let k = 0; k < classes.length; k++) {
      const t = children[k];
      let viaFail = delta[f * nClasses + classes[k]];
      if (viaFail >= flag) viaFail -= flag;
      fail[t] = viaFail;
      hasOut[t] = own[t].length || hasOut[viaFail] ? 1 : 0;
      delta[row + classes[k]] = hasOut[t] ? t + flag : t;
      queue[tail++] = t;
    }
    if (viaSep[s]) delta[row + CLASS_SEP] = hasOut[s] ? s + flag : s;
  }

  const outStart = new Int32Array(states + 1);
  let total = 0;
  for (let s = 0; s < states; s++) {
    outStart[s] = total;
    total += outputs[s].length;
  }
  outStart[states] = total;
  const outIds = new Int32Array(total);
  for (let s = 0; s < states; s++) outIds.set(outputs[s], outStart[s]);
  const wordTail = new Uint8Array(65536);
  for (let c = 0x30; c <= 0x39; c++) wordTail[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) wordTail[c] = wordTail[c + 32] = 1;
  wordTail[0x5f] = 1;
  return { classOf, wordTail, nClasses, delta, flag, outStart, outIds, lengths, keys, inexact, states, start: boundary };
}

/** For patterns with shared classes: does text[start, end) really read as the key? */
export function verifyKey(a: Automaton, text: string, start: number, end: number, pattern: number): boolean {
  if (!a.inexact[pattern]) return true;
  const key = a.keys[pattern];
  let j = 0;
  let lastSep = false;
  for (let i = start; i < end; i++) {
    const c = foldCode(normaliseCode(text.charCodeAt(i)));
    if (c === SEP) {
      if (lastSep) continue;
      lastSep = true;
    } else lastSep = false;
    if (key.charCodeAt(j++) !== c) return false;
  }
  return j === key.length;
}

/** Resumable scanning position between chunks. */
export interface ScanCursor {
  state: number;
}

export function newCursor(a: Automaton): ScanCursor {
  return { state: a.start };
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * Scans text[from, to) and records one hit per position where some pattern ends and the next
 * character does not continue an ASCII word: ends[k] = position after the match, states[k] = the
 * DFA state there. The caller guarantees ends/states hold (to - from) entries from `count` on.
 * The hot loop lives alone in scanLoop so V8 keeps it optimised.
 */
export function scanChunk(a: Automaton, text: string, from: number, to: number, cursor: ScanCursor, ends: Int32Array, states: Int32Array, count: number): number {
  const scratch = SCRATCH;
  scanLoop(text, from, to, cursor.state, a.classOf, a.wordTail, a.delta, a.nClasses, a.flag, ends, states, count, scratch);
  cursor.state = scratch[0];
  return scratch[1];
}

const SCRATCH = new Int32Array(2);

function scanLoop(
  text: string, from: number, to: number, state: number,
  classOf: Uint16Array, wordTail: Uint8Array, delta: Uint16Array | Int32Array, nClasses: number, flag: number,
  ends: Int32Array, states: Int32Array, count: number, out: Int32Array,
): void {
  for (let i = from; i < to; i++) {
    let s = delta[state * nClasses + classOf[text.charCodeAt(i)]];
    if (s >= flag) {
      s -= flag;
      // charCodeAt past the end is NaN, and wordTail[NaN] is undefined: the hit is kept
      if (wordTail[text.charCodeAt(i + 1)] !== 1) {
        ends[count] = i + 1;
        states[count] = s;
        count++;
      }
    }
    state = s;
  }
  out[0] = state;
  out[1] = count;
}

/** Start of a match that ends at `end` and spans `units` collapsed units (separator runs count once). */
export function matchStart(a: Automaton, text: string, end: number, units: number): number {
  let j = end;
  const classOf = a.classOf;
  while (units > 0 && j > 0) {
    j--;
    if (classOf[text.charCodeAt(j)] === CLASS_SEP) {
      while (j > 0 && classOf[text.charCodeAt(j - 1)] === CLASS_SEP) j--;
    }
    units--;
  }
  return j;
}

/** All matches in text, as [end, patternId] pairs; convenience for tests and small inputs. */
export function findAll(a: Automaton, text: string): { start: number; end: number; pattern: number }[] {
  const chunk = 1 << 16;
  const ends = new Int32Array(chunk);
  const states = new Int32Array(chunk);
  const cursor = newCursor(a);
  const found: { start: number; end: number; pattern: number }[] = [];
  for (let from = 0; from < text.length; from += chunk) {
    const n = scanChunk(a, text, from, Math.min(text.length, from + chunk), cursor, ends, states, 0);
    for (let k = 0; k < n; k++) {
      const s = states[k];
      for (let o = a.outStart[s]; o < a.outStart[s + 1]; o++) {
        const pattern = a.outIds[o];
        const start = matchStart(a, text, ends[k], a.lengths[pattern]);
        if (!verifyKey(a, text, start, ends[k], pattern)) continue;
        found.push({ start, end: ends[k], pattern });
      }
    }
  }
  return found;
}
