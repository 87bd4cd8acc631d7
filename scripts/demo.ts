// npm run demo [-- --headless] [--no-build]
// Builds the extension, serves the sample articles on 127.0.0.1 and opens Chromium with Backstory loaded.
// Without a display (or with --headless) it writes screenshots to demo-output/ and prints a summary.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, ROOT, SAMPLES_DIR, EXTENSION_DIR } from '../test/e2e/harness';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const OUT = path.join(ROOT, 'demo-output');

if (!args.has('--no-build')) {
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const samples = fs
  .readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort();
if (!samples.length) {
  console.error(`No sample articles in ${SAMPLES_DIR}.`);
  process.exit(1);
}

const server = await serve([SAMPLES_DIR]);

/** Centre of the first painted mention of the given entity type, read from the page's highlight registry. */
async function firstMentionPoint(page: Page, type = 'person'): Promise<{ x: number; y: number } | null> {
  return page.evaluate((name) => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    const hl = registry.get(`backstory-${name}`) ?? [...registry.values()][0];
    if (!hl) return null;
    const first = [...hl][0];
    const range = document.createRange();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(first.endContainer, first.endOffset);
    (range.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0];
    return rect ? { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 } : null;
  }, type);
}

async function totalHighlights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights) out[name] = hl.size;
    return out;
  });
}

async function settle(page: Page): Promise<Record<string, number>> {
  // Annotation finishes within a few frames; wait until the highlight counts stop changing.
  let last = '';
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify(await totalHighlights(page));
    if (now === last && i > 3) break;
    last = now;
  }
  return totalHighlights(page);
}

const browser = await launchWithExtension({ headless, extensionDir: EXTENSION_DIR });
fs.mkdirSync(OUT, { recursive: true });
const summary: { article: string; models: number; orgs: number; people: number; card: boolean }[] = [];

for (const file of samples) {
  const name = file.replace(/\.html$/, '');
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/${file}`);
  const counts = await settle(page);
  if (headless) await page.screenshot({ path: path.join(OUT, `${name}.png`) });

  let card = false;
  const point = await firstMentionPoint(page);
  if (point && headless) {
    await page.mouse.move(point.x, point.y);
    await page.waitForTimeout(900);
    card = await page.evaluate(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card'));
    await page.screenshot({ path: path.join(OUT, `${name}-card.png`) });
    await page.mouse.move(5, 5);
  }

  if (headless) {
    const tabId = await browser.tabIdOf(page);
    const popup = await browser.popup(tabId);
    // Chrome caps popups at 800x600: show what a reader sees when it opens (the popup body is 380 px wide)
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.waitForTimeout(600);
    await popup.screenshot({ path: path.join(OUT, `${name}-popup.png`) });
    await popup.close();
    await page.close();
  }
  summary.push({
    article: file,
    models: counts['backstory-model'] ?? 0,
    orgs: counts['backstory-org'] ?? 0,
    people: counts['backstory-person'] ?? 0,
    card,
  });
}

console.log('\nWhat Backstory highlighted on each sample article:');
console.table(summary);

if (headless) {
  // The same hover card in dark mode (the card follows the reader's colour scheme and dark pages).
  const dark = await launchWithExtension({ headless, extensionDir: EXTENSION_DIR, colorScheme: 'dark' });
  const page = await dark.context.newPage();
  const article = summary.find((row) => row.card)?.article ?? samples[0];
  const name = article.replace(/\.html$/, '');
  await page.goto(`${server.origin}/${article}`);
  await settle(page);
  const point = await firstMentionPoint(page);
  if (point) {
    await page.mouse.move(point.x, point.y);
    await page.waitForTimeout(900);
    await page.screenshot({ path: path.join(OUT, `${name}-card-dark.png`) });
  }
  await dark.close();

  const manager = await browser.context.newPage();
  await manager.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await manager.waitForTimeout(800);
  await manager.screenshot({ path: path.join(OUT, 'manager.png'), fullPage: true });
  console.log(`Screenshots written to ${path.relative(process.cwd(), OUT) || OUT}/`);
  await browser.close();
  await server.close();
} else {
  console.log(`Chromium is open with Backstory loaded. Sample articles: ${server.origin}/  (Ctrl+C to quit)`);
  const index = await browser.context.newPage();
  await index.goto(`${server.origin}/${samples[0]}`);
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    browser.context.on('close', () => resolve());
  });
  await browser.close().catch(() => undefined);
  await server.close();
}
