// The one highlight palette. entrypoints/content/highlights.css (injected through the manifest, so
// it cannot import this) repeats these values; test/unit/palette.test.ts keeps the two equal.
import type { EntityType } from '../kb/schema';

export interface HighlightColour {
  /** underline, and the swatch the manager shows */
  line: string;
  /** the translucent tint under the text */
  tint: string;
}

export const HIGHLIGHT_PALETTE: Record<EntityType, HighlightColour> = {
  model: { line: '#8b5cf6', tint: 'rgba(139, 92, 246, 0.22)' },
  org: { line: '#0d9488', tint: 'rgba(13, 148, 136, 0.2)' },
  person: { line: '#ea580c', tint: 'rgba(234, 88, 12, 0.18)' },
};

const TYPES = Object.keys(HIGHLIGHT_PALETTE) as EntityType[];

/** A CSS colour a reader typed, or null: only hex and rgb()/hsl() forms, so nothing else reaches a stylesheet. */
export function safeColour(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (/^#[0-9a-f]{3,8}$/i.test(v)) return v;
  if (/^(rgb|hsl)a?\(\s*[\d.%\s,/-]+\)$/i.test(v)) return v;
  return null;
}

/** The reader's colours per type (empty = the palette's), resolved. */
export function resolveColours(custom: Partial<Record<EntityType, string>> | undefined): Record<EntityType, HighlightColour> {
  const out = {} as Record<EntityType, HighlightColour>;
  for (const type of TYPES) {
    const line = safeColour(custom?.[type]);
    out[type] = line ? { line, tint: `color-mix(in srgb, ${line} 22%, transparent)` } : HIGHLIGHT_PALETTE[type];
  }
  return out;
}

/** Rules for the reader's own colours, or '' when they kept the defaults (the manifest CSS already has those). */
export function customHighlightCss(custom: Partial<Record<EntityType, string>> | undefined): { page: string; boxes: string } {
  const colours = resolveColours(custom);
  const changed = TYPES.filter((t) => safeColour(custom?.[t]));
  return {
    page: changed
      .map((t) => `::highlight(backstory-${t}) { background-color: ${colours[t].tint}; text-decoration-color: ${colours[t].line}; }`)
      .join('\n'),
    boxes: changed.map((t) => `.box.${t} { background: ${colours[t].tint}; border-bottom-color: ${colours[t].line}; }`).join('\n'),
  };
}

/** The fallback boxes' stylesheet (lib/highlight/fallback.ts), from the palette. */
export function boxPaletteCss(): string {
  return TYPES.map(
    (t) => `.${t} { background: ${HIGHLIGHT_PALETTE[t].tint}; border-bottom: 2px solid ${HIGHLIGHT_PALETTE[t].line}; }`,
  ).join('\n');
}
