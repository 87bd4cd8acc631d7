// npx tsx scripts/dossier-screenshots.ts: reads the three sample articles in Chromium with the built
// extension, then saves the dossier, the Predictions view (1280 and 800 px wide) and a person card's
// track-record line, in light and dark, to assets/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, ROOT, SAMPLES_DIR } from '../test/e2e/harness';

const OUT = path.join(ROOT, 'assets/screenshots');
const ARTICLES = ['deepseek-r1.html', 'deepseek-costs.html', 'frontier-race.html'];

async function cardOf(page: Page, text: string) {
  const p = await page.evaluate((wanted) => {
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
      if (!name.startsWith('backstory-') || name === 'backstory-flash' || name === 'backstory-current') continue;
      for (const r of hl) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() !== wanted) continue;
        (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
        const rect = range.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!p) throw new Error(`no mention ${text}`);
  await page.mouse.move(p.x - 60, p.y - 40);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  const card = page.locator('backstory-ui .frame.is-open .card[data-status="ready"]');
  await card.locator('.dossier-links').waitFor({ timeout: 10_000 });
  return card;
}

const server = await serve([SAMPLES_DIR]);
for (const scheme of ['light', 'dark'] as const) {
  const browser = await launchWithExtension({ colorScheme: scheme });
  try {
    for (const file of ARTICLES) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/${file}`);
      await waitForHighlights(page, 3);
      await page.waitForTimeout(1500); // the report and its claims reach the background
      await page.close();
    }
    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#saved`);
    await manager.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'setOutcome',
        payload: {
          predictionId: 'tracked:zuckerberg-1-3m-gpus-end-2025',
          outcome: 'partly',
          note: 'Meta reported its build-out but no audited GPU count',
          source: 'https://investor.example/2025-annual-report',
          statement: 'Meta ends 2025 with more than 1.3 million GPUs',
          speaker: 'mark-zuckerberg',
        },
      }),
    );
    for (const width of [1280, 800]) {
      await manager.setViewportSize({ width, height: 900 });
      await manager.goto(`chrome-extension://${browser.extensionId}/options.html?w=${width}#dossier/deepseek`);
      await manager.locator('.timeline-item').first().waitFor();
      await manager.locator('.disagreement').first().waitFor();
      await manager.screenshot({ path: path.join(OUT, `dossier-${width}-${scheme}.png`) });
      // further down: the timeline with its filters
      await manager.evaluate(() => {
        document.getElementById('tl-h')!.scrollIntoView({ block: 'start', behavior: 'instant' });
        scrollBy(0, -70); // below the sticky bar
      });
      await manager.screenshot({ path: path.join(OUT, `dossier-timeline-${width}-${scheme}.png`) });
      await manager.goto(`chrome-extension://${browser.extensionId}/options.html?w=${width}#predictions/mark-zuckerberg`);
      await manager.locator('.prediction').first().waitFor();
      await manager.screenshot({ path: path.join(OUT, `predictions-${width}-${scheme}.png`) });
    }
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 3);
    const card = await cardOf(page, 'Mark “Zuck” Zuckerberg'); // the founding sample's nickname form
    await page.waitForTimeout(300);
    await card.screenshot({ path: path.join(OUT, `card-track-record-${scheme}.png`) });
  } finally {
    await browser.close();
  }
}
await server.close();
console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`);
