import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { Card, type CardProps } from '../../components/Card';
import type { PageClaim } from '../../lib/claims/types';
import type { EntityDetails } from '../../lib/messaging/protocol';

afterEach(cleanup);

const details = (over: Partial<EntityDetails['entity']> = {}, related: EntityDetails['related'] = []): EntityDetails => ({
  entity: {
    id: 'deepseek-r1',
    type: 'model',
    name: 'DeepSeek-R1',
    aliases: [],
    description: "DeepSeek's open-weight reasoning model. It was released in January 2025. A third sentence stays out.",
    facts: [
      {
        text: 'Released on 20 January 2025 under the MIT licence.',
        asOf: '2025-01-20',
        source: 'https://api-docs.deepseek.com/news/news250120',
      },
      { text: 'A peer-reviewed paper appeared in Nature.', asOf: '2025-09', source: 'https://www.nature.com/articles/x' },
    ],
    relations: [],
    ...over,
  },
  related,
  trackedClaims: [],
});

const base: CardProps = {
  mention: { entityId: 'deepseek-r1', name: 'DeepSeek-R1', type: 'model', text: 'R1' },
  status: 'ready',
  details: details(),
  site: 'news.example',
};

const claim = (i: number, over: Partial<PageClaim> = {}): PageClaim => ({
  start: i * 100,
  end: i * 100 + 50,
  text: `Claim number ${i} says DeepSeek-R1 matched o1 on maths benchmarks.`,
  kind: 'comparison',
  subjects: ['deepseek-r1'],
  speaker: null,
  numbers: [],
  links: [],
  score: 10 - i,
  ...over,
});

describe('Card', () => {
  it('names a former name on an older page as the page meant it, with the rename', () => {
    const mention = {
      entityId: 'chirp',
      name: 'Chirper (renamed Zed Corp. in 2023)',
      type: 'org' as const,
      text: 'Chirper',
      formerName: true as const,
    };
    render(<Card {...base} mention={mention} details={details({ id: 'chirp', type: 'org', name: 'Zed Corp. (Chirper)' })} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Chirper (renamed Zed Corp. in 2023)');
  });

  it('names a version the pack does not know as written, and says the card below is the nearest one it knows', () => {
    const mention = {
      entityId: 'deepseek-r1',
      name: 'DeepSeek-R2',
      type: 'model' as const,
      text: 'DeepSeek-R2',
      newVersion: true as const,
    };
    render(<Card {...base} mention={mention} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('DeepSeek-R2');
    expect(screen.getByText(/not in Backstory’s pack yet: below is DeepSeek-R1, the nearest version it knows/)).toBeTruthy();
    // not "written … here": the name is the page's own
    expect(screen.queryByText(/written “/)).toBeNull();
  });

  it('shows the name, type, a short description, dated facts with sources, and says how the page wrote it', () => {
    render(<Card {...base} />);
    const dialog = screen.getByRole('dialog', { name: 'DeepSeek-R1' });
    expect(within(dialog).getByText('AI model')).toBeTruthy();
    expect(within(dialog).getByText('written “R1” here')).toBeTruthy();
    expect(within(dialog).getByText("DeepSeek's open-weight reasoning model. It was released in January 2025.")).toBeTruthy();
    // each fact with its "as of" date, in a table whose first column is headed "As of"
    const table = within(dialog).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['As of', 'Key facts']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['20 Jan 2025', 'Sep 2025']);
    const source = within(dialog).getAllByRole('link', { name: 'nature.com' })[0] as HTMLAnchorElement;
    expect(source.href).toBe('https://www.nature.com/articles/x');
    expect(source.target).toBe('_blank');
    expect(source.rel).toContain('noopener');
  });

  it('shows three facts (the first and the two latest) and the rest on request', () => {
    const facts = ['2015-12', '2019', '2022-11-30', '2023-01', '2025-03-31', '2025-10-28'].map((asOf) => ({
      text: `Fact of ${asOf}`,
      asOf,
      source: 'https://en.wikipedia.org/wiki/OpenAI',
    }));
    render(<Card {...base} details={details({ facts })} />);
    const dates = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(dates()).toEqual(['Dec 2015', '31 Mar 2025', '28 Oct 2025']);
    const more = screen.getByRole('button', { name: '2 more facts' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    // at most five: the oldest and the four latest
    expect(dates()).toEqual(['Dec 2015', '30 Nov 2022', 'Jan 2023', '31 Mar 2025', '28 Oct 2025']);
    expect(screen.getAllByRole('link', { name: 'wikipedia.org' }).length).toBeGreaterThanOrEqual(5);
  });

  it('never shows a blank card: a loading state keeps the name, type and actions', () => {
    render(<Card {...base} status="loading" details={null} onNotThis={() => {}} onDisableSite={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'DeepSeek-R1' });
    expect(dialog.getAttribute('data-status')).toBe('loading');
    expect(within(dialog).getByText('Loading…')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Wrong match' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Turn off on news.example' })).toBeTruthy();
  });

  it('shows an error state with the reason and a retry', () => {
    const onRetry = vi.fn();
    render(<Card {...base} status="error" details={null} error="No answer to getEntity" onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Couldn’t load the details for DeepSeek-R1.');
    expect(alert.textContent).toContain('No answer to getEntity');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('says so when there are no facts, without an empty section', () => {
    render(<Card {...base} details={details({ facts: [] })} />);
    expect(screen.getByText('No dated facts recorded for DeepSeek-R1 yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText('Sources')).toBeNull();
  });

  it('renders a very long name as text, clamped by CSS rather than cut', () => {
    const long = 'Extremely Long Model Name '.repeat(8).trim();
    render(<Card {...base} mention={{ ...base.mention, name: long, text: long }} details={details({ name: long })} />);
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.textContent).toBe(long);
    expect(heading.className).toBe('name');
    // same text as written: no "written … here" line
    expect(screen.queryByText(/written/)).toBeNull();
  });

  it('renders hostile page text as text', () => {
    const text = '<img src=x onerror="alert(1)"> claims DeepSeek-R1 is best';
    render(<Card {...base} claims={[claim(1, { text })]} />);
    expect(screen.getByText(text)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the top two claims about the entity and expands to all of them', () => {
    const claims = [...Array.from({ length: 12 }, (_, i) => claim(i)), claim(50, { subjects: ['openai'] })];
    render(<Card {...base} claims={claims} nameOf={(id) => ({ 'liang-wenfeng': 'Liang Wenfeng' })[id]} />);
    const section = screen.getByRole('heading', { name: /In this article/ }).closest('section')!;
    expect(within(section).getByText('12')).toBeTruthy();
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
    // most check-worthy first
    expect(within(section).getAllByRole('listitem')[0].textContent).toContain('Claim number 0 ');
    const toggle = within(section).getByRole('button', { name: 'Show all 12' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(within(section).getAllByRole('listitem')).toHaveLength(12);
    expect(within(section).queryByText(/Claim number 50/)).toBeNull();
  });

  it('shows a claim’s speaker and the status of the tracked claim it links to', () => {
    const linked = claim(1, {
      kind: 'quantity',
      speaker: 'liang-wenfeng',
      links: [{ kind: 'tracked', id: 'r1-cost', statement: 'R1 cost $6m to train', status: 'disputed' }],
    });
    render(<Card {...base} claims={[linked]} nameOf={(id) => (id === 'liang-wenfeng' ? 'Liang Wenfeng' : undefined)} />);
    expect(screen.getByText('— Liang Wenfeng')).toBeTruthy();
    expect(screen.getByText('Disputed')).toBeTruthy();
    expect(screen.getByText('Number')).toBeTruthy();
  });

  it('lists related entities as buttons that open their card, page mentions first', () => {
    const onShowEntity = vi.fn();
    const related: EntityDetails['related'] = [
      { id: 'deepseek', name: 'DeepSeek', type: 'org', relation: 'maker' },
      { id: 'deepseek-v3', name: 'DeepSeek-V3', type: 'model', relation: 'based-on' },
    ];
    render(<Card {...base} details={details({}, related)} onPage={new Set(['deepseek'])} onShowEntity={onShowEntity} />);
    const maker = screen.getByRole('button', { name: 'DeepSeek' });
    expect(maker.className).toContain('on-page');
    expect(screen.getByText('Made by')).toBeTruthy();
    expect(screen.getByText('Based on')).toBeTruthy();
    fireEvent.click(maker);
    expect(onShowEntity).toHaveBeenCalledWith('deepseek');
  });

  it('wires the actions and shows their progress', () => {
    const onSave = vi.fn();
    const onNotThis = vi.fn();
    const onDisableSite = vi.fn();
    const onClose = vi.fn();
    const { rerender } = render(<Card {...base} onSave={onSave} onNotThis={onNotThis} onDisableSite={onDisableSite} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Wrong match' }));
    fireEvent.click(screen.getByRole('button', { name: 'Turn off on news.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close (Esc)' }));
    expect([onSave, onNotThis, onDisableSite, onClose].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
    rerender(<Card {...base} onSave={onSave} onNotThis={onNotThis} actions={{ save: 'done', notThis: 'failed' }} />);
    expect((screen.getByRole('button', { name: 'Saved' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Could not remove' })).toBeTruthy();
  });

  it('hides "wrong match" on a related entity the reader clicked through to, and offers the way back', () => {
    const onBack = vi.fn();
    render(
      <Card
        {...base}
        mention={{ entityId: 'deepseek', name: 'DeepSeek', type: 'org', text: '' }}
        details={details({ id: 'deepseek', name: 'DeepSeek', type: 'org' })}
        isMatch={false}
        backTo="DeepSeek-R1"
        onBack={onBack}
        onNotThis={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Wrong match' })).toBeNull();
    expect(screen.getByText('Lab / company')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '← DeepSeek-R1' }));
    expect(onBack).toHaveBeenCalledOnce();
  });
});
