import './highlights.css';
import { browser } from 'wxt/browser';
import { startAnnotator } from '../../lib/content/annotator';
import { askBackground } from '../../lib/messaging/client';
import { mergeSettings, type Settings } from '../../lib/settings';
import { PACKED_STORE_KEY } from '../../lib/detect/packed-cache';
import { createCardSections } from './card-section';
import { createCardUi } from './card-ui';
import { createNoteEditorUi } from './note-editor-ui';

// Settings are one item in storage.local; watching it brings a change made in the popup, the manager or
// another tab to this page. (storage.onChanged directly: WXT's storage wrapper would add to every page's bundle.)
function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes.settings) onChange(mergeSettings(changes.settings.newValue as Partial<Settings> | undefined));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    // start-up cost is measured from here (scripts/bench/detect.ts)
    performance.mark('backstory:content-start');
    await startAnnotator({
      ctx,
      doc: document,
      win: window,
      ask: askBackground,
      onMessage: (listener) => {
        browser.runtime.onMessage.addListener(listener as never);
        // an old copy of the script must not answer for the new one after an update
        ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener as never));
      },
      watchSettings,
      readStored: async () => {
        const got = await browser.storage.local.get([PACKED_STORE_KEY, 'settings']);
        return { detector: got[PACKED_STORE_KEY], settings: got.settings };
      },
      ui: { createCardUi, createCardSections, createNoteEditorUi },
    });
  },
});
