// The built extension on every saved real page in ../shared/fixtures/real-pages (130 news and blog
// pages) and ../shared/fixtures/news-pages (170, mostly non-AI news).
// Per page: errors from the extension, mutations of the page DOM outside <backstory-ui>, long tasks while
// it annotates, highlights painted, and time to annotate. Page scripts are off (CSP script-src 'none'),
// so whatever changes or blocks the page is the extension's doing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, type ExtensionBrowser } from './harness';
import {
  formatTable,
  installMainWorldProbe,
  longTasksDuring,
  openMessenger,
  readMainWorldProbe,
  servePages,
  tabOpener,
  waitForReport,
  watchErrors,
  type ExtensionMessenger,
  type PageServer,
} from './probes';

// BACKSTORY_SHARED_FIXTURES: the shared fixtures elsewhere (a checkout not laid out as in CI)
const FIXTURES_DIR = process.env.BACKSTORY_SHARED_FIXTURES ?? path.resolve(ROOT, '../shared/fixtures');
const REAL_PAGES_DIR = path.join(FIXTURES_DIR, 'real-pages');
const PAGE_SETS = ['real-pages', 'news-pages'].filter((set) => fs.existsSync(path.join(FIXTURES_DIR, set)));
const haveRealPages = fs.existsSync(REAL_PAGES_DIR);
if (!haveRealPages) {
  console.log(`real-pages suite SKIPPED: ${REAL_PAGES_DIR} does not exist here (CI and the shared workspace have it).`);
}

/** The product target: almost all of these 300 pages are not about AI, so at most this many get any highlight. */
const MAX_PAGES_WITH_HIGHLIGHTS = 3;
/**
 * The pages that are about AI, and may be highlighted (each read to check): any other page lit up
 * is a false alarm. qq: DeepMind's differentiable neural computer; japan.cnet.com: Apple's on-device
 * machine learning and its hiring of Google's AI researchers; medium.com: a 2016 talk on AI and the
 * future of work.
 */
const AI_PAGES = new Set(['real-pages/qq', 'news-pages/japan.cnet.com', 'news-pages/medium.com']);
const LONG_TASK_MS = 50;
// One page at a time, in the foreground: a background tab's timing is not what a reader sees.
const PARALLEL = 1;

interface PageRow {
  page: string;
  kb: number;
  /** extension's scan: from start to painted (ms) */
  scanMs: number;
  /** page time when the scan finished (ms since navigation start) */
  doneAt: number;
  longestSliceMs: number;
  /** 'longtask' entries over 50 ms overlapping the scan (blind to work resumed after scheduler.yield) */
  longTasks: number;
  /** gaps over 50 ms between animation frames overlapping the scan (page-load rendering counts too) */
  frameStalls: number;
  errors: number;
  foreignMutations: number;
  mentions: number;
  painted: number;
  gated: string;
  note: string;
}

describe.skipIf(!haveRealPages)('real pages: the extension on 300 saved news and blog pages', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  let messenger: ExtensionMessenger;
  const rows: PageRow[] = [];
  const details: string[] = [];

  beforeAll(async () => {
    server = await servePages(FIXTURES_DIR);
    browser = await launchWithExtension();
    messenger = await openMessenger(browser);
  });
  afterAll(async () => {
    await messenger?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the instruments catch a misbehaving extension (control)', async () => {
    // A tiny extension that does everything Backstory must not: without this, "0 errors" could mean "not looking".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-canary-'));
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'canary',
        version: '1.0',
        background: { service_worker: 'bg.js' },
        content_scripts: [{ matches: ['http://*/*'], js: ['content.js'], run_at: 'document_idle' }],
      }),
    );
    fs.writeFileSync(path.join(dir, 'bg.js'), '// nothing');
    fs.writeFileSync(
      path.join(dir, 'content.js'),
      `const busy = (ms) => { const t = performance.now(); while (performance.now() - t < ms) {} };
       document.body.appendChild(document.createElement('mark'));
       busy(150);
       console.error('canary console error');
       Promise.reject(new Error('canary rejection'));
       setTimeout(() => { throw new Error('canary throw'); }, 0);
       // work that resumes after scheduler.yield(), as a sliced scan does
       setTimeout(async () => { await scheduler.yield(); busy(80); document.body.appendChild(document.createElement('mark')); }, 400);`,
    );
    const canary = await launchWithExtension({ extensionDir: dir });
    try {
      const page = await canary.context.newPage();
      await installMainWorldProbe(page);
      const watch = await watchErrors(page, canary.extensionId);
      await page.goto(`${server.origin}/real-pages/${fs.readdirSync(REAL_PAGES_DIR).find((f) => f.endsWith('.html'))}`);
      await page.waitForFunction(
        () => (window as unknown as { __backstoryProbe: { foreignMutations: number } }).__backstoryProbe.foreignMutations > 0,
      );
      // the second mark follows the yielded busy loop: wait for it, then for frames to resume
      await page.waitForFunction(
        () => (window as unknown as { __backstoryProbe: { foreignMutations: number } }).__backstoryProbe.foreignMutations > 1,
      );
      await page.waitForTimeout(300);
      const probe = await readMainWorldProbe(page);
      expect(probe.foreignMutations).toBeGreaterThan(0);
      expect(
        probe.longTasks.some(([, d]) => d >= 140),
        JSON.stringify(probe.longTasks),
      ).toBe(true);
      // (The first busy loop is not asserted as a frame stall: it can start before the probe's first
      // animation frame, which hides part of it — CI once saw 117 ms of the 150. The long-task
      // observer above catches it whole.)
      // The work resumed after scheduler.yield() is no long task; the frame probe must still see it.
      // Told apart from the first stall by time, not by length: on a loaded machine the length of the
      // missed-frame gap it causes varies.
      const firstBusyEnds = Math.min(...probe.longTasks.filter(([, d]) => d >= 140).map(([s, d]) => s + d));
      expect(
        probe.stalls.some(([t, d]) => d >= 55 && t + d > firstBusyEnds + 200),
        JSON.stringify({ firstBusyEnds, stalls: probe.stalls }),
      ).toBe(true);
      expect(watch.errors.join('\n')).toContain('canary console error');
      expect(watch.errors.join('\n')).toContain('canary rejection');
      expect(watch.errors.join('\n')).toContain('canary throw');
      await watch.detach();
    } finally {
      await canary.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('annotates every page with no error, no foreign mutation and no long task of its own', async () => {
    const files = PAGE_SETS.flatMap((set) =>
      fs
        .readdirSync(path.join(FIXTURES_DIR, set))
        .filter((f) => f.endsWith('.html'))
        .map((f) => `${set}/${f}`),
    ).sort();
    const open = tabOpener(browser);

    async function visit(file: string): Promise<PageRow> {
      const { page, tabId } = await open();
      const url = `${server.origin}/${file}`;
      const row: PageRow = {
        page: file.replace(/\.html$/, ''),
        kb: Math.round(fs.statSync(path.join(FIXTURES_DIR, file)).size / 1024),
        scanMs: 0,
        doneAt: 0,
        longestSliceMs: 0,
        longTasks: 0,
        frameStalls: 0,
        errors: 0,
        foreignMutations: 0,
        mentions: 0,
        painted: 0,
        gated: '',
        note: '',
      };
      try {
        await installMainWorldProbe(page);
        const watch = await watchErrors(page, browser.extensionId);
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        const state = await waitForReport(messenger, tabId, url, { until: (s) => !!s.timing });
        // late errors and mutations (a hover host, a deferred rescan) still count
        await page.waitForTimeout(250);
        const probe = await readMainWorldProbe(page);
        row.errors = watch.errors.length;
        row.foreignMutations = probe.foreignMutations;
        row.painted = probe.highlights;
        if (!state?.timing) {
          row.note = state ? 'report has no timing' : 'no report from the content script';
          row.errors++;
        } else {
          const { startedAt, finishedAt, longestSliceMs } = state.timing;
          row.scanMs = finishedAt - startedAt;
          row.doneAt = finishedAt;
          row.longestSliceMs = longestSliceMs;
          const during = longTasksDuring(probe.longTasks, startedAt, finishedAt, LONG_TASK_MS);
          const stalls = longTasksDuring(probe.stalls, startedAt, finishedAt, LONG_TASK_MS);
          row.longTasks = during.length;
          row.frameStalls = stalls.length;
          row.mentions = state.mentions.length;
          row.gated = state.gated ? 'gated' : 'open';
          if (during.length || longestSliceMs > LONG_TASK_MS) {
            details.push(
              `${file}: slice ${longestSliceMs.toFixed(0)} ms; long tasks during the scan ${JSON.stringify(during.map(([s, d]) => [Math.round(s), Math.round(d)]))}`,
            );
          }
        }
        if (watch.errors.length) details.push(`${file}: ${watch.errors.slice(0, 3).join(' | ')}`);
        if (probe.foreignMutations) details.push(`${file}: ${probe.samples.join('; ')}`);
        await watch.detach();
      } catch (err) {
        row.note = `harness: ${(err as Error).message.split('\n')[0].slice(0, 80)}`;
        row.errors++;
      } finally {
        await page.close().catch(() => undefined);
      }
      return row;
    }

    const queue = [...files];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let file = queue.shift(); file; file = queue.shift()) rows.push(await visit(file));
      }),
    );
    // A slice over budget is measured on a wall clock: on a loaded machine the OS can take the core
    // away mid-slice. Such a page is visited again, one at a time, up to twice; over-budget work the
    // extension really does shows up again, a descheduled slice does not. Errors and foreign
    // mutations are never re-measured: the first visit's count stands.
    const overBudget = (r: PageRow) => r.longTasks > 0 || r.longestSliceMs > LONG_TASK_MS;
    for (const row of rows.filter(overBudget)) {
      const file = files.find((f) => f.replace(/\.html$/, '') === row.page) as string;
      for (let attempt = 1; attempt <= 2 && overBudget(row); attempt++) {
        const again = await visit(file);
        details.push(`${file}: visited again (${attempt}): slice ${again.longestSliceMs.toFixed(0)} ms, ${again.longTasks} long tasks`);
        if (!again.note) {
          row.longTasks = again.longTasks;
          row.longestSliceMs = again.longestSliceMs;
        }
      }
    }
    rows.sort((a, b) => a.page.localeCompare(b.page));

    const sum = (k: keyof PageRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
    const max = (k: keyof PageRow) => Math.max(...rows.map((r) => r[k] as number));
    const withHighlights = rows.filter((r) => r.painted > 0);
    const totals = {
      page: `TOTAL ${rows.length} pages`,
      kb: sum('kb'),
      scanMs: max('scanMs'),
      doneAt: max('doneAt'),
      longestSliceMs: max('longestSliceMs'),
      longTasks: sum('longTasks'),
      frameStalls: sum('frameStalls'),
      errors: sum('errors'),
      foreignMutations: sum('foreignMutations'),
      mentions: sum('mentions'),
      painted: sum('painted'),
      gated: `${rows.filter((r) => r.gated === 'gated').length} gated`,
      note: `${withHighlights.length} with highlights (max ${MAX_PAGES_WITH_HIGHLIGHTS})`,
    };
    const scans = rows.map((r) => r.scanMs).sort((a, b) => a - b);
    console.log(
      `\nReal pages (scanMs/doneAt/longestSliceMs: max in the TOTAL row; median scan ${scans[Math.floor(scans.length / 2)].toFixed(1)} ms)\n` +
        formatTable([...rows, totals] as unknown as Record<string, string | number>[]) +
        (details.length ? `\n\nDetails:\n${details.join('\n')}` : '') +
        `\nPages with highlights: ${withHighlights.map((r) => `${r.page} (${r.painted})`).join(', ') || 'none'}\n`,
    );

    expect(rows).toHaveLength(files.length);
    expect(rows.filter((r) => r.note).map((r) => `${r.page}: ${r.note}`)).toEqual([]);
    expect(totals.errors).toBe(0);
    expect(totals.foreignMutations).toBe(0);
    // The budget is checked on the extension's own slice clock (its work between yields to the page),
    // and on 'longtask' entries. Frame stalls are printed, not asserted: pages stall frames while they
    // load without any extension (9 of the first 20 pages in a baseline run), and a scan starting at
    // document_idle overlaps that; the control test above shows both instruments catch real blocking.
    expect(
      rows
        .filter((r) => r.longTasks > 0 || r.longestSliceMs > LONG_TASK_MS)
        .map((r) => `${r.page}: ${r.longTasks} long tasks, slice ${r.longestSliceMs.toFixed(0)} ms`),
    ).toEqual([]);
    expect(withHighlights.length).toBeLessThanOrEqual(MAX_PAGES_WITH_HIGHLIGHTS);
    expect(withHighlights.map((r) => r.page).filter((p) => !AI_PAGES.has(p))).toEqual([]);
  }, 900_000);
});
