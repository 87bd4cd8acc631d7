import './highlights.css';
import { browser } from 'wxt/browser';
import { startAnnotator } from '../../lib/content/annotator';
import { askBackground } from '../../lib/messaging/client';
import { mergeSettings, type Settings } from '../../lib/settings';
import { PACKED_STORE_KEY } from '../../lib/detect/packed-cache';
import { CARD_UI_GLOBAL, createUiLoader, lazyContentUi } from '../../lib/content/lazy-ui';
import type { ContentUi } from '../../lib/content/types';

// The card UI (entrypoints/card-ui.ts) is injected by the background into this frame's isolated world
// on first need; it leaves itself on a global here. Failures (a page the extension may not script)
// reject, and the shells then open nothing.
const loadCardUi = async (): Promise<ContentUi> => {
  const global = globalThis as Record<string, unknown>;
  if (!global[CARD_UI_GLOBAL]) await askBackground('loadCardUi', {});
  const ui = global[CARD_UI_GLOBAL] as ContentUi | undefined;
  if (!ui) throw new Error('The card UI did not load.');
  return ui;
};

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
      ui: lazyContentUi(createUiLoader(loadCardUi)),
    });
  },
});
