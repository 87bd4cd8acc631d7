import { describe, expect, it } from 'vitest';
import {
  ABANDON_END_DELAY,
  DEFAULT_SHOW_DELAY,
  FETCH_START_DELAY,
  hoverReducer,
  INITIAL_HOVER_STATE,
  type HoverEffect,
  type HoverEvent,
  type HoverState,
  type HoverTarget,
  type TimerName,
} from '../../lib/card/machine';

/** Drives the pure reducer with a virtual clock, recording what the controller would do and when. */
function simulate(showDelay = DEFAULT_SHOW_DELAY) {
  let now = 0;
  let state: HoverState = INITIAL_HOVER_STATE;
  const timers = new Map<TimerName, number>();
  const log: { at: number; effect: HoverEffect }[] = [];
  const send = (event: HoverEvent) => {
    const result = hoverReducer(state, event, { showDelay });
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'start-timer') timers.set(effect.timer, now + effect.ms);
      else if (effect.type === 'cancel-timer') timers.delete(effect.timer);
      else log.push({ at: now, effect });
    }
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t <= end).sort((a, b) => a[1] - b[1])[0];
      if (!due) break;
      now = due[1];
      timers.delete(due[0]);
      send({ type: 'timer', timer: due[0] });
    }
    now = end;
  };
  return {
    send,
    advance,
    get state() {
      return state;
    },
    get now() {
      return now;
    },
    timers,
    log,
    shows: () => log.filter((l) => l.effect.type === 'show'),
    hides: () => log.filter((l) => l.effect.type === 'hide'),
    fetches: () => log.filter((l) => l.effect.type === 'fetch'),
  };
}

const A: HoverTarget = { key: '0:8:deepseek', entityId: 'deepseek' };
const B: HoverTarget = { key: '20:31:deepseek-r1', entityId: 'deepseek-r1' };

describe('hover card state machine', () => {
  it('starts the lookup at 150 ms and shows the card at the hover delay', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(FETCH_START_DELAY - 1);
    expect(sim.fetches()).toHaveLength(0);
    sim.advance(1);
    expect(sim.fetches().map((f) => f.at)).toEqual([FETCH_START_DELAY]);
    sim.advance(DEFAULT_SHOW_DELAY - FETCH_START_DELAY - 1);
    expect(sim.shows()).toHaveLength(0);
    sim.advance(1);
    expect(sim.shows()).toEqual([{ at: DEFAULT_SHOW_DELAY, effect: { type: 'show', target: A, via: 'pointer' } }]);
    expect(sim.state.open).toEqual(A);
  });

  it('does nothing when the pointer only passes over a mention', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(100);
    sim.send({ type: 'mention-leave' });
    sim.advance(2000);
    expect(sim.log).toEqual([]);
    expect(sim.state).toEqual(INITIAL_HOVER_STATE);
  });

  it('follows the hover delay setting, and opens at once with a delay of 0', () => {
    const slow = simulate(1000);
    slow.send({ type: 'mention-enter', target: A });
    slow.advance(999);
    expect(slow.shows()).toHaveLength(0);
    slow.advance(1);
    expect(slow.shows()).toHaveLength(1);

    const fast = simulate(100);
    fast.send({ type: 'mention-enter', target: A });
    fast.advance(100);
    // the lookup starts no later than the show
    expect(fast.fetches()[0].at).toBeLessThanOrEqual(100);
    expect(fast.shows()[0].at).toBe(100);

    const instant = simulate(0);
    instant.send({ type: 'mention-enter', target: A });
    expect(instant.log.map((l) => l.effect.type)).toEqual(['fetch', 'show']);
  });

  it('closes 300 ms after the pointer leaves the mention', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'mention-leave' });
    sim.advance(ABANDON_END_DELAY - 1);
    expect(sim.hides()).toHaveLength(0);
    sim.advance(1);
    expect(sim.hides()).toEqual([{ at: DEFAULT_SHOW_DELAY + ABANDON_END_DELAY, effect: { type: 'hide', reason: 'abandon' } }]);
    expect(sim.state.open).toBeNull();
  });

  it('stays open while the pointer is on the card (hoverable), and closes after it leaves the card', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'mention-leave' });
    sim.advance(120); // crossing the gap
    sim.send({ type: 'card-enter' });
    sim.advance(10_000);
    expect(sim.hides()).toHaveLength(0);
    sim.send({ type: 'card-leave' });
    sim.advance(ABANDON_END_DELAY);
    expect(sim.hides()).toHaveLength(1);
  });

  it('handles card-enter arriving before mention-leave (events from different sources)', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'card-enter' });
    sim.send({ type: 'mention-leave' });
    sim.advance(5000);
    expect(sim.state.open).toEqual(A);
    expect(sim.hides()).toHaveLength(0);
  });

  it('keeps the card when the pointer comes back to its mention in time', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'mention-leave' });
    sim.advance(200);
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(5000);
    expect(sim.hides()).toHaveLength(0);
    expect(sim.shows()).toHaveLength(1);
  });

  it('stays open while focus is inside the card, whatever the pointer does (persistent)', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'card-enter' });
    sim.send({ type: 'card-focus-in' });
    sim.send({ type: 'card-leave' });
    sim.advance(5000);
    expect(sim.hides()).toHaveLength(0);
    sim.send({ type: 'card-focus-out' });
    sim.advance(ABANDON_END_DELAY);
    expect(sim.hides()).toHaveLength(1);
  });

  it('switches to another mention at the show delay without closing in between', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'mention-leave' });
    sim.send({ type: 'mention-enter', target: B });
    sim.advance(DEFAULT_SHOW_DELAY);
    expect(sim.hides()).toHaveLength(0);
    expect(sim.shows().map((s) => (s.effect as { target: HoverTarget }).target)).toEqual([A, B]);
    expect(sim.state.open).toEqual(B);
  });

  it('closes the old card when the pointer leaves the new mention before its delay', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(DEFAULT_SHOW_DELAY);
    sim.send({ type: 'mention-leave' });
    sim.send({ type: 'mention-enter', target: B });
    sim.advance(100);
    sim.send({ type: 'mention-leave' });
    sim.advance(ABANDON_END_DELAY);
    expect(sim.hides()).toHaveLength(1);
    expect(sim.shows()).toHaveLength(1);
  });

  it('dismisses on Escape, scroll or a click elsewhere, cancelling pending timers', () => {
    for (const reason of ['escape', 'scroll', 'outside'] as const) {
      const sim = simulate();
      sim.send({ type: 'mention-enter', target: A });
      sim.advance(DEFAULT_SHOW_DELAY);
      sim.send({ type: 'dismiss', reason });
      expect(sim.hides().map((h) => h.effect)).toEqual([{ type: 'hide', reason }]);
      expect(sim.timers.size).toBe(0);
      sim.advance(5000);
      expect(sim.shows()).toHaveLength(1);
    }
  });

  it('a dismissal while only dwelling cancels the card before it appears', () => {
    const sim = simulate();
    sim.send({ type: 'mention-enter', target: A });
    sim.advance(200);
    sim.send({ type: 'dismiss', reason: 'scroll' });
    sim.advance(5000);
    expect(sim.shows()).toHaveLength(0);
    expect(sim.hides()).toHaveLength(0);
  });

  it('Escape with no card does nothing (the page keeps its own Escape handling)', () => {
    const result = hoverReducer(INITIAL_HOVER_STATE, { type: 'dismiss', reason: 'escape' }, { showDelay: 450 });
    expect(result.effects).toEqual([]);
  });

  it('opens at once from the keyboard and does not close when the pointer wanders', () => {
    const sim = simulate();
    sim.send({ type: 'keyboard-open', target: B });
    expect(sim.log.map((l) => l.effect.type)).toEqual(['fetch', 'show']);
    expect(sim.shows()[0].effect).toEqual({ type: 'show', target: B, via: 'keyboard' });
    sim.send({ type: 'card-enter' });
    sim.send({ type: 'card-leave' });
    sim.advance(5000);
    expect(sim.hides()).toHaveLength(0);
    sim.send({ type: 'dismiss', reason: 'escape' });
    expect(sim.hides()).toHaveLength(1);
  });

  it('a tap opens at once, placed like a pointer card, and stays until a tap outside or the close button', () => {
    const sim = simulate();
    sim.send({ type: 'tap', target: A });
    expect(sim.log.map((l) => l.effect.type)).toEqual(['fetch', 'show']);
    expect(sim.shows()[0].effect).toEqual({ type: 'show', target: A, via: 'pointer' });
    // a finger on the card and off it again is not a hover that ended
    sim.send({ type: 'card-enter' });
    sim.send({ type: 'card-leave' });
    sim.send({ type: 'mention-leave' });
    sim.advance(5000);
    expect(sim.hides()).toHaveLength(0);
    // the same name tapped again: no second show
    sim.send({ type: 'tap', target: A });
    expect(sim.shows()).toHaveLength(1);
    // another name: its card replaces this one
    sim.send({ type: 'tap', target: B });
    expect(sim.shows().map((l) => (l.effect as { target: HoverTarget }).target)).toEqual([A, B]);
    sim.send({ type: 'dismiss', reason: 'outside' });
    expect(sim.hides()).toHaveLength(1);
  });

  it('a stale timer firing after a dismissal is ignored', () => {
    const open = hoverReducer(INITIAL_HOVER_STATE, { type: 'keyboard-open', target: A }, { showDelay: 450 }).state;
    const closed = hoverReducer(open, { type: 'dismiss', reason: 'escape' }, { showDelay: 450 }).state;
    for (const timer of ['fetch', 'show', 'abandon'] as const) {
      expect(hoverReducer(closed, { type: 'timer', timer }, { showDelay: 450 }).effects).toEqual([]);
    }
  });
});
