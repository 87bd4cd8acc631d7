import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { openDatabase } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import { readStoredDetector } from '../../lib/detect/packed-cache';
import type { Settings } from '../../lib/settings';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));

function service() {
  let stored: Settings | undefined;
  return createBackgroundService({
    db: openDatabase(`test-msg-${Math.random()}`),
    pack,
    settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
  });
}

const ME = 'backstory-test-id';
const fromContent = { id: ME, tab: { id: 7, url: 'https://news.example/a' } };

describe('background message handling', () => {
  it('rejects messages from other extensions or web pages', async () => {
    const s = service();
    const r = await handleMessage(s.handlers, ME, { type: 'getSettings', payload: {} }, { id: 'someone-else' });
    expect(r).toEqual({ ok: false, error: 'Rejected: message from outside this extension.' });
  });

  it('answers malformed messages with an error instead of throwing', async () => {
    const s = service();
    const cases: unknown[] = [
      null,
      'hello',
      { type: 42 },
      { type: 'nope' },
      { type: 'getTabState', payload: { tabId: 'x' } },
      { type: 'reportPage', payload: { url: 1 } },
    ];
    for (const message of cases) {
      const r = await handleMessage(s.handlers, ME, message, fromContent);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/Malformed|Unknown/);
    }
  });

  it('keeps per-tab state from a page report and serves it to the popup', async () => {
    const s = service();
    const mention = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    const report = {
      url: 'https://news.example/a',
      title: 'A',
      relevance: 0.9,
      gated: false,
      forced: false,
      mentions: [mention],
      text: 'DeepSeek released a model.',
    };
    expect((await handleMessage(s.handlers, ME, { type: 'reportPage', payload: report }, fromContent)).ok).toBe(true);
    const state = await handleMessage(s.handlers, ME, { type: 'getTabState', payload: { tabId: 7 } }, { id: ME });
    expect(state.ok && state.data).toMatchObject({ tabId: 7, title: 'A', mentions: [mention] });
    const pages = await handleMessage(s.handlers, ME, { type: 'listPages', payload: {} }, { id: ME });
    expect(pages.ok && (pages.data as { url: string }[]).map((p) => p.url)).toEqual(['https://news.example/a']);
  });

  it('keeps a model version the pack does not know out of the tab state and the reading history', async () => {
    const s = service();
    const known = { start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const };
    const newVersion = {
      start: 18,
      end: 29,
      text: 'DeepSeek-R2',
      entityId: 'deepseek-r1',
      name: 'DeepSeek-R2',
      type: 'model' as const,
      newVersion: true as const,
    };
    const report = {
      url: 'https://news.example/b',
      title: 'B',
      relevance: 0.9,
      gated: false,
      forced: false,
      mentions: [known, newVersion],
      text: 'DeepSeek released DeepSeek-R2.',
    };
    expect((await handleMessage(s.handlers, ME, { type: 'reportPage', payload: report }, fromContent)).ok).toBe(true);
    const state = await handleMessage(s.handlers, ME, { type: 'getTabState', payload: { tabId: 7 } }, { id: ME });
    expect(state.ok && (state.data as { mentions: unknown[] }).mentions).toEqual([known]);
  });

  it('clamps settings and keeps the per-site list', async () => {
    const s = service();
    const r = await handleMessage(s.handlers, ME, { type: 'updateSettings', payload: { patch: { hoverDelayMs: 5000 } } }, { id: ME });
    expect(r.ok).toBe(false); // out of range is rejected by the schema
    await handleMessage(s.handlers, ME, { type: 'setSiteDisabled', payload: { host: 'News.Example', disabled: true } }, { id: ME });
    const cfg = await handleMessage(s.handlers, ME, { type: 'getContentConfig', payload: { url: 'https://news.example/x' } }, fromContent);
    expect(cfg.ok && (cfg.data as { siteDisabled: boolean }).siteDisabled).toBe(true);
  });

  it('stores the table with its packed detector, and tells pages which table is current', async () => {
    let kept: unknown;
    const s = createBackgroundService({
      db: openDatabase(`test-msg-${Math.random()}`),
      pack,
      settingsStore: { get: async () => undefined, set: async () => undefined },
      detectorStore: {
        get: async () => kept,
        set: async (v) => {
          kept = JSON.parse(JSON.stringify(v));
        },
      },
    });
    // after an install or update the background stores it before any page asks
    expect(kept).toBeUndefined();
    await s.warmDetector();
    expect(readStoredDetector(kept)).not.toBeNull();
    const page = await handleMessage(s.handlers, ME, { type: 'getPageConfig', payload: { url: 'https://news.example/x' } }, fromContent);
    expect(page.ok && (page.data as { suppressed: unknown[] }).suppressed).toEqual([]);
    const full = await handleMessage(s.handlers, ME, { type: 'getContentConfig', payload: { url: 'https://news.example/x' } }, fromContent);
    expect(full.ok).toBe(true);
    const config = (full.ok ? full.data : {}) as { tableKey: string; table: unknown; detector: unknown; suppressed: unknown[] };
    expect(config.suppressed).toEqual([]);
    // what a content script reads from storage.local: whole, current, and the same table the background serves
    await Promise.resolve();
    const copy = readStoredDetector(kept);
    expect(typeof kept).toBe('string');
    expect(copy?.key).toBe(config.tableKey);
    expect(page.ok && (page.data as { tableKey: string }).tableKey).toBe(config.tableKey);
    expect(copy?.table).toEqual(config.table);
    expect(copy?.detector).toEqual(config.detector);
    // an entry of an older format, or a broken one, is not used
    if (!copy) throw new Error('nothing stored');
    expect(readStoredDetector({ ...copy, key: `2${copy.key.slice(1)}` })).toBeNull();
    expect(readStoredDetector({ ...copy, detector: { ...copy.detector, aliasCount: 1 } })).toBeNull();
    expect(readStoredDetector(undefined)).toBeNull();
  });
});
