import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackstoryDB } from '../../lib/db/database';
import { clearHistory, historyStats, linkAndRecord, pruneHistory, recordPageClaims } from '../../lib/db/claim-history';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { createClaimExtractor } from '../../lib/claims/pipeline';
import type { PageClaim } from '../../lib/claims/types';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY = 24 * 60 * 60 * 1000;
const pack = loadPackFromDir(path.join(ROOT, 'test/fixtures/mini-pack'));
const detector = createDetector(compileAliasTable(pack));
const extract = createClaimExtractor(pack);

function sample(name: string): string {
  const raw = fs.readFileSync(path.join(ROOT, 'assets/samples', name), 'utf8');
  return name.endsWith('.html') ? extractText(new DOMParser().parseFromString(raw, 'text/html')).text : raw;
}
function claimsOf(text: string): PageClaim[] {
  return extract(text, detector.detect(text, { force: true }).mentions);
}

const dbs: BackstoryDB[] = [];
function freshDb(): BackstoryDB {
  const db = new BackstoryDB(`claims-history-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const FIRST = { url: 'https://news.example/deepseek-r1', title: 'Hangzhou lab DeepSeek stuns Silicon Valley' };
const SECOND = { url: 'https://news.example/deepseek-costs', title: 'DeepSeek’s ‘$6 million’ AI was built on $1.6 billion of hardware' };

describe('claim history', () => {
  it('links the second article to the first and flags the figure that differs', async () => {
    const db = freshDb();
    const now = Date.UTC(2025, 1, 2);
    const first = await linkAndRecord(db, FIRST, claimsOf(sample('deepseek-r1.txt')), { retentionDays: 90, now: now - 7 * DAY });
    expect(first.every((c) => c.links.every((l) => l.kind !== 'history'))).toBe(true);

    const second = await linkAndRecord(db, SECOND, claimsOf(sample('deepseek-costs.html')), { retentionDays: 90, now });
    const hardware = second.find((c) => c.text.includes('real spend on hardware was about $1.6 billion'))!;
    const disagreement = hardware.links.find((l) => l.kind === 'history' && l.disagreement);
    expect(disagreement).toMatchObject({ url: FIRST.url, title: FIRST.title, metric: 'training-cost' });
    expect(disagreement?.statement).toContain('$5.6 million');

    // "about $6 million" repeats the $5.6M figure within rounding: linked, not flagged
    const six = second.find((c) => c.text.includes('trained its technology for about $6 million'))!;
    const agreeing = six.links.find((l) => l.kind === 'history' && l.statement.includes('$5.6 million'));
    expect(agreeing).toBeDefined();
    expect(agreeing?.disagreement).toBeUndefined();

    // flagged claims rise to the top of the page's list
    expect(second.indexOf(hardware)).toBeLessThan(5);
    expect(await historyStats(db)).toMatchObject({ pages: 2 });
  });

  it('replaces a page on a revisit instead of linking it to itself', async () => {
    const db = freshDb();
    const claims = claimsOf(sample('deepseek-r1.txt'));
    await linkAndRecord(db, FIRST, claims, { retentionDays: 90, now: 1_000 });
    const again = await linkAndRecord(db, FIRST, claims, { retentionDays: 90, now: 2_000 });
    expect(again.flatMap((c) => c.links).filter((l) => l.kind === 'history')).toEqual([]);
    const stats = await historyStats(db);
    expect(stats.pages).toBe(1);
    expect(stats.claims).toBe(Math.min(claims.length, 40));
  });

  it('forgets claims past the retention period and clears on request', async () => {
    const db = freshDb();
    const now = Date.UTC(2025, 5, 1);
    await recordPageClaims(db, FIRST, claimsOf(sample('deepseek-r1.txt')), now - 100 * DAY);
    await recordPageClaims(db, SECOND, claimsOf(sample('deepseek-costs.html')), now - 10 * DAY);
    const removed = await pruneHistory(db, 90, now);
    expect(removed).toBeGreaterThan(0);
    expect((await historyStats(db)).pages).toBe(1);
    // an expired page no longer links
    const linked = await linkAndRecord(db, { url: 'https://news.example/third', title: 'Third' }, claimsOf(sample('deepseek-r1.txt')), {
      retentionDays: 5,
      now,
    });
    expect(linked.flatMap((c) => c.links).filter((l) => l.kind === 'history')).toEqual([]);
    expect(await clearHistory(db)).toBeGreaterThan(0);
    expect(await historyStats(db)).toEqual({ claims: 0, pages: 0, oldest: null });
  });
});

describe('claim history in the background', () => {
  it('tells the claims hook when a page is in a private window', async () => {
    const { createBackgroundService } = await import('../../lib/background/service');
    const seen: { incognito: boolean }[] = [];
    const service = createBackgroundService({
      db: freshDb(),
      pack,
      settingsStore: { get: async () => undefined, set: async () => undefined },
      extractClaims: (_report, context) => {
        seen.push(context!);
        return [];
      },
    });
    const report = {
      url: 'https://news.example/a',
      title: 'A',
      relevance: 1,
      gated: false,
      forced: false,
      mentions: [],
      text: 'Meta said so.',
    };
    await service.handlers.reportPage(report, { id: 'ext', tab: { id: 3, incognito: true } });
    await service.handlers.reportPage(report, { id: 'ext', tab: { id: 4 } });
    expect(seen).toEqual([{ incognito: true }, { incognito: false }]);
  });
});
