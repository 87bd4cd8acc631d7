// The hover controller: turns pointer and keyboard events on painted mentions into hover-machine
// events, and the machine's effects into timers, lookups and the card on screen.
// Custom highlights have no events, so we hit-test: one caret lookup per animation frame.
import type { ComponentChild } from 'preact';
import type { CardMention, CardProps, ActionState } from '../card/types';
import type { PageClaim } from '../claims/types';
import { caretFromPoint, hitTest, indexMentions, measureRange, type MentionIndex } from '../card/hit-test';
import { anchorRect, cardWidth, stepIndex, virtualElement } from '../card/layout';
import {
  DEFAULT_SHOW_DELAY,
  hoverReducer,
  INITIAL_HOVER_STATE,
  SCROLL_DISMISS_GRACE,
  type HoverEffect,
  type HoverEvent,
  type HoverState,
  type HoverTarget,
  type TimerName,
} from '../card/machine';
import { backgroundsFrom, chooseTheme } from '../card/theme';
import { TYPE_NAMES, shortDescription } from '../card/format';
import type { PaintedMention } from '../highlight/paint';
import { removeUiHost } from '../highlight/host';
import type { EntityDetails } from '../messaging/protocol';
import type { AskBackground, CardUi } from './types';

export const FLASH_HIGHLIGHT = 'backstory-flash';
export const CURRENT_HIGHLIGHT = 'backstory-current';
/** How long a jumped-to mention stays flashed. */
export const FLASH_DURATION = 1600;

export interface HoverDeps {
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  /** builds the card's frame in the page (entrypoints/content/card-ui.ts) */
  createCardUi(doc: Document, win: Window): CardUi;
  painted(): readonly PaintedMention[];
  claims(): readonly PageClaim[];
  nameOf(entityId: string): string | undefined;
  /** the user's hover delay (ContentConfig.settings.hoverDelayMs) */
  hoverDelayMs(): number;
  /** the reader said this match is wrong: forget it and repaint without it */
  onSuppressed(mention: PaintedMention['mention']): void;
  /** the reader turned Backstory off on this site: clear the highlights */
  onSiteDisabled(): void;
  /** saves the mention with its context; absent until saving is wired (the Save button is hidden then) */
  save?: (painted: PaintedMention) => Promise<void>;
  /** extra card sections for an entity (live context, discovered names): entrypoints/content/card-section.ts */
  extraSection?: (entityId: string) => ComponentChild;
}

export interface HoverController {
  /** keyboard path: go to the next/previous mention, scroll it into view, open its card and focus it */
  focusMention(direction: 'next' | 'previous'): { found: boolean; index: number; total: number };
  /** briefly highlight a range (the popup's "show on page") */
  flash(range: AbstractRange): void;
  /** claims or mentions changed: re-render an open card */
  refresh(): void;
  /** the current machine state, for tests and diagnostics */
  state(): HoverState;
  destroy(): void;
}

interface OpenView {
  target: HoverTarget;
  painted: PaintedMention;
  /** the entity shown: the mention's, or a related one the reader clicked through to */
  entityId: string;
  trail: string[];
  actions: NonNullable<CardProps['actions']>;
  via: 'pointer' | 'keyboard';
}

type Lookup = { status: 'loading'; promise: Promise<void> } | { status: 'ready'; details: EntityDetails | null } | { status: 'error'; error: string };

const keyOf = (p: PaintedMention) => `${p.mention.start}:${p.mention.end}:${p.mention.entityId}`;
/** A press that moved less than this and lifted within TAP_MAX_MS is a tap (not a scroll or a long press). */
const TAP_SLOP_PX = 10;
const TAP_MAX_MS = 600;

export function startHover(deps: HoverDeps): HoverController {
  const { doc, win } = deps;
  const abort = new AbortController();
  const listen = (target: EventTarget, type: string, fn: (e: Event) => void, options: AddEventListenerOptions = {}) =>
    target.addEventListener(type, fn, { ...options, signal: abort.signal });

  const ui: CardUi = deps.createCardUi(doc, win);
  let state: HoverState = INITIAL_HOVER_STATE;
  const timers = new Map<TimerName, number>();
  const lookups = new Map<string, Lookup>();
  let view: OpenView | null = null;
  let hoveredKey: string | null = null;
  let lastPointer: { x: number; y: number } | null = null;
  let keyboardIndex: number | null = null;
  let keyboardOpenedAt = 0;
  let focusBefore: Element | null = null;
  const scratch = doc.createRange();

  // ----- mention index, rebuilt when the annotator repaints (it replaces the array) -----
  let indexedFrom: readonly PaintedMention[] | null = null;
  let index: MentionIndex<PaintedMention['mention']> = indexMentions([]);
  const byKey = new Map<string, PaintedMention>();
  function currentIndex() {
    const painted = deps.painted();
    if (painted !== indexedFrom) {
      indexedFrom = painted;
      index = indexMentions(painted);
      byKey.clear();
      for (const p of painted) byKey.set(keyOf(p), p);
      keyboardIndex = null;
    }
    return index;
  }

  // ----- the machine -----
  function dispatch(event: HoverEvent) {
    const result = hoverReducer(state, event, { showDelay: deps.hoverDelayMs() ?? DEFAULT_SHOW_DELAY });
    state = result.state;
    for (const effect of result.effects) run(effect);
  }

  function run(effect: HoverEffect) {
    switch (effect.type) {
      case 'start-timer': {
        clearTimer(effect.timer);
        timers.set(effect.timer, win.setTimeout(() => {
          timers.delete(effect.timer);
          dispatch({ type: 'timer', timer: effect.timer });
        }, effect.ms));
        break;
      }
      case 'cancel-timer':
        clearTimer(effect.timer);
        break;
      case 'fetch':
        lookup(effect.target.entityId);
        break;
      case 'show':
        show(effect.target, effect.via);
        break;
      case 'hide':
        hide(effect.reason);
        break;
    }
  }

  function clearTimer(name: TimerName) {
    const id = timers.get(name);
    if (id !== undefined) win.clearTimeout(id);
    timers.delete(name);
  }

  // ----- data -----
  function lookup(entityId: string): Lookup {
    const known = lookups.get(entityId);
    if (known && known.status !== 'error') return known;
    const promise = deps.ask('getEntity', { id: entityId }).then(
      (details) => {
        lookups.set(entityId, { status: 'ready', details });
      },
      (err: unknown) => {
        lookups.set(entityId, { status: 'error', error: err instanceof Error ? err.message : String(err) });
      },
    );
    const entry: Lookup = { status: 'loading', promise };
    lookups.set(entityId, entry);
    void promise.then(() => {
      if (view?.entityId !== entityId) return;
      renderCard();
      // A keyboard-opened card announced only the name while loading: now say what it is.
      const done = lookups.get(entityId);
      if (view.via === 'keyboard' && done?.status === 'ready' && done.details) {
        ui.announce(`${done.details.entity.name}: ${shortDescription(done.details.entity.description)}`);
      }
    });
    return entry;
  }

  // ----- the card -----
  function cardMention(v: OpenView): CardMention {
    if (v.entityId === v.painted.mention.entityId) return v.painted.mention;
    const found = lookups.get(v.entityId);
    const entity = found?.status === 'ready' ? found.details?.entity : undefined;
    return { entityId: v.entityId, name: entity?.name ?? deps.nameOf(v.entityId) ?? v.entityId, type: entity?.type ?? v.painted.mention.type, text: '' };
  }

  function cardProps(v: OpenView): CardProps {
    const found = lookups.get(v.entityId) ?? lookup(v.entityId);
    const mention = cardMention(v);
    const onPage = new Set(deps.painted().map((p) => p.mention.entityId));
    const previous = v.trail[v.trail.length - 1];
    return {
      mention,
      status: found.status === 'loading' ? 'loading' : found.status === 'error' ? 'error' : found.details ? 'ready' : 'missing',
      details: found.status === 'ready' ? found.details : null,
      error: found.status === 'error' ? found.error : null,
      claims: deps.claims(),
      onPage,
      nameOf: deps.nameOf,
      site: win.location.hostname || 'this site',
      isMatch: v.entityId === v.painted.mention.entityId,
      actions: v.actions,
      backTo: previous ? (deps.nameOf(previous) ?? previous) : null,
      idBase: 'bs-card',
      extra: deps.extraSection?.(v.entityId),
      onClose: () => dispatch({ type: 'dismiss', reason: 'close-button' }),
      onRetry: () => {
        lookups.delete(v.entityId);
        lookup(v.entityId);
        renderCard();
      },
      onSave: deps.save ? () => void act('save', () => deps.save!(v.painted)) : undefined,
      onNotThis: () =>
        void act('notThis', async () => {
          const { mention: m } = v.painted;
          await deps.ask('suppressMatch', { host: win.location.hostname, entityId: m.entityId, text: m.text });
          deps.onSuppressed(m);
        }, true),
      onDisableSite: () =>
        void act('disableSite', async () => {
          await deps.ask('setSiteDisabled', { host: win.location.hostname, disabled: true });
          deps.onSiteDisabled();
        }, true),
      onShowEntity: (entityId) => {
        if (!view || entityId === view.entityId) return;
        view.trail.push(view.entityId);
        view.entityId = entityId;
        lookup(entityId);
        renderCard();
      },
      onOpenDossier: (entityId, target) => void deps.ask('openDossier', { entityId, view: target }).catch(() => undefined),
      onBack: () => {
        if (!view?.trail.length) return;
        view.entityId = view.trail.pop()!;
        renderCard();
      },
    };
  }

  async function act(kind: keyof OpenView['actions'], work: () => Promise<void>, closeAfter = false) {
    const v = view;
    if (!v) return;
    v.actions = { ...v.actions, [kind]: 'busy' as ActionState };
    renderCard();
    try {
      await work();
      v.actions = { ...v.actions, [kind]: 'done' as ActionState };
      renderCard();
      if (closeAfter && view === v) win.setTimeout(() => view === v && dispatch({ type: 'dismiss', reason: 'action' }), 700);
    } catch {
      v.actions = { ...v.actions, [kind]: 'failed' as ActionState };
      renderCard();
    }
  }

  function renderCard() {
    if (view && ui.isOpen()) ui.update(cardProps(view));
  }

  function rectsOf(p: PaintedMention) {
    return Array.from(measureRange(scratch, p.range));
  }

  function show(target: HoverTarget, via: 'pointer' | 'keyboard') {
    currentIndex();
    const painted = byKey.get(target.key);
    if (!painted) {
      dispatch({ type: 'dismiss', reason: 'action' });
      return;
    }
    view = { target, painted, entityId: painted.mention.entityId, trail: [], actions: {}, via };
    const pointerAtShow = via === 'pointer' ? lastPointer : null;
    const anchor = virtualElement(() => {
      const rect = anchorRect(rectsOf(painted), pointerAtShow);
      // the page removed the text (a live update, a single-page-app navigation): the card goes with it
      if (!rect) queueMicrotask(() => view?.painted === painted && dispatch({ type: 'dismiss', reason: 'gone' }));
      return rect;
    }, painted.range.startContainer.parentElement);
    const startElement = painted.range.startContainer.parentElement;
    const theme = chooseTheme({
      backgrounds: [...backgroundsFrom(win, startElement), win.getComputedStyle(doc.body ?? doc.documentElement).backgroundColor],
      prefersDark: win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
      canvasIsDark: /^\s*dark\s*$/.test(win.getComputedStyle(doc.documentElement).colorScheme ?? ''),
    });
    const found = lookups.get(painted.mention.entityId);
    const description = found?.status === 'ready' && found.details ? ` ${shortDescription(found.details.entity.description)}` : '';
    ui.show(anchor, cardProps(view), {
      theme,
      focus: via === 'keyboard',
      announce: `${painted.mention.name}, ${TYPE_NAMES[painted.mention.type]}.${description} Backstory card: Tab to its links and actions, Escape to close.`,
    });
    if (via === 'keyboard') setCurrent(painted.range);
    else setCurrent(null);
  }

  function hide(reason: string) {
    const closing = view;
    const focusWasInside = isFocusInCard();
    ui.hide();
    view = null;
    setCurrent(null);
    // Esc returns focus where it was; a click elsewhere already chose where focus goes.
    if (closing && (closing.via === 'keyboard' || focusWasInside) && reason !== 'outside') restoreFocus(closing);
    else focusBefore = null;
  }

  function isFocusInCard(): boolean {
    // focus inside a shadow root shows as the host on the document
    const active = doc.activeElement;
    if (!active || !active.shadowRoot) return false;
    return ui.containsNode(active.shadowRoot.activeElement);
  }

  function restoreFocus(closing: OpenView | null) {
    const before = focusBefore;
    focusBefore = null;
    if (before instanceof win.HTMLElement && before.isConnected && before !== doc.body) {
      before.focus({ preventScroll: true });
      return;
    }
    if (isFocusInCard()) (doc.activeElement as HTMLElement).blur();
    if (closing) {
      // Nothing was focused: put the reading position (a collapsed selection) at the mention.
      const r = closing.painted.range;
      try {
        const selection = win.getSelection();
        selection?.removeAllRanges();
        const range = doc.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.collapse(true);
        selection?.addRange(range);
      } catch {
        // the text is gone
      }
    }
  }

  // ----- highlights for the current and flashed mentions -----
  type Registry = { set(name: string, h: unknown): void; delete(name: string): void };
  const registry = (win as unknown as { CSS?: { highlights?: Registry } }).CSS?.highlights;
  const HighlightCtor = (win as unknown as { Highlight?: new (...r: AbstractRange[]) => { priority: number } }).Highlight;
  function paintSpecial(name: string, range: AbstractRange | null) {
    if (!registry || !HighlightCtor) return;
    if (!range) {
      registry.delete(name);
      return;
    }
    const highlight = new HighlightCtor(range);
    highlight.priority = 1; // over the type highlights
    registry.set(name, highlight);
  }
  function setCurrent(range: AbstractRange | null) {
    paintSpecial(CURRENT_HIGHLIGHT, range);
  }
  let flashTimer: number | undefined;
  function flash(range: AbstractRange) {
    paintSpecial(FLASH_HIGHLIGHT, range);
    win.clearTimeout(flashTimer);
    flashTimer = win.setTimeout(() => paintSpecial(FLASH_HIGHLIGHT, null), FLASH_DURATION);
  }

  // ----- pointer -----
  let frameRequested = false;
  function processPointer() {
    frameRequested = false;
    if (!lastPointer) return;
    const { x, y } = lastPointer;
    const idx = currentIndex();
    const hit = idx.size ? hitTest(idx, caretFromPoint(doc, x, y), x, y, (range) => Array.from(measureRange(scratch, range))) : null;
    const key = hit ? keyOf(hit as PaintedMention) : null;
    if (key === hoveredKey) return;
    if (hoveredKey) dispatch({ type: 'mention-leave' });
    hoveredKey = key;
    if (hit && key) dispatch({ type: 'mention-enter', target: { key, entityId: hit.mention.entityId } });
  }

  listen(doc, 'pointermove', (e) => {
    const event = e as PointerEvent;
    if (event.pointerType === 'touch') return;
    if (ui.containsEvent(event)) {
      // over the card: it handles its own enter/leave; the pointer is off every mention
      lastPointer = null;
      if (hoveredKey) {
        hoveredKey = null;
        dispatch({ type: 'mention-leave' });
      }
      return;
    }
    lastPointer = { x: event.clientX, y: event.clientY };
    if (!frameRequested) {
      frameRequested = true;
      win.requestAnimationFrame(processPointer);
    }
  }, { passive: true, capture: true });

  listen(doc, 'mouseout', (e) => {
    // the pointer left the window
    if ((e as MouseEvent).relatedTarget === null && hoveredKey) {
      hoveredKey = null;
      lastPointer = null;
      dispatch({ type: 'mention-leave' });
    }
  }, { passive: true });

  listen(doc, 'pointerdown', (e) => {
    const event = e as PointerEvent;
    // a touch or pen press that may become a tap (no hover on a touch screen: a tap opens the card)
    if ((event.pointerType === 'touch' || event.pointerType === 'pen') && event.isPrimary && !ui.containsEvent(event)) {
      press = { id: event.pointerId, x: event.clientX, y: event.clientY, at: performance.now() };
    }
    if (!state.open || ui.containsEvent(e)) return;
    dispatch({ type: 'dismiss', reason: 'outside' });
  }, { capture: true, passive: true });

  let press: { id: number; x: number; y: number; at: number } | null = null;
  listen(doc, 'pointercancel', () => {
    press = null; // the finger scrolled or zoomed: not a tap
  }, { capture: true, passive: true });
  listen(doc, 'pointerup', (e) => {
    const event = e as PointerEvent;
    const start = press;
    press = null;
    if (!start || start.id !== event.pointerId) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP_PX || performance.now() - start.at > TAP_MAX_MS) return;
    const idx = currentIndex();
    if (!idx.size) return;
    const { clientX: x, clientY: y } = event;
    const hit = hitTest(idx, caretFromPoint(doc, x, y), x, y, (range) => Array.from(measureRange(scratch, range)));
    if (!hit) return;
    lastPointer = { x, y }; // the card goes next to the line tapped
    hoveredKey = null;
    dispatch({ type: 'tap', target: { key: keyOf(hit as PaintedMention), entityId: hit.mention.entityId } });
  }, { capture: true, passive: true });

  listen(doc, 'keydown', (e) => {
    const event = e as KeyboardEvent;
    if (event.key !== 'Escape' || !state.open) return;
    event.preventDefault();
    event.stopPropagation();
    dispatch({ type: 'dismiss', reason: 'escape' });
  }, { capture: true });

  listen(doc, 'scroll', (e) => {
    if (!state.open && !state.pending) return;
    if (ui.containsEvent(e)) return; // scrolling inside the card
    if (state.via === 'keyboard' && performance.now() - keyboardOpenedAt < SCROLL_DISMISS_GRACE) return;
    hoveredKey = null; // the page moved under the pointer: the next move hit-tests afresh
    dispatch({ type: 'dismiss', reason: 'scroll' });
  }, { capture: true, passive: true });

  listen(win, 'resize', () => {
    if (state.open) ui.frame().style.setProperty('--card-width', `${cardWidth(win.innerWidth)}px`);
  }, { passive: true });

  const frame = ui.frame();
  // a finger "enters" and "leaves" the card with every tap on it: only hovering pointers count
  listen(frame, 'pointerenter', (e) => {
    if ((e as PointerEvent).pointerType !== 'touch') dispatch({ type: 'card-enter' });
  });
  listen(frame, 'pointerleave', (e) => {
    if ((e as PointerEvent).pointerType !== 'touch') dispatch({ type: 'card-leave' });
  });
  listen(frame, 'focusin', () => dispatch({ type: 'card-focus-in' }));
  listen(frame, 'focusout', (e) => {
    const next = (e as FocusEvent).relatedTarget as Node | null;
    if (!ui.containsNode(next)) dispatch({ type: 'card-focus-out' });
  });

  // ----- keyboard path -----
  function focusMention(direction: 'next' | 'previous') {
    currentIndex();
    const painted = deps.painted();
    if (!painted.length) return { found: false, index: -1, total: 0 };
    let current = keyboardIndex;
    if (current === null && state.open) {
      const openKey = state.open.key;
      const i = painted.findIndex((p) => keyOf(p) === openKey);
      current = i >= 0 ? i : null;
    }
    const firstVisible = current === null ? firstMentionInView(painted) : 0;
    const i = stepIndex(current, painted.length, direction, firstVisible);
    keyboardIndex = i;
    const target = painted[i];
    const element = target.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    keyboardOpenedAt = performance.now();
    const active = doc.activeElement;
    if (!state.open || state.via !== 'keyboard') focusBefore = active && !isFocusInCard() ? active : null;
    dispatch({ type: 'keyboard-open', target: { key: keyOf(target), entityId: target.mention.entityId } });
    return { found: true, index: i, total: painted.length };
  }

  /** The first mention whose box reaches into the viewport; binary search, as mentions are in document order. */
  function firstMentionInView(painted: readonly PaintedMention[]): number {
    let lo = 0;
    let hi = painted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const rects = rectsOf(painted[mid]);
      const bottom = rects.length ? Math.max(...rects.map((r) => r.bottom)) : -Infinity;
      if (bottom > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < painted.length ? lo : 0;
  }

  function destroy() {
    abort.abort();
    for (const name of [...timers.keys()]) clearTimer(name);
    ui.destroy();
    paintSpecial(FLASH_HIGHLIGHT, null);
    paintSpecial(CURRENT_HIGHLIGHT, null);
    removeUiHost(doc);
  }

  return {
    focusMention,
    flash,
    refresh: renderCard,
    state: () => state,
    destroy,
  };
}
