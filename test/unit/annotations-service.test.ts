import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { openDatabase } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../../lib/messaging/protocol';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const fromTab = { id: ME, tab: { id: 7, url: 'https://news.example/a' } };
const fromManager = { id: ME, url: 'chrome-extension://x/options.html' };

function setup(extra: { askTab?: (tabId: number, type: string, payload: unknown) => Promise<unknown> } = {}) {
  let stored: Settings | undefined;
  const service = createBackgroundService({
    db: openDatabase(`test-ann-${Math.random()}`),
    pack,
    settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
    ...extra,
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
  return { service, ask };
}

const TEXT = 'DeepSeek, a lab in Hangzhou, released R1 in January. Its costs stunned Silicon Valley investors.';

describe('saved annotations through the background messages', () => {
  it('saves from offsets with the exact text, as the card and popup send them, in the W3C model', async () => {
    const { ask } = setup();
    const start = TEXT.indexOf('released R1');
    const saved = await ask(
      'saveAnnotation',
      {
        url: 'https://news.example/a?utm_source=x',
        canonicalUrl: 'https://news.example/a',
        title: 'A story',
        start,
        end: start + 11,
        exact: 'released R1',
        entityId: 'deepseek-r1',
        entityName: 'DeepSeek R1',
        note: 'check the date',
        tags: ['models', 'china'],
      },
      fromTab,
    );
    const a = saved.annotation;
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.type).toBe('Annotation');
    expect(a['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(a.created).toBe(a.modified);
    expect(a.target.source).toBe('https://news.example/a');
    expect(a.target.scope).toBe('https://news.example/a?utm_source=x');
    expect(a.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'released R1' },
      { type: 'TextPositionSelector', start, end: start + 11 },
    ]);
    expect(a.body).toEqual([
      { type: 'TextualBody', value: 'check the date', purpose: 'commenting', format: 'text/plain' },
      { type: 'TextualBody', value: 'models', purpose: 'tagging' },
      { type: 'TextualBody', value: 'china', purpose: 'tagging' },
      { id: 'urn:backstory:entity:deepseek-r1', type: 'TextualBody', value: 'DeepSeek R1', purpose: 'identifying' },
    ]);
    const forPage = await ask('annotationsForPage', { url: 'https://news.example/a' }, fromTab);
    expect(forPage.map((s) => s.annotation.id)).toEqual([a.id]);
  });

  it('asks the tab for prefix and suffix when only offsets come in, and tells the tab to repaint', async () => {
    const calls: string[] = [];
    const { ask } = setup({
      askTab: async (tabId, type, payload) => {
        calls.push(`${tabId}:${type}`);
        if (type === 'describeRange') {
          const { start, end } = payload as { start: number; end: number };
          return {
            selectors: [
              {
                type: 'TextQuoteSelector',
                exact: TEXT.slice(start, end),
                prefix: TEXT.slice(start - 10, start),
                suffix: TEXT.slice(end, end + 10),
              },
              { type: 'TextPositionSelector', start, end },
            ],
          };
        }
        return { anchored: 1, orphans: 0 };
      },
    });
    const start = TEXT.indexOf('Its costs');
    const saved = await ask('saveAnnotation', {
      url: 'https://news.example/b',
      title: 'B',
      start,
      end: start + 9,
      exact: 'Its costs',
      claim: { text: 'Its costs stunned Silicon Valley investors.', kind: 'other' },
      tabId: 3,
    });
    expect(saved.annotation.target.selector[0]).toMatchObject({ exact: 'Its costs', prefix: ' January. ', suffix: ' stunned S' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['3:describeRange', '3:annotationsChanged']);
  });

  it('rejects a save with nothing to anchor, naming the problem', async () => {
    const { service } = setup();
    const r = await handleMessage(
      service.handlers,
      ME,
      { type: 'saveAnnotation', payload: { url: 'https://news.example/a', title: 'x', note: 'hi' } },
      fromTab,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/TextQuoteSelector|exact text/);
  });

  it('lists newest first, searches quote, note and tags, edits, deletes with undo', async () => {
    const { ask } = setup();
    const ids: string[] = [];
    for (const [i, exact] of ['first quote about Hangzhou', 'second quote about costs', 'third quote about Silicon Valley'].entries()) {
      const saved = await ask(
        'saveAnnotation',
        {
          url: `https://site${i % 2}.example/p`,
          title: `Page ${i}`,
          exact,
          note: i === 1 ? 'Remember the GPU figure' : undefined,
          tags: i === 2 ? ['Valley'] : [],
        },
        fromTab,
      );
      ids.push(saved.annotation.id);
      await new Promise((r) => setTimeout(r, 2));
    }
    const all = await ask('listAnnotations', {});
    expect(all.total).toBe(3);
    expect(all.items.map((s) => s.annotation.id)).toEqual([...ids].reverse());
    expect(all.facets.sites).toEqual([
      { value: 'site0.example', label: 'site0.example', count: 2 },
      { value: 'site1.example', label: 'site1.example', count: 1 },
    ]);
    expect((await ask('listAnnotations', { text: 'gpu' })).items.map((s) => s.annotation.id)).toEqual([ids[1]]);
    expect((await ask('listAnnotations', { text: 'valley' })).total).toBe(1);
    expect((await ask('listAnnotations', { tag: 'valley' })).items[0].annotation.id).toBe(ids[2]);
    expect((await ask('listAnnotations', { site: 'site0.example', text: 'quote' })).total).toBe(2);

    const edited = await ask('updateAnnotation', { id: ids[0], note: 'a new note', tags: ['china', 'labs'] });
    expect(edited.annotation.modified > edited.annotation.created).toBe(true);
    expect((await ask('listAnnotations', { text: 'new note labs' })).items.map((s) => s.annotation.id)).toEqual([ids[0]]);

    const { deleted } = await ask('deleteAnnotations', { ids: [ids[0], ids[2]] });
    expect(deleted).toHaveLength(2);
    expect((await ask('listAnnotations', {})).total).toBe(1);
    await ask('restoreAnnotations', { items: deleted });
    const back = await ask('listAnnotations', {});
    expect(back.total).toBe(3);
    expect(back.items.find((s) => s.annotation.id === ids[0])?.annotation).toEqual(edited.annotation);
  });
});

describe('finding a page’s annotations', () => {
  it('matches the same article without tracking parameters or a #fragment, and by canonical URL', async () => {
    const { ask } = setup();
    const saved = await ask(
      'saveAnnotation',
      { url: 'https://news.example/story?id=7&utm_source=newsletter&fbclid=x#comments', title: 'S', exact: 'a quote' },
      fromTab,
    );
    expect(saved.annotation.target.source).toBe('https://news.example/story?id=7');
    expect(saved.annotation.target.scope).toBe('https://news.example/story?id=7&utm_source=newsletter&fbclid=x#comments');
    for (const url of [
      'https://news.example/story?id=7',
      'https://news.example/story?id=7&utm_medium=social',
      'https://news.example/story?id=7#top',
    ]) {
      expect(
        (await ask('annotationsForPage', { url }, fromTab)).map((s) => s.annotation.id),
        url,
      ).toEqual([saved.annotation.id]);
    }
    expect(await ask('annotationsForPage', { url: 'https://news.example/story?id=8' }, fromTab)).toEqual([]);
    const canonical = await ask(
      'saveAnnotation',
      { url: 'https://m.news.example/x', canonicalUrl: 'https://news.example/x', title: 'X', exact: 'other' },
      fromTab,
    );
    expect(
      (await ask('annotationsForPage', { url: 'https://amp.news.example/x', canonicalUrl: 'https://news.example/x' }, fromTab)).map(
        (s) => s.annotation.id,
      ),
    ).toEqual([canonical.annotation.id]);
  });
});

describe('pack files and custom entities', () => {
  const custom = {
    id: 'tessera-labs',
    type: 'org',
    name: 'Tessera Labs',
    aliases: [{ text: 'Tessera Labs' }],
    description: 'A small lab.',
    facts: [],
    links: [{ label: 'Site', url: 'https://tessera.example' }],
  };

  it('exports the pack with custom entities; importing it back changes nothing', async () => {
    const { ask } = setup();
    await ask('saveCustomEntity', { entity: custom });
    const file = await ask('exportPack', {});
    const data = JSON.parse(file.content);
    expect(data.format).toBe(1);
    expect(data.entities[0]).toMatchObject({ id: 'tessera-labs', custom: true });
    expect(data.entities).toHaveLength(pack.entities.length + 1);
    const report = await ask('importPack', { content: file.content });
    expect(report).toEqual({ added: [], updated: [], unchanged: data.entities.map((e: { id: string }) => e.id), rejected: [] });
  });

  it('imports new and changed entities as custom ones, rebuilds the alias table, and restores a pack entity a custom one shadowed', async () => {
    const { ask } = setup();
    const file = JSON.parse((await ask('exportPack', {})).content);
    const deepseek = file.entities.find((e: { id: string }) => e.id === 'deepseek');
    deepseek.description = 'Edited by me.';
    file.entities.push({ ...custom, aliases: [{ text: 'Tessera' }] });
    const report = await ask('importPack', { content: JSON.stringify(file) });
    expect(report.added).toEqual(['tessera-labs']);
    expect(report.updated).toEqual(['deepseek']);
    const config = await ask('getContentConfig', { url: 'https://news.example/' });
    expect(config.table.aliases.some((a) => a.text === 'Tessera')).toBe(true);
    expect((await ask('getEntity', { id: 'deepseek' }))?.entity.description).toBe('Edited by me.');
    await ask('deleteCustomEntity', { id: 'deepseek' });
    expect((await ask('getEntity', { id: 'deepseek' }))?.entity.description).toBe(
      pack.entities.find((e) => e.id === 'deepseek')!.description,
    );
  });

  it('refuses an invalid pack file or entity with the field named, changing nothing', async () => {
    const { ask } = setup();
    await expect(ask('importPack', { content: '{"format": 1, "version": "x"}' })).rejects.toThrow(/not a valid Backstory pack.*version/s);
    await expect(ask('importPack', { content: 'nope' })).rejects.toThrow(/not JSON/);
    await expect(ask('saveCustomEntity', { entity: { ...custom, id: 'Bad Id' } })).rejects.toThrow(/id: ids are lowercase/);
    expect(await ask('listCustomEntities', {})).toEqual([]);
  });
});
