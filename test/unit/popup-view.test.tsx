import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { PopupView, type PopupViewProps } from '../../components/PopupView';
import { countEntities } from '../../components/EntityList';
import type { Mention } from '../../lib/detect/types';
import type { PageClaim } from '../../lib/claims/types';
import type { TabState } from '../../lib/messaging/protocol';

afterEach(cleanup);

let offset = 0;
const mention = (entityId: string, name: string, type: Mention['type']): Mention => {
  offset += 20;
  return { start: offset, end: offset + name.length, text: name, entityId, name, type };
};

function tabState(over: Partial<TabState> = {}): TabState {
  return {
    tabId: 7,
    url: 'https://news.example/ai/deepseek',
    title: 'DeepSeek stuns Silicon Valley',
    relevance: 0.9,
    gated: false,
    forced: false,
    backedOff: false,
    mentions: [
      ...Array.from({ length: 5 }, () => mention('deepseek-r1', 'DeepSeek-R1', 'model')),
      mention('o1', 'OpenAI o1', 'model'),
      ...Array.from({ length: 3 }, () => mention('deepseek', 'DeepSeek', 'org')),
      mention('openai', 'OpenAI', 'org'),
      mention('liang-wenfeng', 'Liang Wenfeng', 'person'),
    ],
    claims: [],
    updatedAt: 0,
    ...over,
  };
}

const controls = { paused: false, siteDisabled: false };
const renderPopup = (props: Partial<PopupViewProps> = {}) =>
  render(<PopupView state={tabState()} site="news.example" controls={controls} {...props} />);

describe('PopupView', () => {
  it('lists the entities grouped by type with mention counts, most mentioned first', () => {
    renderPopup();
    const models = screen.getByRole('region', { name: /Models/ });
    const rows = within(models).getAllByRole('button');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      'DeepSeek-R1, 5 mentions. Show on page',
      'OpenAI o1, 1 mention. Show on page',
    ]);
    expect(within(models).getByRole('heading').textContent).toContain('2 · 6 mentions');
    expect(screen.getByRole('region', { name: /Labs & companies/ })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /People/ })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('counts entities the same way for any order of mentions', () => {
    const rows = countEntities(tabState().mentions.slice().reverse());
    expect(rows.map((r) => [r.entityId, r.count])).toEqual([
      ['deepseek-r1', 5],
      ['deepseek', 3],
      ['liang-wenfeng', 1],
      ['openai', 1],
      ['o1', 1], // named "OpenAI o1": after "OpenAI"
    ]);
  });

  it('jumps to an entity on click and shows which mention it is on', () => {
    const onSelectEntity = vi.fn();
    const { rerender } = renderPopup({ onSelectEntity });
    fireEvent.click(screen.getByRole('button', { name: /^DeepSeek-R1,/ }));
    expect(onSelectEntity).toHaveBeenCalledWith('deepseek-r1');
    rerender(
      <PopupView
        state={tabState()}
        site="news.example"
        controls={controls}
        position={{ entityId: 'deepseek-r1', index: 1, total: 5, found: true }}
      />,
    );
    const row = screen.getByRole('button', { name: /^DeepSeek-R1,/ });
    expect(row.getAttribute('aria-current')).toBe('location');
    expect(row.textContent).toContain('2 of 5');
    expect(screen.getByRole('status').textContent).toBe('DeepSeek-R1: mention 2 of 5');
  });

  it('shows a loading state before the tab state arrives, and an error when it fails', () => {
    render(<PopupView state={null} loading />);
    expect(screen.getByText('Reading this page…')).toBeTruthy();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    cleanup();
    render(<PopupView state={null} error="Could not reach the page" />);
    expect(screen.getByRole('alert').textContent).toBe('Could not reach the page');
  });

  it('explains an unscanned tab', () => {
    render(<PopupView state={null} />);
    expect(screen.getByText(/has not scanned this tab/)).toBeTruthy();
  });

  it('offers "scan this page anyway" behind the relevance gate', () => {
    const onScanAnyway = vi.fn();
    renderPopup({ state: tabState({ gated: true, mentions: [] }), onScanAnyway });
    expect(screen.getByText(/doesn’t look like AI news/).closest('[role="status"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Scan this page anyway' }));
    expect(onScanAnyway).toHaveBeenCalledOnce();
  });

  it('says when a page names nothing Backstory knows', () => {
    renderPopup({ state: tabState({ mentions: [] }) });
    expect(screen.getByText('No known AI models, labs or people on this page.')).toBeTruthy();
  });

  it('has switches for this site and a global pause', () => {
    const onToggleSite = vi.fn();
    const onTogglePause = vi.fn();
    renderPopup({ onToggleSite, onTogglePause });
    const site = screen.getByRole('switch', { name: 'On news.example' }) as HTMLInputElement;
    const pause = screen.getByRole('switch', { name: 'Pause everywhere' }) as HTMLInputElement;
    expect(site.checked).toBe(true);
    expect(pause.checked).toBe(false);
    fireEvent.click(site);
    expect(onToggleSite).toHaveBeenCalledWith(false);
    fireEvent.click(pause);
    expect(onTogglePause).toHaveBeenCalledWith(true);
  });

  it('shows that Backstory is off instead of a stale list', () => {
    renderPopup({ controls: { paused: false, siteDisabled: true } });
    expect(screen.getByRole('status').textContent).toContain('Backstory is off on news.example.');
    expect(screen.queryByRole('region', { name: /Models/ })).toBeNull();
    cleanup();
    renderPopup({ controls: { paused: true, siteDisabled: false } });
    expect(screen.getByRole('status').textContent).toContain('paused everywhere');
    expect((screen.getByRole('switch', { name: 'On news.example' }) as HTMLInputElement).disabled).toBe(true);
  });

  it("lists the page's claims", () => {
    const claims: PageClaim[] = Array.from({ length: 9 }, (_, i) => ({
      start: i * 100,
      end: i * 100 + 40,
      text: `DeepSeek-R1 claim ${i}`,
      kind: 'comparison',
      subjects: ['deepseek-r1'],
      speaker: null,
      numbers: [],
      links: [],
      score: 9 - i,
    }));
    renderPopup({ state: tabState({ claims }) });
    const section = screen.getByRole('region', { name: /Claims on this page/ });
    expect(within(section).getByRole('heading').textContent).toContain('(9)');
    expect(within(section).getByText('DeepSeek-R1 claim 0')).toBeTruthy();
  });

  it('renders long page titles and entity names as text', () => {
    const long = 'A'.repeat(300);
    renderPopup({ state: tabState({ title: `<b>${long}</b>`, mentions: [mention('x', `${long}<script>`, 'model')] }) });
    expect(screen.getByText(`<b>${long}</b>`)).toBeTruthy();
    expect(screen.getByText(`${long}<script>`)).toBeTruthy();
    expect(document.querySelector('script, b')).toBeNull();
  });
});
