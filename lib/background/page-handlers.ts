// Page reports: the tab's state (mentions, claims, timing) for the popup, and the reading history.
import type { PageClaim } from '../claims/types';
import type { DiscoveredName } from '../discover/types';
import type { Handlers, PageRecord, TabState } from '../messaging/protocol';
import type { ServiceCore } from './core';

export interface PageHandlerDeps {
  /** claims extraction and linking for a reported page; `incognito`: a private window (no reading history) */
  extractClaims?: (
    report: { url: string; title: string; text: string; mentions: TabState['mentions']; published?: string },
    context?: { incognito: boolean },
  ) => Promise<PageClaim[]> | PageClaim[];
  /** names the pack lacks in a reported page's text (lib/live/handlers.ts discoverOnPage), when the report asks */
  discover?: (
    report: { url: string; text: string; mentions: TabState['mentions'] },
    sender: { tab?: { id?: number } },
  ) => Promise<DiscoveredName[]>;
  tabStates: Map<number, TabState>;
  /** what the popup shows as storage trouble */
  storageError(): string | null;
}

export function createPageHandlers(core: ServiceCore, deps: PageHandlerDeps): Pick<Handlers, 'reportPage' | 'getTabState' | 'listPages'> {
  const { db, safeDb } = core;
  const { tabStates } = deps;
  return {
    async reportPage(reported, sender) {
      // a model version the pack does not know is not the model its card links to: it is painted on
      // the page, but kept out of the popup's list and the reading history; claims get every mention (the
      // extractor makes a new version's claims about its maker, as the CLI does)
      const report = reported.mentions.some((m) => m.newVersion)
        ? { ...reported, mentions: reported.mentions.filter((m) => !m.newVersion) }
        : reported;
      // discovery reads the text the page already sent (no second copy of it); it runs beside claims
      const discovered =
        reported.discover && reported.text && deps.discover ? deps.discover(reported, sender).catch(() => undefined) : undefined;
      const claims = deps.extractClaims ? await deps.extractClaims(reported, { incognito: sender.tab?.incognito === true }) : [];
      const tabId = sender.tab?.id;
      if (typeof tabId === 'number') {
        tabStates.set(tabId, {
          tabId,
          url: report.url,
          title: report.title,
          relevance: report.relevance,
          gated: report.gated,
          forced: report.forced,
          backedOff: report.backedOff ?? false,
          timing: report.timing,
          mentions: report.mentions,
          claims,
          updatedAt: Date.now(),
        });
      }
      const entityCounts: Record<string, number> = {};
      for (const m of report.mentions) entityCounts[m.entityId] = (entityCounts[m.entityId] ?? 0) + 1;
      const record: PageRecord = {
        url: report.url,
        title: report.title,
        visitedAt: Date.now(),
        relevance: report.relevance,
        gated: report.gated,
        entityCounts,
        claimCount: claims.length,
      };
      if (report.mentions.length) await safeDb(() => db.pages.put(record), undefined, { write: true });
      // a discovery that failed leaves the page's names as they are
      const names = discovered && (await discovered);
      return names ? { claims, discovered: names } : { claims };
    },

    getTabState({ tabId }) {
      const state = tabStates.get(tabId);
      // the popup shows storage trouble next to what the page mentions
      return state ? { ...state, storageError: deps.storageError() } : null;
    },

    async listPages({ limit }) {
      return safeDb(
        () =>
          db.pages
            .orderBy('visitedAt')
            .reverse()
            .limit(limit ?? 200)
            .toArray(),
        [],
      );
    },
  };
}
