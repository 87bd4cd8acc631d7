// Live context, discovered names and pack updates through the background's real message path.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { openDatabase } from '../../lib/db/database';
import type { DiscoveredName } from '../../lib/discover/types';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../../lib/messaging/protocol';
import type { Settings } from '../../lib/settings';
import { fakeFetch, json } from './live-fakes';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const fromTab = { id: ME, tab: { id: 7, url: 'https://news.example/a' } };
const fromManager = { id: ME, url: 'chrome-extension://x/options.html' };

const ARTICLE = 'Élodie Marchand, the chief executive of OpenAI, spoke about AI models. Marchand said more.';

const ELODIE: DiscoveredName = {
  key: 'élodie marchand',
  name: 'Élodie Marchand',
  type: 'person',
  role: 'chief executive',
  org: 'OpenAI',
  orgEntityId: 'openai',
  spans: [{ start: 0, end: 15 }],
  sentences: ['Élodie Marchand, the chief executive of OpenAI, spoke.'],
  evidence: 'person, role',
};

function setup(handler: (url: URL) => Response | Promise<Response> = () => json({}, 404)) {
  let stored: Partial<Settings> | undefined;
  const fake = fakeFetch(handler);
  const db = openDatabase(`test-live-${Math.random()}`);
  const service = createBackgroundService({
    db,
    pack,
    settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
    fetch: fake.fetch,
  });
  async function ask<K extends BackgroundType>(
    type: K,
    payload: ReqOf<ToBackground, K>,
    sender: object = fromManager,
  ): Promise<ResOf<ToBackground, K>> {
    const r = await handleMessage(service.handlers, ME, { type, payload }, sender);
    if (!r.ok) throw new Error(r.error);
    return r.data as ResOf<ToBackground, K>;
  }
  return { service, ask, fake, db };
}

describe('live context messages', () => {
  it('is off by default: a card asks and nothing is fetched', async () => {
    const { ask, fake } = setup();
    expect((await ask('getSettings', {})).liveContext).toBe(false);
    expect(await ask('getLiveContext', { entityId: 'openai' }, fromTab)).toEqual({ status: 'off' });
    expect(fake.calls).toHaveLength(0);
  });

  it('once on, asks the configured Wikipedia for the pack entity’s title only', async () => {
    const { ask, fake, service } = setup((url) =>
      url.pathname.endsWith('/OpenAI')
        ? json({ type: 'standard', title: 'OpenAI', description: 'American AI research organization', extract: 'OpenAI is an AI lab.' })
        : json({}, 404),
    );
    await service.ready;
    await ask('updateSettings', { patch: { wikipediaBase: 'http://127.0.0.1:9', wikidataBase: 'http://127.0.0.1:9' } });
    await ask('setLiveContext', { on: true });
    await service.ready;
    // the mini pack's OpenAI has no Wikipedia title: a custom entity with one
    await ask('saveCustomEntity', { entity: { ...pack.entities.find((e) => e.id === 'openai')!, id: 'openai-lab', wikipedia: 'OpenAI' } });
    const result = await ask('getLiveContext', { entityId: 'openai-lab' }, fromTab);
    expect(result.status).toBe('ok');
    expect(result.summary?.value.description).toBe('American AI research organization');
    expect(fake.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api/rest_v1/page/summary/OpenAI']);
    expect(await ask('getLiveContext', { entityId: 'deepseek' }, fromTab)).toEqual({ status: 'no-source' });
  });

  it('rejects malformed requests with a clear message', async () => {
    const { service } = setup();
    const r = await handleMessage(service.handlers, ME, { type: 'setLiveContext', payload: { on: 'yes' } }, fromManager);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toMatch(/setLiveContext/);
  });
});

describe('discovered names', () => {
  it('finds a tab’s new names in the background; the popup lists them; the card gets details built from the article', async () => {
    const { ask, service } = setup();
    await service.ready;
    const found = await ask('discoverOnPage', { url: 'https://news.example/a', text: ARTICLE, mentions: [] }, fromTab);
    expect(found.map((n) => n.name)).toEqual(['Élodie Marchand']);
    expect(found[0]).toMatchObject({ role: 'chief executive', org: 'OpenAI', orgEntityId: 'openai' });
    expect((await ask('getDiscovered', { tabId: 7 })).map((n) => n.key)).toEqual(['élodie marchand']);
    const details = await ask('getEntity', { id: 'discovered:élodie marchand' }, fromTab);
    expect(details?.entity).toMatchObject({
      name: 'Élodie Marchand',
      type: 'person',
      facts: [],
      description: 'Chief executive, OpenAI, as this article describes them.',
    });
    expect(details?.related).toEqual([{ id: 'openai', name: 'OpenAI', type: 'org', relation: 'role', role: 'chief executive' }]);
    // another tab does not see this tab's names
    expect(await ask('getEntity', { id: 'discovered:élodie marchand' }, { id: ME, tab: { id: 8 } })).toBeNull();
  });

  it('finds them in the text a page report already carries when the report asks (one copy of the text)', async () => {
    const { ask, service } = setup();
    await service.ready;
    const report = { url: 'https://news.example/a', title: 'A', relevance: 1, gated: false, forced: true, mentions: [], text: ARTICLE };
    const plain = await ask('reportPage', report, fromTab);
    expect(plain.discovered).toBeUndefined();
    expect(await ask('getDiscovered', { tabId: 7 })).toEqual([]);
    const reply = await ask('reportPage', { ...report, discover: true }, fromTab);
    expect(reply.discovered?.map((n) => n.name)).toEqual(['Élodie Marchand']);
    const later = ARTICLE.lastIndexOf('Marchand');
    expect(reply.discovered?.[0].spans).toEqual([
      { start: 0, end: 15 },
      { start: later, end: later + 8 },
    ]);
    // the popup and the card see the tab's names as before
    expect((await ask('getDiscovered', { tabId: 7 })).map((n) => n.key)).toEqual(['élodie marchand']);
  });

  it('promotes a name to a valid custom entity in one step, detected from then on', async () => {
    const { ask, service, db } = setup();
    await service.ready;
    await ask('discoverOnPage', { url: 'https://news.example/a', text: ARTICLE, mentions: [] }, fromTab);
    const { entityId } = await ask(
      'promoteDiscovered',
      { name: ELODIE.name, type: 'person', role: ELODIE.role, org: ELODIE.org, orgEntityId: 'openai' },
      fromTab,
    );
    expect(entityId).toBe('elodie-marchand');
    const record = await db.entities.get('elodie-marchand');
    expect(record).toMatchObject({
      origin: 'custom',
      name: 'Élodie Marchand',
      type: 'person',
      relations: [{ type: 'role', target: 'openai', role: 'chief executive' }],
    });
    expect(record?.aliases.map((a) => a.text)).toEqual(['Élodie Marchand', 'Marchand']);
    expect(record?.description).toBe('Chief executive, OpenAI. Added from an article you read.');
    const config = await ask('getContentConfig', { url: 'https://news.example/b' }, fromTab);
    expect(config.table.entities.some((e) => e.id === 'elodie-marchand')).toBe(true);
    expect(await ask('getDiscovered', { tabId: 7 })).toEqual([]);
    expect((await ask('discoveredDecisions', {})).map((d) => [d.key, d.status])).toEqual([['élodie marchand', 'promoted']]);
    // a second promotion of a namesake gets its own id
    const again = await ask('promoteDiscovered', { name: 'Élodie Marchand', type: 'person' }, fromTab);
    expect(again.entityId).toBe('elodie-marchand-2');
  });

  it('dismisses a name for good, and the manager can undo it', async () => {
    const { ask } = setup();
    await ask('dismissDiscovered', { name: 'Quorra  Labs', type: 'org' }, fromTab);
    expect((await ask('discoveredDecisions', {})).map((d) => [d.key, d.status])).toEqual([['quorra labs', 'dismissed']]);
    await ask('undoDiscoveredDecision', { name: 'Quorra Labs' });
    expect(await ask('discoveredDecisions', {})).toEqual([]);
  });

  it('leaves out names the reader dismissed', async () => {
    const { ask, service } = setup();
    await service.ready;
    await ask('dismissDiscovered', { name: ELODIE.name, type: 'person' }, fromTab);
    expect(await ask('discoverOnPage', { url: 'https://news.example/a', text: ARTICLE, mentions: [] }, fromTab)).toEqual([]);
  });
});

describe('a service worker restart', () => {
  it('keeps the tabs’ new names, so a card opened later still has its details', async () => {
    let session: unknown;
    const store = { get: async () => session, set: async (v: unknown) => void (session = v) };
    const db = openDatabase(`test-live-${Math.random()}`);
    const make = () =>
      createBackgroundService({
        db,
        pack,
        settingsStore: { get: async () => undefined, set: async () => undefined },
        discoveredSession: store,
      });
    const first = make();
    await first.ready;
    await handleMessage(
      first.handlers,
      ME,
      { type: 'discoverOnPage', payload: { url: 'https://news.example/a', text: ARTICLE, mentions: [] } },
      fromTab,
    );
    const second = make();
    const details = await handleMessage(second.handlers, ME, { type: 'getEntity', payload: { id: 'discovered:élodie marchand' } }, fromTab);
    expect(details).toMatchObject({ ok: true, data: { entity: { name: 'Élodie Marchand' } } });
  });
});

describe('pack updates', () => {
  const newer = {
    ...pack,
    version: '0.0.2',
    entities: [
      ...pack.entities,
      { id: 'tessera', type: 'org', name: 'Tessera Labs', aliases: [{ text: 'Tessera Labs' }], description: 'A lab.', facts: [] },
    ],
  };

  it('checks the configured URL, installs a newer valid pack and keeps custom entities', async () => {
    const { ask, service, db } = setup((url) => (url.pathname === '/pack.json' ? json(newer) : json({}, 404)));
    await service.ready;
    expect(await ask('checkPackUpdate', {})).toEqual({ status: 'no-url' });
    await ask('saveCustomEntity', {
      entity: { id: 'my-lab', type: 'org', name: 'My Lab', aliases: [{ text: 'My Lab' }], description: 'Mine.', facts: [] },
    });
    await ask('updateSettings', { patch: { packUpdateUrl: 'https://packs.example/pack.json' } });
    expect(await ask('checkPackUpdate', {})).toEqual({
      status: 'available',
      installed: '0.0.1',
      remote: '0.0.2',
      entities: pack.entities.length + 1,
    });
    expect(await ask('installPackUpdate', {})).toEqual({ version: '0.0.2', entities: pack.entities.length + 1 });
    expect(await ask('getPackInfo', {})).toMatchObject({ version: '0.0.2' });
    expect(await db.entities.get('my-lab')).toMatchObject({ origin: 'custom' });
    expect(await db.entities.get('tessera')).toMatchObject({ origin: 'pack' });
    expect(await ask('checkPackUpdate', {})).toEqual({ status: 'up-to-date', installed: '0.0.2', remote: '0.0.2' });
    await expect(ask('installPackUpdate', {})).rejects.toThrow(/Check for an update first/);

    // a background restart keeps the newer pack instead of going back to the bundled one
    const restarted = createBackgroundService({ db, pack, settingsStore: { get: async () => undefined, set: async () => undefined } });
    await restarted.ready;
    const info = await handleMessage(restarted.handlers, ME, { type: 'getPackInfo', payload: {} }, fromManager);
    expect(info).toMatchObject({ ok: true, data: { version: '0.0.2' } });
  });

  it('refuses an invalid pack with the reasons, and leaves the installed one alone', async () => {
    const { ask, service } = setup(() => json({ ...newer, version: 'two' }));
    await service.ready;
    await ask('updateSettings', { patch: { packUpdateUrl: 'https://packs.example/pack.json' } });
    const result = await ask('checkPackUpdate', {});
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.errors.join(' ')).toMatch(/version/);
    expect(await ask('getPackInfo', {})).toMatchObject({ version: '0.0.1' });
  });
});
