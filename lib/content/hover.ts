// The hover controller: turns pointer and keyboard events on painted mentions into hover-machine
// events, and the machine's effects into timers, lookups and the card on screen.
// Custom highlights have no events, so we hit-test: one caret lookup per animation frame.
// Its parts: hover-input.ts (pointer, touch and page events), hover-card.ts (the card's content,
// actions, opening and closing), hover-keyboard.ts (the keyboard path), hover-highlights.ts
// (current and flashed mentions); hover-session.ts holds the state they share.
import { DEFAULT_SHOW_DELAY, hoverReducer, INITIAL_HOVER_STATE, type HoverEffect, type HoverEvent, type TimerName } from '../card/machine';
import { removeUiHost } from '../highlight/host';
import { createCardContent, createCardOpener } from './hover-card';
import { createSpecialHighlights } from './hover-highlights';
import { listenToCard, listenToPage, listenToPointer, listenToPresses } from './hover-input';
import { focusMention } from './hover-keyboard';
import { createMentionIndex, type HoverController, type HoverDeps, type HoverSession } from './hover-session';

export { CURRENT_HIGHLIGHT, FLASH_DURATION, FLASH_HIGHLIGHT } from './hover-highlights';
export type { HoverController, HoverDeps } from './hover-session';

export function startHover(deps: HoverDeps): HoverController {
  const { doc, win } = deps;
  const abort = new AbortController();
  const timers = new Map<TimerName, number>();
  const s: HoverSession = {
    deps,
    doc,
    win,
    ui: deps.createCardUi(doc, win),
    scratch: doc.createRange(),
    mentions: createMentionIndex(
      () => deps.painted(),
      () => {
        s.keyboardIndex = null;
      },
    ),
    state: INITIAL_HOVER_STATE,
    view: null,
    hoveredKey: null,
    lastPointer: null,
    keyboardIndex: null,
    keyboardOpenedAt: 0,
    focusBefore: null,
    dispatch,
    listen: (target, type, fn, options = {}) => target.addEventListener(type, fn, { ...options, signal: abort.signal }),
  };
  const highlights = createSpecialHighlights(win, deps.highlights);
  const content = createCardContent(s);
  const card = createCardOpener(s, content, highlights);

  // ----- the machine -----
  function dispatch(event: HoverEvent) {
    const result = hoverReducer(s.state, event, { showDelay: deps.hoverDelayMs() ?? DEFAULT_SHOW_DELAY });
    s.state = result.state;
    for (const effect of result.effects) run(effect);
  }

  function run(effect: HoverEffect) {
    switch (effect.type) {
      case 'start-timer': {
        clearTimer(effect.timer);
        timers.set(
          effect.timer,
          win.setTimeout(() => {
            timers.delete(effect.timer);
            dispatch({ type: 'timer', timer: effect.timer });
          }, effect.ms),
        );
        break;
      }
      case 'cancel-timer':
        clearTimer(effect.timer);
        break;
      case 'fetch':
        // the pointer rests on a mention: the card's code too, if the idle prefetch has not run yet
        s.ui.prefetch?.();
        content.lookup(effect.target.entityId);
        break;
      case 'show':
        card.show(effect.target, effect.via);
        break;
      case 'hide':
        card.hide(effect.reason);
        break;
    }
  }

  function clearTimer(name: TimerName) {
    const id = timers.get(name);
    if (id !== undefined) win.clearTimeout(id);
    timers.delete(name);
  }

  listenToPointer(s);
  listenToPresses(s);
  listenToPage(s);
  listenToCard(s);

  function destroy() {
    abort.abort();
    for (const name of [...timers.keys()]) clearTimer(name);
    s.ui.destroy();
    highlights.clear();
    removeUiHost(doc);
  }

  return {
    focusMention: (direction) => focusMention(s, direction),
    flash: highlights.flash,
    refresh: content.render,
    state: () => s.state,
    destroy,
  };
}
