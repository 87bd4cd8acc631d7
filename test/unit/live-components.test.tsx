import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { age, LiveContext, roleText } from '../../components/LiveContext';
import { DiscoveredSection } from '../../components/DiscoveredSection';
import { DiscoveredList } from '../../components/DiscoveredList';
import type { DiscoveredName } from '../../lib/discover/types';
import { HOUR } from '../../lib/live/cache';

afterEach(cleanup);

const NOW = Date.parse('2026-03-01T12:00:00Z');
const summary = {
  title: 'Tessera Labs',
  description: 'AI startup',
  extract: 'Tessera Labs builds <b>models</b>.',
  pageUrl: 'https://en.wikipedia.org/wiki/Tessera_Labs',
  thumbnail: { src: 'data:image/png;base64,AAAA', width: 10, height: 10 },
};

const name: DiscoveredName = {
  key: 'mira okafor',
  name: 'Mira Okafor',
  type: 'person',
  role: 'chief executive',
  org: 'Tessera Labs',
  spans: [{ start: 0, end: 11 }],
  sentences: ['Mira Okafor, the chief executive of Tessera Labs, said <script>alert(1)</script> nothing.'],
  evidence: 'person, role',
};

describe('the live section', () => {
  it('shows the summary, current roles and its age, with the exact fetch time on hover', () => {
    const { container } = render(
      <LiveContext
        now={NOW}
        state={{
          status: 'ok',
          summary: { value: summary, fetchedAt: NOW - 3 * HOUR, stale: false },
          facts: {
            value: {
              id: 'Q1',
              roles: [{ label: 'chief executive officer', of: 'Tessera Labs', start: '2023-04', kind: 'position' }],
              inception: '2021',
              website: 'https://tessera.example',
            },
            fetchedAt: NOW - 2 * HOUR,
            stale: false,
          },
        }}
      />,
    );
    expect(screen.getByText('AI startup')).toBeTruthy();
    // page text is rendered as text, never as markup
    expect(screen.getByText('Tessera Labs builds <b>models</b>.')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    const asOf = container.querySelector('time')!;
    expect(asOf.textContent).toBe('as of 3 h ago');
    expect(asOf.getAttribute('datetime')).toBe(new Date(NOW - 3 * HOUR).toISOString());
    expect(asOf.getAttribute('title')).toMatch(/^Fetched /);
    expect(container.querySelector('.live-facts')!.textContent).toBe(
      'Nowchief executive officer, Tessera Labs (since Apr 2023)Founded2021',
    );
    expect(screen.getByText('Official website').getAttribute('href')).toBe('https://tessera.example');
    expect(screen.getByText('Wikipedia article').getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('img')!.getAttribute('src')).toBe('data:image/png;base64,AAAA');
  });

  it('marks a stale value as refreshing', () => {
    const { container } = render(
      <LiveContext now={NOW} state={{ status: 'ok', summary: { value: summary, fetchedAt: NOW - 15 * 24 * HOUR, stale: true } }} />,
    );
    expect(container.querySelector('time')!.className).toContain('is-stale');
    expect(container.querySelector('time')!.textContent).toBe('as of 15 days ago');
  });

  it('never loads an image that is not an inline data URL, nor links that are not http(s)', () => {
    const { container } = render(
      <LiveContext
        now={NOW}
        state={{
          status: 'ok',
          summary: {
            value: { ...summary, pageUrl: 'javascript:alert(1)', thumbnail: { src: 'https://tracker.example/p.png', width: 1, height: 1 } },
            fetchedAt: NOW,
            stale: false,
          },
        }}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
  });

  it('explains failures, offers a retry, and says nothing when off', () => {
    const onRetry = vi.fn();
    render(<LiveContext state={{ status: 'unavailable', error: 'offline or the server could not be reached' }} onRetry={onRetry} />);
    expect(screen.getByRole('status').textContent).toContain(
      'Live context is unavailable right now (offline or the server could not be reached)',
    );
    fireEvent.click(screen.getByText('Try again'));
    expect(onRetry).toHaveBeenCalledOnce();
    cleanup();
    render(<LiveContext state={{ status: 'not-found' }} />);
    expect(screen.getByRole('status').textContent).toBe('Wikipedia has no article that matches this name.');
    cleanup();
    const off = render(<LiveContext state={{ status: 'off' }} />);
    expect(off.container.innerHTML).toBe('');
    const loading = render(<LiveContext state={{ status: 'loading' }} />);
    expect(loading.container.querySelector('[aria-busy="true"]')).toBeTruthy();
  });

  it('formats ages and roles', () => {
    expect(age(NOW - 20_000, NOW)).toBe('just now');
    expect(age(NOW - 5 * 60_000, NOW)).toBe('5 min ago');
    expect(age(NOW - 47 * HOUR, NOW)).toBe('47 h ago');
    expect(roleText({ label: 'Stanford University', kind: 'employer' })).toBe('Stanford University');
  });
});

describe('a new name in the card and the popup', () => {
  it('quotes the article as text and offers add / dismiss', () => {
    const onPromote = vi.fn();
    const onDismiss = vi.fn();
    const { container } = render(<DiscoveredSection name={name} onPromote={onPromote} onDismiss={onDismiss} />);
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText(name.sentences[0])).toBeTruthy();
    fireEvent.click(screen.getByText('Add to Backstory'));
    fireEvent.click(screen.getByText('Dismiss for good'));
    expect(onPromote).toHaveBeenCalledOnce();
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('shows the outcome instead of the buttons', () => {
    render(<DiscoveredSection name={name} decision="promoted" onPromote={() => undefined} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Added to Backstory/);
    expect(screen.queryByText('Add to Backstory')).toBeNull();
    cleanup();
    render(<DiscoveredSection name={name} decision="failed" error="Storage is full" onPromote={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toBe('Storage is full');
  });

  it('the popup lists the names with accessible add and dismiss buttons', () => {
    const onDismiss = vi.fn();
    render(
      <DiscoveredList
        names={[name, { ...name, key: 'tessera labs', name: 'Tessera Labs', type: 'org' }]}
        onPromote={() => undefined}
        onDismiss={onDismiss}
        decisions={{ 'tessera labs': 'dismissed' }}
      />,
    );
    expect(screen.getByText('2 not in the pack')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Dismiss Mira Okafor for good'));
    expect(onDismiss).toHaveBeenCalledWith(name);
    expect(screen.getByText('Dismissed')).toBeTruthy();
    expect(screen.queryByLabelText('Dismiss Tessera Labs for good')).toBeNull();
  });
});
