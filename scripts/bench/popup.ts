// Popup time to first render on a cached page (target < 100 ms), in real Chromium with the built extension.
// The page is scanned first, so the background already holds the tab's state ("cached"). Each run opens
// popup.html?tab=<id> fresh and reads the popup's own performance marks.
// Baseline in the same run: DOMContentLoaded of the same popup page (the browser's cost of opening an
// extension page and loading its script), so machine load shows up in both.
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR } from '../../test/e2e/harness';
import { median } from './_stats';

const RUNS = 15;

export async function run(): Promise<Record<string, number | string | boolean>> {
  const server = await serve([SAMPLES_DIR]);
  // BENCH_EXTENSION_DIR: another build (an older commit's) under the same conditions
  const browser = await launchWithExtension({ extensionDir: process.env.BENCH_EXTENSION_DIR || undefined });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 10);
    const tabId = await browser.tabIdOf(page);
    const firstRender: number[] = [];
    const ownWork: number[] = [];
    const messaging: number[] = [];
    const domReady: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const popup = await browser.popup(tabId);
      await popup.waitForFunction(() => performance.getEntriesByName('backstory:popup-first-render').length > 0, null, { timeout: 10_000 });
      // no helper functions inside evaluate: tsx would wrap them in a __name() the page does not have
      const t = await popup.evaluate(() => ({
        first: performance.getEntriesByName('backstory:popup-first-render')[0]?.startTime ?? NaN,
        script: performance.getEntriesByName('backstory:popup-script-start')[0]?.startTime ?? NaN,
        state: performance.getEntriesByName('backstory:popup-state-received')[0]?.startTime ?? NaN,
        dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      }));
      await popup.close();
      if (i < 2) continue; // warm-up: the first opens compile the bundle
      firstRender.push(t.first);
      ownWork.push(t.first - t.script);
      messaging.push(t.state - t.script);
      domReady.push(t.dcl);
    }
    const first = median(firstRender);
    const dcl = median(domReady);
    return {
      popupFirstRenderMs: +first.toFixed(1),
      // the target: p95 of the opens under 100 ms
      popupFirstRenderP95Ms: +[...firstRender]
        .sort((a, b) => a - b)
        [Math.min(firstRender.length - 1, Math.floor(firstRender.length * 0.95))].toFixed(1),
      popupFirstRenderTargetMs: 100,
      popupOwnWorkMs: +median(ownWork).toFixed(1),
      popupStateMessagingMs: +median(messaging).toFixed(1),
      popupDomContentLoadedMs: +dcl.toFixed(1),
      popupFirstRenderVsDomReady: +(first / dcl).toFixed(2),
      popupFirstRenderUnder100ms: first < 100,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
