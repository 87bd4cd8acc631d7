// The content script's life on a page ends when the extension is updated, disabled or reloaded: after
// that, nothing it started (discovery, card sections, saved annotations, rescans) may ask the
// background again, and a rescan does nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAnnotator, type AskBackground } from '../../lib/content/annotator';
import type { ContentUi } from '../../lib/content/types';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { createCardSections } from '../../entrypoints/content/card-section';
import { createCardUi } from '../../entrypoints/content/card-ui';
import { createNoteEditorUi } from '../../entrypoints/content/note-editor-ui';

const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
if (!mini.ok) throw new Error(mini.errors.join('\n'));
const table = compileAliasTable(mini.value);

// the entrypoint's real card UI (Preact in the shadow root): nothing is stubbed but the background
const ui: ContentUi = { createCardUi, createCardSections, createNoteEditorUi };

describe('annotator life cycle', () => {
  it('stops asking the background once its context is invalidated', async () => {
    document.body.innerHTML = `<main><article><h1>Open models</h1><p>Mark Zuckerberg said Meta would keep Llama open. DeepSeek R1 is an AI model;
      OpenAI trains large language models on GPUs for machine learning and AI research.</p></article></main>`;
    const asked: string[] = [];
    const ask = (async (type: string) => {
      asked.push(type);
      if (type === 'getContentConfig') return { table, settings: DEFAULT_SETTINGS, siteDisabled: false, suppressed: [] };
      if (type === 'reportPage') return { claims: [] };
      if (type === 'annotationsForPage') return [];
      return {};
    }) as unknown as AskBackground;
    let invalidate = () => {};
    const ctx = {
      isValid: true,
      onInvalidated: (cb: () => void) => {
        const prev = invalidate;
        invalidate = () => {
          prev();
          cb();
        };
      },
    };
    const listeners: unknown[] = [];
    const annotator = await startAnnotator({ ctx, doc: document, win: window, ask, onMessage: (l) => listeners.push(l), ui });
    expect(annotator).not.toBeNull();
    expect(asked).toContain('reportPage');
    // names the pack lacks are asked for with the report itself (no second message with the page text)
    expect(asked).not.toContain('discoverOnPage');
    ctx.isValid = false;
    invalidate();
    const before = asked.length;
    expect(await annotator!.scan(true)).toEqual([]);
    document.querySelector('p')!.append(' Sam Altman said OpenAI would answer.');
    await new Promise((r) => setTimeout(r, 300));
    expect(asked.slice(before)).toEqual([]);
  });
});
