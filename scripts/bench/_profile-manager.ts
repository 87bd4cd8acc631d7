// Profiling aid (not a bench module): the manager with the bench's 10,000 annotations, typed
// queries as the bench types them, each split into result arrival, list in the DOM, a forced
// layout, the wait for the frame and after it (ms); and a CPU profile of those queries as self
// time per function. EXT=<dir holding manifest.json> (default .output/chrome-mv3); names read
// better in a build with BACKSTORY_NO_MINIFY=1.
import { launchWithExtension } from '../../test/e2e/harness';
import { toJson } from '../../lib/annotations/io';
import { QUERIES, syntheticAnnotations } from './annotations';
const content = toJson(syntheticAnnotations());
const browser = await launchWithExtension({ extensionDir: process.env.EXT || undefined });
const page = await browser.context.newPage();
await page.setViewportSize({ width: 1360, height: 900 });
await page.goto(`chrome-extension://${browser.extensionId}/options.html#data`);
await page.waitForSelector('h1');
await page.evaluate(async (c) => {
  await (globalThis as any).chrome.runtime.sendMessage({ type: 'importAnnotations', payload: { content: c } });
}, content);
await page.goto(`chrome-extension://${browser.extensionId}/options.html#saved`);
await page.waitForFunction(() => performance.getEntriesByName('backstory:manager-list').length > 0, null, { timeout: 20_000 });
console.log('nodes', await page.evaluate(() => document.getElementsByTagName('*').length));
const rows: string[] = [];
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
for (const q of [...QUERIES, ...QUERIES]) {
  const r = await page.evaluate(`(async () => {
    const input = document.querySelector('input[type=search]');
    const before = performance.getEntriesByName('backstory:manager-list').length;
    const t0 = performance.now();
    input.value = ${JSON.stringify(q)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    while (performance.getEntriesByName('backstory:manager-list').length === before) await new Promise((r) => setTimeout(r, 1));
    const arrived = performance.getEntriesByName('backstory:manager-results').at(-1).startTime;
    const dom = performance.now();
    const l0 = performance.now(); document.body.offsetHeight; const layout = performance.now() - l0;
    let rafAt = 0;
    await new Promise((r) => requestAnimationFrame(() => { rafAt = performance.now(); setTimeout(r, 0); }));
    const end = performance.now();
    return [arrived - t0, dom - arrived, layout, rafAt - dom - layout, end - rafAt, end - t0].map((x) => x.toFixed(1)).join(' ');
  })()`);
  rows.push(`${q.padEnd(22)} ${r}`);
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
for (let i = 0; i < profile.samples!.length; i++) {
  const n: any = byId.get(profile.samples![i])!;
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas![i] ?? 0));
}

console.log(
  [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
    .join('\n'),
);
console.log('query                  toResult render layout toRaf rafToEnd total');
console.log(rows.join('\n'));
await browser.close();
