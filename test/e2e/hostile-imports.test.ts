// Bad files chosen in the manager's importers, end to end: the reader sees what is wrong and what was
// saved before is untouched. (Every fault case at the message level is in test/unit/import-faults.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { openMessenger, type ExtensionMessenger } from './probes';

const MB = 1_000_000;

describe('importing bad files in the manager', () => {
  let browser: ExtensionBrowser;
  let messenger: ExtensionMessenger;
  let dir: string;
  let manager: Page;

  const count = async () => {
    const reply = (await messenger.send({ type: 'storageEstimate', payload: {} })) as {
      ok: boolean;
      data: { annotations: number; customEntities: number };
    };
    return reply.data;
  };

  /** A file on disk (setInputFiles streams it, as a reader choosing it would). */
  function file(name: string, write: (fd: number) => void): string {
    const p = path.join(dir, name);
    const fd = fs.openSync(p, 'w');
    try {
      write(fd);
    } finally {
      fs.closeSync(fd);
    }
    return p;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-imports-'));
    browser = await launchWithExtension();
    messenger = await openMessenger(browser);
    const saved = (await messenger.send({
      type: 'saveAnnotation',
      payload: { url: 'https://news.example/a', title: 'A', exact: 'DeepSeek released DeepSeek R1', note: 'keep me' },
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#data`);
    await manager
      .getByRole('heading', { name: /import/i })
      .first()
      .waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a 50 MB file that is not JSON: a clear message, nothing changed', async () => {
    const before = await count();
    const chunk = Buffer.alloc(MB, 'x');
    const p = file('big.json', (fd) => {
      for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
    });
    await manager.getByLabel('Choose an annotations file to import').setInputFiles(p);
    await expect
      .poll(
        () =>
          manager
            .getByRole('alert')
            .allInnerTexts()
            .then((t) => t.join(' ')),
        { timeout: 30_000 },
      )
      .toMatch(/not JSON/i);
    expect(await count()).toEqual(before);
  }, 60_000);

  it('a 70 MB file: refused before it is read, with its size, nothing changed', async () => {
    const before = await count();
    const chunk = Buffer.alloc(MB, ' ');
    const p = file('huge.json', (fd) => {
      for (let i = 0; i < 70; i++) fs.writeSync(fd, chunk);
    });
    await manager.getByLabel('Choose an annotations file to import').setInputFiles(p);
    await expect
      .poll(
        () =>
          manager
            .getByRole('alert')
            .allInnerTexts()
            .then((t) => t.join(' ')),
        { timeout: 20_000 },
      )
      .toMatch(/70 MB, too large to import/);
    await manager.getByLabel('Choose a pack file to import').setInputFiles(p);
    await expect
      .poll(() => manager.locator('body').textContent(), { timeout: 20_000 })
      .toMatch(/70 MB, too large to import[\s\S]*70 MB, too large to import/);
    expect(await count()).toEqual(before);
  }, 60_000);

  it('a pack with an unknown format: a clear message, nothing changed', async () => {
    const before = await count();
    const p = file('pack.json', (fd) =>
      fs.writeSync(fd, JSON.stringify({ format: 99, version: '1.0.0', updated: '2026-01-01', entities: [], trackedClaims: [] })),
    );
    await manager.getByLabel('Choose a pack file to import').setInputFiles(p);
    await expect.poll(() => manager.locator('body').textContent(), { timeout: 10_000 }).toMatch(/unknown pack format/i);
    expect(await count()).toEqual(before);
    await manager.screenshot({ path: '/tmp/rel/manager-import-errors.png', fullPage: true });
  });
});
