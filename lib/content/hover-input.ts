// Page and card events turned into hover-machine events. Custom highlights have no events, so the
// pointer is hit-tested: one caret lookup per animation frame.
import { cardWidth } from '../card/layout';
import { SCROLL_DISMISS_GRACE } from '../card/machine';
import { keyOf, mentionAt, type HoverSession } from './hover-session';

/** A press that moved less than this and lifted within TAP_MAX_MS is a tap (not a scroll or a long press). */
const TAP_SLOP_PX = 10;
const TAP_MAX_MS = 600;

/** A mouse or pen hovering over mentions: enter and leave, hit-tested once per frame. */
export function listenToPointer(s: HoverSession) {
  const { doc, win, ui } = s;
  let frameRequested = false;
  function processPointer() {
    frameRequested = false;
    if (!s.lastPointer) return;
    const { x, y } = s.lastPointer;
    const hit = mentionAt(s, x, y);
    const key = hit ? keyOf(hit) : null;
    if (key === s.hoveredKey) return;
    if (s.hoveredKey) s.dispatch({ type: 'mention-leave' });
    s.hoveredKey = key;
    if (hit && key) s.dispatch({ type: 'mention-enter', target: { key, entityId: hit.mention.entityId } });
  }

  s.listen(
    doc,
    'pointermove',
    (e) => {
      const event = e as PointerEvent;
      if (event.pointerType === 'touch') return;
      if (ui.containsEvent(event)) {
        // over the card: it handles its own enter/leave; the pointer is off every mention
        s.lastPointer = null;
        if (s.hoveredKey) {
          s.hoveredKey = null;
          s.dispatch({ type: 'mention-leave' });
        }
        return;
      }
      s.lastPointer = { x: event.clientX, y: event.clientY };
      if (!frameRequested) {
        frameRequested = true;
        win.requestAnimationFrame(processPointer);
      }
    },
    { passive: true, capture: true },
  );

  s.listen(
    doc,
    'mouseout',
    (e) => {
      // the pointer left the window
      if ((e as MouseEvent).relatedTarget === null && s.hoveredKey) {
        s.hoveredKey = null;
        s.lastPointer = null;
        s.dispatch({ type: 'mention-leave' });
      }
    },
    { passive: true },
  );
}

/** Presses: one outside the card closes it; a touch or pen tap on a mention opens its card. */
export function listenToPresses(s: HoverSession) {
  const { doc, ui } = s;
  let press: { id: number; x: number; y: number; at: number } | null = null;
  s.listen(
    doc,
    'pointerdown',
    (e) => {
      const event = e as PointerEvent;
      // a touch or pen press that may become a tap (no hover on a touch screen: a tap opens the card)
      if ((event.pointerType === 'touch' || event.pointerType === 'pen') && event.isPrimary && !ui.containsEvent(event)) {
        press = { id: event.pointerId, x: event.clientX, y: event.clientY, at: performance.now() };
      }
      if (!s.state.open || ui.containsEvent(e)) return;
      s.dispatch({ type: 'dismiss', reason: 'outside' });
    },
    { capture: true, passive: true },
  );

  s.listen(
    doc,
    'pointercancel',
    () => {
      press = null; // the finger scrolled or zoomed: not a tap
    },
    { capture: true, passive: true },
  );
  s.listen(
    doc,
    'pointerup',
    (e) => {
      const event = e as PointerEvent;
      const start = press;
      press = null;
      if (!start || start.id !== event.pointerId) return;
      if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP_PX || performance.now() - start.at > TAP_MAX_MS) return;
      const { clientX: x, clientY: y } = event;
      const hit = mentionAt(s, x, y);
      if (!hit) return;
      s.lastPointer = { x, y }; // the card goes next to the line tapped
      s.hoveredKey = null;
      s.dispatch({ type: 'tap', target: { key: keyOf(hit), entityId: hit.mention.entityId } });
    },
    { capture: true, passive: true },
  );
}

/** Escape, scrolling and resizing while a card is open or about to open. */
export function listenToPage(s: HoverSession) {
  const { doc, win, ui } = s;
  s.listen(
    doc,
    'keydown',
    (e) => {
      const event = e as KeyboardEvent;
      if (event.key !== 'Escape' || !s.state.open) return;
      event.preventDefault();
      event.stopPropagation();
      s.dispatch({ type: 'dismiss', reason: 'escape' });
    },
    { capture: true },
  );

  s.listen(
    doc,
    'scroll',
    (e) => {
      if (!s.state.open && !s.state.pending) return;
      if (ui.containsEvent(e)) return; // scrolling inside the card
      if (s.state.via === 'keyboard' && performance.now() - s.keyboardOpenedAt < SCROLL_DISMISS_GRACE) return;
      s.hoveredKey = null; // the page moved under the pointer: the next move hit-tests afresh
      s.dispatch({ type: 'dismiss', reason: 'scroll' });
    },
    { capture: true, passive: true },
  );

  s.listen(
    win,
    'resize',
    () => {
      if (s.state.open) ui.frame().style.setProperty('--card-width', `${cardWidth(win.innerWidth)}px`);
    },
    { passive: true },
  );
}

/** The pointer and focus entering and leaving the card. */
export function listenToCard(s: HoverSession) {
  const { ui } = s;
  const frame = ui.frame();
  // a finger "enters" and "leaves" the card with every tap on it: only hovering pointers count
  s.listen(frame, 'pointerenter', (e) => {
    if ((e as PointerEvent).pointerType !== 'touch') s.dispatch({ type: 'card-enter' });
  });
  s.listen(frame, 'pointerleave', (e) => {
    if ((e as PointerEvent).pointerType !== 'touch') s.dispatch({ type: 'card-leave' });
  });
  s.listen(frame, 'focusin', () => s.dispatch({ type: 'card-focus-in' }));
  s.listen(frame, 'focusout', (e) => {
    const next = (e as FocusEvent).relatedTarget as Node | null;
    if (!ui.containsNode(next)) s.dispatch({ type: 'card-focus-out' });
  });
}
