// Profiling aid (not a bench module): a CPU profile of the built extension's content script
// annotating the bench's big page, printed as self time per function.
// EXT=<dir holding manifest.json> (default .output-perf/chrome-mv3); function names read better in
// a build with Vite's build.minify turned off. RUNS, TOP: how many page loads, how many rows.
// PAGE: a sample page (deepseek-r1.html) instead of the big one.
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
  for (let r = 0; r < Number(process.env.RUNS ?? 1); r++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/blank.html`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/${process.env.PAGE ?? 'big.html'}`);
    await page.waitForFunction(() => performance.getEntriesByName('backstory:annotated').length > 0, undefined, { timeout: 120_000 });
    const { profile } = await cdp.send('Profiler.stop');
    const phases = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('measure')
          .filter((m) => m.name.startsWith('backstory:'))
          .map((m) => [m.name.slice(10), Math.round(m.duration)]),
      ),
    );
    const marks = (await page.evaluate(
      `(() => { const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN; return { config: m('backstory:config-received') - m('backstory:content-start'), contentStart: m('backstory:content-start'), scanStart: m('backstory:scan-start'), annotated: m('backstory:annotated') }; })()`,
    )) as { contentStart: number; scanStart: number; annotated: number };
    console.log(
      JSON.stringify({ phases, marks, annotateMs: marks.annotated - marks.scanStart, startToScan: marks.scanStart - marks.contentStart }),
    );
    fs.writeFileSync(path.join(os.tmpdir(), `backstory-content-${r}.cpuprofile`), JSON.stringify(profile));
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples!.length; i++) {
      const n = byId.get(profile.samples![i])!;
      const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas![i] ?? 0));
    }
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.TOP ?? 30))
        .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
        .join('\n'),
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
