// Loads the built extension into real Chromium (Debian's, or CHROME_PATH) and serves fixture pages on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = path.resolve(ROOT, process.env.BACKSTORY_OUT ?? '.output', 'chrome-mv3');
export const SAMPLES_DIR = path.join(ROOT, 'assets/samples');

export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's Chromium with `sudo apt-get install -y chromium` " +
        'or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}

export interface Served {
  origin: string;
  close(): Promise<void>;
  /** every request path the server saw */
  requests: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves files from `dirs` (first match wins) plus any dynamic `routes`. */
export async function serve(
  dirs: string[],
  routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {},
): Promise<Served> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const route = routes[url.pathname];
    if (route) return route(req, res);
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    for (const dir of dirs) {
      const file = path.resolve(dir, rel);
      if (!file.startsWith(path.resolve(dir))) break;
      if (fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  close(): Promise<void>;
  popup(tabId: number): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
}

export async function launchWithExtension(
  options: {
    extensionDir?: string;
    headless?: boolean;
    colorScheme?: 'light' | 'dark';
    blockOutside?: boolean;
    viewport?: { width: number; height: number };
    hasTouch?: boolean;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    hasTouch: options.hasTouch ?? false,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (options.blockOutside !== false) {
    // Fixture pages reference outside hosts; nothing may leave the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  }
  let serviceWorker = context.serviceWorkers()[0];
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
    async popup(tabId: number) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      return page;
    },
    async tabIdOf(page: Page) {
      // Without the "tabs" permission tab URLs are hidden, so find the tab by making it the active one.
      await page.bringToFront();
      return serviceWorker.evaluate(async () => {
        const [tab] = await (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.query({
          active: true,
          lastFocusedWindow: true,
        });
        return tab?.id ?? -1;
      });
    },
  };
}

/** Waits until the content script has painted (or reported) and returns the highlight counts per name. */
export async function highlightCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    // CSS.highlights is a maplike registry
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights) out[name] = hl.size;
    return out;
  });
}

export async function waitForHighlights(page: Page, minimum = 1, timeout = 15_000): Promise<Record<string, number>> {
  await page.waitForFunction(
    (min) => {
      let total = 0;
      for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights) total += hl.size;
      return total >= min;
    },
    minimum,
    { timeout },
  );
  return highlightCounts(page);
}
