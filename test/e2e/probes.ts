// Instruments for the reliability suites (real pages, stress, hostile input, privacy): what the extension
// does to a page it runs in, measured from outside the extension.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness';
import type { TabState } from '../../lib/messaging/protocol';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface PageServer {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `.html` files from `dir` with `Content-Security-Policy: script-src 'none'`, so the page's own
 * scripts never run: every DOM mutation, error or long task left is the browser's or the extension's
 * (content scripts are exempt from the page's CSP; Playwright's init scripts are injected by the
 * browser and run too). Other files are not served: saved pages reference assets that are not there.
 */
export async function servePages(
  dir: string | null,
  routes: Record<string, Route> = {},
  csp: string | null = "script-src 'none'",
): Promise<PageServer> {
  const requests: string[] = [];
  const root = dir ? path.resolve(dir) : null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const route = routes[url.pathname];
    if (route) return route(req, res);
    const file = root ? path.resolve(root, decodeURIComponent(url.pathname).replace(/^\/+/, '')) : '';
    if (root && file.startsWith(root + path.sep) && file.endsWith('.html') && fs.existsSync(file)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(csp ? { 'content-security-policy': csp } : {}) });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface MainWorldProbe {
  /** mutations of the page DOM outside <backstory-ui> since DOMContentLoaded */
  foreignMutations: number;
  /** a few of them, described, for the failure message */
  samples: string[];
  /** PerformanceObserver 'longtask' entries: [startTime, duration] in the page's performance.now() (misses yielded isolated-world work) */
  longTasks: [number, number][];
  /** gaps over 50 ms between animation frames: [startTime, duration] */
  stalls: [number, number][];
  /** total size of every CSS highlight registered on the document */
  highlights: number;
  /** the <backstory-ui> hosts in the document */
  hosts: number;
}

/** Must run before the page loads: a main-world MutationObserver from DOMContentLoaded and a long-task observer. */
export async function installMainWorldProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { foreignMutations: 0, samples: [] as string[], longTasks: [] as [number, number][], stalls: [] as [number, number][] };
    (window as unknown as { __backstoryProbe: typeof probe }).__backstoryProbe = probe;
    // Frames: any gap over 50 ms between animation frames is a stretch the reader saw nothing move
    // (no scroll, no repaint). 'longtask' entries cannot show this for a sliced scan: each slice is its
    // own task, and work resumed after scheduler.yield() in an isolated world is not reported at all.
    // (A normal-priority heartbeat would overstate it: yield() continuations run before other tasks,
    // by design, while input and rendering still get their turn.)
    let last = -1;
    const frame = (t: number) => {
      if (last >= 0 && t - last > 50) probe.stalls.push([last, t - last]);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no long-task timing in this browser: the list stays empty
    }
    const ours = (node: Node | null): boolean => {
      const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
      return !!el?.closest('backstory-ui');
    };
    const describe = (r: MutationRecord) => {
      const t = r.target as Element;
      const name = t.nodeType === 1 ? `<${t.nodeName.toLowerCase()}${t.id ? `#${t.id}` : ''}>` : t.nodeName;
      const nodes = [...r.addedNodes, ...r.removedNodes]
        .map((n) => n.nodeName.toLowerCase())
        .slice(0, 3)
        .join(',');
      return `${r.type} on ${name}${r.attributeName ? ` [${r.attributeName}]` : ''}${nodes ? ` (${nodes})` : ''}`;
    };
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        for (const r of records) {
          if (ours(r.target)) continue;
          const changed = [...r.addedNodes, ...r.removedNodes];
          if (r.type === 'childList' && changed.length && changed.every(ours)) continue; // our own host, added or replaced
          probe.foreignMutations++;
          if (probe.samples.length < 5) probe.samples.push(describe(r));
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
}

export async function readMainWorldProbe(page: Page): Promise<MainWorldProbe> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __backstoryProbe?: Omit<MainWorldProbe, 'highlights' | 'hosts'> }).__backstoryProbe;
    if (!probe) throw new Error('the main-world probe did not run on this page');
    let highlights = 0;
    for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights) highlights += hl.size;
    return { ...probe, highlights, hosts: document.querySelectorAll('backstory-ui').length };
  });
}

export interface ExtensionErrors {
  /** uncaught exceptions, unhandled rejections and console.error calls whose code is the extension's */
  errors: string[];
  /** the same from any other script (page scripts are off, so these are rare) */
  other: string[];
  detach(): Promise<void>;
}

/**
 * Listens on the page's DevTools protocol session, which also sees the content script's isolated
 * world. An error is the extension's when its stack or its execution context is chrome-extension://<id>/.
 */
export async function watchErrors(page: Page, extensionId: string): Promise<ExtensionErrors> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const prefix = `chrome-extension://${extensionId}/`;
  const extensionContexts = new Set<number>();
  const errors: string[] = [];
  const other: string[] = [];
  type Frames = { url: string; functionName?: string; lineNumber?: number }[] | undefined;
  const classify = (contextId: number | undefined, frames: Frames, url: string | undefined, text: string) => {
    const ours =
      (contextId !== undefined && extensionContexts.has(contextId)) ||
      url?.startsWith(prefix) ||
      frames?.some((f) => f.url.startsWith(prefix));
    const where = frames?.[0] ? ` at ${frames[0].url.replace(prefix, '')}:${(frames[0].lineNumber ?? 0) + 1}` : '';
    (ours ? errors : other).push(`${text.slice(0, 300)}${where}`);
  };
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin.startsWith(prefix.slice(0, -1))) extensionContexts.add(context.id);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const text = d.exception?.description ?? d.exception?.value ?? d.text;
    classify(d.executionContextId, d.stackTrace?.callFrames, d.url, `uncaught: ${String(text)}`);
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type !== 'error' && e.type !== 'assert') return;
    const text = e.args.map((a) => a.value ?? a.description ?? a.type).join(' ');
    classify(e.executionContextId, e.stackTrace?.callFrames, undefined, `console.${e.type}: ${text}`);
  });
  await cdp.send('Runtime.enable');
  return {
    errors,
    other,
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/** A page of the extension used to talk to the background as the popup would. */
export interface ExtensionMessenger {
  page: Page;
  send(message: unknown): Promise<unknown>;
  tabState(tabId: number): Promise<TabState | null>;
  close(): Promise<void>;
}

export async function openMessenger(browser: ExtensionBrowser): Promise<ExtensionMessenger> {
  const page = await browser.context.newPage();
  // The popup page for a tab that does not exist: it loads, finds nothing, and stays quiet.
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=2147483600`);
  const send = (message: unknown) =>
    page.evaluate(
      (m) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
      message,
    );
  return {
    page,
    send,
    async tabState(tabId) {
      const reply = (await send({ type: 'getTabState', payload: { tabId } })) as { ok: boolean; data?: TabState | null; error?: string };
      if (!reply?.ok) throw new Error(`getTabState failed: ${reply?.error}`);
      return reply.data ?? null;
    },
    close: () => page.close(),
  };
}

/** Opens a tab and learns its id. Tab ids are found by focusing the tab, so openings are serialised. */
export function tabOpener(browser: ExtensionBrowser): () => Promise<{ page: Page; tabId: number }> {
  let chain: Promise<unknown> = Promise.resolve();
  return () => {
    const next = chain.then(async () => {
      const page = await browser.context.newPage();
      const tabId = await browser.tabIdOf(page);
      if (tabId < 0) throw new Error('could not find the id of a new tab');
      return { page, tabId };
    });
    chain = next.catch(() => undefined);
    return next;
  };
}

/** Polls the background until the tab's content script has reported on `url` (optionally: matching `until`). */
export async function waitForReport(
  messenger: ExtensionMessenger,
  tabId: number,
  url: string,
  options: { timeout?: number; until?: (s: TabState) => boolean } = {},
): Promise<TabState | null> {
  const deadline = Date.now() + (options.timeout ?? 20_000);
  while (Date.now() < deadline) {
    const state = await messenger.tabState(tabId);
    if (state && state.url === url && (!options.until || options.until(state))) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Long tasks over `threshold` ms that overlap the [start, end] window (page time). */
export function longTasksDuring(longTasks: [number, number][], start: number, end: number, threshold = 50): [number, number][] {
  return longTasks.filter(([s, d]) => d > threshold && s < end && s + d > start);
}

/** A fixed-width table (console.table truncates nothing but is unreadable at 130 rows in a CI log). */
export function formatTable(rows: Record<string, string | number>[]): string {
  if (!rows.length) return '(no rows)';
  const cols = Object.keys(rows[0]);
  const cell = (v: string | number | undefined) =>
    v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v;
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (r: Record<string, string | number>) =>
    cols.map((c, i) => (typeof r[c] === 'number' ? cell(r[c]).padStart(widths[i]) : cell(r[c]).padEnd(widths[i]))).join('  ');
  const header = cols.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [header, widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
