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
import { startInGrantedTabs } from '../lib/access/site-access';

export default defineBackground(() => {
  const db = openDatabase();
  const pack = loadBundledPack();
  // Built on the first report, not at start-up: a start cut short (the browser closing stops an event
  // page, Chrome suspends a service worker) then has less synchronous work to be stopped in.
  let extractor: ReturnType<typeof createClaimExtractor> | null = null;
  const extractClaims = (...args: Parameters<ReturnType<typeof createClaimExtractor>>) =>
    (extractor ??= createClaimExtractor(pack))(...args);
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
        const { historyRetentionDays } = mergeSettings(
          (await browser.storage.local.get('settings')).settings as Partial<Settings> | undefined,
        );
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
    // the card's "Everything you've read" link opens the manager at the dossier
    openPage: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(path as '/options.html') });
    },
    // the content script's card UI, loaded on first need into the asking frame's isolated world
    injectCardUi: async (tabId, frameId) => {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/card-ui.js'] });
    },
    // local, not session: the first page after the browser starts gets it without a compile too
    detectorStore: {
      get: async () => (await browser.storage.local.get(PACKED_STORE_KEY))[PACKED_STORE_KEY],
      set: (value) => browser.storage.local.set({ [PACKED_STORE_KEY]: value }),
    },
  });

  browser.runtime.onMessage.addListener(createMessageListener(service.handlers, browser.runtime.id) as never);
  browser.tabs.onRemoved.addListener((tabId) => service.tabStates.delete(tabId));

  // Site access granted after the page loaded (the popup's "Allow", or the browser's own site-access
  // controls): start annotating the open tabs of those sites without a reload. The manifest's content
  // script only runs on pages loaded while access is there.
  browser.permissions.onAdded.addListener((granted) => {
    void startInGrantedTabs(granted.origins, {
      query: (urls) => browser.tabs.query({ url: urls }),
      alive: (tabId) =>
        askTab(tabId, 'getState', {}).then(
          () => true,
          () => false,
        ),
      async inject(tabId) {
        const files = browser.runtime.getManifest().content_scripts?.[0];
        await browser.scripting.insertCSS({ target: { tabId }, files: (files?.css ?? []) as never }).catch(() => undefined);
        await browser.scripting.executeScript({ target: { tabId }, files: (files?.js ?? []) as never });
      },
    });
  });

  // Keyboard path to every mention (highlights are invisible to screen readers): the content script
  // of the active tab moves to the next/previous mention and opens its card.
  browser.commands.onCommand.addListener((command) => void onCommand(command).catch(() => undefined)); // a tab gone meanwhile
  async function onCommand(command: string) {
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
  }

  // "Save to Backstory" on a text selection: the tab's content script captures the selection with its
  // context (prefix/suffix) and opens the note editor. Pages it cannot reach get a quote-only save.
  const SAVE_MENU = 'backstory-save-selection';
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: SAVE_MENU, title: 'Save to Backstory', contexts: ['selection'] },
      () => void browser.runtime.lastError,
    );
    // installed or updated: the detector pages read from storage.local is missing or out of date
    void service.warmDetector().catch(() => undefined);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenu(info, tab).catch(() => undefined));
  async function onMenu(
    info: Parameters<Parameters<typeof browser.contextMenus.onClicked.addListener>[0]>[0],
    tab?: { id?: number; title?: string },
  ) {
    if (info.menuItemId !== SAVE_MENU || tab?.id === undefined) return;
    const saved = await saveSelectionIn(tab.id);
    if (!saved && info.selectionText && /^https?:/.test(info.pageUrl ?? '')) {
      await Promise.resolve()
        .then(() =>
          service.handlers.saveAnnotation(
            { url: info.pageUrl!, title: tab.title ?? '', exact: info.selectionText! },
            { id: browser.runtime.id, tab: { id: tab.id } },
          ),
        )
        .catch(() => undefined); // a page that refuses both (a browser page): nothing to keep
    }
  }

  async function saveSelectionIn(tabId: number): Promise<boolean> {
    try {
      await askTab(tabId, 'saveSelection', {});
      return true;
    } catch {
      return false; // no content script on this tab (a browser page, or loaded before the extension)
    }
  }
});
