// Live context for one card: Wikipedia summary and Wikidata facts, cache first, fetched only when
// the user turned live context on. Runs in the background; pages and content scripts only ask.
import type { Settings } from '../settings';
import { readThrough, TTL, type CacheStore, type ReadResult } from './cache';
import type { FetchLike } from './http';
import { createScheduler, type Scheduler } from './scheduler';
import type { LiveContextResult, LiveFacts, LiveQuery, LiveSummary } from './types';
import { createWikidataClient } from './wikidata';
import { createWikipediaClient, summaryFits } from './wikipedia';

export interface LiveServiceDeps {
  store: CacheStore;
  fetch: FetchLike;
  settings: () => Promise<Settings>;
  /** whether the browser granted the host permissions for the configured endpoints */
  hasPermission?: (origins: string[]) => Promise<boolean>;
  /** the origins to check (see liveOrigins) */
  origins?: (settings: Settings) => string[];
  scheduler?: Scheduler;
  now?: () => number;
}

export interface LiveService {
  getLiveContext(query: LiveQuery): Promise<LiveContextResult>;
  /** resolves when the background refreshes started so far have finished (tests, shutdown) */
  settled(): Promise<void>;
}

export function summaryKey(base: string, title: string): string {
  return `wp|${base}|${title.trim().replace(/ /g, '_')}`;
}
export function nameKey(base: string, name: string): string {
  return `wp-name|${base}|${name.trim().toLowerCase()}`;
}
export function factsKey(base: string, id: string): string {
  return `wd|${base}|${id}`;
}

export function createLiveService(deps: LiveServiceDeps): LiveService {
  const scheduler = deps.scheduler ?? createScheduler();
  const refreshes = new Set<Promise<void>>();
  const options = { store: deps.store, scheduler, now: deps.now };

  function track(result: ReadResult<unknown>): void {
    if (!result.refresh) return;
    refreshes.add(result.refresh);
    void result.refresh.finally(() => refreshes.delete(result.refresh!));
  }

  return {
    async getLiveContext(query) {
      const settings = await deps.settings();
      if (!settings.liveContext) return { status: 'off' };
      if (!query.wikipedia && !query.wikidata && !query.name) return { status: 'no-source' };
      const origins = deps.origins?.(settings) ?? [];
      if (deps.hasPermission && origins.length && !(await deps.hasPermission(origins))) {
        return {
          status: 'unavailable',
          error: 'Backstory is not allowed to reach Wikipedia and Wikidata: turn live context off and on again to grant access.',
        };
      }
      const wikipedia = createWikipediaClient({ base: settings.wikipediaBase, fetch: deps.fetch });
      const wikidata = createWikidataClient({ base: settings.wikidataBase, fetch: deps.fetch });

      let summaryRead: ReadResult<LiveSummary> | undefined;
      if (query.wikipedia) {
        const title = query.wikipedia;
        summaryRead = await readThrough(summaryKey(settings.wikipediaBase, title), TTL.summary, () => wikipedia.summary(title), options);
      } else if (query.name) {
        const name = query.name;
        summaryRead = await readThrough(
          nameKey(settings.wikipediaBase, name),
          TTL.summary,
          async () => {
            const found = await wikipedia.summary(name);
            return found && summaryFits(found, query.hints) ? found : null;
          },
          options,
        );
      }
      if (summaryRead) track(summaryRead);

      const itemId = query.wikidata ?? summaryRead?.dated?.value.wikidata;
      let factsRead: ReadResult<LiveFacts> | undefined;
      if (itemId) {
        factsRead = await readThrough(factsKey(settings.wikidataBase, itemId), TTL.facts, () => wikidata.facts(itemId), options);
        track(factsRead);
      }

      const result: LiveContextResult = { status: 'ok' };
      if (summaryRead?.dated) result.summary = summaryRead.dated;
      if (factsRead?.dated) result.facts = factsRead.dated;
      if (result.summary || result.facts) return result;
      const error = summaryRead?.error ?? factsRead?.error;
      if (error) return { status: 'unavailable', error };
      return { status: 'not-found' };
    },

    async settled() {
      while (refreshes.size) await Promise.all([...refreshes]);
    },
  };
}
