// The dossier and predictions views against the real background handlers (fake-indexeddb) and the
// real pack; and the card's track-record line and dossier link.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { recordPageClaims } from '../../lib/db/claim-history';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';
import { ManagerView, type ManagerTab } from '../../components/ManagerView';
import type { ManagerAsk } from '../../components/manager-shared';
import { Card } from '../../components/Card';
import { EntityList } from '../../components/EntityList';
import type { EntityDetails } from '../../lib/messaging/protocol';
import type { PageClaim } from '../../lib/claims/types';

afterEach(cleanup);

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../../assets/pack'));
const ME = 'backstory-test-id';
const NOW = Date.now();
const DAY = 86_400_000;
/** the machine may be busy: waiting is not timing, so allow it */
const SLOW = { timeout: 8000 };

function setup() {
  let stored: Partial<Settings> | undefined;
  const db = new BackstoryDB(`dossier-view-${Math.random()}`);
  const service = createBackgroundService({
    db,
    pack,
    settingsStore: { get: async () => stored as Settings, set: async (v) => void (stored = v) },
  });
  const ask: ManagerAsk = async (type, payload) => {
    const r = await handleMessage(service.handlers, ME, { type, payload }, { id: ME });
    if (!r.ok) throw new Error(r.error);
    return r.data as never;
  };
  const tabs: [ManagerTab, string | null | undefined][] = [];
  const view = (tab: ManagerTab, param: string | null = null) =>
    render(
      <ManagerView
        ask={ask}
        tab={tab}
        param={param}
        onTab={(t, p) => tabs.push([t, p])}
        download={() => undefined}
        openUrl={() => undefined}
      />,
    );
  return { db, ask, view, tabs };
}

function claim(text: string, kind: PageClaim['kind'], extra: Partial<PageClaim> = {}): PageClaim {
  return { start: 0, end: text.length, text, kind, subjects: ['deepseek'], speaker: null, numbers: [], links: [], score: 1, ...extra };
}

async function seed(db: BackstoryDB) {
  const usd = (v: number, raw: string, metric: string) => ({ min: v, max: v, unit: 'USD', raw, metric });
  await recordPageClaims(
    db,
    { url: 'https://news.example/one', title: 'First story', published: '2025-01-26' },
    [
      claim('DeepSeek put the cost of its final training run at about $5.6 million.', 'quantity', {
        numbers: [usd(5.6e6, '$5.6 million', 'training-cost')],
        metric: 'training-cost',
      }),
      claim('Liang Wenfeng said DeepSeek will stay open.', 'quote', { speaker: 'liang-wenfeng' }),
    ],
    NOW - 2 * DAY,
  );
  await recordPageClaims(
    db,
    { url: 'https://news.example/two', title: 'Second story', published: '2025-02-02' },
    [
      claim('Analysts put DeepSeek’s hardware spending at $1.6 billion.', 'quantity', {
        numbers: [usd(1.6e9, '$1.6 billion', 'hardware-spend')],
        metric: 'hardware-spend',
      }),
    ],
    NOW - DAY,
  );
}

describe('dossier view', () => {
  it('shows the timeline newest first with links to the passage, the disagreement side by side, and filters', async () => {
    const { db, view, tabs } = setup();
    await seed(db);
    view('dossier', 'deepseek');
    await screen.findByRole('heading', { level: 1, name: 'DeepSeek' }, SLOW);
    const items = () => Array.from(document.querySelectorAll('.timeline-item .claim-text')).map((e) => e.textContent);
    expect(items()[0]).toMatch(/\$1\.6 billion/);
    expect(document.querySelector('.timeline-item a.page-link')?.getAttribute('href')).toMatch(/^https:\/\/news\.example\/two#:~:text=/);
    const figures = Array.from(document.querySelectorAll('.disagreement .figure-value')).map((e) => e.textContent);
    // the two articles side by side, and the pack's tracked figures for the same measure, oldest first
    expect(figures).toEqual(expect.arrayContaining(['$5.6M', '$1.6B']));
    expect(figures.indexOf('$5.6M')).toBeLessThan(figures.indexOf('$1.6B'));
    // kind filter, then search
    fireEvent.click(screen.getByRole('button', { name: /^Quote/ }));
    await waitFor(() => expect(items()).toEqual(['Liang Wenfeng said DeepSeek will stay open.']), SLOW);
    fireEvent.click(screen.getByRole('button', { name: /^Quote/ }));
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search this dossier' }), { target: { value: 'hardware' } });
    await waitFor(() => expect(items()).toHaveLength(1), SLOW);
    // the entity list, most read first; related entities navigate
    await waitFor(
      () => expect(document.querySelector('.dossier-layout .filter.is-active .filter-label')?.textContent).toBe('DeepSeek'),
      SLOW,
    );
    fireEvent.click(document.querySelector('.related-chips .tag') as HTMLElement);
    expect(tabs.at(-1)?.[0]).toBe('dossier');
  });

  it("lists a person's predictions below the timeline once they follow the first screen", async () => {
    const { view } = setup();
    view('dossier', 'mark-zuckerberg');
    await screen.findByRole('heading', { level: 1, name: 'Mark Zuckerberg' }, SLOW);
    const heading = await screen.findByRole('heading', { level: 2, name: /^Predictions/ }, SLOW);
    expect(heading.textContent).toMatch(/\(\d+\)/);
    expect(document.querySelectorAll('.prediction-line').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /^Tracked predictions: 1 came true/ })).toBeTruthy();
  });
});

describe('predictions view', () => {
  it("lists Zuckerberg's tracked 2025 predictions with their outcomes, filters, and keeps a reader's verdict", async () => {
    const { view, ask } = setup();
    view('predictions');
    await screen.findByRole('heading', { level: 2, name: 'Mark Zuckerberg' }, SLOW);
    const row = () => document.querySelector('[data-id="tracked:zuckerberg-llama-4-leading-model-2025"]') as HTMLElement;
    expect(row().querySelector('.status')?.textContent).toBe('Missed');
    expect(row().querySelector('.target')?.textContent).toBe('2025');
    fireEvent.click(screen.getByRole('button', { name: /^Decided/ }));
    await waitFor(
      () =>
        expect(
          Array.from(document.querySelectorAll('.prediction .status')).every((s) =>
            /Came true|Partly|Missed|Withdrawn/.test(s.textContent!),
          ),
        ).toBe(true),
      SLOW,
    );
    fireEvent.click(screen.getByRole('button', { name: /^All/ }));
    const gpus = () => document.querySelector('[data-id="tracked:zuckerberg-1-3m-gpus-end-2025"]') as HTMLElement;
    await waitFor(() => expect(gpus()).toBeTruthy(), SLOW);
    fireEvent.click(gpus().querySelector('.mark-outcome')!);
    fireEvent.input(gpus().querySelector('textarea')!, { target: { value: 'confirmed in the annual report' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    await waitFor(() => expect(gpus().querySelector('.status')?.textContent).toBe('Came true'), SLOW);
    const { predictions } = await ask('listPredictions', {});
    expect(predictions.find((p) => p.id === 'tracked:zuckerberg-1-3m-gpus-end-2025')?.outcome?.note).toBe('confirmed in the annual report');
  });
});

describe('card dossier line', () => {
  it('shows the track record and the way to everything read, and says which view to open', () => {
    const person = pack.entities.find((e) => e.id === 'mark-zuckerberg')!;
    const details: EntityDetails = {
      entity: person,
      related: [],
      trackedClaims: [],
      trackRecord: { cameTrue: 1, partly: 1, missed: 1, open: 3, withdrawn: 0, total: 6 },
      readClaims: 4,
    };
    const opened: [string, string | undefined][] = [];
    render(
      <Card
        mention={{ entityId: person.id, name: person.name, type: 'person', text: 'Zuckerberg' }}
        status="ready"
        details={details}
        site="news.example"
        onOpenDossier={(id, v) => opened.push([id, v])}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Tracked predictions: 1 came true, 1 partly, 1 missed, 3 open' }));
    fireEvent.click(screen.getByRole('button', { name: /Everything you’ve read about Mark Zuckerberg \(4 claims\)/ }));
    expect(opened).toEqual([
      ['mark-zuckerberg', 'predictions'],
      ['mark-zuckerberg', undefined],
    ]);
  });
});

describe('popup dossier button', () => {
  it('sits beside each name and opens that entity\'s dossier, apart from "show on page"', () => {
    const opened: string[] = [];
    const shown: string[] = [];
    const mentions = [{ start: 0, end: 8, text: 'DeepSeek', entityId: 'deepseek', name: 'DeepSeek', type: 'org' as const }];
    render(<EntityList mentions={mentions} onSelect={(id) => shown.push(id)} onOpenDossier={(id) => opened.push(id)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Everything you’ve read about DeepSeek' }));
    expect(opened).toEqual(['deepseek']);
    expect(shown).toEqual([]);
  });
});
