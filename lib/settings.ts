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
}

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 450,
  paused: false,
  disabledSites: [],
  colours: { model: '', org: '', person: '' },
  historyRetentionDays: 90,
  liveContext: false,
};

export function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  const s = { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
  s.hoverDelayMs = Math.min(1000, Math.max(0, Math.round(Number(s.hoverDelayMs) || 0)));
  s.colours = { ...DEFAULT_SETTINGS.colours, ...(stored?.colours ?? {}) };
  s.disabledSites = Array.from(new Set((s.disabledSites ?? []).map((h) => h.toLowerCase())));
  return s;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
