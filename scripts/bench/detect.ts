// Detection speed, measured against baselines taken in the same run.
// Node: the matcher, a bare one-load-per-character loop and one combined regex alternation over
// the same ≥ 2 MB generated text with the full alias table. Chromium (built extension): time to
// annotate a ≥ 2 MB / ≥ 20,000-text-node article and the sample articles against a bare TreeWalker
// walk of the same page, the longest main-thread task while annotating, and the highlight count.
// Also the content script's size and start-up cost.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { newCursor, scanChunk, type Automaton } from '../../lib/detect/automaton';
import { createDetector, packDetector, type PackedDetector } from '../../lib/detect/detector';
import { patternKey } from '../../lib/detect/normalise';
import { compileAliasTable, type AliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = '.output-bench-detect';
const TARGET_CHARS = 2_200_000;
const RUNS = 7;
const MATCHER_ROUNDS = 21;

type Figures = Record<string, number | string | boolean>;

// ---------------------------------------------------------------- generated article
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const FILLER = [
  'The company did not respond to a request for comment on the figures.',
  'Analysts said the market for these systems was still young and hard to measure.',
  'Several engineers who worked on the project described long nights and shifting goals.',
  'Regulators in Brussels and Washington are watching the sector closely this year.',
  'Investors have poured money into the field, betting that demand will keep growing.',
  'Critics argue that the benchmarks say little about how the tools behave in daily use.',
];

interface Names {
  model: string[];
  org: string[];
  person: string[];
}

function namesOf(table: AliasTable): Names {
  const names: Names = { model: [], org: [], person: [] };
  for (const alias of table.aliases) {
    if (alias.ambiguous || alias.shortForm || alias.text.length < 4 || /[^\x20-\x7e]/.test(alias.text)) continue;
    names[table.entities[alias.entity].type].push(alias.text);
  }
  return names;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A long AI news page: paragraphs of original template sentences, names often inside inline elements. */
export function generateArticle(table: AliasTable, targetChars = TARGET_CHARS): { html: string; text: string; textNodes: number } {
  const names = namesOf(table);
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T>(list: T[]) => list[rand(list.length)];
  const wrap = (name: string) =>
    rand(3) === 0 ? `<a href="#">${escapeHtml(name)}</a>` : rand(2) ? `<b>${escapeHtml(name)}</b>` : escapeHtml(name);
  const sentences = [
    () => [
      `${pick(names.org)} said on ${pick(DAYS)} that `,
      pick(names.model),
      ' would reach more customers, according to people familiar with the plans.',
    ],
    () => ['Researchers compared ', pick(names.model), ' with ', pick(names.model), ' on coding benchmarks and found the gap narrowing.'],
    () => ['', pick(names.person), ', who has spoken often about AI safety, told the conference that compute costs keep falling.'],
    () => ['A spokesperson for ', pick(names.org), ' declined to say how many GPUs the training run had used.'],
  ];
  const paragraphs: string[] = [];
  const texts: string[] = [];
  let chars = 0;
  let textNodes = 0;
  while (chars < targetChars) {
    let html = '';
    let text = '';
    for (let s = 0; s < 4; s++) {
      if (rand(3) !== 0) {
        // a sentence without names, one word of it emphasised or linked (text nodes, as on real pages)
        const f = pick(FILLER);
        const cut = f.indexOf(' ', 10);
        const tag = rand(2) ? 'em' : 'a';
        html += `${f.slice(0, cut)} <${tag}>${f.slice(cut + 1, f.indexOf(' ', cut + 1))}</${tag}>${f.slice(f.indexOf(' ', cut + 1))} `;
        text += `${f} `;
        textNodes += 3;
        continue;
      }
      const parts = pick(sentences)();
      for (let i = 0; i < parts.length; i++) {
        if (i % 2 === 1) {
          html += wrap(parts[i]);
          text += parts[i];
          textNodes += 2;
        } else {
          html += escapeHtml(parts[i]);
          text += parts[i];
        }
      }
      html += ' ';
      text += ' ';
    }
    paragraphs.push(`<p>${html}</p>`);
    texts.push(text);
    chars += text.length + 1;
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>The AI race, day by day</title></head><body>
<header><nav><a href="/">Home</a></nav></header><main><article><h1>The AI race, day by day</h1>
${paragraphs.join('\n')}
</article></main><footer>Example News</footer></body></html>`;
  return { html, text: texts.join('\n'), textNodes };
}

// ---------------------------------------------------------------- node measurements
function bareScan(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

function matcherScan(a: Automaton, text: string, ends: Int32Array, states: Int32Array): number {
  const cursor = newCursor(a);
  let hits = 0;
  for (let from = 0; from < text.length; from += ends.length) {
    hits += scanChunk(a, text, from, Math.min(text.length, from + ends.length), cursor, ends, states, 0);
  }
  return hits;
}

function regexScan(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Several rounds, each running every function once, back to back: on a shared machine load comes
 * and goes, and within one round the functions meet the same spell of it. Returns each function's
 * time per round (after a warm-up round).
 */
function timeRounds(fns: Record<string, () => unknown>, rounds = RUNS): Record<string, number[]> {
  const times: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(fns)) {
    fn(); // warm-up
    times[name] = [];
  }
  for (let i = 0; i < rounds; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = performance.now();
      fn();
      times[name].push(performance.now() - t0);
    }
  }
  return times;
}

/** Median over rounds of a / b, each round's pair measured back to back. */
function medianRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

function nodeFigures(table: AliasTable, text: string): Figures {
  const t0 = performance.now();
  const detector = createDetector(table);
  const buildMs = performance.now() - t0;
  // what pages get instead: the background packs the detector once, each page parses and expands it
  const t1 = performance.now();
  const packedJson = JSON.stringify(packDetector(table));
  const packMs = performance.now() - t1;
  const t2 = performance.now();
  createDetector(table, JSON.parse(packedJson) as PackedDetector);
  const unpackMs = performance.now() - t2;
  const mb = text.length / 1e6;
  const ends = new Int32Array(1 << 17);
  const states = new Int32Array(1 << 17);
  const keys = [...new Set(table.aliases.map((a) => patternKey(a.text)).filter(Boolean))].sort((a, b) => b.length - a.length);
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[- ]')).join('|'), 'gi');
  const rounds = timeRounds(
    {
      matcher: () => matcherScan(detector.automaton, text, ends, states),
      bare: () => bareScan(text),
    },
    MATCHER_ROUNDS,
  );
  const detectMs = median(timeRounds({ detect: () => detector.detect(text, { force: true }) }).detect);
  // the alternation is slow enough that fewer runs say the same
  const regexMs = median(timeRounds({ regex: () => regexScan(re, text) }, 2).regex);
  const matcherMs = median(rounds.matcher);
  const bareMs = median(rounds.bare);
  const result = detector.detect(text, { force: true });
  return {
    aliases: table.aliases.length,
    automatonStates: detector.automaton.states,
    automatonClasses: detector.automaton.nClasses,
    detectorBuildMs: buildMs,
    detectorPackMs: packMs,
    detectorPackedKB: packedJson.length / 1024,
    detectorUnpackMs: unpackMs,
    automatonTableKB: detector.automaton.delta.byteLength / 1024,
    textMB: mb,
    matcherMBps: mb / (matcherMs / 1000),
    bareScanMBps: mb / (bareMs / 1000),
    regexAlternationMBps: mb / (regexMs / 1000),
    // median over rounds of the pair's ratio (the figure with a goal: ≥ 0.5)
    matcherToBareScan: medianRatio(rounds.bare, rounds.matcher),
    matcherToBareScanTarget: 0.6,
    matcherToRegex: regexMs / matcherMs,
    detectMBps: mb / (detectMs / 1000),
    mentionsInText: result.mentions.length,
  };
}

// ---------------------------------------------------------------- browser measurements
interface PageFigures {
  annotateMs: number;
  /** median of 5 TreeWalker walks in the page's own world, after annotating (warm) */
  textWalkMs: number;
  /** the same walk, once, in a fresh isolated world (a content script's kind of world, cold) */
  isolatedColdWalkMs: number;
  /** the content script's own longest slice (wall clock between two yields) */
  longestSliceMs: number;
  /** working time summed over the scan's slices */
  busyMs: number;
  slices: number;
  /** which step it was ("detect #12") */
  longestStep: string;
  /** longest entry the Long Tasks API reported in the annotation window */
  longTaskApiMs: number;
  longTasks: number;
  /** longest wait of a key press sent every ~20 ms during the annotation, from arrival to handler */
  inputDelayMaxMs: number;
  inputEvents: number;
  /** noise floor: the longest of 40 fixed 4 ms pieces of work with yields between, right after */
  controlSliceMaxMs: number;
  highlights: number;
  contentStartToScanMs: number;
  /** from the content script's start until the background's configuration (alias table, packed detector) arrived */
  contentStartToConfigMs: number;
  detectorBuildMs: number;
  textNodes: number;
  /** wall-clock time of each phase of the full scan (performance.measure entries), yields included */
  phases: Record<string, number>;
  /** the tab's JS heap after a full GC, annotated (MB; the isolate holds the page's world and the content script's) */
  heapMB: number;
}

// Page-side code as strings: tsx would wrap named inner functions in a helper the page lacks.
const LONG_TASK_OBSERVER = `window.__longtasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });
window.__keys = [];
addEventListener('keydown', (e) => window.__keys.push([e.timeStamp, performance.now() - e.timeStamp]), true);`;

const TEXT_WALK = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);
  window.__walked = parts.join('').length;
  return [performance.now() - t0, parts.length];
})()`;

// Fixed pieces of work with scheduler.yield() between: how long a 4 ms piece can take on this
// machine right now (a busy machine takes the CPU away mid-piece; no code change helps that).
const CONTROL_SLICES = `(async () => {
  let longest = 0;
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    let x = 0;
    while (performance.now() - t0 < 4) x++;
    longest = Math.max(longest, performance.now() - t0);
    await scheduler.yield();
  }
  return longest;
})()`;

const IN_PAGE_MEASURE = `(() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  const scanStart = mark('backstory:scan-start');
  const annotated = mark('backstory:annotated');
  // long tasks and key presses within the annotation window
  const during = window.__longtasks.filter(([start, duration]) => start + duration >= scanStart && start <= annotated);
  const keys = window.__keys.filter(([at]) => at >= scanStart && at <= annotated);
  let highlights = 0;
  for (const [name, hl] of CSS.highlights) if (name.startsWith('backstory-')) highlights += hl.size;
  const detail = performance.getEntriesByName('backstory:annotated')[0]?.detail ?? {};
  return {
    annotateMs: annotated - scanStart,
    longestSliceMs: detail.longestSliceMs ?? NaN,
    busyMs: detail.busyMs ?? NaN,
    slices: detail.slices ?? NaN,
    longestStep: detail.longestStep ? detail.longestStep.label + ' #' + detail.longestStep.index : '',
    longTaskApiMs: during.reduce((m, [, d]) => Math.max(m, d), 0),
    longTasks: during.length,
    inputDelayMaxMs: keys.reduce((m, [, d]) => Math.max(m, d), 0),
    inputEvents: keys.length,
    highlights,
    contentStartToScanMs: scanStart - mark('backstory:content-start'),
    contentStartToConfigMs: mark('backstory:config-received') - mark('backstory:content-start'),
    detectorBuildMs: mark('backstory:detector-ready') - scanStart,
    phases: Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('backstory:')).map((m) => [m.name.slice(10), m.duration])),
  };
})()`;

// BENCH_BIG_PAGE_RUNS: fewer big-page runs while iterating on one figure
const BIG_PAGE_RUNS = Math.max(1, Number(process.env.BENCH_BIG_PAGE_RUNS) || 5);

/** The tab's JS heap (MB) after full collections: what stays reachable. */
async function heapAfterGc(cdp: import('playwright-core').CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

/**
 * The same pages' heap in Chromium without the extension (same flags, same init script): subtracted
 * from the annotated tab's heap, what the extension adds to a page (script, configuration, detector
 * and the per-page structures: text index, mentions, ranges).
 */
async function plainHeaps(urls: string[]): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const { findChromium } = await import('../../test/e2e/harness');
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const out: number[] = [];
    for (const url of urls) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(url, { timeout: 120_000 });
      await page.waitForTimeout(300);
      out.push(await heapAfterGc(await page.context().newCDPSession(page)));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

type Browser = import('../../test/e2e/harness').ExtensionBrowser;

/** Builds the extension unless told to measure another build or to reuse the last one. */
function ensureBuilt(extensionDir: string): void {
  if (!process.env.BENCH_EXTENSION_DIR && (!process.env.BENCH_NO_BUILD || !fs.existsSync(path.join(extensionDir, 'manifest.json')))) {
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, BACKSTORY_OUT: OUT_DIR }, stdio: 'pipe' });
    } catch (err) {
      const output = `${(err as { stdout?: Buffer }).stdout ?? ''}${(err as { stderr?: Buffer }).stderr ?? ''}`;
      throw new Error(`building the extension for the browser figures failed:\n${output.slice(-2000)}`);
    }
  }
}

async function measurePage(browser: Browser, url: string): Promise<PageFigures> {
  const page = await browser.context.newPage();
  await page.addInitScript(LONG_TASK_OBSERVER);
  await page.goto(url, { timeout: 120_000 });
  const cdp = await page.context().newCDPSession(page);
  // key presses while the content script works: each waits for the main thread
  let annotated = false;
  const done = page
    .waitForFunction(() => performance.getEntriesByName('backstory:annotated').length > 0, undefined, { timeout: 120_000, polling: 50 })
    .finally(() => (annotated = true));
  while (!annotated) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 });
    await new Promise((r) => setTimeout(r, 20));
  }
  await done;
  await page.waitForTimeout(300); // let trailing tasks land in the observer
  const result = (await page.evaluate(IN_PAGE_MEASURE)) as PageFigures;
  // before the walks below make garbage of their own
  result.heapMB = await heapAfterGc(cdp);
  const walks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [ms, nodes] = (await page.evaluate(TEXT_WALK)) as [number, number];
    walks.push(ms);
    result.textNodes = nodes;
  }
  result.textWalkMs = median(walks);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bench-walk' });
  const cold = await cdp.send('Runtime.evaluate', { expression: TEXT_WALK, contextId: executionContextId, returnByValue: true });
  result.isolatedColdWalkMs = (cold.result.value as [number, number])[0];
  result.controlSliceMaxMs = (await page.evaluate(CONTROL_SLICES)) as number;
  await page.close();
  return result;
}

/** The big page's figures (medians over runs) and the targets beside them. */
function bigPageFigures(runs: PageFigures[], figures: Figures): void {
  const med = (f: (r: PageFigures) => number) => median(runs.map(f));
  const big = [...runs].sort((a, b) => a.annotateMs - b.annotateMs)[Math.floor(runs.length / 2)];
  figures.bigPageRuns = runs.length;
  figures.bigPageTextNodes = big.textNodes;
  figures.bigPageAnnotateMs = med((r) => r.annotateMs);
  figures.bigPageBusyMs = med((r) => r.busyMs);
  figures.bigPageSlices = med((r) => r.slices);
  figures.bigPageTextWalkMs = med((r) => r.textWalkMs);
  figures.bigPageIsolatedColdWalkMs = med((r) => r.isolatedColdWalkMs);
  // the goal (≤ 3) is against the page-world walk; the isolated, cold walk is the like-for-like one
  figures.annotateToTextWalk = med((r) => r.annotateMs / r.textWalkMs);
  figures.annotateToIsolatedColdWalk = med((r) => r.annotateMs / r.isolatedColdWalkMs);
  // The Long Tasks API does not report work that resumes after scheduler.yield() (checked in
  // Chromium here, in the page's world and in isolated worlds alike; the Long Animation Frames
  // API misses it in isolated worlds too), so the content script's own slice clock is the
  // primary figure. Per run the larger of the two; the median over runs is the headline.
  const longest = runs.map((r) => Math.max(r.longestSliceMs, r.longTaskApiMs));
  figures.longestTaskMs = median(longest);
  figures.longestTaskMsWorstRun = Math.max(...longest);
  figures.longestSliceMs = med((r) => r.longestSliceMs);
  figures.longestSliceSteps = runs.map((r) => `${r.longestStep} ${r.longestSliceMs.toFixed(1)}ms`).join(', ');
  figures.longTaskApiMs = Math.max(...runs.map((r) => r.longTaskApiMs));
  figures.bigPageLongTasks = Math.max(...runs.map((r) => r.longTasks));
  // what a reader would feel: a key press's wait for the main thread while the page is annotated
  figures.inputDelayMaxMs = med((r) => r.inputDelayMaxMs);
  figures.inputEventsPerRun = med((r) => r.inputEvents);
  // how long a fixed 4 ms piece of work took at worst right after each run (machine noise)
  figures.controlSliceMaxMs = med((r) => r.controlSliceMaxMs);
  figures.highlights = big.highlights;
  figures.contentStartToScanMs = med((r) => r.contentStartToScanMs);
  figures.contentStartToConfigMs = med((r) => r.contentStartToConfigMs);
  // the first page after the extension started: the background compiles the detector for it
  figures.contentStartToConfigMsFirstPage = runs[0].contentStartToConfigMs;
  figures.detectorBuildInPageMs = med((r) => r.detectorBuildMs);
  for (const phase of Object.keys(big.phases)) figures[`bigPage_${phase}Ms`] = med((r) => r.phases[phase] ?? NaN);

  figures.busyToIsolatedColdWalk = med((r) => r.busyMs / r.isolatedColdWalkMs);
  // targets beside the figures they belong to (ms unless named otherwise)
  figures.bigPageBusyTargetMs = 100;
  figures.annotateToIsolatedColdWalkTarget = 4;
  figures.contentStartToConfigFirstPageTargetMs = 50;
  figures.sampleAnnotateTargetMs = 10;
  figures.contentScriptGzipTargetKB = 35;
}

/** Each sample page's figures; returns the samples' heaps (MB, in file order) for the memory figures. */
async function sampleFigures(browser: Browser, origin: string, samples: string[], figures: Figures): Promise<number[]> {
  const sampleHeaps: number[] = [];
  for (const file of samples) {
    const name = file.replace(/\.html$/, '');
    const r = await measurePage(browser, `${origin}/${file}`);
    figures[`sample_${name}_annotateToTextWalk`] = r.annotateMs / Math.max(r.textWalkMs, 0.1);
    figures[`sample_${name}_annotateMs`] = r.annotateMs;
    figures[`sample_${name}_busyMs`] = r.busyMs;
    figures[`sample_${name}_longestTaskMs`] = Math.max(r.longestSliceMs, r.longTaskApiMs);
    figures[`sample_${name}_highlights`] = r.highlights;
    // where a small page's time goes (wall clock per phase, yields included)
    figures[`sample_${name}_phases`] = Object.entries(r.phases)
      .map(([phase, ms]) => `${phase} ${ms.toFixed(1)}`)
      .join(', ');
    sampleHeaps.push(r.heapMB);
  }
  return sampleHeaps;
}

// Memory. What the extension adds to a tab = the annotated tab's heap minus the same page's in
// Chromium without the extension. A page with nothing to find gives the fixed part (bundle,
// configuration, expanded detector); the rest is what annotating the page added.
async function memoryFigures(
  browser: Browser,
  origin: string,
  runs: PageFigures[],
  samples: string[],
  sampleHeaps: number[],
  figures: Figures,
): Promise<void> {
  const blank = await measurePage(browser, `${origin}/blank.html`);
  const plain = await plainHeaps([`${origin}/blank.html`, `${origin}/big.html`, ...samples.map((f) => `${origin}/${f}`)]);
  const fixed = blank.heapMB - plain[0];
  figures.heapExtensionFixedMB = fixed;
  figures.bigPageHeapAddedMB = median(runs.map((r) => r.heapMB)) - plain[1] - fixed;
  figures.bigPageHeapAddedTargetMB = 15;
  samples.forEach((file, i) => {
    figures[`sample_${file.replace(/\.html$/, '')}_heapAddedMB`] = sampleHeaps[i] - plain[2 + i] - fixed;
  });
  figures.sampleHeapAddedMaxMB = Math.max(...samples.map((_, i) => sampleHeaps[i] - plain[2 + i] - fixed));
  figures.sampleHeapAddedTargetMB = 2;
}

async function browserFigures(html: string): Promise<Figures> {
  const { launchWithExtension, serve, SAMPLES_DIR, findChromium } = await import('../../test/e2e/harness');
  try {
    findChromium();
  } catch (err) {
    return { browserSkipped: (err as Error).message };
  }
  // BENCH_EXTENSION_DIR: measure another build (an older commit's, say) under the same conditions
  const extensionDir = process.env.BENCH_EXTENSION_DIR
    ? path.resolve(process.env.BENCH_EXTENSION_DIR)
    : path.join(ROOT, OUT_DIR, 'chrome-mv3');
  ensureBuilt(extensionDir);
  const figures: Figures = {};
  const content = path.join(extensionDir, 'content-scripts/content.js');
  const bytes = fs.readFileSync(content);
  figures.contentScriptKB = bytes.length / 1024;
  figures.contentScriptGzipKB = zlib.gzipSync(bytes).length / 1024;

  const server = await serve([SAMPLES_DIR], {
    '/big.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    },
    // nothing to find: the extension's fixed cost in a tab
    '/blank.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><meta charset="utf-8"><title>Notes</title></head><body><p>Nothing to see on this page.</p></body></html>',
      );
    },
  });
  const browser = await launchWithExtension({ extensionDir });
  try {
    // The big page several times: on a shared machine load comes and goes, so each run's
    // figures are taken against baselines from the same page load, and medians reported.
    const runs: PageFigures[] = [];
    for (let i = 0; i < BIG_PAGE_RUNS; i++) runs.push(await measurePage(browser, `${server.origin}/big.html`));
    bigPageFigures(runs, figures);
    const samples = fs
      .readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.html'))
      .sort();
    const sampleHeaps = await sampleFigures(browser, server.origin, samples, figures);
    await memoryFigures(browser, server.origin, runs, samples, sampleHeaps, figures);
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}

export async function run(): Promise<Figures> {
  const table = compileAliasTable(loadPackFromDir(process.env.BACKSTORY_PACK_DIR || undefined));
  const article = generateArticle(table);
  // the machine is shared: say how busy it was, since wall-clock task lengths depend on it
  const figures: Figures = { loadAverageAtStart: os.loadavg()[0], cpus: os.cpus().length };
  // BENCH_BROWSER_ONLY=1: the Chromium figures alone (the regex baseline takes minutes)
  if (!process.env.BENCH_BROWSER_ONLY) Object.assign(figures, nodeFigures(table, article.text));
  // BENCH_NODE_ONLY=1: the matcher figures alone (quick, no browser)
  if (!process.env.BENCH_NODE_ONLY) Object.assign(figures, await browserFigures(article.html));
  figures.loadAverageAtEnd = os.loadavg()[0];
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const figures = await run();
  for (const [key, value] of Object.entries(figures))
    console.log(`${key.padEnd(40)} ${typeof value === 'number' ? +value.toFixed(3) : value}`);
}
