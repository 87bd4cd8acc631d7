// The two highlights over the type highlights: the mention whose card the keyboard opened (current)
// and a range the popup's "show on page" jumped to (flash).
import type { HighlightFactory, HighlightRegistryLike } from '../highlight/paint';

export const FLASH_HIGHLIGHT = 'backstory-flash';
export const CURRENT_HIGHLIGHT = 'backstory-current';
/** How long a jumped-to mention stays flashed. */
export const FLASH_DURATION = 1600;

export interface SpecialHighlights {
  setCurrent(range: AbstractRange | null): void;
  flash(range: AbstractRange): void;
  clear(): void;
}

/** `highlights`: the page session's registry and factory (null without the CSS Custom Highlight API). */
export function createSpecialHighlights(
  win: Window & typeof globalThis,
  highlights: { registry: HighlightRegistryLike; factory: HighlightFactory } | null,
): SpecialHighlights {
  function paintSpecial(name: string, range: AbstractRange | null) {
    if (!highlights) return;
    if (!range) {
      highlights.registry.delete(name);
      return;
    }
    const highlight = highlights.factory.createHighlight([range]) as { priority?: number };
    highlight.priority = 1; // over the type highlights
    highlights.registry.set(name, highlight);
  }
  let flashTimer: number | undefined;
  return {
    setCurrent(range) {
      paintSpecial(CURRENT_HIGHLIGHT, range);
    },
    flash(range) {
      paintSpecial(FLASH_HIGHLIGHT, range);
      win.clearTimeout(flashTimer);
      flashTimer = win.setTimeout(() => paintSpecial(FLASH_HIGHLIGHT, null), FLASH_DURATION);
    },
    clear() {
      paintSpecial(FLASH_HIGHLIGHT, null);
      paintSpecial(CURRENT_HIGHLIGHT, null);
    },
  };
}
