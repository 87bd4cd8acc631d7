// Light or dark card: dark when the reader asked for dark (prefers-color-scheme) or the page itself is dark.
// A light card on a dark page at night glares; a dark card on a light page still reads well.

export type CardTheme = 'light' | 'dark';

/** Parses the computed-style forms browsers return: rgb()/rgba(), with commas or spaces, and #hex. */
export function parseColor(value: string | null | undefined): [number, number, number, number] | null {
  if (!value) return null;
  const s = value.trim().toLowerCase();
  if (s === 'transparent') return [0, 0, 0, 0];
  const hex = /^#([0-9a-f]{3,8})$/.exec(s);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length !== 6 && h.length !== 8) return null;
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(s);
  if (!fn) return null;
  const parts = fn[1].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  const rgba: [number, number, number, number] = [channel(parts[0]), channel(parts[1]), channel(parts[2]), alpha];
  return rgba.some((x) => Number.isNaN(x)) ? null : rgba;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Below this the page reads as dark (mid-grey #777 is about 0.18). */
export const DARK_PAGE_LUMINANCE = 0.2;

/**
 * `backgrounds`: computed background colours from the element under the mention outwards
 * (then body, then html). The first opaque-enough one is the page's background.
 */
export function pageIsDark(backgrounds: readonly string[], canvasIsDark = false): boolean {
  for (const bg of backgrounds) {
    const rgba = parseColor(bg);
    if (!rgba || rgba[3] < 0.5) continue;
    return relativeLuminance(rgba) < DARK_PAGE_LUMINANCE;
  }
  return canvasIsDark;
}

export function chooseTheme(input: { backgrounds: readonly string[]; prefersDark: boolean; canvasIsDark?: boolean }): CardTheme {
  return input.prefersDark || pageIsDark(input.backgrounds, input.canvasIsDark) ? 'dark' : 'light';
}

/** Computed backgrounds from `start` up to the root element, nearest first. */
export function backgroundsFrom(win: Window, start: Element | null): string[] {
  const out: string[] = [];
  for (let el: Element | null = start; el && out.length < 40; el = el.parentElement) {
    out.push(win.getComputedStyle(el).backgroundColor);
  }
  return out;
}
