// Least privilege and no network: what the built extension asks for, what it ships, and what it sends.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  launchWithExtension,
  ROOT,
  SAMPLES_DIR,
  serve,
  waitForHighlights,
  type ExtensionBrowser,
  type Served,
} from './harness';

const OUT_DIR = path.dirname(EXTENSION_DIR);
const FIREFOX_DIR = path.join(OUT_DIR, 'firefox-mv3');

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  background?: { service_worker?: string; scripts?: string[] };
}

/** The Firefox build, rebuilt when it is missing or older than the Chrome build the e2e run uses. */
function firefoxManifest(): Manifest {
  const file = path.join(FIREFOX_DIR, 'manifest.json');
  const chromeBuilt = fs.statSync(path.join(EXTENSION_DIR, 'manifest.json')).mtimeMs;
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < chromeBuilt - 60_000) {
    const r = spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: ROOT,
      env: { ...process.env, BACKSTORY_OUT: OUT_DIR },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`Firefox build failed:\n${r.stderr || r.stdout}`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Everything a manifest lets the extension reach or do, as README spells it. */
function grants(m: Manifest): { name: string; optional: boolean }[] {
  return [
    ...(m.permissions ?? []).map((name) => ({ name, optional: false })),
    ...(m.host_permissions ?? []).map((name) => ({ name, optional: false })),
    ...(m.content_scripts ?? []).flatMap((c) => c.matches).map((name) => ({ name, optional: false })),
    ...(m.optional_permissions ?? []).map((name) => ({ name, optional: true })),
    ...(m.optional_host_permissions ?? []).map((name) => ({ name, optional: true })),
  ];
}

/** The rows of README's "### Permissions" table: backticked names in the first cell, and the reason. */
function readmePermissionRows(): { names: string[]; why: string; row: string; notAPermission: boolean }[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^### Permissions\s*$/m)[1];
  if (!section) throw new Error('README.md has no "### Permissions" section');
  const rows = [];
  for (const line of section.split('\n')) {
    if (/^#{1,3} /.test(line)) break;
    if (!line.startsWith('|') || /^\|\s*-/.test(line) || /^\|\s*Permission\s*\|/i.test(line)) continue;
    const [first = '', why = ''] = line
      .split('|')
      .slice(1)
      .map((c) => c.trim());
    rows.push({
      names: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      why,
      row: line,
      notAPermission: /not a permission/i.test(first),
    });
  }
  return rows;
}

function builtFiles(dir: string, ext: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .map((f) => path.join(dir, f));
}

describe('least privilege: the built manifests', () => {
  const chrome: Manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const builds: [string, () => Manifest][] = [
    ['chrome', () => chrome],
    ['firefox', firefoxManifest],
  ];

  it.each(builds)('%s: README explains every permission, host permission and content-script match, and nothing else', (_name, load) => {
    const manifest = load();
    const rows = readmePermissionRows();
    expect(rows.length, "README.md's Permissions table has no rows").toBeGreaterThan(0);
    const explained = new Map(rows.filter((r) => !r.notAPermission).flatMap((r) => r.names.map((n) => [n, r] as const)));
    const unexplained = grants(manifest)
      .filter((g) => !explained.has(g.name))
      .map((g) => g.name);
    expect(unexplained, "permissions in the built manifest that README.md's Permissions table does not list").toEqual([]);
    for (const g of grants(manifest)) {
      const row = explained.get(g.name)!;
      expect(row.why.length, `README gives no reason for ${g.name}`).toBeGreaterThan(10);
      if (g.optional)
        expect(row.row, `README should say ${g.name} is optional (asked for only when needed)`).toMatch(/optional|asks?\b|only when/i);
    }
  });

  it('README lists no permission that neither build asks for', () => {
    const all = new Set([...grants(chrome), ...grants(firefoxManifest())].map((g) => g.name));
    const stale = readmePermissionRows()
      .filter((r) => !r.notAPermission)
      .flatMap((r) => r.names)
      .filter((n) => !all.has(n));
    expect(stale, 'README.md lists permissions the built manifests do not have').toEqual([]);
  });

  it.each(builds)('%s: no custom CSP, no externally_connectable, no web-accessible resources', (_name, load) => {
    const manifest = load();
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it.each([
    ['chrome', EXTENSION_DIR],
    ['firefox', FIREFOX_DIR],
  ])('%s: the shipped code has no eval, no Function constructor and no remote script', (name, dir) => {
    if (name === 'firefox') firefoxManifest();
    const offences: string[] = [];
    for (const file of builtFiles(dir, /\.(js|mjs)$/)) {
      const code = fs.readFileSync(file, 'utf8');
      for (const pattern of [
        /\beval\s*\(/,
        /\bnew\s+Function\s*\(/,
        /[^.\w]Function\s*\(\s*["'`]/,
        /\bimportScripts\s*\(\s*["'`]https?:/,
        /\bimport\s*\(\s*["'`]https?:/,
        /set(?:Timeout|Interval)\s*\(\s*["'`]/,
      ]) {
        const m = pattern.exec(code);
        if (m) offences.push(`${path.relative(dir, file)}: ${code.slice(Math.max(0, m.index - 40), m.index + 40)}`);
      }
    }
    for (const file of builtFiles(dir, /\.html$/)) {
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)\s*=\s*["']?(?:https?:)?\/\//gi))
        offences.push(`${path.relative(dir, file)}: ${m[0]}`);
    }
    expect(offences).toEqual([]);
  });
});

describe('no network request of its own', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  const seen: { url: string; from: string }[] = [];

  /** Where a request comes from: the extension's service worker or pages, or a web page. */
  function origin(req: Request): string {
    const worker = req.serviceWorker();
    if (worker) return `service worker ${worker.url()}`;
    try {
      return `frame ${req.frame().url()}`;
    } catch {
      return 'unknown';
    }
  }

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    // Outside requests are not routed away here: every request, wherever it goes, is recorded and judged.
    browser = await launchWithExtension({ blockOutside: false });
    await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
    browser.context.on('request', (req) => seen.push({ url: req.url(), from: origin(req) }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the recorder sees requests from the service worker too (control)', async () => {
    await browser.serviceWorker.evaluate(
      (url) =>
        fetch(url).then(
          () => 'ok',
          () => 'failed',
        ),
      `${server.origin}/control-from-worker`,
    );
    const hit = seen.find((r) => r.url.endsWith('/control-from-worker'));
    expect(hit?.from).toContain('service worker');
    // an outside request is recorded before the route aborts it (it never leaves the machine)
    await browser.serviceWorker.evaluate(
      (url) =>
        fetch(url).then(
          () => 'ok',
          () => 'failed',
        ),
      'https://outside.example/control',
    );
    expect(seen.find((r) => r.url === 'https://outside.example/control')?.from).toContain('service worker');
    seen.length = 0;
    server.requests.length = 0;
  });

  it('browsing the sample articles, opening cards, the popup and the manager sends nothing off the machine', async () => {
    const samples = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.html'));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/${sample}`);
      const highlighted = await waitForHighlights(page, 1, 8_000).then(
        () => true,
        () => false,
      );
      if (highlighted) {
        // hover the first highlighted name so the card asks the background for its details
        const box = await page.evaluate(() => {
          for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights) {
            for (const r of hl) {
              const range = document.createRange();
              range.setStart(r.startContainer, r.startOffset);
              range.setEnd(r.endContainer, r.endOffset);
              const rect = range.getBoundingClientRect();
              if (rect.width > 0) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
            }
          }
          return null;
        });
        if (box) {
          await page.mouse.move(box.x, box.y);
          await page.waitForTimeout(900);
        }
        const popup = await browser.popup(await browser.tabIdOf(page));
        await popup.waitForTimeout(500);
        await popup.close();
      }
      await page.close();
    }
    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await manager.waitForTimeout(800);
    await manager.close();

    const offMachine = seen.filter((r) => !/^(https?:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|blob:)/.test(r.url));
    const fromExtension = seen.filter((r) => r.from.includes('chrome-extension://') && /^https?:/.test(r.url));
    expect(offMachine, 'requests that would leave the machine').toEqual([]);
    expect(fromExtension, 'http(s) requests made by the extension itself').toEqual([]);
    // the only requests the test server saw are the pages the test opened (and their favicons)
    expect(server.requests.filter((p) => !samples.some((s) => p === `/${s}`) && p !== '/favicon.ico')).toEqual([]);
  });
});
