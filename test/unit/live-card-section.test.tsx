// The card's extra sections on the content side: one question per entity, no placeholder while
// the switch is believed off, a fresh question once "off" is old, and add/dismiss for new names.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { createCardSections } from '../../entrypoints/content/card-section';
import type { DiscoveredName } from '../../lib/discover/types';
import type { LiveContextResult } from '../../lib/live/types';

afterEach(cleanup);

const MIRA: DiscoveredName = { key: 'mira okafor', name: 'Mira Okafor', type: 'person', role: 'chief executive', org: 'Tessera Labs', spans: [{ start: 0, end: 11 }], sentences: ['Mira Okafor spoke.'], evidence: 'person, role' };

function setup(answer: (entityId: string) => LiveContextResult, liveEnabled = true) {
  const asked: { type: string; payload: unknown }[] = [];
  let changes = 0;
  let clock = 0;
  const decided: string[] = [];
  let names = [MIRA];
  const sections = createCardSections({
    ask: (async (type: string, payload: { entityId?: string }) => {
      asked.push({ type, payload });
      if (type === 'getLiveContext') return answer(payload.entityId!);
      return { ok: true, entityId: 'mira-okafor' };
    }) as never,
    liveEnabled: () => liveEnabled,
    discovered: (key) => names.find((n) => n.key === key),
    onChange: () => void changes++,
    onDecided: (key) => {
      decided.push(key);
      names = names.filter((n) => n.key !== key);
    },
    now: () => clock,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { sections, asked, decided, changes: () => changes, settle, tick: (ms: number) => (clock += ms) };
}

describe('card sections', () => {
  it('asks the background once per entity and re-renders when the answer arrives', async () => {
    const { sections, asked, changes, settle } = setup(() => ({ status: 'ok', summary: { value: { title: 'OpenAI', description: 'AI lab' }, fetchedAt: 0, stale: false } }));
    render(<div>{sections.section('openai')}</div>);
    expect(screen.getByLabelText('Live context').getAttribute('aria-busy')).toBe('true');
    await settle();
    expect(changes()).toBe(1);
    cleanup();
    render(<div>{sections.section('openai')}</div>);
    expect(screen.getByText('AI lab')).toBeTruthy();
    expect(asked.filter((a) => a.type === 'getLiveContext')).toHaveLength(1);
  });

  it('shows no placeholder while the switch is believed off, and asks again once "off" is old', async () => {
    const { sections, asked, settle, tick } = setup(() => ({ status: 'off' }), false);
    const first = render(<div>{sections.section('openai')}</div>);
    expect(first.container.textContent).toBe('');
    await settle();
    sections.section('openai');
    expect(asked).toHaveLength(1);
    tick(30_000);
    sections.section('openai');
    expect(asked).toHaveLength(2);
  });

  it('a new name gets the article section with add and dismiss; the outcome stays on the open card', async () => {
    const { sections, asked, decided, settle } = setup(() => ({ status: 'not-found' }));
    render(<div>{sections.section('discovered:mira okafor')}</div>);
    fireEvent.click(screen.getByText('Add to Backstory'));
    await settle();
    expect(asked.find((a) => a.type === 'promoteDiscovered')?.payload).toEqual({ name: 'Mira Okafor', type: 'person', role: 'chief executive', org: 'Tessera Labs', orgEntityId: undefined });
    expect(decided).toEqual(['mira okafor']);
    cleanup();
    // the page forgot the name, the card still says what happened
    render(<div>{sections.section('discovered:mira okafor')}</div>);
    expect(screen.getByText(/^Added to Backstory/)).toBeTruthy();
  });
});
