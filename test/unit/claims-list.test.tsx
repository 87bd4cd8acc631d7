import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ClaimList } from '../../components/ClaimList';
import type { PageClaim } from '../../lib/claims/types';

afterEach(cleanup);

const names: Record<string, string> = { meta: 'Meta', 'mark-zuckerberg': 'Mark Zuckerberg', deepseek: 'DeepSeek' };
const nameOf = (id: string) => names[id];

function claim(over: Partial<PageClaim>): PageClaim {
  return {
    start: 0,
    end: 10,
    text: 'A claim.',
    kind: 'other',
    subjects: ['meta'],
    speaker: null,
    numbers: [],
    links: [],
    score: 1,
    ...over,
  };
}

const capex = claim({
  start: 100,
  end: 150,
  text: 'And it plans to spend $60-65B in capex this year.',
  kind: 'quote',
  subjects: ['meta', 'mark-zuckerberg'],
  speaker: 'mark-zuckerberg',
  numbers: [{ min: 60e9, max: 65e9, unit: 'USD', raw: '$60-65B', metric: 'capex' }],
  links: [
    {
      kind: 'tracked',
      id: 'meta-capex',
      statement: 'Zuckerberg said Meta would invest $60–65 billion in 2025.',
      status: 'partly',
      context: 'Guidance rose twice; actual spending ended near $72 billion.',
      sources: ['https://www.example.org/capex', 'https://second.example/a'],
    },
  ],
});
const cost = claim({
  start: 200,
  end: 260,
  text: 'DeepSeek’s real spend on hardware was about $1.6 billion.',
  kind: 'quantity',
  subjects: ['deepseek'],
  metric: 'hardware-spend',
  numbers: [{ min: 1.6e9, max: 1.6e9, unit: 'USD', approx: true, raw: 'about $1.6 billion', metric: 'hardware-spend' }],
  links: [
    {
      kind: 'history',
      id: '4',
      statement: 'DeepSeek put the cost of training V3 at about $5.6 million.',
      url: 'https://news.example/first',
      title: 'First article',
      seenAt: Date.UTC(2025, 0, 26),
      disagreement: true,
      metric: 'training-cost',
      numbers: [{ min: 5.6e6, max: 5.6e6, unit: 'USD', approx: true, raw: 'about $5.6 million', metric: 'training-cost' }],
    },
  ],
});

describe('ClaimList', () => {
  it('shows kind, speaker, figures and what is known', () => {
    const { container } = render(<ClaimList claims={[capex, cost]} nameOf={nameOf} />);
    const items = container.querySelectorAll('.claim-item');
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('.claim-badge')?.textContent).toBe('Quote');
    expect(items[0].querySelector('.claim-speaker')?.textContent).toBe('Mark Zuckerberg');
    expect(items[0].querySelector('.claim-number')?.textContent).toBe('$60B–$65B capex');
    expect(items[0].querySelector('.claim-subjects')?.textContent).toBe('About Meta');
    expect(items[0].querySelector('.status-badge')?.textContent).toBe('Partly true');
    expect(items[0].querySelector('.link-context')?.textContent).toContain('Guidance rose twice');
    const sources = [...items[0].querySelectorAll('.link-sources a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('rel'),
    ]);
    expect(sources).toEqual([
      ['example.org', 'https://www.example.org/capex', 'noopener noreferrer'],
      ['second.example', 'https://second.example/a', 'noopener noreferrer'],
    ]);
  });

  it('flags a disagreement with an article read before and shows both figures', () => {
    const { container } = render(<ClaimList claims={[cost]} nameOf={nameOf} />);
    expect(container.querySelector('.claim-flag')?.textContent).toBe('Numbers differ');
    const link = container.querySelector('.claim-link.history')!;
    expect(link.textContent).toContain('Differs from an article you read');
    expect(link.querySelector('.link-compare')?.textContent).toBe('Here: ~$1.6B · there: ~$5.6M (counted as training cost)');
    expect(link.querySelector('a')?.getAttribute('href')).toBe('https://news.example/first');
  });

  it('shows the best claims first and the rest on request; hands out clicks', () => {
    const many = Array.from({ length: 9 }, (_, i) => claim({ start: i * 20, end: i * 20 + 10, text: `Claim number ${i}.` }));
    const onSelect = vi.fn();
    const onOpen = vi.fn();
    const { container } = render(<ClaimList claims={[capex, ...many]} limit={3} onSelectClaim={onSelect} onOpenUrl={onOpen} />);
    expect(container.querySelectorAll('.claim-item')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 10 claims' }));
    expect(container.querySelectorAll('.claim-item')).toHaveLength(10);
    fireEvent.click(container.querySelector('.claim-text.as-button')!);
    expect(onSelect).toHaveBeenCalledWith(capex);
    fireEvent.click(container.querySelector('.link-sources a')!);
    expect(onOpen).toHaveBeenCalledWith('https://www.example.org/capex');
  });

  it('renders page text as text', () => {
    const hostile = claim({ text: '<img src=x onerror="alert(1)"> Meta said so.' });
    const { container } = render(<ClaimList claims={[hostile]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)"> Meta said so.');
  });

  it('renders nothing, or the empty text, without claims', () => {
    const { container } = render(<ClaimList claims={[]} />);
    expect(container.textContent).toBe('');
    cleanup();
    render(<ClaimList claims={[]} emptyText="No claims found." />);
    expect(screen.getByText('No claims found.')).toBeTruthy();
  });
});

describe('the card and the popup name a tracked status the same way', async () => {
  const { CardClaims } = await import('../../components/CardClaims');
  const { STATUS_LABELS } = await import('../../lib/claims/labels');
  it.each(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[])('%s', (status) => {
    const tracked = claim({
      links: [{ kind: 'tracked', id: 't', statement: 'S.', status, context: 'C.', sources: ['https://example.org/s'] }],
    });
    const popup = render(<ClaimList claims={[tracked]} nameOf={nameOf} />);
    const popupLabel = popup.container.querySelector('.status-badge')?.textContent;
    cleanup();
    const card = render(<CardClaims claims={[tracked]} nameOf={nameOf} />);
    expect(popupLabel).toBe(STATUS_LABELS[status]);
    expect(card.container.textContent).toContain(STATUS_LABELS[status]);
  });
});

describe('claim list: who said it, by name', () => {
  it('names the speaker the page did not highlight, and a speaker the pack does not know, but never "unnamed"', () => {
    const quotes = [
      claim({
        start: 0,
        text: 'We will bring online about 1GW of compute.',
        kind: 'quote',
        speaker: 'mark-zuckerberg',
        speakerName: 'Mark Zuckerberg',
      }),
      claim({ start: 50, text: 'The company trained two million people.', kind: 'quote', speaker: null, speakerName: 'Brad Smith' }),
      claim({ start: 100, text: 'The chips ship next year.', kind: 'quote', speaker: null, speakerName: 'unnamed' }),
    ];
    const { container } = render(<ClaimList claims={quotes} nameOf={() => undefined} />);
    const speakers = [...container.querySelectorAll('.claim-speaker')].map((el) => el.textContent);
    expect(speakers).toEqual(['Mark Zuckerberg', 'Brad Smith']);
  });
});
