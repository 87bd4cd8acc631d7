// The test bodies Chromium and Firefox share (driver.ts): highlights, errors, hover card, popup, manager,
// saved annotations, discovered names, and site access withdrawn and given back. Each browser's file
// (cross-browser.test.ts, firefox.test.ts) registers them with its own launcher.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLES_DIR, serve, type Served } from './harness';
import { formatTable, servePages, type PageServer } from './probes';
import type { TestBrowser, TestPage } from './driver';
import type { TabState } from '../../lib/messaging/protocol';

const DISCOVER_PAGES = path.join(ROOT, 'test/fixtures/discover-labelled/pages');
export const REAL_PAGES_DIR = process.env.BACKSTORY_REAL_PAGES ?? path.resolve(ROOT, '../shared/fixtures/real-pages');
const TYPES = ['backstory-model', 'backstory-org', 'backstory-person'];

type Api = typeof import('wxt/browser').browser;
type Highlights = { highlights: Map<string, Set<AbstractRange>> };

export function highlightTexts(page: TestPage): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, hl] of (CSS as unknown as Highlights).highlights) {
      out[name] = [...hl].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    }
    return out;
  });
}

export async function waitForTypeHighlights(page: TestPage, minimum: number, timeout = 20_000): Promise<void> {
  await page.waitFor(
    ([names, min]) => {
      let total = 0;
      for (const n of names) total += (CSS as unknown as Highlights).highlights.get(n)?.size ?? 0;
      return total >= min;
    },
    [TYPES, minimum] as const,
    timeout,
  );
}

/** A point on the first painted mention with this text (scrolled into view). */
export async function mentionPoint(page: TestPage, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((wanted) => {
    for (const [name, hl] of (CSS as unknown as Highlights).highlights) {
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
  if (!point) throw new Error(`no painted mention "${text}"`);
  return point;
}

export const openCardName = (page: TestPage) =>
  page.evaluate(() => document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card .name')?.textContent ?? null);

/** Polls the background until the tab reported `url` with its timing. */
async function waitForReport(browser: TestBrowser, tabId: number, url: string, timeout = 20_000): Promise<TabState | null> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const state = await browser.ask<TabState | null>('getTabState', { tabId });
    if (state && state.url === url && state.timing) return state;
    await new Promise((r) => setTimeout(r, 150));
  }
  return null;
}

export interface SuiteOptions {
  /** how many saved real pages to visit for errors (0: another suite covers them) */
  realPages: number;
}

export function crossBrowserSuite(launch: () => Promise<TestBrowser>, options: SuiteOptions) {
  let browser: TestBrowser;
  let server: Served;
  let tabId = -1;
  let article: TestPage;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR, DISCOVER_PAGES]);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights models, labs and people on a sample article, with no extension error on any sample', async () => {
    const samples = fs
      .readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.html'))
      .sort();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const errors: string[] = [];
    for (const file of samples) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/${file}`);
      const id = await browser.tabIdOf(page);
      const state = await waitForReport(browser, id, `${server.origin}/${file}`);
      expect(state, `${file}: no report from the content script`).not.toBeNull();
      await new Promise((r) => setTimeout(r, 300)); // late errors count too
      errors.push(...page.errors.map((e) => `${file}: ${e}`), ...page.otherErrors.map((e) => `${file} (unattributed): ${e}`));
      if (file === 'deepseek-r1.html') {
        article = page;
        tabId = id;
      } else await page.close();
    }
    expect(errors).toEqual([]);
    await waitForTypeHighlights(article, 10);
    const names = await highlightTexts(article);
    expect(names['backstory-model']).toEqual(expect.arrayContaining(['DeepSeek R1', 'o1']));
    expect(names['backstory-org']).toEqual(expect.arrayContaining(['DeepSeek', 'OpenAI']));
    expect(names['backstory-person']).toEqual(expect.arrayContaining(['Liang Wenfeng']));
  });

  it('opens the hover card on a highlighted name and closes it with Esc', async () => {
    await article.bringToFront();
    const p = await mentionPoint(article, 'Liang Wenfeng');
    // arrive from elsewhere, the way a reader's pointer does
    await article.mouseMove(p.x - 80, p.y - 60);
    await article.mouseMove(p.x, p.y, 4);
    await article.waitFor(
      () => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card'),
      undefined,
      5000,
    );
    expect(await openCardName(article)).toBe('Liang Wenfeng');
    await article.press('Escape');
    await article.waitFor(() => !document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open'), undefined, 5000);
    expect(article.errors).toEqual([]);
  });

  it("lists the tab's entities in the popup (popup.html?tab=<id>)", async () => {
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor(() => document.querySelectorAll('[data-entity]').length >= 5);
    const ids = await popup.evaluate(() => [...document.querySelectorAll('[data-entity]')].map((el) => el.getAttribute('data-entity')));
    expect(ids).toEqual(expect.arrayContaining(['deepseek-r1', 'deepseek', 'openai', 'o1']));
    expect(popup.errors).toEqual([]);
    await popup.close();
  });

  it('saves a selection, and re-anchors it after a reload; the manager lists it', async () => {
    const passage = await article.evaluate(() => {
      // a sentence of the article: select it as a reader would
      const p = [...document.querySelectorAll('article p, main p, p')].find((el) => (el.textContent ?? '').length > 80)!;
      const text = p.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(60, text.data.length));
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    });
    expect(passage.length).toBeGreaterThan(20);
    // what the context menu and Alt+Shift+S do: the background asks the tab to save its selection
    const reply = await browser.inExtension(
      ([id]) => {
        const api =
          (globalThis as unknown as { browser?: { tabs: { sendMessage(i: number, m: unknown): Promise<unknown> } } }).browser ??
          (globalThis as unknown as { chrome: { tabs: { sendMessage(i: number, m: unknown): Promise<unknown> } } }).chrome;
        return api.tabs.sendMessage(id, { type: 'saveSelection', payload: {} });
      },
      [tabId] as const,
    );
    expect(reply).toMatchObject({ ok: true, data: { saved: true } });
    await article.reload();
    await article.waitFor(() => ((CSS as unknown as Highlights).highlights.get('backstory-saved')?.size ?? 0) > 0);
    expect((await highlightTexts(article))['backstory-saved']).toEqual([passage]);

    const manager = await browser.openExtensionPage('options.html#saved');
    await manager.waitFor(() => document.querySelectorAll('li.annotation blockquote').length > 0);
    expect(await manager.evaluate(() => document.querySelector('li.annotation blockquote')?.textContent)).toBe(passage);
    expect(manager.errors).toEqual([]);
    await manager.close();
  });

  it('highlights names the pack does not know (page discovery)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/live-article.html`);
    await waitForTypeHighlights(page, 3);
    // the names come with the background's answer to the scan's report
    await page.waitFor(() => ((CSS as unknown as Highlights).highlights.get('backstory-discovered')?.size ?? 0) > 0);
    expect((await highlightTexts(page))['backstory-discovered']).toEqual(expect.arrayContaining(['Calloway Systems', 'Élodie Marchand']));
    expect(page.errors).toEqual([]);
    await page.close();
  });

  // Chromium passes 0: real-pages.test.ts covers all 130 pages there with stricter instruments
  if (options.realPages)
    it.skipIf(!fs.existsSync(REAL_PAGES_DIR))(
      `no extension error on ${options.realPages} saved real pages`,
      async () => {
        const pages: PageServer = await servePages(REAL_PAGES_DIR);
        try {
          const all = fs
            .readdirSync(REAL_PAGES_DIR)
            .filter((f) => f.endsWith('.html'))
            .sort();
          // a spread across the folder (its names sort by site)
          const step = all.length / options.realPages;
          const files = Array.from({ length: options.realPages }, (_, i) => all[Math.floor(i * step)]);
          const rows: Record<string, string | number>[] = [];
          for (const file of files) {
            const page = await browser.newPage();
            const url = `${pages.origin}/${file}`;
            const started = Date.now();
            await page.goto(url);
            const id = await browser.tabIdOf(page);
            const state = await waitForReport(browser, id, url, 30_000);
            await new Promise((r) => setTimeout(r, 250));
            rows.push({
              page: file.replace(/\.html$/, ''),
              reported: state ? 'yes' : 'NO',
              gated: state?.gated ? 'gated' : 'open',
              mentions: state?.mentions.length ?? 0,
              errors: page.errors.length,
              unattributed: page.otherErrors.length,
              ms: Date.now() - started,
              first: (page.errors[0] ?? page.otherErrors[0] ?? '').slice(0, 90),
            });
            await page.close();
          }
          console.log(`\n${browser.name}: ${files.length} real pages\n${formatTable(rows)}\n`);
          expect(rows.filter((r) => r.reported !== 'yes').map((r) => r.page)).toEqual([]);
          expect(rows.filter((r) => r.errors || r.unattributed).map((r) => `${r.page}: ${r.first}`)).toEqual([]);
        } finally {
          await pages.close();
        }
      },
      400_000,
    );

  // Last: it withdraws the content script's site access for the rest of the browser's life.
  it('with site access withdrawn the popup says so, and granting it annotates the open tab without a reload', async () => {
    await browser.withdrawAllSites();
    expect(
      await browser.inExtension(() =>
        ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).permissions.contains({
          origins: ['http://*/*'],
        }),
      ),
    ).toBe(false);

    const page = await browser.newPage();
    await page.goto(`${server.origin}/deepseek-costs.html`);
    const id = await browser.tabIdOf(page);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await browser.ask('getTabState', { tabId: id })).toBeNull();
    expect(Object.values(await highlightTexts(page)).flat()).toEqual([]);

    const popup = await browser.openExtensionPage(`popup.html?tab=${id}`);
    await popup.waitFor(() => !!document.querySelector('[data-access]'));
    expect(await popup.evaluate(() => document.querySelector('[data-access]')!.getAttribute('data-access'))).toBe('none');
    expect(await popup.evaluate(() => document.querySelector('.site-access')!.textContent)).toMatch(/no access to this site/);
    expect(await popup.evaluate(() => !!document.querySelector('[data-grant="all"]'))).toBe(true);

    await browser.grantAllSites(popup);
    expect(
      await browser.inExtension(() =>
        ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).permissions.contains({
          origins: ['http://*/*', 'https://*/*'],
        }),
      ),
    ).toBe(true);
    // the background's permissions.onAdded starts the content script in the open tab: no reload
    await waitForTypeHighlights(page, 5);
    expect(await waitForReport(browser, id, `${server.origin}/deepseek-costs.html`)).not.toBeNull();
    expect(page.errors).toEqual([]);
    await popup.close();
    await page.close();
  });
}

export function describeCrossBrowser(title: string, launch: () => Promise<TestBrowser>, options: SuiteOptions) {
  describe(title, () => crossBrowserSuite(launch, options));
}
