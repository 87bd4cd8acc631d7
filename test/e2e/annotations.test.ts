// Saved annotations end to end in Chromium: select → save with a note → reload (re-anchored and
// highlighted) → found in the manager → edited → exported → cleared → imported back identical;
// an edited copy of the page re-anchors it; a copy without the passage lists it as an orphan.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, ROOT, type ExtensionBrowser, type Served } from './harness';
import type { AnchorCase } from '../fixtures/anchoring/generate';

const FIXTURES = path.join(ROOT, 'test/fixtures/anchoring');
const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'anchors.json'), 'utf8')) as AnchorCase[];
// A sentence whose edited copy has a sentence inserted just before it, rewritten words and a typo inside.
const CASE = cases.find((c) => c.id === 'deepseek-r1#25')!;
const PASSAGE = (CASE.selectors[0] as { exact: string }).exact;

type Chrome = {
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: any; error?: string }> };
  tabs: { sendMessage(id: number, m: unknown): Promise<any> };
};

/** Selects `text` in the page as a reader would (a DOM Selection over the text nodes it spans). */
async function selectText(page: Page, text: string) {
  const found = await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const start = all.indexOf(wanted);
    if (start < 0) return false;
    const end = start + wanted.length;
    const range = document.createRange();
    let offset = 0;
    for (const node of nodes) {
      const next = offset + node.data.length;
      if (start >= offset && start < next) range.setStart(node, start - offset);
      if (end > offset && end <= next) range.setEnd(node, end - offset);
      offset = next;
    }
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString() === wanted;
  }, text);
  expect(found).toBe(true);
}

/** The text under the `backstory-saved` highlight, once there is one. */
async function savedHighlightTexts(page: Page, count = 1): Promise<string[]> {
  await page.waitForFunction((n) => ((CSS as any).highlights.get('backstory-saved')?.size ?? 0) >= n, count, { timeout: 15_000 });
  return page.evaluate(() =>
    [...(CSS as any).highlights.get('backstory-saved')].map((r: AbstractRange) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    }),
  );
}

describe('saved annotations in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let manager: Page;

  const ask = (type: string, payload: unknown) =>
    manager.evaluate(
      async ([t, p]) => {
        const r = await (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: t, payload: p });
        if (!r.ok) throw new Error(r.error);
        return r.data;
      },
      [type, payload] as const,
    );

  beforeAll(async () => {
    server = await serve([path.join(ROOT, 'assets/samples'), FIXTURES]);
    browser = await launchWithExtension();
    manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#saved`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('saves a selection with a note, re-anchors it after a reload, and round-trips it through the manager', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 5);
    await selectText(page, PASSAGE);

    // what the context menu and Alt+Shift+S do: the service worker asks the tab to save its selection
    const tabId = await browser.tabIdOf(page);
    const reply = await browser.serviceWorker.evaluate(
      ([id]) => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.sendMessage(id, { type: 'saveSelection', payload: {} }),
      [tabId] as const,
    );
    expect(reply).toMatchObject({ ok: true, data: { saved: true } });

    // the note editor opens in Backstory's shadow host, next to the passage
    const editor = page.locator('backstory-ui .saved-editor');
    await editor.waitFor();
    await editor.locator('textarea').fill('Meta bets the other way');
    await editor.locator('input').fill('meta, capex');
    await editor.getByRole('button', { name: 'Done' }).click();
    await editor.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(1);

    await page.reload();
    expect(await savedHighlightTexts(page)).toEqual([PASSAGE]);

    // the manager finds it by searching the note, and edits it
    await manager.reload();
    await manager.getByRole('searchbox').fill('other way');
    const item = manager.locator('li.annotation');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('blockquote').textContent()).toBe(PASSAGE);
    expect(await item.locator('.meta').textContent()).toContain('#capex');
    await item.getByRole('button', { name: 'Edit' }).click();
    await item.getByRole('textbox', { name: 'Note' }).fill('Meta bets the other way: capex up');
    await item.getByRole('button', { name: 'Save' }).click();
    await item.getByText('Meta bets the other way: capex up').waitFor();
    const [before] = (await ask('listAnnotations', {})).items;
    expect(before.annotation.modified > before.annotation.created).toBe(true);
    expect(before.status).toBe('anchored');

    // export JSON (a real download)
    await manager.getByRole('link', { name: 'Import & export' }).click();
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: /^JSON/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^backstory-annotations-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(exported.first.items).toEqual([before.annotation]);

    // clear everything, then import the file back
    await manager.getByRole('button', { name: 'Clear all data…' }).click();
    await manager.getByRole('button', { name: 'Delete everything' }).click();
    await manager.getByText('All data cleared.').waitFor();
    expect((await ask('listAnnotations', {})).total).toBe(0);
    await manager.setInputFiles('input[aria-label="Choose an annotations file to import"]', file!);
    const report = manager.getByRole('status', { name: 'Import report' });
    await report.waitFor();
    expect(await report.textContent()).toMatch(/1 in the file.*1 added.*0 rejected/);
    const [after] = (await ask('listAnnotations', {})).items;
    expect(after.annotation).toEqual(before.annotation);
    await page.close();
  });

  it('re-anchors it on an edited copy of the page (sentence inserted before, words rewritten, a typo inside)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.edited.html`);
    const [text] = await savedHighlightTexts(page);
    expect(text).toBe(CASE.expected.text);
    expect(text).not.toBe(PASSAGE);
    await page.close();
  });

  it('lists it as an orphan, in the popup and the manager, on a copy without the passage', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.removed.html`);
    await waitForHighlights(page, 3);
    const tabId = await browser.tabIdOf(page);
    await expect.poll(async () => (await ask('pageAnnotations', { tabId }))?.orphans.length ?? 0, { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => (CSS as any).highlights.get('backstory-saved')?.size ?? 0)).toBe(0);

    const popup = await browser.popup(tabId);
    await popup.getByText('1 saved annotation could not be found on this page.').waitFor();
    await popup.close();

    await manager.getByRole('link', { name: /^Saved/ }).click();
    await manager.getByRole('button', { name: /Not found on page/ }).click();
    const item = manager.locator('li.annotation');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.tag.orphan').textContent()).toBe('Not found on page');
    await page.close();
  });

  it('saves a mention from its hover card with the entity, and a click on the passage opens the note editor', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-costs.html`);
    await waitForHighlights(page, 5);
    const tabId = await browser.tabIdOf(page);
    // the keyboard path opens the first mention's card (what Alt+Shift+N does)
    await browser.serviceWorker.evaluate(
      ([id]) =>
        (globalThis as unknown as { chrome: Chrome }).chrome.tabs.sendMessage(id, { type: 'focusMention', payload: { direction: 'next' } }),
      [tabId] as const,
    );
    const save = page.locator('backstory-ui').getByRole('button', { name: 'Save', exact: true });
    await save.click();
    await page.locator('backstory-ui').getByRole('button', { name: 'Saved' }).waitFor();
    const [text] = await savedHighlightTexts(page);

    const { items } = await ask('listAnnotations', { text });
    const mine = items.find((i: { annotation: { target: { source: string } } }) =>
      i.annotation.target.source.includes('deepseek-true-cost'),
    );
    expect(mine.annotation.target.selector[0].exact).toBe(text);
    expect(mine.annotation.body).toEqual([
      expect.objectContaining({ purpose: 'identifying', id: expect.stringMatching(/^urn:backstory:entity:/) }),
    ]);

    // click the yellow passage: its editor opens
    await page.keyboard.press('Escape');
    const box = await page.evaluate(() => {
      const r = [...(CSS as any).highlights.get('backstory-saved')][0] as AbstractRange;
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    const editor = page.locator('backstory-ui .saved-editor');
    await editor.waitFor();
    expect(await editor.locator('.quote').textContent()).toBe(text);
    await page.close();
  });
});
