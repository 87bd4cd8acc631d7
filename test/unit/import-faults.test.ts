// Bad files given to the manager's importers (saved annotations, knowledge packs): malformed JSON,
// the wrong schema, a 50 MB file, duplicate ids, unknown versions. Each is refused or handled with
// a message that says what is wrong, and what was stored before is exactly as it was.
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const MANAGER = { id: ME, url: `chrome-extension://${ME}/options.html` };
const MB = 1024 * 1024;

type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

async function setUp() {
  const db = new BackstoryDB(`imports-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  let stored: Settings | undefined;
  const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
  const ask = async <T>(type: string, payload: unknown) =>
    (await handleMessage(service.handlers, ME, { type, payload }, MANAGER)) as Reply<T>;
  await service.ready;
  for (const exact of ['DeepSeek released DeepSeek R1', 'OpenAI answered with o1']) {
    const r = await ask('saveAnnotation', { url: 'https://news.example/a', title: 'A', exact, note: 'kept', tags: ['mine'] });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  const custom = await ask('saveCustomEntity', {
    entity: {
      id: 'acme-ai',
      name: 'Acme AI',
      type: 'org',
      aliases: [{ text: 'Acme AI' }],
      description: 'A lab the reader follows.',
      facts: [{ text: 'Founded in 2024.', asOf: '2024-05-01', source: 'https://acme.example/about' }],
    },
  });
  expect(custom.ok, JSON.stringify(custom)).toBe(true);
  /** Everything an import could touch, to compare before and after. */
  const snapshot = async () => ({
    annotations: (await db.annotations.toArray()).sort((a, b) => a.id.localeCompare(b.id)),
    entities: (await db.entities.toArray()).sort((a, b) => a.id.localeCompare(b.id)),
  });
  const exported = await ask<{ content: string }>('exportAnnotations', { format: 'json' });
  if (!exported.ok) throw new Error(exported.error);
  const packFile = await ask<{ content: string }>('exportPack', {});
  if (!packFile.ok) throw new Error(packFile.error);
  return { db, ask, snapshot, exported: exported.data.content, packFile: packFile.data.content };
}

/** A refusal a reader can act on: a sentence, not a stack trace, and not cut off. */
function expectClearRefusal(reply: Reply, mentions: RegExp) {
  expect(reply.ok, 'expected the import to be refused').toBe(false);
  if (reply.ok) return;
  expect(reply.error).toMatch(mentions);
  expect(reply.error).toMatch(/^This /);
  expect(reply.error).not.toMatch(/\bat \w+ \(|\[object /);
  expect(reply.error.length).toBeLessThan(2000);
}

describe('annotation import faults', () => {
  it.each([
    ['truncated JSON', (file: string) => file.slice(0, Math.floor(file.length / 2)), /not JSON/i],
    ['a CSV export given as JSON', () => 'id,created,quote\n1,2025-01-01,hello', /not JSON/i],
    ['an empty file', () => '', /not JSON/i],
    ['JSON of another kind', () => JSON.stringify({ name: 'my bookmarks', items: [1, 2, 3] }), /not a Backstory or W3C/i],
    ['a bare number', () => '42', /not a Backstory or W3C/i],
  ])('%s is refused and nothing changes', async (_name, make, message) => {
    const { ask, snapshot, exported } = await setUp();
    const before = await snapshot();
    expectClearRefusal(await ask('importAnnotations', { content: make(exported) }), message);
    expect(await snapshot()).toEqual(before);
  });

  it('annotations of the wrong shape are rejected one by one with their reasons; good ones in the same file are kept', async () => {
    const { ask, snapshot, exported } = await setUp();
    const before = await snapshot();
    const file = JSON.parse(exported);
    const good = structuredClone(file.first.items[0]);
    good.id = 'urn:uuid:00000000-0000-4000-8000-000000000001';
    file.first.items = [
      { ...good, target: { source: 'javascript:alert(1)', selector: good.target.selector } },
      {
        ...good,
        id: 'urn:x:no-quote',
        target: { source: 'https://news.example/b', selector: [{ type: 'TextPositionSelector', start: 1, end: 5 }] },
      },
      { ...good, id: 'urn:x:bad-type', type: 'Bookmark' },
      { ...good, id: 'urn:x:huge-note', body: [{ type: 'TextualBody', value: 'x'.repeat(200_000) }] },
      good,
    ];
    file.first.items[0].id = 'urn:x:script-url';
    const reply = await ask<{ total: number; added: string[]; rejected: { id?: string; reason: string }[] }>('importAnnotations', {
      content: JSON.stringify(file),
    });
    expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.total).toBe(5);
    expect(reply.data.added).toEqual([good.id]);
    expect(reply.data.rejected.map((r) => r.id).sort()).toEqual([
      'urn:x:bad-type',
      'urn:x:huge-note',
      'urn:x:no-quote',
      'urn:x:script-url',
    ]);
    for (const r of reply.data.rejected) expect(r.reason.length).toBeGreaterThan(10);
    const after = await snapshot();
    expect(after.annotations.filter((a) => a.id !== good.id)).toEqual(before.annotations);
  });

  it('duplicate ids, in the file and against what is stored: one record each, the newest edit kept, nothing else touched', async () => {
    const { ask, snapshot, exported, db } = await setUp();
    const before = await snapshot();
    const file = JSON.parse(exported);
    const [first, second] = file.first.items;
    const newer = {
      ...structuredClone(first),
      modified: new Date(Date.parse(first.modified) + 60_000).toISOString(),
      body: [{ type: 'TextualBody', value: 'edited later', purpose: 'commenting' }],
    };
    file.first.items = [first, newer, first, second, second];
    const reply = await ask<{ total: number; added: string[]; merged: string[]; unchanged: string[] }>('importAnnotations', {
      content: JSON.stringify(file),
    });
    expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.added).toEqual([]);
    expect(reply.data.merged).toEqual([first.id]);
    expect(reply.data.unchanged).toEqual([second.id]);
    expect(await db.annotations.count()).toBe(before.annotations.length);
    const stored = await db.annotations.get(first.id);
    expect(JSON.stringify(stored?.annotation.body)).toContain('edited later');
    expect((await db.annotations.get(second.id))?.annotation).toEqual(before.annotations.find((a) => a.id === second.id)?.annotation);
  });

  it('a 50 MB file: junk is refused quickly, too many annotations are refused with the limit, and nothing changes', async () => {
    const { ask, snapshot, exported } = await setUp();
    const before = await snapshot();
    const junk = 'x'.repeat(50 * MB);
    expectClearRefusal(await ask('importAnnotations', { content: junk }), /not JSON/i);

    const one = JSON.parse(exported).first.items[0];
    const item = JSON.stringify({ ...one, id: 'urn:x:ID' });
    const count = Math.ceil((50 * MB) / item.length);
    expect(count).toBeGreaterThan(100_000);
    const big = `{"type":"AnnotationCollection","total":${count},"first":{"type":"AnnotationPage","items":[${Array.from({ length: count }, (_, i) => item.replace('urn:x:ID', `urn:x:${i}`)).join(',')}]}}`;
    expect(big.length).toBeGreaterThan(50 * MB - 1);
    expectClearRefusal(await ask('importAnnotations', { content: big }), /at most 100000|at most 100,000/);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('a file over the message limit is refused before it is read', async () => {
    const { ask, snapshot } = await setUp();
    const before = await snapshot();
    // the manager checks the size first (test/e2e/hostile-imports.test.ts); this is the background's own backstop
    const reply = await ask('importAnnotations', { content: ' '.repeat(65 * MB) });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatch(/too large to import \(64 MB at most\)/);
    expect(await snapshot()).toEqual(before);
  }, 30_000);
});

describe('knowledge-pack import faults', () => {
  it.each([
    ['malformed JSON', (file: string) => file.replace(/}\s*$/, ''), /not JSON/i],
    [
      'an annotations export instead of a pack',
      () => JSON.stringify({ type: 'AnnotationCollection', total: 0 }),
      /not a valid Backstory pack/i,
    ],
    ['an unknown pack format', (file: string) => JSON.stringify({ ...JSON.parse(file), format: 99 }), /unknown pack format/i],
    [
      'a version that is not MAJOR.MINOR.PATCH',
      (file: string) => JSON.stringify({ ...JSON.parse(file), version: 'latest' }),
      /MAJOR\.MINOR\.PATCH/,
    ],
    [
      'an entity of an unknown type',
      (file: string) => {
        const p = JSON.parse(file);
        p.entities[0] = { ...p.entities[0], type: 'spaceship' };
        return JSON.stringify(p);
      },
      /not a valid Backstory pack/i,
    ],
    [
      'a source that is not https',
      (file: string) => {
        const p = JSON.parse(file);
        const e = p.entities.find((x: { facts?: unknown[] }) => x.facts?.length);
        e.facts[0].source = 'javascript:alert(1)';
        return JSON.stringify(p);
      },
      /https/i,
    ],
  ])('%s is refused and nothing changes', async (_name, make, message) => {
    const { ask, snapshot, packFile } = await setUp();
    const before = await snapshot();
    expectClearRefusal(await ask('importPack', { content: make(packFile) }), message);
    expect(await snapshot()).toEqual(before);
  });

  it('duplicate entity ids in one pack are refused, naming the id, and nothing changes', async () => {
    const { ask, snapshot, packFile } = await setUp();
    const before = await snapshot();
    const p = JSON.parse(packFile);
    p.entities.push({ ...p.entities.find((e: { id: string }) => e.id === 'acme-ai'), description: 'A second, different Acme AI.' });
    const reply = await ask('importPack', { content: JSON.stringify(p) });
    expectClearRefusal(reply, /acme-ai/);
    expect(await snapshot()).toEqual(before);
  });

  it('re-importing its own export changes nothing and says so', async () => {
    const { ask, snapshot, packFile } = await setUp();
    const before = await snapshot();
    const reply = await ask<{ added: string[]; updated: string[]; unchanged: string[] }>('importPack', { content: packFile });
    expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
    if (reply.ok) {
      expect(reply.data.added).toEqual([]);
      expect(reply.data.updated).toEqual([]);
      expect(reply.data.unchanged).toContain('acme-ai');
    }
    expect(await snapshot()).toEqual(before);
  });
});
