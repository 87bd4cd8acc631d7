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
import { SEP, foldCode, isCjk, normaliseCode } from './normalise';

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
  /** rows are 1 << shift entries wide (nClasses rounded up to a power of two): a row starts at state << shift */
  shift: number;
  /**
   * delta[(state << shift) | class] = next state. States are numbered so that those with outputs
   * come last, from `outBase` (a power of two) on: the scan loop tests `state >= outBase`, and can
   * test several states at once with `(a | b | c | d) >= outBase`.
   */
  delta: Uint16Array | Int32Array;
  outBase: number;
  /** outputs of state s >= outBase: outIds[outStart[s - outBase] .. outStart[s - outBase + 1]) (pattern ids, own and inherited) */
  outStart: Int32Array;
  outIds: Int32Array;
  /** length of each pattern key in collapsed units (a separator run is one unit) */
  lengths: Int32Array;
  /** pattern keys, for verifying patterns that use shared classes */
  keys: string[];
  /** 1 when a hit of the pattern must be verified (it holds non-ASCII characters) */
  inexact: Uint8Array;
  /** state numbers in use: [0, outBase) and the outputs' [outBase, outBase + outStart.length - 1) */
  states: number;
  /** the state at the start of a text: a word boundary */
  start: number;
}

/**
 * The automaton in a compact, JSON-safe form: the background builds it once and sends it with the
 * content configuration, and each page only expands it into the DFA table (one row copy per state)
 * instead of compiling the alias table again. States are listed breadth-first, so a state's
 * failure state always comes before it and the targets of the trie edges need not be sent: taken
 * in that order, the edges lead to the states in that order.
 */
export interface PackedAutomaton {
  nClasses: number;
  /** [char code, class, char code, class, …] for every character whose class is not 0 */
  classes: number[];
  /** per state, breadth-first: "1" when it has outputs. Numbering follows from it (see Automaton.delta). */
  outputFlags: string;
  /** 32-bit failure ranks and 16-bit edge counts and classes (very large automata), else 16 and 8 bits */
  wide: boolean;
  /** base64: per state, the rank of its failure state, whose row its own row starts as a copy of */
  fail: string;
  /** base64: per state, how many trie edges it has; as -n - 1 when it also loops on separators */
  edgeCounts: string;
  /** base64: the classes of the trie edges, state by state */
  edgeClasses: string;
  /** classes on which the root goes to the word-boundary state (the second state) */
  boundaryClasses: number[];
  outStart: number[];
  outIds: number[];
  lengths: number[];
  keys: string[];
  /** pattern ids that need verifying */
  inexact: number[];
}

const QUOTE_VARIANTS: Record<number, number[]> = {
  39: [0x2018, 0x2019, 0x201a, 0x201b, 0x02bc, 0x2032, 0xff07],
  34: [0x201c, 0x201d, 0x201e, 0x2033],
};

/** Builds the automaton for pattern keys made by patternKey() (lower-case, single spaces, trimmed). */
const SHARED_CLASSES = 16;
// The first of them are for CJK characters, which are not word characters: a Latin name may start
// right after one ("公司DeepMind"), so they lead to the boundary state like punctuation does.
const CJK_SHARED = 8;

export function buildAutomaton(keys: string[]): Automaton {
  return runSteps(buildAutomatonSteps(keys));
}

export function packAutomaton(keys: string[]): PackedAutomaton {
  return runSteps(packAutomatonSteps(keys));
}

function runSteps<T>(steps: Generator<void, T, void>): T {
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
  const packed = yield* packAutomatonSteps(keys);
  return yield* unpackAutomatonSteps(packed);
}

/** The compact form of the automaton for `keys` (see PackedAutomaton). */
export function* packAutomatonSteps(keys: string[]): Generator<void, PackedAutomaton, void> {
  const classes = yield* assignClasses(keys);
  const trie = yield* buildTrie(keys, classes);
  yield;
  const links = yield* linkFailures(trie, classes.nClasses);
  yield;
  return packNumbered(keys, classes, trie, links);
}

// The first class shared by many characters (0 is other, 1 a separator, 2 other word characters).
const FIRST_SHARED = 3;

interface KeyClasses {
  /** per UTF-16 code unit, its class */
  classOf: Uint16Array;
  nClasses: number;
  /** pattern ids that need verifying */
  inexact: number[];
}

/** A class per character the keys use: its own for ASCII, one of the shared ones for the rest. */
function* assignClasses(keys: string[]): Generator<void, KeyClasses, void> {
  const classOf = new Uint16Array(65536);
  for (let c = 0; c < 0x3100; c++) if (normaliseCode(c) === SEP) classOf[c] = CLASS_SEP;
  for (let c = 0x30; c <= 0x7a; c++) {
    if ((c <= 0x39 || (c >= 0x41 && c <= 0x5a) || c >= 0x61 || c === 0x5f) && classOf[c] === CLASS_OTHER) classOf[c] = CLASS_OTHER_WORD;
  }
  let nClasses = FIRST_SHARED + SHARED_CLASSES;
  const inexact: number[] = [];
  yield;
  for (let id = 0; id < keys.length; id++) {
    if (id % KEYS_PER_STEP === KEYS_PER_STEP - 1) yield;
    const key = keys[id];
    let exact = true;
    for (let i = 0; i < key.length; i++) {
      const k = key.charCodeAt(i);
      const own = isAsciiWord(k) || k === 0x2e;
      if (!own && k !== SEP) exact = false;
      if (k === SEP || (classOf[k] !== CLASS_OTHER && classOf[k] !== CLASS_OTHER_WORD)) continue;
      // ASCII letters, digits and "." (versions) get a class each. Other punctuation ("&", "(",
      // "+", "'") is rare in names: it shares the CJK classes, which like it are no word
      // characters, and its patterns are verified. That keeps the classes within 64, so a DFA row
      // is 64 entries wide, not 128: half the table each page expands.
      const cls = own
        ? nClasses++
        : k < 0x80 || isCjk(k)
          ? FIRST_SHARED + (k % CJK_SHARED)
          : FIRST_SHARED + CJK_SHARED + (k % (SHARED_CLASSES - CJK_SHARED));
      classOf[k] = cls;
      const upper = String.fromCharCode(k).toUpperCase();
      if (upper.length === 1 && foldCode(upper.charCodeAt(0)) === k) classOf[upper.charCodeAt(0)] = cls;
      for (const v of QUOTE_VARIANTS[k] ?? []) classOf[v] = cls;
    }
    if (!exact) inexact.push(id);
  }
  return { classOf, nClasses, inexact };
}

interface Trie {
  childClass: number[][];
  childState: number[][];
  /** per state, the ids of the keys ending there */
  own: number[][];
  viaSep: number[];
  states: number;
  boundary: number;
  lengths: number[];
}

function* buildTrie(keys: string[], { classOf, nClasses }: KeyClasses): Generator<void, Trie, void> {
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
  for (let c = 0x20; c < 0x80; c++) if (!isAsciiWord(c) && classOf[c] >= FIRST_SHARED + SHARED_CLASSES) nonWord[classOf[c]] = true;
  // a CJK pattern character leads there too (and CJK keys then run on from the boundary state)
  for (let c = FIRST_SHARED; c < FIRST_SHARED + CJK_SHARED; c++) nonWord[c] = true;
  for (let c = 0; c < nClasses; c++) {
    if (!nonWord[c]) continue;
    edges.set(c, boundary);
    childClass[0].push(c);
    childState[0].push(boundary);
  }
  const lengths: number[] = new Array(keys.length).fill(0);
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
  return { childClass, childState, own, viaSep, states, boundary, lengths };
}

interface FailureLinks {
  fail: Int32Array;
  hasOut: Uint8Array;
  outputs: number[][];
  /** the states in breadth-first order */
  queue: Int32Array;
  tail: number;
}

function* linkFailures(trie: Trie, nClasses: number): Generator<void, FailureLinks, void> {
  const { childClass, childState, own, viaSep, states, boundary } = trie;
  // Breadth-first failure links, read from a scratch DFA table: a state's row starts as a copy of
  // its failure state's (complete) row, then its own trie edges overwrite it.
  const delta = new Int32Array(states * nClasses);
  const hasOut = new Uint8Array(states);
  const fail = new Int32Array(states);
  const outputs: number[][] = new Array(states);
  outputs[0] = own[0];
  const queue = new Int32Array(states);
  let tail = 0;
  queue[tail++] = 0;
  let queuedBoundary = false;
  // the root row: missing edges stay 0 (the root), keys never start with a separator
  for (let k = 0; k < childClass[0].length; k++) {
    const t = childState[0][k];
    hasOut[t] = own[t].length ? 1 : 0;
    delta[childClass[0][k]] = t;
    // the boundary state is the root's child on many classes: queue it once
    if (t !== boundary || !queuedBoundary) queue[tail++] = t;
    if (t === boundary) queuedBoundary = true;
  }
  for (let head = 1; head < tail; head++) {
    if (head % STATES_PER_STEP === STATES_PER_STEP - 1) yield;
    const s = queue[head];
    const f = fail[s];
    outputs[s] = own[s].length ? (outputs[f].length ? own[s].concat(outputs[f]) : own[s]) : outputs[f];
    const row = s * nClasses;
    delta.copyWithin(row, f * nClasses, f * nClasses + nClasses);
    const classes = childClass[s];
    const children = childState[s];
    for (let k = 0; k < classes.length; k++) {
      const t = children[k];
      const viaFail = delta[f * nClasses + classes[k]];
      fail[t] = viaFail;
      hasOut[t] = own[t].length || hasOut[viaFail] ? 1 : 0;
      delta[row + classes[k]] = t;
      queue[tail++] = t;
    }
    if (viaSep[s]) delta[row + CLASS_SEP] = s;
  }
  return { fail, hasOut, outputs, queue, tail };
}

/** States numbered for the scan loop, and everything encoded in the packed form. */
function packNumbered(keys: string[], { classOf, nClasses, inexact }: KeyClasses, trie: Trie, links: FailureLinks): PackedAutomaton {
  const { childClass, childState, viaSep, states, boundary, lengths } = trie;
  const { fail, hasOut, outputs, queue, tail } = links;
  // Numbering for the scan loop: states without outputs first (the root is 0), then the rest from
  // a power of two on; breadth-first within each.
  const id = new Int32Array(states);
  const rank = new Int32Array(states);
  let plain = 0;
  let outCount = 0;
  let flags = '';
  for (let k = 0; k < tail; k++) {
    const s = queue[k];
    rank[s] = k;
    flags += hasOut[s] ? '1' : '0';
    if (!hasOut[s]) id[s] = plain++;
  }
  const outBase = nextPowerOfTwo(plain);
  for (let k = 0; k < tail; k++) if (hasOut[queue[k]]) id[queue[k]] = outBase + outCount++;
  const outStart: number[] = new Array(outCount + 1).fill(0);
  for (let s = 0; s < states; s++) if (hasOut[s]) outStart[id[s] - outBase + 1] = outputs[s].length;
  for (let k = 0; k < outCount; k++) outStart[k + 1] += outStart[k];
  const outIds: number[] = new Array(outStart[outCount]);
  for (let s = 0; s < states; s++) {
    if (!hasOut[s]) continue;
    let o = outStart[id[s] - outBase];
    for (const p of outputs[s]) outIds[o++] = p;
  }
  const wide = outBase + outCount > 0xffff || nClasses > 127;
  const failRanks = wide ? new Int32Array(tail) : new Uint16Array(tail);
  const edgeCounts = wide ? new Int16Array(tail) : new Int8Array(tail);
  const edgeClasses: number[] = [];
  const boundaryClasses: number[] = [];
  let nextRank = 2; // the root is first and the boundary state second; then every trie edge's target in turn
  for (let k = 0; k < tail; k++) {
    const s = queue[k];
    failRanks[k] = rank[fail[s]];
    const classes = childClass[s];
    let n = 0;
    for (let e = 0; e < classes.length; e++) {
      const t = childState[s][e];
      if (s === 0 && t === boundary) {
        boundaryClasses.push(classes[e]);
        continue;
      }
      if (rank[t] !== nextRank++) throw new Error('automaton: trie edges out of breadth-first order');
      edgeClasses.push(classes[e]);
      n++;
    }
    edgeCounts[k] = viaSep[s] ? -n - 1 : n;
  }
  if (rank[boundary] !== 1) throw new Error('automaton: the boundary state is not second');
  const classPairs: number[] = [];
  for (let c = 0; c < 65536; c++) if (classOf[c] !== CLASS_OTHER) classPairs.push(c, classOf[c]);
  return {
    nClasses,
    classes: classPairs,
    outputFlags: flags,
    wide,
    fail: toBase64(failRanks),
    edgeCounts: toBase64(edgeCounts),
    edgeClasses: toBase64(wide ? Uint16Array.from(edgeClasses) : Uint8Array.from(edgeClasses)),
    boundaryClasses,
    outStart,
    outIds,
    lengths,
    keys,
    inexact,
  };
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

// A hit ending in a CJK character is kept even when a Latin letter follows ("腾讯AI"): CJK text
// does not put spaces between words.
const CJK_TAIL = (() => {
  const tail = new Uint8Array(65536);
  for (let c = 0x2e80; c < 65536; c++) if (isCjk(c)) tail[c] = 1;
  return tail;
})();

const WORD_TAIL = (() => {
  const tail = new Uint8Array(65536);
  for (let c = 0x30; c <= 0x39; c++) tail[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) tail[c] = tail[c + 32] = 1;
  tail[0x5f] = 1;
  return tail;
})();

/** The DFA from its compact form: one row copy and a few edge writes per state, in steps. */
export function* unpackAutomatonSteps(p: PackedAutomaton): Generator<void, Automaton, void> {
  const shift = Math.max(1, Math.ceil(Math.log2(p.nClasses)));
  const flags = p.outputFlags;
  const count = flags.length;
  // numbers from ranks: plain states first, breadth-first; then those with outputs from a power of two
  const idOf = new Int32Array(count);
  let plain = 0;
  for (let k = 0; k < count; k++) if (flags.charCodeAt(k) === 0x30) idOf[k] = plain++;
  const outBase = nextPowerOfTwo(plain);
  let outCount = 0;
  for (let k = 0; k < count; k++) if (flags.charCodeAt(k) !== 0x30) idOf[k] = outBase + outCount++;
  const states = outBase + outCount;
  const delta = states <= 0x10000 ? new Uint16Array(states << shift) : new Int32Array(states << shift);
  const classOf = new Uint16Array(65536);
  const classes = p.classes;
  for (let k = 0; k < classes.length; k += 2) classOf[classes[k]] = classes[k + 1];
  const failBytes = fromBase64(p.fail);
  const countBytes = fromBase64(p.edgeCounts);
  const classBytes = fromBase64(p.edgeClasses);
  const rows: Rows = {
    idOf,
    fail: p.wide ? new Int32Array(failBytes.buffer, 0, count) : new Uint16Array(failBytes.buffer, 0, count),
    edgeCounts: p.wide ? new Int16Array(countBytes.buffer, 0, count) : new Int8Array(countBytes.buffer, 0, count),
    edgeClasses: p.wide ? new Uint16Array(classBytes.buffer, 0, classBytes.length >> 1) : classBytes,
    edge: 0,
    nextRank: 2,
  };
  // the root's edges to the word-boundary state (the second state)
  for (const cls of p.boundaryClasses) delta[cls] = idOf[1];
  yield;
  for (let k = 0; k < count; ) {
    const end = Math.min(count, k + STATES_PER_STEP * 4);
    expandRows(delta, shift, rows, k, end);
    k = end;
    if (k < count) yield;
  }
  const inexact = new Uint8Array(p.keys.length);
  for (const id of p.inexact) inexact[id] = 1;
  return {
    classOf,
    wordTail: WORD_TAIL,
    nClasses: p.nClasses,
    shift,
    delta,
    outBase,
    outStart: Int32Array.from(p.outStart),
    outIds: Int32Array.from(p.outIds),
    lengths: Int32Array.from(p.lengths),
    keys: p.keys,
    inexact,
    states,
    start: idOf[1],
  };
}

interface Rows {
  idOf: Int32Array;
  fail: Uint16Array | Int32Array;
  edgeCounts: Int8Array | Int16Array;
  edgeClasses: Uint8Array | Uint16Array;
  /** next entry of edgeClasses, and the rank its edge leads to */
  edge: number;
  nextRank: number;
}

/** Rows of the states ranked [from, to). */
function expandRows(delta: Uint16Array | Int32Array, shift: number, rows: Rows, from: number, to: number): void {
  const { idOf, fail, edgeCounts, edgeClasses } = rows;
  const width = 1 << shift;
  let e = rows.edge;
  let next = rows.nextRank;
  for (let k = from; k < to; k++) {
    const id = idOf[k];
    const row = id << shift;
    const f = idOf[fail[k]] << shift;
    if (f !== row) delta.copyWithin(row, f, f + width);
    let n = edgeCounts[k];
    const loops = n < 0;
    if (loops) n = -n - 1;
    for (const stop = e + n; e < stop; e++) delta[row + edgeClasses[e]] = idOf[next++];
    if (loops) delta[row + CLASS_SEP] = id;
  }
  rows.edge = e;
  rows.nextRank = next;
}

function toBase64(array: ArrayBufferView): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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
 * The hot loops live alone in small functions so V8 keeps them optimised.
 */
export function scanChunk(
  a: Automaton,
  text: string,
  from: number,
  to: number,
  cursor: ScanCursor,
  ends: Int32Array,
  states: Int32Array,
  count: number,
): number {
  const out = SCRATCH;
  const { classOf, delta, shift, outBase } = a;
  // Two halves scanned side by side: each character's step waits on the previous one's table
  // read, and two independent chains keep the processor busy in those waits (about 1.4× faster).
  // The second half starts from a guessed state; where the true state from the first half meets
  // the guess again (usually within a word), everything after agrees and is kept.
  const quarter = (to - from) >> 3;
  if (quarter >= 16) {
    const half = quarter << 2;
    const mid = from + half;
    const stop = mid + half;
    const guess = a.start;
    let second = SECOND_HALF;
    if (second.ends.length < half) second = SECOND_HALF = { ends: new Int32Array(half), states: new Int32Array(half) };
    scanPair(text, from, mid, cursor.state, guess, classOf, delta, shift, outBase, ends, states, count, second.ends, second.states, out);
    count = out[1];
    const guessHits = out[2];
    // from mid on: the true chain against the guessed one, until they meet
    let t = out[0];
    let g = guess;
    let i = mid;
    while (i < stop && t !== g) {
      const cls = classOf[text.charCodeAt(i)];
      t = delta[(t << shift) | cls];
      g = delta[(g << shift) | cls];
      i++;
      if (t >= outBase && (WORD_TAIL[text.charCodeAt(i)] !== 1 || CJK_TAIL[text.charCodeAt(i - 1)] === 1)) {
        ends[count] = i;
        states[count++] = t;
      }
    }
    if (t === g) {
      // the guessed chain's hits after the meeting point are the true ones
      for (let k = 0; k < guessHits; k++) {
        if (second.ends[k] <= i) continue;
        ends[count] = second.ends[k];
        states[count++] = second.states[k];
      }
      t = out[3];
    }
    cursor.state = t;
    from = stop;
  }
  scanLoop(text, from, to, cursor.state, classOf, delta, shift, outBase, ends, states, count, out);
  cursor.state = out[0];
  return out[1];
}

const SCRATCH = new Int32Array(4);
let SECOND_HALF = { ends: new Int32Array(0), states: new Int32Array(0) };

// Four characters per round and one test for all four: states with outputs are numbered from a
// power of two (outBase), so OR-ing the four states reaches it exactly when one of them does.
// Rounds with a hit (a few percent) record each hit whose next character does not continue a word.
function scanLoop(
  text: string,
  from: number,
  to: number,
  s: number,
  classOf: Uint16Array,
  delta: Uint16Array | Int32Array,
  shift: number,
  outBase: number,
  ends: Int32Array,
  states: Int32Array,
  count: number,
  out: Int32Array,
): void {
  let i = from;
  for (const stop = to - 3; i < stop; i += 4) {
    const s1 = delta[(s << shift) | classOf[text.charCodeAt(i)]];
    const s2 = delta[(s1 << shift) | classOf[text.charCodeAt(i + 1)]];
    const s3 = delta[(s2 << shift) | classOf[text.charCodeAt(i + 2)]];
    s = delta[(s3 << shift) | classOf[text.charCodeAt(i + 3)]];
    if ((s1 | s2 | s3 | s) >= outBase) count = recordHits(text, i, s1, s2, s3, s, outBase, ends, states, count);
  }
  for (; i < to; i++) {
    s = delta[(s << shift) | classOf[text.charCodeAt(i)]];
    if (s >= outBase) count = recordHits(text, i - 3, 0, 0, 0, s, outBase, ends, states, count);
  }
  out[0] = s;
  out[1] = count;
}

/**
 * scanLoop over text[from, mid) from state s and, side by side, text[mid, 2 * mid - from) from
 * state t (hits of the second into ends2/states2). out: [s at mid, count, second's hits, t at the end].
 */
function scanPair(
  text: string,
  from: number,
  mid: number,
  s: number,
  t: number,
  classOf: Uint16Array,
  delta: Uint16Array | Int32Array,
  shift: number,
  outBase: number,
  ends: Int32Array,
  states: Int32Array,
  count: number,
  ends2: Int32Array,
  states2: Int32Array,
  out: Int32Array,
): void {
  let count2 = 0;
  for (let i = from, j = mid; i < mid; i += 4, j += 4) {
    const s1 = delta[(s << shift) | classOf[text.charCodeAt(i)]];
    const t1 = delta[(t << shift) | classOf[text.charCodeAt(j)]];
    const s2 = delta[(s1 << shift) | classOf[text.charCodeAt(i + 1)]];
    const t2 = delta[(t1 << shift) | classOf[text.charCodeAt(j + 1)]];
    const s3 = delta[(s2 << shift) | classOf[text.charCodeAt(i + 2)]];
    const t3 = delta[(t2 << shift) | classOf[text.charCodeAt(j + 2)]];
    s = delta[(s3 << shift) | classOf[text.charCodeAt(i + 3)]];
    t = delta[(t3 << shift) | classOf[text.charCodeAt(j + 3)]];
    if ((s1 | s2 | s3 | s | t1 | t2 | t3 | t) >= outBase) {
      if ((s1 | s2 | s3 | s) >= outBase) count = recordHits(text, i, s1, s2, s3, s, outBase, ends, states, count);
      if ((t1 | t2 | t3 | t) >= outBase) count2 = recordHits(text, j, t1, t2, t3, t, outBase, ends2, states2, count2);
    }
  }
  out[0] = s;
  out[1] = count;
  out[2] = count2;
  out[3] = t;
}

/** Hits of one round of four characters text[i, i + 4), whose states were s1…s4. */
function recordHits(
  text: string,
  i: number,
  s1: number,
  s2: number,
  s3: number,
  s4: number,
  outBase: number,
  ends: Int32Array,
  states: Int32Array,
  count: number,
): number {
  // charCodeAt past the end is NaN, and WORD_TAIL[NaN] is undefined: the hit is kept
  if (s1 >= outBase && (WORD_TAIL[text.charCodeAt(i + 1)] !== 1 || CJK_TAIL[text.charCodeAt(i)] === 1)) {
    ends[count] = i + 1;
    states[count++] = s1;
  }
  if (s2 >= outBase && (WORD_TAIL[text.charCodeAt(i + 2)] !== 1 || CJK_TAIL[text.charCodeAt(i + 1)] === 1)) {
    ends[count] = i + 2;
    states[count++] = s2;
  }
  if (s3 >= outBase && (WORD_TAIL[text.charCodeAt(i + 3)] !== 1 || CJK_TAIL[text.charCodeAt(i + 2)] === 1)) {
    ends[count] = i + 3;
    states[count++] = s3;
  }
  if (s4 >= outBase && (WORD_TAIL[text.charCodeAt(i + 4)] !== 1 || CJK_TAIL[text.charCodeAt(i + 3)] === 1)) {
    ends[count] = i + 4;
    states[count++] = s4;
  }
  return count;
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
      const s = states[k] - a.outBase;
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
