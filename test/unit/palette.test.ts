// The highlight palette has one source (lib/highlight/palette.ts); the manifest stylesheet, which cannot
// import it, must say the same. Custom colours only ever reach a stylesheet as colours.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { customHighlightCss, HIGHLIGHT_PALETTE, resolveColours, safeColour } from '../../lib/highlight/palette';

const CSS = fs.readFileSync(path.resolve(import.meta.dirname, '../../entrypoints/content/highlights.css'), 'utf8');

describe('highlight palette', () => {
  it('the manifest stylesheet uses the palette for every type', () => {
    for (const [type, colour] of Object.entries(HIGHLIGHT_PALETTE)) {
      const rule = CSS.match(new RegExp(String.raw`::highlight\(backstory-${type}\)\s*\{([^}]*)\}`))?.[1];
      expect(rule, type).toBeTruthy();
      const declarations = rule!.replace(/\s+/g, ' ');
      expect(declarations).toContain(`background-color: ${colour.tint}`);
      expect(declarations).toContain(`underline 2px ${colour.line}`);
    }
  });

  it('keeps defaults out of the custom stylesheet and writes rules for changed types only', () => {
    expect(customHighlightCss({ model: '', org: '', person: '' })).toEqual({ page: '', boxes: '' });
    const css = customHighlightCss({ model: '#ff0000', org: '', person: '' });
    expect(css.page).toBe(
      '::highlight(backstory-model) { background-color: color-mix(in srgb, #ff0000 22%, transparent); text-decoration-color: #ff0000; }',
    );
    expect(css.boxes).toContain('.box.model');
    expect(css.boxes).not.toContain('.box.org');
  });

  it('refuses anything that is not a plain colour (a hostile or broken setting cannot inject CSS)', () => {
    expect(safeColour('#0a0B0c')).toBe('#0a0B0c');
    expect(safeColour('rgb(1, 2, 3)')).toBe('rgb(1, 2, 3)');
    expect(safeColour('red; } body { display: none')).toBeNull();
    expect(safeColour('url(https://x.example/a.png)')).toBeNull();
    expect(resolveColours({ person: 'expression(alert(1))' }).person).toEqual(HIGHLIGHT_PALETTE.person);
  });
});
