// The manager page against the real background handlers (fake-indexeddb): search, filters, edit,
// delete with undo, bulk delete, import report, custom entities, settings.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';
import { ManagerView, type ManagerTab } from '../../components/ManagerView';
import type { DownloadFile, ManagerAsk } from '../../components/manager-shared';
import { createAnnotation } from '../../lib/annotations/model';
import { toJson } from '../../lib/annotations/io';

afterEach(cleanup);

const quotes = () => Array.from(document.querySelectorAll('blockquote.quote'));

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const NOW = Date.parse('2026-03-10T15:00:00Z');

function setup() {
  let stored: Settings | undefined;
  const db = new BackstoryDB(`manager-${Math.random()}`);
  const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
  const ask: ManagerAsk = async (type, payload) => {
    const r = await handleMessage(service.handlers, ME, { type, payload }, { id: ME, url: 'chrome-extension://x/options.html' });
    if (!r.ok) throw new Error(r.error);
    return r.data as never;
  };
  const downloads: DownloadFile[] = [];
  const opened: string[] = [];
  const view = (tab: ManagerTab) =>
    render(
      <ManagerView
        ask={ask}
        tab={tab}
        onTab={() => undefined}
        download={(f) => downloads.push(f)}
        openUrl={(u) => opened.push(u)}
        now={() => NOW}
      />,
    );
  return { db, ask, downloads, opened, view };
}

async function seed(ask: ManagerAsk) {
  const items = [
    {
      url: 'https://news.example/a',
      title: 'Costs story',
      exact: 'the final training run cost about $5.6 million',
      note: 'only the last run',
      tags: ['costs'],
      days: 0,
    },
    { url: 'https://news.example/b', title: 'Chips story', exact: 'export rules on Nvidia H800 chips', tags: ['policy', 'chips'], days: 1 },
    {
      url: 'https://other.example/c',
      title: 'Open weights',
      exact: 'weights free to download under the MIT licence',
      entityId: 'deepseek-r1',
      entityName: 'DeepSeek R1',
      days: 40,
    },
  ];
  const list = items.map((i) => createAnnotation(i, new Date(NOW - i.days * 86_400_000 - 60_000)));
  await ask('importAnnotations', { content: toJson(list) });
  return list;
}

describe('manager: saved annotations', () => {
  it('lists newest first, grouped by day, with site, title, note, tags and entity', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('saved');
    await screen.findByText('the final training run cost about $5.6 million');
    const texts = quotes().map((q) => q.textContent);
    expect(texts).toEqual([
      'the final training run cost about $5.6 million',
      'export rules on Nvidia H800 chips',
      'weights free to download under the MIT licence',
    ]);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Today',
      'Yesterday',
      expect.stringMatching(/2026/),
    ]);
    expect(screen.getByText('only the last run')).toBeTruthy();
    expect(screen.getByRole('status', { name: '' }).textContent ?? '').toMatch(/3 annotations/);
    const filters = screen.getByRole('complementary', { name: 'Filters' });
    expect(within(filters).getByRole('button', { name: /news\.example 2/ })).toBeTruthy();
    expect(within(filters).getByRole('button', { name: /DeepSeek R1 1/ })).toBeTruthy();
  });

  it('searches quote, note and tags, and filters by site, tag, entity and date', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('saved');
    await screen.findByText('export rules on Nvidia H800 chips');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'last run' } });
    await waitFor(() => expect(quotes()).toHaveLength(1));
    expect(quotes()[0].textContent).toMatch(/\$5\.6 million/);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    await waitFor(() => expect(quotes()).toHaveLength(3));

    const filters = screen.getByRole('complementary', { name: 'Filters' });
    fireEvent.click(within(filters).getByRole('button', { name: /#policy/ }));
    await waitFor(() => expect(quotes()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.click(within(filters).getByRole('button', { name: /Past 7 days/ }));
    await waitFor(() => expect(quotes()).toHaveLength(2));
    fireEvent.click(within(filters).getByRole('button', { name: /Any time/ }));
    fireEvent.click(await within(filters).findByRole('button', { name: /DeepSeek R1/ }));
    await waitFor(() => expect(quotes().map((b) => b.textContent)).toEqual(['weights free to download under the MIT licence']));
  });

  it('edits the note and tags inline', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('saved');
    const item = (await screen.findByText('export rules on Nvidia H800 chips')).closest('li')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    fireEvent.input(within(item).getByRole('textbox', { name: 'Note' }), { target: { value: 'affects the V3 numbers' } });
    fireEvent.input(within(item).getByRole('textbox', { name: 'Tags' }), { target: { value: 'policy, hardware' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Save' }));
    await within(item).findByText('affects the V3 numbers');
    expect(within(item).getByRole('button', { name: '#hardware' })).toBeTruthy();
    const stored = await ask('listAnnotations', { text: 'v3 numbers' });
    expect(stored.total).toBe(1);
  });

  it('deletes one or many with undo', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('saved');
    const item = (await screen.findByText('export rules on Nvidia H800 chips')).closest('li')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted 1 annotation.');
    await waitFor(() => expect(quotes()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(quotes()).toHaveLength(3));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete 3' }));
    await screen.findByText('Deleted 3 annotations.');
    await screen.findByText('Nothing saved yet');
    expect((await ask('listAnnotations', {})).total).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(quotes()).toHaveLength(3));
  });

  it('opens the page at the passage with a text fragment', async () => {
    const { ask, view, opened } = setup();
    await seed(ask);
    view('saved');
    const item = (await screen.findByText('export rules on Nvidia H800 chips')).closest('li')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Open' }));
    expect(opened).toEqual(['https://news.example/b#:~:text=export%20rules%20on%20Nvidia%20H800%20chips']);
  });

  it('pages through a long list', async () => {
    const { ask, view } = setup();
    const many = Array.from({ length: 120 }, (_, i) =>
      createAnnotation(
        { url: `https://s${i % 7}.example/p${i}`, title: `Page ${i}`, exact: `passage number ${i}` },
        new Date(NOW - i * 1000),
      ),
    );
    await ask('importAnnotations', { content: toJson(many) });
    view('saved');
    await screen.findByText('passage number 0');
    // the first screenful first, the rest of the page a frame later
    await waitFor(() => expect(quotes()).toHaveLength(50));
    expect(screen.getByText('Showing 50 of 120')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    await waitFor(() => expect(quotes()).toHaveLength(100));
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more' }));
    await waitFor(() => expect(quotes()).toHaveLength(120));
  });
});

describe('manager: import, export, storage', () => {
  it('exports each format and shows an import report with rejected reasons', async () => {
    const { ask, view, downloads } = setup();
    const list = await seed(ask);
    view('data');
    fireEvent.click(await screen.findByRole('button', { name: /^JSON/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(JSON.parse(downloads[0].content).first.items).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: /^Markdown/ }));
    await waitFor(() => expect(downloads[1]?.filename).toMatch(/\.md$/));

    const file = JSON.stringify([list[0], { ...list[1], id: 'x', target: { source: 'ftp://x', selector: [] } }]);
    const input = screen.getByLabelText('Choose an annotations file to import') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([file], 'mine.json', { type: 'application/json' })], configurable: true });
    fireEvent.change(input);
    const report = await screen.findByRole('status', { name: 'Import report' });
    expect(report.textContent).toMatch(/2 in the file/);
    expect(report.textContent).toMatch(/0 added/);
    expect(report.textContent).toMatch(/1 already here/);
    expect(within(report).getByRole('table').textContent).toMatch(/target\.source: must be an http\(s\) URL/);
  });

  it('refuses a broken file without touching what is stored', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('data');
    const input = (await screen.findByLabelText('Choose an annotations file to import')) as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['{"first": '], 'broken.json')], configurable: true });
    fireEvent.change(input);
    expect((await screen.findByText(/Nothing was imported/)).textContent).toMatch(/not JSON/);
    expect((await ask('listAnnotations', {})).total).toBe(3);
  });

  it('clears all data only after confirmation', async () => {
    const { ask, view } = setup();
    await seed(ask);
    view('data');
    fireEvent.click(await screen.findByRole('button', { name: 'Clear all data…' }));
    expect((await ask('listAnnotations', {})).total).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    await screen.findByText('All data cleared.');
    expect((await ask('listAnnotations', {})).total).toBe(0);
  });
});

describe('manager: custom entities and settings', () => {
  it('adds, edits and deletes a custom entity; a bad one gets the validator’s message', async () => {
    const { ask, view } = setup();
    view('entities');
    fireEvent.click(await screen.findByRole('button', { name: 'Add entity' }));
    const form = screen.getByRole('form', { name: 'New entity' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Name' }), { target: { value: 'Tessera Labs' } });
    fireEvent.input(within(form).getByRole('textbox', { name: /aliases/ }), { target: { value: 'Tessera, Tessera AI' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Description' }), {
      target: { value: 'A small lab that trains open models.' },
    });
    fireEvent.input(within(form).getByRole('textbox', { name: /Links/ }), { target: { value: 'Website http://tessera.example' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toMatch(/links.*url.*https/i);
    fireEvent.input(within(form).getByRole('textbox', { name: /Links/ }), { target: { value: 'Website https://tessera.example' } });
    fireEvent.submit(form);
    await screen.findByText('A small lab that trains open models.');
    const [entity] = await ask('listCustomEntities', {});
    expect(entity).toMatchObject({
      id: 'tessera-labs',
      type: 'org',
      aliases: [{ text: 'Tessera Labs' }, { text: 'Tessera' }, { text: 'Tessera AI' }],
      links: [{ label: 'Website', url: 'https://tessera.example' }],
      custom: true,
    });
    // the detector's alias table now knows it
    const config = await ask('getContentConfig', { url: 'https://news.example/' });
    expect(config.table.entities.some((e) => e.id === 'tessera-labs')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Tessera Labs' }));
    await screen.findByText('No custom entities yet.');
    expect(await ask('listCustomEntities', {})).toEqual([]);
  });

  it('changes settings and the per-site list', async () => {
    const { ask, view } = setup();
    view('settings');
    fireEvent.click(await screen.findByRole('checkbox', { name: /Pause Backstory everywhere/ }));
    await waitFor(async () => expect((await ask('getSettings', {})).paused).toBe(true));
    fireEvent.input(screen.getByRole('textbox', { name: 'Site to turn off' }), { target: { value: 'https://www.Example.com/news' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off on this site' }));
    await screen.findByText('www.example.com');
    expect((await ask('getSettings', {})).disabledSites).toEqual(['www.example.com']);
    fireEvent.click(screen.getByRole('button', { name: 'Turn Backstory back on for www.example.com' }));
    await waitFor(async () => expect((await ask('getSettings', {})).disabledSites).toEqual([]));
  });
});
