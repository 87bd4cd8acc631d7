// Dossiers and the track record in real Chromium: read the three sample articles, open DeepSeek's
// dossier (claims from all three in date order, the training-cost disagreement), reach it from the
// card's link, see Zuckerberg's tracked 2025 predictions and a person card's track-record line, and
// carry a reader's verdict through export → import.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

type Chrome = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } };
const ARTICLES = ['deepseek-r1.html', 'deepseek-costs.html', 'frontier-race.html'];

/** Scrolls the first painted mention with this text (or matching this pattern) into view and returns a point on it. */
async function mentionPoint(page: Page, text: string | RegExp): Promise<{ x: number; y: number }> {
  const pattern = typeof text === 'string' ? `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : text.source;
  const point = await page.evaluate((source) => {
    const wanted = new RegExp(source);
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
      if (!name.startsWith('backstory-') || name === 'backstory-flash' || name === 'backstory-current') continue;
      for (const r of hl) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (!wanted.test(range.toString())) continue;
        (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
        const rect = range.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, pattern);
  if (!point) throw new Error(`no painted mention "${text}"`);
  return point;
}

async function openCard(page: Page, text: string | RegExp) {
  const p = await mentionPoint(page, text);
  await page.mouse.move(p.x - 80, p.y - 60);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  const card = page.locator('backstory-ui .frame.is-open .card[data-status="ready"]');
  await card.waitFor({ timeout: 10_000 });
  return card;
}

describe('dossiers and predictions in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let manager: Page;
  const ask = (type: string, payload: unknown) =>
    manager.evaluate(async ([t, p]) => {
      const r = await (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: t, payload: p });
      if (!r.ok) throw new Error(r.error);
      return r.data;
    }, [type, payload] as const);

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension();
    manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#saved`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens DeepSeek's dossier with claims from all three articles, newest first, and the training-cost disagreement", async () => {
    // read the three sample articles, one after the other (later tests build on this reading)
    for (const [i, file] of ARTICLES.entries()) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/${file}`);
      await waitForHighlights(page, 3);
      await expect
        .poll(async () => ((await ask('listDossierEntities', {})) as { id: string; pages: number }[]).find((r) => r.id === 'deepseek')?.pages ?? 0, { timeout: 15_000 })
        .toBe(i + 1);
      await page.close();
    }
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#dossier/deepseek`);
    await manager.getByRole('heading', { level: 1, name: 'DeepSeek' }).waitFor();
    const items = manager.locator('.timeline-item');
    await expect.poll(() => items.count()).toBeGreaterThan(5);
    const links = await items.locator('a.page-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const order = [...new Set(links.map((l) => new URL(l).pathname.slice(1)))];
    // said on 30 Apr, 2 Feb and 26 Jan 2025
    expect(order).toEqual(['frontier-race.html', 'deepseek-costs.html', 'deepseek-r1.html']);
    expect(links.every((l) => l.includes('#:~:text='))).toBe(true);
    const dates = await items.locator('time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);

    const cost = manager.locator('.disagreement', { hasText: 'Training cost' });
    await cost.waitFor();
    const values = await cost.locator('.figure-value').allTextContents();
    expect(values).toEqual(expect.arrayContaining(['~$5.6M', expect.stringMatching(/^~?\$1\.6B$/)]));
    const sources = await cost.locator('.figure-source a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(sources).toEqual(expect.arrayContaining(['/deepseek-r1.html', '/deepseek-costs.html']));

    // search inside the dossier
    await manager.getByRole('searchbox', { name: 'Search this dossier' }).fill('SemiAnalysis');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    expect((await items.allTextContents()).every((t) => /semianalysis/i.test(t))).toBe(true);
  });

  it("reaches the dossier from the card's “Everything you've read” link", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-costs.html`);
    await waitForHighlights(page, 3);
    const card = await openCard(page, 'DeepSeek');
    const link = card.getByRole('button', { name: /Everything you’ve read about DeepSeek/ });
    await link.waitFor();
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await opened.waitForURL(/options\.html#dossier\/deepseek$/);
    await opened.getByRole('heading', { level: 1, name: 'DeepSeek' }).waitFor();
    await opened.close();
    await page.close();
  });

  it("shows Zuckerberg's tracked 2025 predictions with their outcomes, and a track-record line on his card", async () => {
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#predictions`);
    const group = manager.locator('section.speaker-group', { has: manager.getByRole('heading', { name: 'Mark Zuckerberg' }) });
    await group.waitFor();
    const row = (id: string) => group.locator(`[data-id="tracked:${id}"]`);
    expect(await row('zuckerberg-llama-4-leading-model-2025').locator('.status').textContent()).toBe('Missed');
    expect(await row('zuckerberg-meta-ai-1-billion-people-2025').locator('.status').textContent()).toBe('Came true');
    expect(await row('zuckerberg-meta-ai-1-billion-people-2025').locator('.target').textContent()).toBe('2025');

    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 3);
    // the founding article introduces him as Mark “Zuck” Zuckerberg, then says Zuckerberg or Zuck
    const card = await openCard(page, /Zuckerberg$/);
    const line = card.locator('.dossier-links .track-record');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^Tracked predictions: 1 came true, .*1 missed, \d+ open$/);
    await page.close();
  });

  it("keeps a reader's verdict through export and import", async () => {
    const id = 'tracked:zuckerberg-1-3m-gpus-end-2025';
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#predictions`);
    const row = manager.locator(`[data-id="${id}"]`);
    await row.getByRole('button', { name: 'Mark outcome' }).click();
    await row.getByRole('combobox').selectOption('came-true');
    await row.locator('textarea').fill('Confirmed in the annual report');
    await row.locator('input[type="url"]').fill('https://investor.example/annual-report');
    await row.getByRole('button', { name: 'Save verdict' }).click();
    await expect.poll(() => row.locator('.status').textContent()).toBe('Came true');

    // export Meta's dossier as JSON (a real download)
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#dossier/meta`);
    await manager.getByRole('heading', { level: 1, name: 'Meta' }).waitFor();
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^backstory-dossier-meta-\d{4}-\d{2}-\d{2}\.json$/);
    const file = (await download.path())!;
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json.type).toBe('AnnotationCollection');

    // forget it, then import the file from the Predictions view
    await ask('clearOutcome', { predictionId: id });
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#predictions`);
    await expect.poll(() => manager.locator(`[data-id="${id}"] .status`).textContent()).toBe('Overdue');
    await manager.locator('input[type="file"]').setInputFiles(file);
    await manager.getByRole('status').filter({ hasText: 'Outcomes imported: 1 added' }).waitFor();
    const back = manager.locator(`[data-id="${id}"]`);
    await expect.poll(() => back.locator('.status').textContent()).toBe('Came true');
    expect(await back.locator('.prediction-outcome').textContent()).toContain('Confirmed in the annual report');
  });
});
