// A small driver over playwright-core (Chromium) and puppeteer-core (Firefox over WebDriver BiDi), so the
// cross-browser suite (cross-browser.ts) runs the same test bodies in both browsers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { launchWithExtension, ROOT } from './harness';
import { watchErrors, type ExtensionErrors } from './probes';

export type BrowserName = 'chromium' | 'firefox';

export interface TestPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** polls `fn` in the page until it returns something truthy */
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeout?: number): Promise<void>;
  /** clicks the element matching a CSS selector in the page's light DOM, with real input (a user gesture) */
  click(selector: string): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /** errors whose code is the extension's (content scripts; extension pages opened here), since the page opened */
  readonly errors: string[];
  /** errors not attributed to the extension (page scripts are off on test pages, so expected empty) */
  readonly otherErrors: string[];
}

export interface TestBrowser {
  name: BrowserName;
  newPage(): Promise<TestPage>;
  /** an extension page: popup.html?tab=…, options.html */
  openExtensionPage(file: string): Promise<TestPage>;
  /** the tab id the extension sees for `page` (focuses it) */
  tabIdOf(page: TestPage): Promise<number>;
  /** a message to the background, sent from an extension page as the popup would */
  ask<T = unknown>(type: string, payload: unknown): Promise<T>;
  /** runs `fn` in an extension page (browser.* APIs available as globalThis.browser ?? chrome) */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Gives the content script's site access back the way this browser allows headless (the popup's own
   * button where the prompt can be auto-accepted; see each driver).
   */
  grantAllSites(popup: TestPage): Promise<void>;
  /** takes the content script's site access away the way a reader does in this browser */
  withdrawAllSites(): Promise<void>;
  close(): Promise<void>;
}

type Ext = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } };

function askIn(page: TestPage, type: string, payload: unknown) {
  return page.evaluate(
    async ([t, p]) => {
      const api = ((globalThis as unknown as { browser?: Ext }).browser ?? (globalThis as unknown as { chrome: Ext }).chrome) as Ext;
      const r = await api.runtime.sendMessage({ type: t, payload: p });
      if (!r?.ok) throw new Error(r?.error ?? 'no reply');
      return r.data;
    },
    [type, payload] as const,
  );
}

// ---------------------------------------------------------------- Chromium (playwright-core)

class PwTestPage implements TestPage {
  errors: string[] = [];
  otherErrors: string[] = [];
  private watch: ExtensionErrors | null = null;
  constructor(readonly page: PwPage, private extensionId: string) {}
  async attach() {
    this.watch = await watchErrors(this.page, this.extensionId);
    this.errors = this.watch.errors;
    this.otherErrors = this.watch.other;
  }
  async goto(url: string) {
    await this.page.goto(url);
  }
  async reload() {
    await this.page.reload();
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  async waitFor<A>(fn: (arg: A) => unknown, arg?: A, timeout = 15_000) {
    await this.page.waitForFunction(fn as never, arg as never, { timeout });
  }
  async click(selector: string) {
    await this.page.locator(selector).first().click();
  }
  async mouseMove(x: number, y: number, steps = 1) {
    await this.page.mouse.move(x, y, { steps });
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
  }
  async screenshot(file: string) {
    await this.page.screenshot({ path: file });
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    await this.watch?.detach();
    await this.page.close();
  }
}

export async function launchChromium(): Promise<TestBrowser> {
  const b = await launchWithExtension();
  const wrap = async (page: PwPage) => {
    const p = new PwTestPage(page, b.extensionId);
    await p.attach();
    return p;
  };
  let helper: TestPage | null = null;
  const extPage = async () => (helper ??= await (async () => {
    const p = await wrap(await b.context.newPage());
    // a popup for a tab that does not exist: loads, finds nothing, stays quiet
    await p.goto(`chrome-extension://${b.extensionId}/popup.html?tab=2147483600`);
    return p;
  })());
  /** chrome://extensions' own API for its "Site access" menu */
  async function hostAccess(value: 'ON_CLICK' | 'ON_ALL_SITES') {
    const page = await b.context.newPage();
    await page.goto('chrome://extensions');
    await page.evaluate(
      ([id, v]) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateExtensionConfiguration(u: unknown): Promise<void> } } }).chrome.developerPrivate.updateExtensionConfiguration({
          extensionId: id,
          hostAccess: v,
        }),
      [b.extensionId, value] as const,
    );
    await page.close();
  }
  return {
    name: 'chromium',
    newPage: async () => wrap(await b.context.newPage()),
    async openExtensionPage(file) {
      const p = await wrap(await b.context.newPage());
      await p.goto(`chrome-extension://${b.extensionId}/${file}`);
      return p;
    },
    tabIdOf: (page) => b.tabIdOf((page as PwTestPage).page),
    ask: async (type, payload) => askIn(await extPage(), type, payload) as never,
    inExtension: async (fn, arg) => (await extPage()).evaluate(fn, arg),
    async withdrawAllSites() {
      // permissions.remove refuses the content script's matches here ("required permissions"): Chromium
      // withholds them through its site-access setting instead (chrome://extensions → Site access → On click)
      await hostAccess('ON_CLICK');
    },
    async grantAllSites() {
      // Chromium cannot accept a permission prompt headless (it has no auto-accept switch outside its own
      // test builds). What a reader does instead of the prompt is chrome://extensions → Site access → "On all
      // sites": the same switch, driven through the page's own API. It grants the withheld host permissions,
      // so permissions.onAdded fires in the background exactly as after the popup's prompt.
      await hostAccess('ON_ALL_SITES');
    },
    close: () => b.close(),
  };
}

// ---------------------------------------------------------------- Firefox (puppeteer-core over WebDriver BiDi)

export const FIREFOX_EXTENSION_DIR = path.resolve(ROOT, process.env.BACKSTORY_OUT ?? '.output', 'firefox-mv3');
export const GECKO_ID = 'backstory@backstory.example';
/** A fixed moz-extension:// host for the tests (Firefox otherwise picks a random UUID per profile). */
export const FIREFOX_UUID = '6d1f3b52-7c1e-4c55-9a1b-b4c7e0d2a901';

export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error("No Firefox for the end-to-end tests: `sudo apt-get install -y firefox-esr`, or set FIREFOX_PATH.");
  return found;
}

type PpPage = import('puppeteer-core').Page;

/**
 * Notices Firefox logs as errors of the page about the page's own loads: the test server's CSP
 * (script-src 'none') refusing its scripts, its cross-origin fonts and images refused or blocked (nothing
 * may leave the machine). One about the extension's code would name moz-extension://.
 */
function pageNetworkNotice(text: string): boolean {
  return /^(Content-Security-Policy: |Cross-Origin Request Blocked: |Loading failed for )/.test(text) && !text.includes('moz-extension:');
}

class PpTestPage implements TestPage {
  errors: string[] = [];
  otherErrors: string[] = [];
  constructor(readonly page: PpPage) {
    const prefix = `moz-extension://${FIREFOX_UUID}/`;
    // Console messages and uncaught errors reach puppeteer through BiDi log.entryAdded, including those of
    // content scripts (their location is moz-extension://). An unhandled rejection carries no stack in
    // Firefox, so it cannot be attributed: it counts as "other" and the tests expect both lists empty.
    page.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'assert') return;
      // the test server's CSP (script-src 'none') refusing the saved page's own scripts, which Firefox
      // logs as errors of the page; a refusal of the extension's code would name moz-extension://
      if (pageNetworkNotice(m.text())) return;
      const ours = m.location()?.url?.startsWith(prefix) || m.stackTrace().some((f) => f.url?.startsWith(prefix));
      (ours ? this.errors : this.otherErrors).push(`console.${m.type()}: ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => {
      const err = e as Error;
      if (pageNetworkNotice(String(err.message))) return;
      const ours = String(err.stack ?? '').includes(prefix);
      (ours ? this.errors : this.otherErrors).push(`uncaught: ${String(err.message).slice(0, 300)}`);
    });
  }
  async goto(url: string) {
    if (url.startsWith('moz-extension:')) {
      // BiDi navigation to an extension page never reports "load" to puppeteer: go, then wait for the document
      void this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).catch(() => undefined);
      await this.waitFor((u) => location.href === u && document.readyState !== 'loading', url);
      return;
    }
    await this.page.goto(url, { waitUntil: 'load' });
  }
  async reload() {
    await this.page.reload({ waitUntil: 'load' });
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  async waitFor<A>(fn: (arg: A) => unknown, arg?: A, timeout = 15_000) {
    // polled from here: puppeteer's waitForFunction builds its poller with Function(), which the
    // extension pages' CSP refuses
    const deadline = Date.now() + timeout;
    for (;;) {
      const ok = await this.page.evaluate(fn as never, arg as never).catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString().slice(0, 120)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async click(selector: string) {
    const el = await this.page.waitForSelector(selector, { timeout: 10_000 });
    await el!.click();
  }
  async mouseMove(x: number, y: number, steps = 1) {
    await this.page.mouse.move(x, y, { steps });
  }
  async press(key: string) {
    await this.page.keyboard.press(key as never);
  }
  async screenshot(file: string) {
    await this.page.screenshot({ path: file as `${string}.png` });
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    await this.page.close();
  }
}

export async function launchFirefox(options: { extensionDir?: string; uuidFor?: string } = {}): Promise<TestBrowser & { installed: string }> {
  const dir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No Firefox build in ${dir}: run \`npm run build:firefox\` first.`);
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 900 },
    // lets the tests open moz-extension:// pages over BiDi
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [options.uuidFor ?? GECKO_ID]: FIREFOX_UUID }),
      // grant permissions.request() without the doorhanger nobody can click headless
      'extensions.webextOptionalPermissionPrompts': false,
      // Nothing leaves the machine: every http(s) request goes to a proxy that is not there (the discard
      // port), except 127.0.0.1, where the test servers are (Firefox never proxies localhost).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.allow_hijacking_localhost': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  const installed = await browser.installExtension(dir);
  const wrap = (page: PpPage) => new PpTestPage(page);
  let helper: PpTestPage | null = null;
  const extPage = async () => {
    if (helper) return helper;
    helper = wrap(await browser.newPage());
    await helper.goto(`moz-extension://${FIREFOX_UUID}/popup.html?tab=2147483600`);
    return helper;
  };
  const api = {
    name: 'firefox' as const,
    installed,
    newPage: async () => wrap(await browser.newPage()),
    async openExtensionPage(file: string) {
      const p = wrap(await browser.newPage());
      await p.goto(`moz-extension://${FIREFOX_UUID}/${file}`);
      return p;
    },
    async tabIdOf(page: TestPage) {
      const ext = await extPage(); // opened first: opening it would make it the active tab
      await page.bringToFront();
      return ext.evaluate(async () => {
        const b = (globalThis as unknown as { browser: typeof import('wxt/browser').browser }).browser;
        const [tab] = await b.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? -1;
      });
    },
    ask: async <T,>(type: string, payload: unknown) => (await askIn(await extPage(), type, payload)) as T,
    inExtension: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => (await extPage()).evaluate(fn, arg),
    async withdrawAllSites() {
      // what about:addons → Permissions → "Access your data for all websites" off does
      const ok = await (await extPage()).evaluate(() =>
        (globalThis as unknown as { browser: typeof import('wxt/browser').browser }).browser.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }),
      );
      if (!ok) throw new Error('permissions.remove refused');
    },
    async grantAllSites(popup: TestPage) {
      // the popup's own button: a real click (user gesture) → permissions.request, accepted by the pref above
      await popup.click('[data-grant="all"]');
    },
    async close() {
      await browser.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return api;
}
