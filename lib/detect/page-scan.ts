// Scanning a live page: extract → detect → create ranges → paint, in slices that never hold the
// main thread for long; then keep up with added content, single-page-app navigation, and back off
// on pages that never stop changing. DOM-facing, but with the window, document and painter passed in.
import type { AliasTable } from '../kb/alias-table';
import { rangeSteps, type PaintedMention, type Painter } from '../highlight/paint';
import { createDetectorSteps, type DetectMemory, type Detector, type PackedDetector } from './detector';
import { extractSteps, findArticleRoot, pageDate, scanContextOf, type TextIndex } from './extract';
import { observePage, type PageObserver } from './observe';
import { Cancelled, createSliceRunner, type SliceRunner } from './schedule';
import type { Mention } from './types';

/** Times are the page's performance.now() (ms since navigation start). */
export interface ScanTiming {
  startedAt: number;
  finishedAt: number;
  /** the longest stretch of main-thread work without yielding to the page */
  longestSliceMs: number;
  slices: number;
  /** working time summed over slices; the rest of finishedAt - startedAt was the page's */
  busyMs?: number;
}

export interface PageScanUpdate {
  kind: 'full' | 'added' | 'backed-off';
  relevance: number;
  gated: boolean;
  forced: boolean;
  backedOff: boolean;
  /** every mention on the page; offsets index `text` */
  mentions: Mention[];
  /**
   * the page text scanned so far: the full scan's text, then each added part after a newline;
   * empty when longer than maxReportChars
   */
  text: string;
  timing: ScanTiming;
  /** a full scan's text index (its text is `text` when that was not too long to report) */
  index?: TextIndex;
}

export interface PageScanDeps {
  doc: Document;
  win: Window & typeof globalThis;
  table: AliasTable;
  /** the detector compiled from `table` by the background (else the page compiles its own) */
  prebuilt?: PackedDetector | null;
  painter: Painter;
  /** false once the extension context is gone or the reader paused Backstory here */
  isActive(): boolean;
  /** "not this entity here" suppressions */
  isSuppressed?(mention: Mention): boolean;
  /** false when there are none (then no mention is asked about) */
  anySuppressed?(): boolean;
  onUpdate(update: PageScanUpdate): void | Promise<void>;
  /** called whenever the painted list is replaced */
  onPainted?(painted: PaintedMention[]): void;
  budgetMs?: number;
  /** slice runners on the page's one schedule (lib/content/session.ts); default: runners of its own */
  slicer?: (options: { budgetMs: number; isCancelled: () => boolean }) => SliceRunner;
  /** watch for added content (default true) */
  observe?: boolean;
  batchMs?: number;
  /** minimum time between reports of added content (ms) */
  reportEveryMs?: number;
  /** page text longer than this is not sent with the report (default 400,000 characters) */
  maxReportChars?: number;
}

export interface PageScanner {
  /** A full scan of the page (force: ignore the relevance gate). Resolves when painted. */
  scan(force?: boolean): Promise<PageScanUpdate | null>;
  painted(): PaintedMention[];
  state(): { relevance: number; gated: boolean; forced: boolean; backedOff: boolean; scans: number };
  /** Removes all highlights (keeps watching unless stop() is called). */
  clear(): void;
  /** A newer alias table (and its packed detector): used from the next full scan on. */
  setTable(table: AliasTable, prebuilt?: PackedDetector | null): Promise<void>;
  stop(): void;
}

/** performance marks (visible to the page and to tests): a full scan started / a scan was painted */
export const SCAN_START_MARK = 'backstory:scan-start';
export const ANNOTATED_MARK = 'backstory:annotated';
export const DETECTOR_READY_MARK = 'backstory:detector-ready';
const MAX_REPORT_CHARS = 400_000;

/** The scanner's mutable state, shared by the steps below. */
interface ScanState {
  deps: PageScanDeps;
  now: () => number;
  table: AliasTable;
  prebuilt: PackedDetector | null | undefined;
  detector: Detector | null;
  memory: DetectMemory | null;
  /** the page's publication date (metadata), read at each full scan */
  published: string | undefined;
  painted: PaintedMention[];
  text: string;
  mentions: Mention[];
  relevance: number;
  gated: boolean;
  forced: boolean;
  backedOff: boolean;
  scans: number;
  generation: number;
  observer: PageObserver | null;
  queue: Promise<unknown>;
  reportTimer: ReturnType<typeof setTimeout> | undefined;
  lastReport: number;
}

function setPainted(s: ScanState, next: PaintedMention[]): void {
  s.painted = next;
  s.deps.onPainted?.(s.painted);
}

function runner(s: ScanState, gen: number): SliceRunner {
  const options = { budgetMs: s.deps.budgetMs ?? 8, isCancelled: () => gen !== s.generation || !s.deps.isActive() };
  return s.deps.slicer ? s.deps.slicer(options) : createSliceRunner(options);
}

/** Serialises scans: a batch never interleaves with a full scan. */
function enqueue<T>(s: ScanState, work: () => Promise<T>): Promise<T> {
  const next = s.queue.then(work, work);
  s.queue = next.catch(() => undefined);
  return next;
}

// Hidden text (collapsed menus, off-screen templates) is not painted. Each element is asked
// once, and the element comes from the walk (no DOM reads per mention).
function visibleFilter(win: Window, index: TextIndex): (m: PaintedMention, node: number) => boolean {
  const cache = new Map<Element, boolean>();
  const options = { visibilityProperty: true };
  const isVisible = (el: Element): boolean => {
    let visible = cache.get(el);
    if (visible === undefined) {
      const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
      visible = check ? check.call(el, options) : true;
      // display: contents has no box of its own, yet its text shows: ask its parent
      if (!visible && el.parentElement && win.getComputedStyle(el).display === 'contents') visible = isVisible(el.parentElement);
      cache.set(el, visible);
    }
    return visible;
  };
  let lastNode = -1;
  let lastVisible = false;
  return (p, node) => {
    // mentions in one text node share the answer
    if (node === lastNode) return lastVisible;
    const el = index.parents?.[node] ?? p.range.startContainer.parentElement;
    lastNode = node;
    lastVisible = !!el && isVisible(el);
    return lastVisible;
  };
}

function suppressedFilter(deps: PageScanDeps, list: Mention[]): Mention[] {
  if (!deps.isSuppressed || deps.anySuppressed?.() === false) return list;
  return list.filter((m) => !deps.isSuppressed!(m));
}

/** The full scan: build the detector if needed, find the article, extract, detect, range, paint, report. */
async function fullScan(s: ScanState, force: boolean): Promise<PageScanUpdate | null> {
  const { deps, now } = s;
  const { doc, win, painter } = deps;
  const gen = ++s.generation;
  const slicer = runner(s, gen);
  const startedAt = now();
  win.performance.mark?.(SCAN_START_MARK);
  try {
    let t = now();
    const phase = (name: string) => {
      win.performance.measure?.(`backstory:${name}`, { start: t, end: now() });
      t = now();
    };
    if (!s.detector) {
      s.detector = await slicer.run(createDetectorSteps(s.table, s.prebuilt), 'build');
      win.performance.mark?.(DETECTOR_READY_MARK);
      phase('build');
    }
    // finding the article is one piece of a few milliseconds on a big page: start it with room
    await slicer.ensure(4);
    const root = findArticleRoot(doc);
    phase('find-article');
    const index = await slicer.run(extractSteps(root), 'extract');
    phase('extract');
    const pageMemory = s.detector.newMemory();
    s.published = pageDate(doc, root);
    const result = await slicer.run(s.detector.detectSteps(index.text, { force, memory: pageMemory, pageDate: s.published }), 'detect');
    phase('detect');
    const found = suppressedFilter(deps, result.mentions);
    const visible = await slicer.run(rangeSteps(index, found, painter, 500, visibleFilter(win, index)), 'ranges');
    phase('ranges');
    if (gen !== s.generation) return null;
    await slicer.run(painter.replaceSteps(visible), 'paint');
    phase('paint');
    setPainted(s, visible);
    s.memory = pageMemory;
    s.text = index.text;
    s.mentions = visible.map((p) => p.mention);
    s.relevance = result.relevance;
    s.gated = result.gated;
    s.forced = force;
    s.scans++;
    if (deps.observe !== false && !s.observer && !s.backedOff) startObserver(s);
    const update = makeUpdate(s, 'full', {
      startedAt,
      finishedAt: now(),
      longestSliceMs: slicer.longestSliceMs,
      slices: slicer.slices,
      busyMs: slicer.busyMs,
    });
    update.index = index;
    win.performance.mark?.(ANNOTATED_MARK, {
      detail: {
        mentions: visible.length,
        gated: s.gated,
        longestSliceMs: slicer.longestSliceMs,
        slices: slicer.slices,
        busyMs: slicer.busyMs,
        longestStep: slicer.longestStep,
      },
    });
    s.lastReport = now();
    await deps.onUpdate(update);
    return update;
  } catch (err) {
    if (err instanceof Cancelled) return null;
    throw err;
  }
}

function makeUpdate(s: ScanState, kind: PageScanUpdate['kind'], timing: ScanTiming): PageScanUpdate {
  // Extension messages are serialised on the page's main thread in one go: megabytes of text
  // would be one long task. Past the limit the report goes without text (claims are skipped).
  const reportText = s.text.length <= (s.deps.maxReportChars ?? MAX_REPORT_CHARS) ? s.text : '';
  const { relevance, gated, forced, backedOff, mentions } = s;
  return { kind, relevance, gated, forced, backedOff, mentions, text: reportText, timing };
}

/** What a batch of added content found: painted ranges lost, new ones, and the new text. */
interface AddedScan {
  removed: PaintedMention[];
  addedPainted: PaintedMention[];
  addedMentions: Mention[];
  addedText: string;
}

/** A batch of added content: scanned with the page's memory, then merged into the painted list. */
async function scanAdded(s: ScanState, roots: Element[]): Promise<void> {
  if (!s.deps.isActive() || s.backedOff || !s.detector || !s.memory) return;
  const gen = s.generation;
  const slicer = runner(s, gen);
  const startedAt = s.now();
  const added: AddedScan = { removed: [], addedPainted: [], addedMentions: [], addedText: '' };
  try {
    if (!(await scanAddedRoots(s, slicer, roots, added))) return;
  } catch (err) {
    if (err instanceof Cancelled) return;
    throw err;
  }
  if (gen !== s.generation) return;
  mergeAdded(s, slicer, startedAt, added);
}

/** Scans each added root into `added`; false when a full scan was queued instead. */
async function scanAddedRoots(s: ScanState, slicer: SliceRunner, roots: Element[], added: AddedScan): Promise<boolean> {
  const { deps } = s;
  for (const root of roots) {
    if (!root.isConnected) continue;
    // what was painted inside a changed subtree is rescanned with it
    for (const p of s.painted) if (root.contains(p.range.startContainer)) added.removed.push(p);
    const context = scanContextOf(root);
    if (!context) continue;
    const index = await slicer.run(extractSteps(root, false, context.insideArticle));
    if (!index.text.trim()) continue;
    const result = await slicer.run(s.detector!.detectSteps(index.text, { force: s.forced, memory: s.memory!, pageDate: s.published }));
    if (s.gated && !result.gated) {
      // the page turned out to be about AI after all: scan it whole
      void enqueue(s, () => fullScan(s, s.forced));
      return false;
    }
    s.relevance = result.relevance;
    s.gated = result.gated;
    const found = suppressedFilter(deps, result.mentions);
    const ranges = await slicer.run(rangeSteps(index, found, deps.painter, 500, visibleFilter(deps.win, index)), 'ranges');
    const offset = s.text.length + added.addedText.length + 1;
    added.addedText += `\n${index.text}`;
    for (const p of ranges) {
      const shifted = { ...p.mention, start: p.mention.start + offset, end: p.mention.end + offset };
      added.addedMentions.push(shifted);
      added.addedPainted.push({ mention: shifted, range: p.range });
    }
  }
  return true;
}

/** Paints a batch's result, drops what was removed or detached, and schedules its report. */
function mergeAdded(s: ScanState, slicer: SliceRunner, startedAt: number, added: AddedScan): void {
  const { painter, win } = s.deps;
  const { removed, addedPainted, addedMentions, addedText } = added;
  const gone = new Set(removed);
  for (const p of s.painted) if (!p.range.startContainer.isConnected) gone.add(p);
  if (!gone.size && !addedPainted.length && !addedText) return;
  if (gone.size) painter.remove([...gone]);
  painter.add(addedPainted);
  setPainted(s, s.painted.filter((p) => !gone.has(p)).concat(addedPainted));
  s.text += addedText;
  const goneMentions = new Set([...gone].map((p) => p.mention));
  s.mentions = s.mentions.filter((m) => !goneMentions.has(m)).concat(addedMentions);
  win.performance.mark?.(ANNOTATED_MARK, {
    detail: {
      mentions: s.painted.length,
      gated: s.gated,
      added: addedPainted.length,
      longestSliceMs: slicer.longestSliceMs,
      longestStep: slicer.longestStep,
    },
  });
  scheduleReport(s, { startedAt, finishedAt: s.now(), longestSliceMs: slicer.longestSliceMs, slices: slicer.slices });
}

function scheduleReport(s: ScanState, timing: ScanTiming): void {
  const every = s.deps.reportEveryMs ?? 1000;
  const wait = Math.max(0, s.lastReport + every - s.now());
  if (s.reportTimer !== undefined) clearTimeout(s.reportTimer);
  s.reportTimer = setTimeout(() => {
    s.reportTimer = undefined;
    s.lastReport = s.now();
    if (s.deps.isActive()) void s.deps.onUpdate(makeUpdate(s, 'added', timing));
  }, wait);
}

/** Added content, single-page-app navigation, and the back-off on pages that never settle. */
function startObserver(s: ScanState): void {
  const { deps, now } = s;
  s.observer = observePage({
    doc: deps.doc,
    win: deps.win,
    batchMs: deps.batchMs,
    onChanged: (roots) => void enqueue(s, () => scanAdded(s, roots)),
    onRemoved: () => {
      // pruned with the next batch; a removal alone leaves only invisible ranges behind
    },
    onFullRescan: (reason) => void enqueue(s, () => fullScan(s, reason === 'navigation' ? false : s.forced)),
    onBackOff: () => {
      s.backedOff = true;
      s.observer = null;
      void deps.onUpdate(makeUpdate(s, 'backed-off', { startedAt: now(), finishedAt: now(), longestSliceMs: 0, slices: 0 }));
    },
  });
}

export function createPageScanner(deps: PageScanDeps): PageScanner {
  const { win, painter } = deps;
  const s: ScanState = {
    deps,
    now: () => win.performance.now(),
    table: deps.table,
    prebuilt: deps.prebuilt,
    detector: null,
    memory: null,
    published: undefined,
    painted: [],
    text: '',
    mentions: [],
    relevance: 0,
    gated: false,
    forced: false,
    backedOff: false,
    scans: 0,
    generation: 0,
    observer: null,
    queue: Promise.resolve(),
    reportTimer: undefined,
    lastReport: 0,
  };

  return {
    scan: (force = false) => enqueue(s, () => fullScan(s, force)),
    painted: () => s.painted,
    state: () => ({ relevance: s.relevance, gated: s.gated, forced: s.forced, backedOff: s.backedOff, scans: s.scans }),
    // queued: a scan in progress finishes with the detector it started with
    setTable: (next, packed) =>
      enqueue(s, async () => {
        s.table = next;
        s.prebuilt = packed;
        s.detector = null;
        // added content waits for the next full scan, which builds the new detector
        s.memory = null;
      }),
    clear() {
      s.generation++;
      painter.clear();
      setPainted(s, []);
      s.mentions = [];
    },
    stop() {
      s.generation++;
      s.observer?.disconnect();
      s.observer = null;
      if (s.reportTimer !== undefined) clearTimeout(s.reportTimer);
      painter.clear();
      setPainted(s, []);
    },
  };
}
