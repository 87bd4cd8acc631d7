// Host permissions for live context, derived from the endpoint settings. A mirror on this machine
// (loopback: the tests' fake Wikipedia) needs none: the extension reaches it through CORS like any
// page would, and Chromium's permission prompt cannot be answered in a headless test anyway.
import type { Settings } from '../settings';

export const WIKIMEDIA_ORIGINS = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*', 'https://upload.wikimedia.org/*'];

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function patternFor(base: string): string | null {
  try {
    const url = new URL(base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (isLoopback(url.hostname)) return null;
    if (url.protocol === 'https:' && url.hostname.endsWith('.wikipedia.org')) return 'https://*.wikipedia.org/*';
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/** The origins to request when the user turns live context on. */
export function liveOrigins(settings: Pick<Settings, 'wikipediaBase' | 'wikidataBase'>): string[] {
  const out = new Set<string>();
  for (const base of [settings.wikipediaBase, settings.wikidataBase]) {
    const pattern = patternFor(base);
    if (pattern) out.add(pattern);
  }
  // Wikipedia's thumbnails live on Wikimedia's upload host
  if (out.has('https://*.wikipedia.org/*')) out.add('https://upload.wikimedia.org/*');
  return [...out];
}
