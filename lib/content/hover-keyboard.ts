// The keyboard path: step to the next or previous mention, scroll it into view and open its card with focus.
import { stepIndex } from '../card/layout';
import type { PaintedMention } from '../highlight/paint';
import { isFocusInCard, keyOf, rectsOf, type HoverSession } from './hover-session';

export function focusMention(s: HoverSession, direction: 'next' | 'previous') {
  s.mentions.current();
  const painted = s.deps.painted();
  if (!painted.length) return { found: false, index: -1, total: 0 };
  let current = s.keyboardIndex;
  if (current === null && s.state.open) {
    const openKey = s.state.open.key;
    const i = painted.findIndex((p) => keyOf(p) === openKey);
    current = i >= 0 ? i : null;
  }
  const firstVisible = current === null ? firstMentionInView(s, painted) : 0;
  const i = stepIndex(current, painted.length, direction, firstVisible);
  s.keyboardIndex = i;
  const target = painted[i];
  const element = target.range.startContainer.parentElement;
  element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
  s.keyboardOpenedAt = performance.now();
  const active = s.doc.activeElement;
  if (!s.state.open || s.state.via !== 'keyboard') s.focusBefore = active && !isFocusInCard(s) ? active : null;
  s.dispatch({ type: 'keyboard-open', target: { key: keyOf(target), entityId: target.mention.entityId } });
  return { found: true, index: i, total: painted.length };
}

/** The first mention whose box reaches into the viewport; binary search, as mentions are in document order. */
function firstMentionInView(s: HoverSession, painted: readonly PaintedMention[]): number {
  let lo = 0;
  let hi = painted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const rects = rectsOf(s, painted[mid]);
    const bottom = rects.length ? Math.max(...rects.map((r) => r.bottom)) : -Infinity;
    if (bottom > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < painted.length ? lo : 0;
}
