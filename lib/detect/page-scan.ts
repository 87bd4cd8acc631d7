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

export function createPageScanner(deps: PageScanDeps): PageScanner {
  const { doc, win, painter } = deps;
  const now = () => win.performance.now();
  let table = deps.table;
  let prebuilt = deps.prebuilt;
  let detector: Detector | null = null;
  let memory: DetectMemory | null = null;
  /** the page's publication date (metadata), read at each full scan */
  let published: string | undefined;
  let painted: PaintedMention[] = [];
  let text = '';
  let mentions: Mention[] = [];
  let relevance = 0;
  let gated = false;
  let forced = false;
  let backedOff = false;
  let scans = 0;
  let generation = 0;
  let observer: PageObserver | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = 0;

  function setPainted(next: PaintedMention[]): void {
    painted = next;
    deps.onPainted?.(painted);
  }

  function runner(gen: number): SliceRunner {
    return createSliceRunner({
      budgetMs: deps.budgetMs ?? 8,
      isCancelled: () => gen !== generation || !deps.isActive(),
    });
  }

  /** Serialises scans: a batch never interleaves with a full scan. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  // Hidden text (collapsed menus, off-screen templates) is not painted. Each element is asked
  // once, and the element comes from the walk (no DOM reads per mention).
  function visibleFilter(index: TextIndex): (m: PaintedMention, node: number) => boolean {
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

  function suppressedFilter(list: Mention[]): Mention[] {
    if (!deps.isSuppressed || deps.anySuppressed?.() === false) return list;
    return list.filter((m) => !deps.isSuppressed!(m));
  }

  async function fullScan(force: boolean): Promise<PageScanUpdate | null> {
    const gen = ++generation;
    const slicer = runner(gen);
    const startedAt = now();
    win.performance.mark?.(SCAN_START_MARK);
    try {
      let t = now();
      const phase = (name: string) => {
        win.performance.measure?.(`backstory:${name}`, { start: t, end: now() });
        t = now();
      };
      if (!detector) {
        detector = await slicer.run(createDetectorSteps(table, prebuilt), 'build');
        win.performance.mark?.(DETECTOR_READY_MARK);
        phase('build');
      }
      // finding the article is one piece of a few milliseconds on a big page: start it with room
      await slicer.ensure(4);
      const root = findArticleRoot(doc);
      phase('find-article');
      const index = await slicer.run(extractSteps(root), 'extract');
      phase('extract');
      const pageMemory = detector.newMemory();
      published = pageDate(doc, root);
      const result = await slicer.run(detector.detectSteps(index.text, { force, memory: pageMemory, pageDate: published }), 'detect');
      phase('detect');
      const found = suppressedFilter(result.mentions);
      const visible = await slicer.run(rangeSteps(index, found, painter, 500, visibleFilter(index)), 'ranges');
      phase('ranges');
      if (gen !== generation) return null;
      await slicer.run(painter.replaceSteps(visible), 'paint');
      phase('paint');
      setPainted(visible);
      memory = pageMemory;
      text = index.text;
      mentions = visible.map((p) => p.mention);
      relevance = result.relevance;
      gated = result.gated;
      forced = force;
      scans++;
      if (deps.observe !== false && !observer && !backedOff) startObserver();
      const update = makeUpdate('full', { startedAt, finishedAt: now(), longestSliceMs: slicer.longestSliceMs, slices: slicer.slices, busyMs: slicer.busyMs });
      win.performance.mark?.(ANNOTATED_MARK, { detail: { mentions: visible.length, gated, longestSliceMs: slicer.longestSliceMs, slices: slicer.slices, busyMs: slicer.busyMs, longestStep: slicer.longestStep } });
      lastReport = now();
      await deps.onUpdate(update);
      return update;
    } catch (err) {
      if (err instanceof Cancelled) return null;
      throw err;
    }
  }

  function makeUpdate(kind: PageScanUpdate['kind'], timing: ScanTiming): PageScanUpdate {
    // Extension messages are serialised on the page's main thread in one go: megabytes of text
    // would be one long task. Past the limit the report goes without text (claims are skipped).
    const reportText = text.length <= (deps.maxReportChars ?? MAX_REPORT_CHARS) ? text : '';
    return { kind, relevance, gated, forced, backedOff, mentions, text: reportText, timing };
  }

  async function scanAdded(roots: Element[]): Promise<void> {
    if (!deps.isActive() || backedOff || !detector || !memory) return;
    const gen = generation;
    const slicer = runner(gen);
    const startedAt = now();
    const removed: PaintedMention[] = [];
    const addedPainted: PaintedMention[] = [];
    const addedMentions: Mention[] = [];
    let addedText = '';
    try {
      for (const root of roots) {
        if (!root.isConnected) continue;
        // what was painted inside a changed subtree is rescanned with it
        for (const p of painted) if (root.contains(p.range.startContainer)) removed.push(p);
        const context = scanContextOf(root);
        if (!context) continue;
        const index = await slicer.run(extractSteps(root, false, context.insideArticle));
        if (!index.text.trim()) continue;
        const result = await slicer.run(detector.detectSteps(index.text, { force: forced, memory, pageDate: published }));
        if (gated && !result.gated) {
          // the page turned out to be about AI after all: scan it whole
          void enqueue(() => fullScan(forced));
          return;
        }
        relevance = result.relevance;
        gated = result.gated;
        const found = suppressedFilter(result.mentions);
        const ranges = await slicer.run(rangeSteps(index, found, painter, 500, visibleFilter(index)), 'ranges');
        const offset = text.length + addedText.length + 1;
        addedText += `\n${index.text}`;
        for (const p of ranges) {
          const shifted = { ...p.mention, start: p.mention.start + offset, end: p.mention.end + offset };
          addedMentions.push(shifted);
          addedPainted.push({ mention: shifted, range: p.range });
        }
      }
    } catch (err) {
      if (err instanceof Cancelled) return;
      throw err;
    }
    if (gen !== generation) return;
    const gone = new Set(removed);
    for (const p of painted) if (!p.range.startContainer.isConnected) gone.add(p);
    if (!gone.size && !addedPainted.length && !addedText) return;
    if (gone.size) painter.remove([...gone]);
    painter.add(addedPainted);
    setPainted(painted.filter((p) => !gone.has(p)).concat(addedPainted));
    text += addedText;
    const goneMentions = new Set([...gone].map((p) => p.mention));
    mentions = mentions.filter((m) => !goneMentions.has(m)).concat(addedMentions);
    win.performance.mark?.(ANNOTATED_MARK, { detail: { mentions: painted.length, gated, added: addedPainted.length, longestSliceMs: slicer.longestSliceMs, longestStep: slicer.longestStep } });
    scheduleReport({ startedAt, finishedAt: now(), longestSliceMs: slicer.longestSliceMs, slices: slicer.slices });
  }

  function scheduleReport(timing: ScanTiming): void {
    const every = deps.reportEveryMs ?? 1000;
    const wait = Math.max(0, lastReport + every - now());
    if (reportTimer !== undefined) clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      lastReport = now();
      if (deps.isActive()) void deps.onUpdate(makeUpdate('added', timing));
    }, wait);
  }

  function startObserver(): void {
    observer = observePage({
      doc,
      win,
      batchMs: deps.batchMs,
      onChanged: (roots) => void enqueue(() => scanAdded(roots)),
      onRemoved: () => {
        // pruned with the next batch; a removal alone leaves only invisible ranges behind
      },
      onFullRescan: (reason) => void enqueue(() => fullScan(reason === 'navigation' ? false : forced)),
      onBackOff: () => {
        backedOff = true;
        observer = null;
        void deps.onUpdate(makeUpdate('backed-off', { startedAt: now(), finishedAt: now(), longestSliceMs: 0, slices: 0 }));
      },
    });
  }

  return {
    scan: (force = false) => enqueue(() => fullScan(force)),
    painted: () => painted,
    state: () => ({ relevance, gated, forced, backedOff, scans }),
    // queued: a scan in progress finishes with the detector it started with
    setTable: (next, packed) =>
      enqueue(async () => {
        table = next;
        prebuilt = packed;
        detector = null;
        // added content waits for the next full scan, which builds the new detector
        memory = null;
      }),
    clear() {
      generation++;
      painter.clear();
      setPainted([]);
      mentions = [];
    },
    stop() {
      generation++;
      observer?.disconnect();
      observer = null;
      if (reportTimer !== undefined) clearTimeout(reportTimer);
      painter.clear();
      setPainted([]);
    },
  };
}
