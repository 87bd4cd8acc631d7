// The hover card as a pure state machine: events in, next state and effects out.
// The controller (lib/content/hover.ts) turns effects into timers, lookups and rendering,
// so every timing rule below is unit-testable without a browser.

/** Start the data lookup once the pointer has rested this long (Page Previews uses the same figure). */
export const FETCH_START_DELAY = 150;
/** Show the card after this long on a mention, unless the user's `hoverDelayMs` setting says otherwise. */
export const DEFAULT_SHOW_DELAY = 450;
/** Close this long after the pointer leaves both the mention and the card: enough to cross the gap between them. */
export const ABANDON_END_DELAY = 300;
/** A keyboard-opened card ignores scroll events this soon after opening: they come from our own scrollIntoView. */
export const SCROLL_DISMISS_GRACE = 500;

export interface HoverTarget {
  /** identifies one mention on the page (the same entity can be mentioned many times) */
  key: string;
  entityId: string;
}

export type TimerName = 'fetch' | 'show' | 'abandon';
/** `gone`: the page removed the mention's text while its card was open. */
export type DismissReason = 'escape' | 'scroll' | 'outside' | 'close-button' | 'action' | 'gone';

export interface HoverState {
  /** the mention whose card is on screen */
  open: HoverTarget | null;
  /** the mention the pointer rests on, waiting for the show delay */
  pending: HoverTarget | null;
  /** where the pointer is, as far as the open card is concerned */
  pointer: 'none' | 'mention' | 'card';
  /** focus is inside the card: it stays open whatever the pointer does */
  focusInside: boolean;
  /** how the card was opened: a tap stays open like a keyboard open (no hover to leave) until dismissed */
  via: 'pointer' | 'keyboard' | 'tap' | null;
}

export type HoverEvent =
  | { type: 'mention-enter'; target: HoverTarget }
  | { type: 'mention-leave' }
  | { type: 'card-enter' }
  | { type: 'card-leave' }
  | { type: 'card-focus-in' }
  | { type: 'card-focus-out' }
  | { type: 'timer'; timer: TimerName }
  | { type: 'keyboard-open'; target: HoverTarget }
  /** a touch or pen tap on a mention: opens its card at once */
  | { type: 'tap'; target: HoverTarget }
  | { type: 'dismiss'; reason: DismissReason };

export type HoverEffect =
  | { type: 'start-timer'; timer: TimerName; ms: number }
  | { type: 'cancel-timer'; timer: TimerName }
  /** start loading the entity's details (idempotent: the controller caches lookups) */
  | { type: 'fetch'; target: HoverTarget }
  | { type: 'show'; target: HoverTarget; via: 'pointer' | 'keyboard' }
  | { type: 'hide'; reason: DismissReason | 'abandon' };

export interface HoverConfig {
  /** the user's hover delay, 0–1000 ms */
  showDelay: number;
}

export const INITIAL_HOVER_STATE: HoverState = { open: null, pending: null, pointer: 'none', focusInside: false, via: null };

export interface Transition {
  state: HoverState;
  effects: HoverEffect[];
}

const cancel = (...timers: TimerName[]): HoverEffect[] => timers.map((timer) => ({ type: 'cancel-timer', timer }));

function abandonIfUnattended(state: HoverState): HoverEffect[] {
  if (!state.open || state.via === 'keyboard' || state.via === 'tap' || state.focusInside || state.pointer !== 'none' || state.pending) return [];
  return [{ type: 'start-timer', timer: 'abandon', ms: ABANDON_END_DELAY }];
}

export function hoverReducer(state: HoverState, event: HoverEvent, config: HoverConfig): Transition {
  const showDelay = Math.min(1000, Math.max(0, config.showDelay));
  switch (event.type) {
    case 'mention-enter': {
      const { target } = event;
      if (state.open?.key === target.key) {
        // back on the mention whose card is open: keep it, forget any other dwell
        return { state: { ...state, pending: null, pointer: 'mention' }, effects: cancel('abandon', 'fetch', 'show') };
      }
      const next: HoverState = { ...state, pending: target, pointer: state.open ? 'none' : 'mention' };
      if (showDelay === 0) {
        return {
          state: { ...next, open: target, pending: null, pointer: 'mention', via: 'pointer' },
          effects: [...cancel('abandon', 'fetch', 'show'), { type: 'fetch', target }, { type: 'show', target, via: 'pointer' }],
        };
      }
      // An open card stays while the pointer dwells on another mention; the new card replaces it at show time.
      return {
        state: next,
        effects: [
          ...cancel('abandon'),
          { type: 'start-timer', timer: 'fetch', ms: Math.min(FETCH_START_DELAY, showDelay) },
          { type: 'start-timer', timer: 'show', ms: showDelay },
        ],
      };
    }

    case 'mention-leave': {
      const next: HoverState = { ...state, pending: null, pointer: state.pointer === 'card' ? 'card' : 'none' };
      return { state: next, effects: [...cancel('fetch', 'show'), ...abandonIfUnattended(next)] };
    }

    case 'card-enter': {
      if (!state.open) return { state, effects: [] };
      return { state: { ...state, pointer: 'card', pending: null }, effects: cancel('abandon', 'fetch', 'show') };
    }

    case 'card-leave': {
      if (!state.open) return { state, effects: [] };
      const next: HoverState = { ...state, pointer: 'none' };
      return { state: next, effects: abandonIfUnattended(next) };
    }

    case 'card-focus-in': {
      if (!state.open) return { state, effects: [] };
      return { state: { ...state, focusInside: true }, effects: cancel('abandon') };
    }

    case 'card-focus-out': {
      const next: HoverState = { ...state, focusInside: false };
      return { state: next, effects: abandonIfUnattended(next) };
    }

    case 'timer': {
      if (event.timer === 'fetch') {
        return { state, effects: state.pending ? [{ type: 'fetch', target: state.pending }] : [] };
      }
      if (event.timer === 'show') {
        if (!state.pending) return { state, effects: [] };
        const target = state.pending;
        return {
          state: { ...state, open: target, pending: null, pointer: 'mention', via: 'pointer', focusInside: false },
          effects: [{ type: 'fetch', target }, { type: 'show', target, via: 'pointer' }],
        };
      }
      // abandon
      if (!state.open || state.focusInside || state.pointer !== 'none' || state.via === 'keyboard' || state.via === 'tap') return { state, effects: [] };
      return { state: INITIAL_HOVER_STATE, effects: [{ type: 'hide', reason: 'abandon' }] };
    }

    case 'keyboard-open': {
      const { target } = event;
      return {
        state: { open: target, pending: null, pointer: 'none', focusInside: false, via: 'keyboard' },
        effects: [...cancel('abandon', 'fetch', 'show'), { type: 'fetch', target }, { type: 'show', target, via: 'keyboard' }],
      };
    }

    case 'tap': {
      const { target } = event;
      if (state.open?.key === target.key && state.via === 'tap') return { state, effects: [] }; // tapped again: stays
      return {
        state: { open: target, pending: null, pointer: 'none', focusInside: false, via: 'tap' },
        // placed like a pointer's card (next to the tapped line), without taking focus
        effects: [...cancel('abandon', 'fetch', 'show'), { type: 'fetch', target }, { type: 'show', target, via: 'pointer' }],
      };
    }

    case 'dismiss': {
      if (!state.open && !state.pending) return { state, effects: [] };
      return {
        state: INITIAL_HOVER_STATE,
        effects: [...cancel('abandon', 'fetch', 'show'), ...(state.open ? [{ type: 'hide', reason: event.reason } as HoverEffect] : [])],
      };
    }
  }
}
