// The card UI as its own script (Preact, floating-ui, the Card components, card.css, the note editor):
// half of what the content script would otherwise load on every page. The background injects it into
// the asking frame's isolated world on first need (scripting.executeScript: not a web-accessible
// resource, which a page could probe for); it registers on a global the content script reads
// (lib/content/lazy-ui.ts, entrypoints/content/index.ts). Pages do not see the isolated world's globals.
import { createCardSections } from './content/card-section';
import { createCardUi } from './content/card-ui';
import { createNoteEditorUi } from './content/note-editor-ui';
import { CARD_UI_GLOBAL } from '../lib/content/lazy-ui';
import type { ContentUi } from '../lib/content/types';

export default defineUnlistedScript(() => {
  const ui: ContentUi = { createCardUi, createCardSections, createNoteEditorUi };
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = ui;
});
