// The popup in real Chromium, against the sample article: the page's entities, jumping to a mention
// (with the flash and cycling), the on/off switches, and the first-render mark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightCounts, launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

const TYPE_HIGHLIGHTS = ['backstory-model', 'backstory-org', 'backstory-person'];

async function typeHighlightTotal(page: Page): Promise<number> {
  const counts = await highlightCounts(page);
  return TYPE_HIGHLIGHTS.reduce((n, name) => n + (counts[name] ?? 0), 0);
}

/** The text under the flash highlight, or null when nothing is flashed. */
function flashedText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-flash');
    const first = hl && [...hl][0];
    if (!first) return null;
    const range = document.createRange();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(first.endContainer, first.endOffset);
    return range.toString();
  });
}

describe('popup', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 10);
    const tabId = await browser.tabIdOf(page);
    popup = await browser.popup(tabId);
    await popup.locator('.entity-row').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the page's entities by type, with counts that add up to the highlights", async () => {
    const groups = await popup.locator('.entity-groups section h2').allTextContents();
    expect(groups.some((g) => g.startsWith('Models'))).toBe(true);
    expect(groups.some((g) => g.startsWith('Labs & companies'))).toBe(true);
    expect(groups.some((g) => g.startsWith('People'))).toBe(true);
    const counts = (await popup.locator('.entity-row .count').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(await typeHighlightTotal(page));
    // an accessible list: one button per entity, named with its count
    const label = await popup.locator('.entity-row').first().getAttribute('aria-label');
    expect(label).toMatch(/^.+, \d+ mentions?\. Show on page$/);
    // the first render was marked (scripts/bench/popup.ts measures it)
    const marks = await popup.evaluate(() => performance.getEntriesByName('backstory:popup-first-render').length);
    expect(marks).toBe(1);
  });

  it('jumps to an entity: scrolls, flashes the mention and cycles on further clicks', async () => {
    // the most-mentioned person, so there is more than one mention to cycle through
    const row = popup.locator('section[aria-labelledby="group-person"] .entity-row').first();
    const name = (await row.locator('.entity-name').textContent())!;
    const total = Number(await row.locator('.count').textContent());
    await page.evaluate(() => window.scrollTo(0, 0));

    await row.click();
    await popup.locator('.entity-row.is-current .where').waitFor();
    expect(await popup.locator('.entity-row.is-current .where').textContent()).toBe(`1 of ${total}`);
    await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 3000 });
    const first = await flashedText(page);
    expect(first).not.toBeNull();
    // the flashed text is a mention of that person (the full name or a short form of it)
    expect(name.split(/\s+/).some((part) => first!.includes(part))).toBe(true);

    if (total > 1) {
      const firstY = await page.evaluate(() => {
        const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-flash')!;
        const r = [...hl][0];
        return { node: r.startContainer.textContent, offset: r.startOffset };
      });
      await row.click();
      await popup.locator('.entity-row.is-current .where', { hasText: `2 of ${total}` }).waitFor();
      const second = await page.evaluate(() => {
        const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-flash')!;
        const r = [...hl][0];
        return { node: r.startContainer.textContent, offset: r.startOffset };
      });
      expect(second).not.toEqual(firstY);
    }
    // the flash fades by itself
    await page.waitForFunction(() => !(CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('backstory-flash'), null, {
      timeout: 4000,
    });
  });

  it('turns Backstory off on this site and back on', async () => {
    const before = await typeHighlightTotal(page);
    const site = popup.getByRole('switch', { name: 'On 127.0.0.1' });
    expect(await site.isChecked()).toBe(true);
    await site.click({ force: true });
    await popup.getByText('Backstory is off on 127.0.0.1.', { exact: false }).waitFor();
    await page.waitForFunction(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights;
      return ['backstory-model', 'backstory-org', 'backstory-person'].every((n) => !h.get(n)?.size);
    });
    // stays off after a reload, and the popup still offers the switch back
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await typeHighlightTotal(page)).toBe(0);
    const tabId = await browser.tabIdOf(page);
    const again = await browser.popup(tabId);
    const switchBack = again.getByRole('switch', { name: 'On 127.0.0.1' });
    await switchBack.waitFor();
    expect(await switchBack.isChecked()).toBe(false);
    await switchBack.click({ force: true });
    await waitForHighlights(page, before);
    await again.locator('.entity-row').first().waitFor();
    await again.close();
  });

  it('pauses everywhere', async () => {
    const tabId = await browser.tabIdOf(page);
    const p = await browser.popup(tabId);
    const pause = p.getByRole('switch', { name: 'Pause everywhere' });
    await pause.waitFor();
    await pause.click({ force: true });
    await p.getByText('Backstory is paused everywhere.', { exact: false }).waitFor();
    await page.waitForFunction(
      () => !(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-model')?.size,
    );
    await pause.click({ force: true });
    await waitForHighlights(page, 10);
    await p.close();
  });
});
