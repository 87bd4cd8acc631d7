// The hover card in real Chromium: hit-testing custom highlights, timing, hoverability, dismissal,
// the keyboard path, isolation from page CSS, and the card's actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';
import { servePages } from './probes';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import type { Entity } from '../../lib/kb/schema';

const pack = loadPackFromDir();
/** The pack entity an alias names, found independently of the extension's code. */
function entityByAlias(text: string): Entity {
  const squash = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const found = pack.entities.find((e) => e.aliases.some((a) => squash(a.text) === squash(text)));
  if (!found) throw new Error(`no pack entity has the alias ${text}`);
  return found;
}

interface Point {
  x: number;
  y: number;
  text: string;
}

/** Scrolls the first painted mention with this text into view and returns a point on it. */
async function mentionPoint(page: Page, text: string, nth = 0): Promise<Point> {
  const point = await page.evaluate(
    ([wanted, n]) => {
      const ranges: AbstractRange[] = [];
      for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
        if (!name.startsWith('backstory-') || name === 'backstory-flash' || name === 'backstory-current') continue;
        ranges.push(...hl);
      }
      const live = ranges.map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range;
      });
      const matching = live.filter((r) => r.toString() === wanted).sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = matching[n as number];
      if (!range) return null;
      (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: range.toString() };
    },
    [text, nth] as const,
  );
  if (!point) throw new Error(`no painted mention "${text}"`);
  return point;
}

const cardOpen = (page: Page) =>
  page.evaluate(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card'));
const cardLocator = (page: Page) => page.locator('backstory-ui .frame.is-open .card');

async function hover(page: Page, point: Point) {
  // arrive from elsewhere, the way a reader's pointer does
  await page.mouse.move(point.x - 80, point.y - 60);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

async function leave(page: Page) {
  await page.mouse.move(8, 8, { steps: 2 });
}

describe('hover card', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let page: Page;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 10);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens after the hover delay with the entity, its dated facts and sources', async () => {
    // nothing is added to the page until a card is needed
    expect(await page.evaluate(() => document.querySelector('backstory-ui'))).toBeNull();
    const expected = entityByAlias('DeepSeek R1');
    const point = await mentionPoint(page, 'DeepSeek R1');
    const started = Date.now();
    await hover(page, point);
    await page.waitForTimeout(200);
    expect(await cardOpen(page)).toBe(false); // not before the delay
    await cardLocator(page).waitFor({ timeout: 3000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);

    const card = cardLocator(page);
    await page.locator('backstory-ui .frame.is-open .card[data-status="ready"]').waitFor();
    expect(await card.getAttribute('role')).toBe('dialog');
    expect((await card.locator('h2.name').textContent())?.trim()).toBe(expected.name);
    const facts = card.locator('.facts tbody tr');
    expect(await facts.count()).toBe(Math.min(3, expected.facts.length));
    if (expected.facts.length > 3) await card.locator('button.more-facts').click();
    expect(await facts.count()).toBe(Math.min(5, expected.facts.length));
    for (const li of await facts.all()) {
      expect(await li.locator('.asof').textContent()).toMatch(/^(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}$/);
      const link = li.locator('a.src');
      expect(expected.facts.map((f) => f.source)).toContain(await link.getAttribute('href'));
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
    }
    expect(await card.locator('.facts th').first().textContent()).toBe('As of');
    expect(await card.locator('.sources a').count()).toBeGreaterThan(0);

    // a related entity opens in the same card, with the way back
    const chip = card.locator('.related .chip').first();
    const relatedName = (await chip.evaluate((el) => el.childNodes[1]?.textContent ?? ''))!.trim();
    await chip.click();
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('backstory-ui')
          ?.shadowRoot?.querySelector('.frame.is-open .card[data-status="ready"] h2.name')
          ?.textContent?.trim() === n,
      relatedName,
      { timeout: 3000 },
    );
    expect(await card.getByRole('button', { name: 'Wrong match' }).count()).toBe(0);
    await card.locator('button.back').click();
    await page.waitForFunction(
      (n) => document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card h2.name')?.textContent?.trim() === n,
      expected.name,
      { timeout: 3000 },
    );

    // inside the viewport, at most 450 px wide, anchored near the mention
    const box = (await card.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(450);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(Math.min(Math.abs(box.y - point.y), Math.abs(box.y + box.height - point.y))).toBeLessThan(40);
    await leave(page);
  });

  it('stays open while the pointer is on the card, and closes once it leaves both', async () => {
    await page.keyboard.press('Escape');
    const point = await mentionPoint(page, 'DeepSeek R1');
    await hover(page, point);
    await cardLocator(page).waitFor({ timeout: 3000 });
    const box = (await cardLocator(page).boundingBox())!;
    // cross the gap into the card, and linger there
    await page.mouse.move(box.x + 40, box.y + 30, { steps: 5 });
    await page.waitForTimeout(1200);
    expect(await cardOpen(page)).toBe(true);
    await leave(page);
    await page.waitForTimeout(700);
    expect(await cardOpen(page)).toBe(false);
  });

  it('closes on Escape, on scroll and on a click elsewhere', async () => {
    const point = await mentionPoint(page, 'DeepSeek R1');
    await hover(page, point);
    await cardLocator(page).waitFor({ timeout: 3000 });
    await page.keyboard.press('Escape');
    expect(await cardOpen(page)).toBe(false);

    await leave(page);
    await hover(page, point);
    await cardLocator(page).waitFor({ timeout: 3000 });
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => !document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open'), null, {
      timeout: 2000,
    });

    const again = await mentionPoint(page, 'DeepSeek R1');
    await leave(page);
    await hover(page, again);
    await cardLocator(page).waitFor({ timeout: 3000 });
    await page.mouse.click(20, 600);
    expect(await cardOpen(page)).toBe(false);
  });

  it('closes when the page removes the mention under an open card', async () => {
    await page.keyboard.press('Escape');
    await leave(page);
    const point = await mentionPoint(page, 'DeepSeek R1', 1);
    await hover(page, point);
    await cardLocator(page).waitFor({ timeout: 3000 });
    // a live page replacing the paragraph (the content script rescans; the card must not float over nothing)
    await page.evaluate(
      ([x, y]) => {
        const el = document.elementFromPoint(x as number, y as number)!.closest('p')!;
        el.remove();
      },
      [point.x, point.y],
    );
    await page.waitForFunction(() => !document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open'), null, {
      timeout: 3000,
    });
    await page.reload();
    await waitForHighlights(page, 10);
  });

  it('opens from the keyboard command path, focuses the card, and Escape returns focus', async () => {
    await leave(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const tabId = await browser.tabIdOf(page);
    const send = (direction: 'next' | 'previous') =>
      browser.serviceWorker.evaluate(
        async ([id, dir]) => {
          const chromeApi = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          return chromeApi.tabs.sendMessage(id as number, { type: 'focusMention', payload: { direction: dir } });
        },
        [tabId, direction] as const,
      ) as Promise<{ ok: boolean; data: { found: boolean; index: number; total: number } }>;

    const first = await send('next');
    expect(first.ok).toBe(true);
    expect(first.data.found).toBe(true);
    await cardLocator(page).waitFor({ timeout: 3000 });
    const focusInCard = () =>
      page.evaluate(() => {
        const host = document.querySelector('backstory-ui');
        return document.activeElement === host && !!host?.shadowRoot?.activeElement?.closest('.card');
      });
    expect(await focusInCard()).toBe(true);
    // the mention is marked as the current one while its card is open
    expect(
      await page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-current')?.size),
    ).toBe(1);
    const firstName = await cardLocator(page).locator('h2.name').textContent();

    // the card is announced to screen readers
    await page.waitForFunction(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('[role="status"]')?.textContent);
    const announced = await page.evaluate(
      () => document.querySelector('backstory-ui')!.shadowRoot!.querySelector('[role="status"]')!.textContent,
    );
    expect(announced).toContain(firstName);

    // Tab reaches the card's actions
    await page.keyboard.press('Tab');
    expect(await focusInCard()).toBe(true);

    const second = await send('next');
    expect(second.data.index).toBe((first.data.index + 1) % first.data.total);
    const back = await send('previous');
    expect(back.data.index).toBe(first.data.index);
    await page.waitForTimeout(100);
    expect(await cardLocator(page).locator('h2.name').textContent()).toBe(firstName);

    await page.keyboard.press('Escape');
    expect(await cardOpen(page)).toBe(false);
    expect(await focusInCard()).toBe(false);
    // reading position returns to the mention
    const caretAt = await page.evaluate(() => window.getSelection()?.anchorNode?.textContent ?? '');
    expect(caretAt.length).toBeGreaterThan(0);
  });

  it('"Wrong match" stops highlighting that name on this site', async () => {
    const target = await mentionPoint(page, 'High-Flyer');
    const before = await page.evaluate((t) => {
      let n = 0;
      for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights)
        for (const r of hl) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === t) n++;
        }
      return n;
    }, target.text);
    expect(before).toBeGreaterThan(0);
    await leave(page);
    await hover(page, target);
    await cardLocator(page).waitFor({ timeout: 3000 });
    await cardLocator(page).getByRole('button', { name: 'Wrong match' }).click();
    await page.waitForFunction(
      (t) => {
        for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
          if (name === 'backstory-flash') continue;
          for (const r of hl) {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            if (range.toString() === t) return false;
          }
        }
        return true;
      },
      target.text,
      { timeout: 5000 },
    );
    // and it stays suppressed after a reload
    await page.reload();
    await waitForHighlights(page, 5);
    await page.waitForTimeout(300);
    await expect(mentionPoint(page, target.text)).rejects.toThrow(/no painted mention/);
  });
});

describe('hover card isolation', () => {
  it('keeps its own look under hostile page CSS and a strict style CSP, in dark mode', async () => {
    // Page CSS that breaks naive injected UI, served under a CSP that forbids inline styles.
    const css = `
      * { font-family: "Courier New", monospace !important; color: red !important; line-height: 3 !important; }
      div { display: inline !important; padding: 40px !important; }
      button { display: none !important; }
      backstory-ui { display: none !important; }
      body { background: #101214; }`;
    const html = `<!doctype html><html><head><link rel="stylesheet" href="/hostile.css"></head><body>
      <h1>DeepSeek R1 and OpenAI o1</h1>
      <p>DeepSeek, the Hangzhou AI lab backed by High-Flyer, released DeepSeek R1, an open reasoning model that rivals OpenAI o1 on maths benchmarks. OpenAI said the model was impressive.</p>
      <p>DeepSeek R1 is a reasoning model trained with reinforcement learning, and DeepSeek published its weights.</p>
    </body></html>`;
    const csp = "default-src 'self'; style-src 'self'; script-src 'none'";
    const server = await servePages(null, {
      '/hostile.css': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/css' });
        res.end(css);
      },
      '/hostile.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
        res.end(html);
      },
    });
    const browser = await launchWithExtension({ colorScheme: 'light' });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/hostile.html`);
      await waitForHighlights(page, 2);
      const point = await mentionPoint(page, 'DeepSeek R1');
      await hover(page, point);
      await cardLocator(page).waitFor({ timeout: 3000 });
      const style = await cardLocator(page).evaluate((el) => {
        const cs = getComputedStyle(el);
        const close = el.querySelector('.close')!;
        return {
          font: cs.fontFamily,
          color: cs.color,
          bg: cs.backgroundColor,
          theme: el.closest('.root')!.getAttribute('data-theme'),
          closeDisplay: getComputedStyle(close).display,
        };
      });
      expect(style.font).toContain('system-ui');
      expect(style.color).not.toBe('rgb(255, 0, 0)');
      expect(style.closeDisplay).not.toBe('none');
      // the page is dark (luminance), though the OS is light
      expect(style.theme).toBe('dark');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
