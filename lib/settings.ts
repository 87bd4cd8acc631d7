import type { EntityType } from './kb/schema';

export interface Settings {
  /** hover delay before a card shows, 0–1000 ms */
  hoverDelayMs: number;
  /** pause Backstory everywhere */
  paused: boolean;
  /** hosts where Backstory stays off */
  disabledSites: string[];
  /** highlight colours per entity type (CSS colours); empty string = built-in default */
  colours: Record<EntityType, string>;
  /** days of reading-history claims to keep */
  historyRetentionDays: number;
  /** opt-in live context from Wikipedia/Wikidata */
  liveContext: boolean;
  /** Wikipedia and Wikidata endpoints for live context (settings so tests and mirrors can point elsewhere) */
  wikipediaBase: string;
  wikidataBase: string;
  /** where the manager checks for a newer knowledge pack; '' = never */
  packUpdateUrl: string;
}

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 450,
  paused: false,
  disabledSites: [],
  colours: { model: '', org: '', person: '' },
  historyRetentionDays: 90,
  liveContext: false,
  wikipediaBase: 'https://en.wikipedia.org',
  wikidataBase: 'https://www.wikidata.org',
  packUpdateUrl: '',
};

/** An http(s) origin-and-path without a trailing slash, or the fallback when the value is not one. */
function httpBase(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return fallback;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return fallback;
  }
}

function httpUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) return '';
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}

export function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  const s = { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
  s.hoverDelayMs = Math.min(1000, Math.max(0, Math.round(Number(s.hoverDelayMs) || 0)));
  s.colours = { ...DEFAULT_SETTINGS.colours, ...(stored?.colours ?? {}) };
  s.disabledSites = Array.from(new Set((s.disabledSites ?? []).map((h) => h.toLowerCase())));
  s.wikipediaBase = httpBase(s.wikipediaBase, DEFAULT_SETTINGS.wikipediaBase);
  s.wikidataBase = httpBase(s.wikidataBase, DEFAULT_SETTINGS.wikidataBase);
  s.packUpdateUrl = httpUrl(s.packUpdateUrl);
  return s;
}

export { hostOf } from './url';
