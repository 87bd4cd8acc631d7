import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/service';
import { openDatabase } from '../lib/db/database';
import { loadBundledPack } from '../lib/kb/bundled';
import { createClaimExtractor } from '../lib/claims/pipeline';
import { linkAndRecord } from '../lib/db/claim-history';
import { mergeSettings } from '../lib/settings';
import { askTab } from '../lib/messaging/client';
import { createMessageListener } from '../lib/messaging/server';
import { PACKED_STORE_KEY } from '../lib/detect/packed-cache';
import type { Settings } from '../lib/settings';

export default defineBackground(() => {
  const db = openDatabase();
  const pack = loadBundledPack();
  const extractClaims = createClaimExtractor(pack);
  const service = createBackgroundService({
    db,
    pack,
    // Claims of each reported page, linked to tracked claims and to the reader's own history (kept locally).
    async extractClaims(report, context) {
      const claims = extractClaims(report.text, report.mentions);
      // private windows leave no reading history
      if (!claims.length || context?.incognito) return claims;
      // an upgrade blocked by another tab would hold the page's claims back indefinitely
      if (!(await service.storageUsable())) return claims;
      try {
        const { historyRetentionDays } = mergeSettings((await browser.storage.local.get('settings')).settings as Partial<Settings> | undefined);
        return await linkAndRecord(db, report, claims, { retentionDays: historyRetentionDays });
      } catch {
        return claims; // history unavailable (storage error): the page's own claims still show
      }
    },
    settingsStore: {
      async get() {
        return (await browser.storage.local.get('settings')).settings as Partial<Settings> | undefined;
      },
      async set(value) {
        await browser.storage.local.set({ settings: value });
      },
    },
    askTab: (tabId, type, payload) => askTab(tabId, type as never, payload as never),
    estimate: async () => (navigator.storage?.estimate ? navigator.storage.estimate() : {}),
    // live context and pack updates only (lib/live); the reader turns live context on in the popup or manager
    fetch: (input, init) => fetch(input, init),
    hasPermission: (origins) => browser.permissions.contains({ origins }),
    discoveredSession: {
      get: async () => (await browser.storage.session.get('discoveredTabs')).discoveredTabs,
      set: (value) => browser.storage.session.set({ discoveredTabs: value }),
    },
    // local, not session: the first page after the browser starts gets it without a compile too
    detectorStore: {
      get: async () => (await browser.storage.local.get(PACKED_STORE_KEY))[PACKED_STORE_KEY],
      set: (value) => browser.storage.local.set({ [PACKED_STORE_KEY]: value }),
    },
  });

  browser.runtime.onMessage.addListener(createMessageListener(service.handlers, browser.runtime.id) as never);
  browser.tabs.onRemoved.addListener((tabId) => service.tabStates.delete(tabId));

  // Keyboard path to every mention (highlights are invisible to screen readers): the content script
  // of the active tab moves to the next/previous mention and opens its card.
  browser.commands.onCommand.addListener(async (command) => {
    if (command === 'save-selection') {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined) await saveSelectionIn(tab.id);
      return;
    }
    if (command !== 'next-mention' && command !== 'previous-mention') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const direction = command === 'next-mention' ? 'next' : 'previous';
    await askTab(tab.id, 'focusMention', { direction }).catch(() => undefined); // no content script on this tab
  });

  // "Save to Backstory" on a text selection: the tab's content script captures the selection with its
  // context (prefix/suffix) and opens the note editor. Pages it cannot reach get a quote-only save.
  const SAVE_MENU = 'backstory-save-selection';
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: SAVE_MENU, title: 'Save to Backstory', contexts: ['selection'] }, () => void browser.runtime.lastError);
  });
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== SAVE_MENU || tab?.id === undefined) return;
    const saved = await saveSelectionIn(tab.id);
    if (!saved && info.selectionText && /^https?:/.test(info.pageUrl ?? "")) {
      await Promise.resolve()
        .then(() => service.handlers.saveAnnotation({ url: info.pageUrl!, title: tab.title ?? '', exact: info.selectionText! }, { id: browser.runtime.id, tab: { id: tab.id } }))
        .catch(() => undefined); // a page that refuses both (a browser page): nothing to keep
    }
  });

  async function saveSelectionIn(tabId: number): Promise<boolean> {
    try {
      await askTab(tabId, 'saveSelection', {});
      return true;
    } catch {
      return false; // no content script on this tab (a browser page, or loaded before the extension)
    }
  }
});
