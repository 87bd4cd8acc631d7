import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/service';
import { openDatabase } from '../lib/db/database';
import { loadBundledPack } from '../lib/kb/bundled';
import { createMessageListener } from '../lib/messaging/server';
import type { Settings } from '../lib/settings';

export default defineBackground(() => {
  const service = createBackgroundService({
    db: openDatabase(),
    pack: loadBundledPack(),
    settingsStore: {
      async get() {
        return (await browser.storage.local.get('settings')).settings as Partial<Settings> | undefined;
      },
      async set(value) {
        await browser.storage.local.set({ settings: value });
      },
    },
  });

  browser.runtime.onMessage.addListener(createMessageListener(service.handlers, browser.runtime.id) as never);
  browser.tabs.onRemoved.addListener((tabId) => service.tabStates.delete(tabId));
});
