// The two highlights over the type highlights: the mention whose card the keyboard opened (current)
// and a range the popup's "show on page" jumped to (flash).
export const FLASH_HIGHLIGHT = 'backstory-flash';
export const CURRENT_HIGHLIGHT = 'backstory-current';
/** How long a jumped-to mention stays flashed. */
export const FLASH_DURATION = 1600;

export interface SpecialHighlights {
  setCurrent(range: AbstractRange | null): void;
  flash(range: AbstractRange): void;
  clear(): void;
}

export function createSpecialHighlights(win: Window & typeof globalThis): SpecialHighlights {
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
