// Shapes of the opt-in live context: what Wikipedia and Wikidata tell about an entity.

export interface LiveSummary {
  /** the article title Wikipedia resolved (after redirects) */
  title: string;
  description?: string;
  extract?: string;
  /** a data: URL fetched by the background, so the card never loads an image from the page */
  thumbnail?: { src: string; width: number; height: number };
  /** the human-readable article URL */
  pageUrl?: string;
  /** Wikidata item id Wikipedia links the article to */
  wikidata?: string;
}

export interface LiveRole {
  /** "chief executive officer", or the employer's name for P108 */
  label: string;
  /** the organisation the role is held at, when Wikidata says (P642 "of" / P108 employer) */
  of?: string;
  start?: string;
  kind: 'position' | 'employer';
}

export interface LiveFacts {
  id: string;
  label?: string;
  description?: string;
  /** current roles only (no end date), preferred rank first */
  roles: LiveRole[];
  /** P571, YYYY, YYYY-MM or YYYY-MM-DD */
  inception?: string;
  /** P856 */
  website?: string;
  /** English Wikipedia title from the item's sitelinks */
  wikipediaTitle?: string;
}

/** One cached value and how old it is. */
export interface Dated<T> {
  value: T;
  fetchedAt: number;
  /** past its time-to-live: shown, and being refreshed in the background */
  stale: boolean;
}

export type LiveStatus =
  /** the switch is off: nothing was fetched */
  | 'off'
  /** the entity has no Wikipedia or Wikidata link and no name to look up */
  | 'no-source'
  /** at least one part came from the cache or network */
  | 'ok'
  /** nothing cached and the request failed (offline, rate-limited, server error) */
  | 'unavailable'
  /** Wikipedia has no article matching the name */
  | 'not-found';

export interface LiveContextResult {
  status: LiveStatus;
  summary?: Dated<LiveSummary>;
  facts?: Dated<LiveFacts>;
  /** a short explanation for 'unavailable' */
  error?: string;
}

/** What a card asks about: a pack entity's ids, or a name found on the page. */
export interface LiveQuery {
  wikipedia?: string;
  wikidata?: string;
  /** a discovered name: looked up as a Wikipedia title, accepted only when the article fits */
  name?: string;
  /** words the article should mention for a name lookup to count (the organisation, "AI") */
  hints?: string[];
}

export type PackUpdateStatus =
  | { status: 'no-url' }
  | { status: 'up-to-date'; installed: string; remote: string }
  | { status: 'available'; installed: string; remote: string; entities: number }
  | { status: 'invalid'; errors: string[] }
  | { status: 'error'; error: string };
