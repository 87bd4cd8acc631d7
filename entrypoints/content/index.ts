import './highlights.css';
import { browser } from 'wxt/browser';
import { startAnnotator } from '../../lib/content/annotator';
import { askBackground } from '../../lib/messaging/client';

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
      onMessage: (listener) => browser.runtime.onMessage.addListener(listener as never),
    });
  },
});
