// Profiling aid (not a bench module): a Chromium trace of the content script annotating the
// bench's big page; prints garbage collection and compilation inside the annotation window and
// every event over 3 ms. EXT=<dir holding manifest.json> (default .output-perf/chrome-mv3).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { launchWithExtension, serve, SAMPLES_DIR } from '../../test/e2e/harness';
import { generateArticle } from './detect';

const article = generateArticle(compileAliasTable(loadPackFromDir()));
const server = await serve([SAMPLES_DIR], {
  '/big.html': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(article.html);
  },
  '/blank.html': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>blank</title>');
  },
});
const browser = await launchWithExtension({ extensionDir: path.resolve(process.env.EXT ?? '.output-perf/chrome-mv3') });
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/blank.html`);
  const cdp = await page.context().newCDPSession(page);
  const events: { ph?: string; name: string; cat?: string; ts: number; dur?: number; tid?: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  const finished = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8,disabled-by-default-v8.gc,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await page.goto(`${server.origin}/big.html`);
  await page.waitForFunction(() => performance.getEntriesByName('backstory:annotated').length > 0, undefined, { timeout: 120_000 });
  await cdp.send('Tracing.end');
  await finished;
  const marks = events.filter(
    (e) => e.cat?.includes('blink.user_timing') && (e.name === 'backstory:scan-start' || e.name === 'backstory:annotated'),
  );
  const start = Math.min(...marks.filter((m) => m.name === 'backstory:scan-start').map((m) => m.ts));
  const end = Math.max(...marks.filter((m) => m.name === 'backstory:annotated').map((m) => m.ts));
  const main = events.filter((e) => e.ph === 'X' && e.ts >= start && e.ts <= end && (e.dur ?? 0) > 3000);
  const byName = new Map<string, { n: number; ms: number; max: number }>();
  for (const e of events.filter((e) => e.ph === 'X' && e.ts >= start && e.ts <= end)) {
    if (!/GC|Scavenge|MarkCompact|Compile|Optimize|Deopt/i.test(e.name)) continue;
    const s = byName.get(e.name) ?? { n: 0, ms: 0, max: 0 };
    s.n++;
    s.ms += (e.dur ?? 0) / 1000;
    s.max = Math.max(s.max, (e.dur ?? 0) / 1000);
    byName.set(e.name, s);
  }
  console.log('window ms', ((end - start) / 1000).toFixed(1));
  for (const [name, s] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(name.padEnd(40), 'n', s.n, 'total', s.ms.toFixed(1), 'max', s.max.toFixed(1), 'ms');
  console.log('events > 3 ms in the window:');
  for (const e of main.sort((a, b) => a.ts - b.ts))
    console.log(((e.ts - start) / 1000).toFixed(1).padStart(7), ((e.dur ?? 0) / 1000).toFixed(1).padStart(6), 'tid', e.tid, e.name);
  fs.writeFileSync(path.join(os.tmpdir(), 'backstory-annotate-trace.json'), JSON.stringify(events));
} finally {
  await browser.close();
  await server.close();
}
