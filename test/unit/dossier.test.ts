// Dossiers and predictions through the background's handlers: the three sample articles read in
// turn, then the DeepSeek dossier (timeline order, the training-cost disagreement, filters, export),
// predictions with pack statuses and reader outcomes, and outcomes surviving export → import.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackstoryDB } from '../../lib/db/database';
import { linkAndRecord } from '../../lib/db/claim-history';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { createClaimExtractor } from '../../lib/claims/pipeline';
import { createBackgroundService } from '../../lib/background/service';
import { handleMessage } from '../../lib/messaging/server';
import { publishedDateOf } from '../../lib/dossier/published';
import { facetsOf, filterTimeline, fragmentLink, type Dossier } from '../../lib/dossier/build';
import { filterPredictions, trackRecordLine, type Prediction } from '../../lib/predictions/list';
import type { Settings } from '../../lib/settings';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pack = loadPackFromDir(path.join(ROOT, 'assets/pack'));
const detector = createDetector(compileAliasTable(pack));
const extract = createClaimExtractor(pack);
const ME = 'backstory-test-id';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15);

const dbs: BackstoryDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function service(name = `dossier-${Math.random()}`, opened: string[] = []) {
  const db = new BackstoryDB(name);
  dbs.push(db);
  let stored: Partial<Settings> | undefined = { historyRetentionDays: 3650 };
  const s = createBackgroundService({
    db,
    pack,
    settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
    openPage: async (p) => void opened.push(p),
  });
  const ask = async <T>(type: string, payload: unknown): Promise<T> => {
    const r = await handleMessage(s.handlers, ME, { type, payload }, { id: ME });
    if (!r.ok) throw new Error(r.error);
    return r.data as T;
  };
  const setRetention = (days: number) => void (stored = { ...stored, historyRetentionDays: days });
  return { db, ask, setRetention };
}

async function read(db: BackstoryDB, file: string, seenAt: number) {
  const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(ROOT, 'assets/samples', file), 'utf8'), 'text/html');
  const text = extractText(doc).text;
  const claims = extract(text, detector.detect(text, { force: true }).mentions);
  await linkAndRecord(db, { url: `http://127.0.0.1/${file}`, title: doc.title, published: publishedDateOf(doc) }, claims, {
    retentionDays: 3650,
    now: seenAt,
  });
}

describe('dossier', () => {
  it('gathers the claims about DeepSeek from all three articles, newest said first, with the training-cost disagreement', async () => {
    const { db, ask } = service();
    // read out of publication order: the timeline follows when things were said
    await read(db, 'frontier-race.html', NOW - 3 * DAY);
    await read(db, 'deepseek-costs.html', NOW - 2 * DAY);
    await read(db, 'deepseek-r1.html', NOW - DAY);
    const d = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    const pages = [...new Set(d.timeline.map((t) => t.url.split('/').pop()))];
    expect(pages).toEqual(['frontier-race.html', 'deepseek-costs.html', 'deepseek-r1.html']);
    const dates = d.timeline.map((t) => t.date);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(d.timeline[0].published).toBe(Date.parse('2025-04-30T07:00:00-07:00'));
    expect(d.timeline.every((t) => fragmentLink(t.url, t.text).includes('#:~:text=') && !('numbers' in t))).toBe(true);

    const cost = d.disagreements.find((g) => g.family === 'model-cost');
    expect(cost?.label).toBe('Training cost');
    const values = cost!.figures.map((f) => f.value);
    // the lab's own figure and the analysts' one, side by side ("$1.6B" and "~$1.6B" from one page are one figure)
    expect(values).toEqual(expect.arrayContaining(['~$5.6M', expect.stringMatching(/^~?\$1\.6B$/)]));
    expect(values.filter((v) => /1\.6B/.test(v))).toHaveLength(1);
    expect(new Set(cost!.figures.map((f) => f.url)).size).toBeGreaterThanOrEqual(2);

    // filters and search
    const kinds = facetsOf(d.timeline).kinds.map(([k]) => k);
    expect(kinds).toContain('quantity');
    expect(filterTimeline(d.timeline, { kinds: ['quantity'] }).every((t) => t.kind === 'quantity')).toBe(true);
    const searched = filterTimeline(d.timeline, { text: 'semianalysis' });
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.every((t) => /semianalysis/i.test(t.text + t.title))).toBe(true);
    expect(
      filterTimeline(d.timeline, { from: Date.parse('2025-02-01'), to: Date.parse('2025-02-28') }).every((t) =>
        t.url.endsWith('deepseek-costs.html'),
      ),
    ).toBe(true);

    // the entity list ranks by how much was read
    const rows = await ask<{ id: string; claims: number; pages: number }[]>('listDossierEntities', {});
    expect(rows[0]).toMatchObject({ id: 'deepseek', pages: 3 });
    expect(rows.map((r) => r.claims)).toEqual([...rows.map((r) => r.claims)].sort((a, b) => b - a));
  });

  it('lists the saved annotations that mention the entity and exports Markdown', async () => {
    const { db, ask } = service();
    await read(db, 'deepseek-r1.html', NOW - DAY);
    await ask('saveAnnotation', {
      url: 'https://news.example/a',
      title: 'A story',
      exact: 'DeepSeek keeps its costs low',
      note: 'check this',
    });
    await ask('saveAnnotation', { url: 'https://news.example/b', title: 'B story', exact: 'nothing about that lab' });
    const d = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect(d.annotations.map((a) => a.note)).toEqual(['check this']);
    const md = await ask<{ filename: string; content: string }>('exportDossier', { entityId: 'deepseek', format: 'markdown' });
    expect(md.filename).toMatch(/^backstory-dossier-deepseek-.*\.md$/);
    expect(md.content).toMatch(/## Figures that disagree[\s\S]*Training cost/);
    expect(md.content).toContain('#:~:text=');
  });

  it('builds no dossier and keeps no trace for an unknown entity; clear history empties the timeline', async () => {
    const { db, ask } = service();
    await read(db, 'deepseek-r1.html', NOW - DAY);
    expect(await ask('getDossier', { entityId: 'no-such-entity' })).toBeNull();
    const before = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect(before.timeline.length).toBeGreaterThan(0);
    await ask('clearHistory', {});
    const d = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect(d.timeline).toEqual([]);
    expect(d.tracked.length).toBeGreaterThan(0);
    // a page read afterwards shows up at once (what was kept for the last dossier is not reused)
    await read(db, 'deepseek-costs.html', NOW);
    const after = (await ask<Dossier>('getDossier', { entityId: 'deepseek', timelineLimit: 2 }))!;
    expect(after.timeline).toHaveLength(2);
    expect(after.timelineTotal).toBeGreaterThan(2);
    expect(new Set((await ask<{ url: string }[]>('getDossierTimeline', { entityId: 'deepseek' })).map((t) => t.url))).toEqual(
      new Set(['http://127.0.0.1/deepseek-costs.html']),
    );
  });

  it('what is kept between dossiers follows new pages, pages read again, annotations and the retention period', async () => {
    const { db, ask, setRetention } = service();
    const now = Date.now();
    await read(db, 'deepseek-costs.html', now - 100 * DAY);
    await read(db, 'deepseek-r1.html', now - DAY);
    const all = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect(all.pages).toBe(2);
    expect(all.annotations).toEqual([]);
    // only the entity's own tracked claims are compared with what was read
    const ids = new Set(
      pack.trackedClaims.filter((c) => c.subjects.includes('deepseek') || c.speaker === 'deepseek').map((c) => c.sources[0]),
    );
    const tracked = all.disagreements.flatMap((g) => g.figures).filter((f) => f.origin === 'tracked');
    expect(tracked.every((f) => ids.has(f.url!))).toBe(true);

    await ask('saveAnnotation', { url: 'https://news.example/a', title: 'A story', exact: 'DeepSeek keeps its costs low', note: 'noted' });
    expect((await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!.annotations.map((a) => a.note)).toEqual(['noted']);

    // a page read again replaces its claims: the same dossier, not twice the claims
    await read(db, 'deepseek-r1.html', now);
    const again = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect([again.pages, again.timelineTotal]).toEqual([2, all.timelineTotal]);

    // a shorter period leaves the older page out; a longer one brings it back
    setRetention(30);
    const recent = (await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!;
    expect(recent.pages).toBe(1);
    expect(recent.timeline.every((t) => t.url.endsWith('deepseek-r1.html'))).toBe(true);
    expect((await ask<{ url: string }[]>('getDossierTimeline', { entityId: 'deepseek' })).length).toBe(recent.timelineTotal);
    setRetention(3650);
    expect((await ask<Dossier>('getDossier', { entityId: 'deepseek' }))!.timelineTotal).toBe(all.timelineTotal);
  });

  it('opens the manager at a dossier for the card link', async () => {
    const opened: string[] = [];
    const { ask } = service(undefined, opened);
    await ask('openDossier', { entityId: 'deepseek' });
    expect(opened).toEqual(['/options.html#dossier/deepseek']);
    await expect(ask('openDossier', { entityId: '../evil' })).rejects.toThrow(/entity id/);
  });
});

describe('predictions and outcomes', () => {
  it("shows Zuckerberg's tracked 2025 predictions with their pack outcomes and a track record", async () => {
    const { ask } = service();
    const { predictions, now } = await ask<{ predictions: Prediction[]; now: number }>('listPredictions', {});
    const zuck = predictions.filter((p) => p.speaker === 'mark-zuckerberg' && p.target?.year === 2025);
    expect(zuck.length).toBeGreaterThanOrEqual(4);
    expect(zuck.find((p) => p.id === 'tracked:zuckerberg-llama-4-leading-model-2025')?.status).toBe('missed');
    expect(zuck.find((p) => p.id === 'tracked:zuckerberg-meta-ai-1-billion-people-2025')?.status).toBe('came-true');
    // pending in the pack, its year over: overdue
    expect(zuck.find((p) => p.id === 'tracked:zuckerberg-1-3m-gpus-end-2025')).toMatchObject({
      status: 'overdue',
      target: { year: 2025, month: 12 },
    });
    expect(filterPredictions(predictions, { filter: 'decided' }, now).every((p) => p.decided)).toBe(true);
    const details = await ask<{ trackRecord: Parameters<typeof trackRecordLine>[0]; readClaims: number }>('getEntity', {
      id: 'mark-zuckerberg',
    });
    expect(trackRecordLine(details.trackRecord)).toMatch(/^Tracked predictions: 1 came true, (\d+ partly, )?1 missed, \d+ open$/);
  });

  it("a dossier's first screen counts the predictions and the list follows, soonest due first, as the whole dossier has them", async () => {
    const { ask } = service();
    const whole = (await ask<Dossier>('getDossier', { entityId: 'mark-zuckerberg' }))!;
    const first = (await ask<Dossier>('getDossier', { entityId: 'mark-zuckerberg', timelineLimit: 25 }))!;
    expect(first.predictions).toEqual([]);
    expect(first.predictionsTotal).toBe(whole.predictionsTotal);
    expect(first.predictionsTotal).toBeGreaterThanOrEqual(4);
    // the track record does not need the target dates: the same line from the count alone
    expect(trackRecordLine(first.trackRecord)).toBe(trackRecordLine(whole.trackRecord));
    const listed = await ask<Prediction[]>('getDossierPredictions', { entityId: 'mark-zuckerberg' });
    expect(listed.length).toBe(Math.min(12, whole.predictionsTotal));
    expect(listed.every((p) => whole.predictions.some((w) => w.id === p.id && w.status === p.status))).toBe(true);
    // open ones first, soonest due first
    const open = listed.filter((p) => !p.decided);
    expect(listed.slice(0, open.length)).toEqual(open);
    const dues = open.map((p) => p.due ?? Infinity);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(listed.find((p) => p.id === 'tracked:zuckerberg-1-3m-gpus-end-2025')?.status).toBe('overdue');
    expect(await ask('getDossierPredictions', { entityId: 'no-such-entity' })).toEqual([]);
    // a verdict set since shows at once (the list kept for the dossier is not reused)
    const target = open[0];
    await ask('setOutcome', { predictionId: target.id, outcome: 'missed', statement: target.statement, speaker: target.speaker });
    const again = await ask<Prediction[]>('getDossierPredictions', { entityId: 'mark-zuckerberg' });
    expect(again.find((p) => p.id === target.id)).toMatchObject({ status: 'missed', decided: true });
  });

  it('a reader-set outcome wins, and survives export and import into another browser', async () => {
    const a = service();
    await read(a.db, 'frontier-race.html', NOW - DAY);
    const id = 'tracked:zuckerberg-1-3m-gpus-end-2025';
    await a.ask('setOutcome', {
      predictionId: id,
      outcome: 'came-true',
      note: 'Meta said so in its Q4 call',
      source: 'https://investor.example/q4',
      statement: 'Meta ends 2025 with 1.3M GPUs',
      speaker: 'mark-zuckerberg',
    });
    await expect(
      a.ask('setOutcome', { predictionId: id, outcome: 'came-true', statement: 'x', source: 'javascript:alert(1)' }),
    ).rejects.toThrow(/http/);
    let list = (await a.ask<{ predictions: Prediction[] }>('listPredictions', {})).predictions;
    expect(list.find((p) => p.id === id)).toMatchObject({ status: 'came-true', outcome: { note: 'Meta said so in its Q4 call' } });
    const file = await a.ask<{ content: string }>('exportDossier', { entityId: 'meta', format: 'json' });
    const json = JSON.parse(file.content);
    expect(json.type).toBe('AnnotationCollection');
    expect(json.first.items.some((i: { motivation: string }) => i.motivation === 'assessing')).toBe(true);

    const b = service();
    const report = await b.ask<{ added: number; skipped: number }>('importOutcomes', { content: file.content });
    expect(report.added).toBe(1);
    list = (await b.ask<{ predictions: Prediction[] }>('listPredictions', {})).predictions;
    expect(list.find((p) => p.id === id)).toMatchObject({
      status: 'came-true',
      outcome: { note: 'Meta said so in its Q4 call', source: 'https://investor.example/q4' },
    });
    // importing the same file again changes nothing
    expect(await b.ask('importOutcomes', { content: file.content })).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
  });
});

describe('helpers', () => {
  it('links a passage with a text fragment of its first and last words', () => {
    expect(fragmentLink('https://a.example/x#top', 'one two three four five six seven eight nine ten')).toBe(
      'https://a.example/x#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten',
    );
    expect(fragmentLink('https://a.example/x', 'short, with-dash')).toBe('https://a.example/x#:~:text=short%2C%20with%2Ddash');
  });

  it('reads the publication date from page metadata', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><meta property="article:published_time" content="2025-02-02T08:00:00-08:00"></head><body></body></html>',
      'text/html',
    );
    expect(publishedDateOf(doc)).toBe('2025-02-02T08:00:00-08:00');
    const none = new DOMParser().parseFromString('<html><head><meta name="date" content="yesterday"></head></html>', 'text/html');
    expect(publishedDateOf(none)).toBeUndefined();
  });
});
