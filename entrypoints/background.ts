import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/service';
import { openDatabase } from '../lib/db/database';
import { loadBundledPack } from '../lib/kb/bundled';
import { createClaimExtractor } from '../lib/claims/pipeline';
import { linkAndRecord } from '../lib/db/claim-history';
import { mergeSettings } from '../lib/settings';
import { askTab } from '../lib/messaging/client';
import { createMessageListener } from '../lib/messaging/server';
import type { Settings } from '../lib/settings';

export default defineBackground(() => {
  const db = openDatabase();
  const pack = loadBundledPack();
  const extractClaims = createClaimExtractor(pack);
  const service = createBackgroundService({
    db,
    pack,
    // Claims of each reported page, linked to tracked claims and to the reader's own history (kept locally).
    async extractClaims(report) {
      const claims = extractClaims(report.text, report.mentions);
      if (!claims.length) return claims;
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
  });

  browser.runtime.onMessage.addListener(createMessageListener(service.handlers, browser.runtime.id) as never);
  browser.tabs.onRemoved.addListener((tabId) => service.tabStates.delete(tabId));

  // Keyboard path to every mention (highlights are invisible to screen readers): the content script
  // of the active tab moves to the next/previous mention and opens its card.
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-mention' && command !== 'previous-mention') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const direction = command === 'next-mention' ? 'next' : 'previous';
    await askTab(tab.id, 'focusMention', { direction }).catch(() => undefined); // no content script on this tab
  });
});
