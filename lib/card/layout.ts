// Where the card goes: pure helpers plus one call into @floating-ui/dom (flip and shift keep it on screen).
import { computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import type { RectLike } from './hit-test';

/** Page Previews cards are 320–450 px wide; ours never exceed 450. */
export const CARD_MAX_WIDTH = 450;
export const CARD_MIN_WIDTH = 280;
/** Gap between the mention and the card, and the minimum distance from the viewport edge. */
export const CARD_GAP = 8;
export const VIEWPORT_MARGIN = 8;

export function cardWidth(viewportWidth: number): number {
  return Math.max(
    Math.min(CARD_MIN_WIDTH, viewportWidth - 2 * VIEWPORT_MARGIN),
    Math.min(CARD_MAX_WIDTH, viewportWidth - 2 * VIEWPORT_MARGIN),
  );
}

/**
 * The rectangle to anchor to. A mention wrapped over two lines has two rectangles:
 * use the one the pointer is on (or nearest to), else the first.
 */
export function anchorRect(rects: readonly RectLike[], pointer?: { x: number; y: number } | null): RectLike | null {
  const usable = rects.filter((r) => r.right - r.left > 0 || r.bottom - r.top > 0);
  if (!usable.length) return null;
  if (!pointer) return usable[0];
  let best = usable[0];
  let bestDistance = Infinity;
  for (const r of usable) {
    const dx = pointer.x < r.left ? r.left - pointer.x : pointer.x > r.right ? pointer.x - r.right : 0;
    const dy = pointer.y < r.top ? r.top - pointer.y : pointer.y > r.bottom ? pointer.y - r.bottom : 0;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      best = r;
      bestDistance = distance;
    }
  }
  return best;
}

/** `contextElement`: the element holding the mention, so autoUpdate notices when it resizes or leaves the page. */
export function virtualElement(measure: () => RectLike | null, contextElement?: Element | null): VirtualElement {
  return {
    contextElement: contextElement ?? undefined,
    getBoundingClientRect() {
      const r = measure() ?? { left: 0, top: 0, right: 0, bottom: 0 };
      const width = r.right - r.left;
      const height = r.bottom - r.top;
      return { x: r.left, y: r.top, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width, height };
    },
  };
}

export interface CardPosition {
  x: number;
  y: number;
  placement: string;
  /** height available on the chosen side: the card scrolls inside beyond it */
  maxHeight: number;
}

/** Below the mention by default, above when there is more room there; shifted to stay inside the viewport. */
export async function positionCard(reference: VirtualElement, card: HTMLElement): Promise<CardPosition> {
  let maxHeight = 0;
  const result = await computePosition(reference, card, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      offset(CARD_GAP),
      flip({ padding: VIEWPORT_MARGIN, fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
      shift({ padding: VIEWPORT_MARGIN }),
      size({
        padding: VIEWPORT_MARGIN,
        apply({ availableHeight }) {
          maxHeight = Math.max(120, Math.floor(availableHeight));
        },
      }),
    ],
  });
  return { x: Math.round(result.x), y: Math.round(result.y), placement: result.placement, maxHeight };
}

/** Index of the next/previous mention, wrapping; from nothing, start at the first mention at or after `startFrom`. */
export function stepIndex(current: number | null, total: number, direction: 'next' | 'previous', startFrom = 0): number {
  if (total <= 0) return -1;
  if (current === null || current < 0 || current >= total) {
    const first = Math.min(Math.max(0, startFrom), total - 1);
    return direction === 'next' ? first : (first - 1 + total) % total;
  }
  return direction === 'next' ? (current + 1) % total : (current - 1 + total) % total;
}
