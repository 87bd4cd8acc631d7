// Site access: the reader can withdraw Backstory's access to all or some sites (Firefox: "Access your
// data for all websites"; Chrome: site access "on click" / "on specific sites"). The popup tells that
// apart from a page Backstory never runs on, and the background starts annotating in tabs of a site
// granted later, without a reload.

/** The content script's own matches (the manifest's content_scripts[0].matches). */
export const ALL_SITES = ['http://*/*', 'https://*/*'];

export type AccessStatus =
  /** an http(s) page the extension may read: when it has not reported, it is still loading or was opened before install */
  | { kind: 'granted' }
  /** not a web page (a browser page, a file, the store) */
  | { kind: 'not-web' }
  /** an http(s) page (or a page whose address the browser hides from us) Backstory has no access to */
  | { kind: 'no-access'; host: string | null; origins: string[] | null };

export interface PermissionsLike {
  contains(p: { origins: string[] }): Promise<boolean>;
}

/** The patterns that grant one site, both schemes (each is inside the manifest's matches, so it may be requested). */
export function originsForSite(url: string): string[] | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return [`http://${parsed.hostname}/*`, `https://${parsed.hostname}/*`];
}

/**
 * `url` is the tab's address when the browser shows it: only for tabs whose site we may read (or
 * after the reader clicked the toolbar button: activeTab). Unknown address + no access to all sites
 * reads as "no access": a page on a site we may read would show its address.
 */
export async function siteAccess(url: string | null | undefined, permissions: PermissionsLike): Promise<AccessStatus> {
  if (url) {
    const origins = originsForSite(url);
    if (!origins) return { kind: 'not-web' };
    const granted = await permissions.contains({ origins: [origins[new URL(url).protocol === 'https:' ? 1 : 0]] }).catch(() => true);
    return granted ? { kind: 'granted' } : { kind: 'no-access', host: new URL(url).hostname, origins };
  }
  const all = await permissions.contains({ origins: ALL_SITES }).catch(() => true);
  return all ? { kind: 'not-web' } : { kind: 'no-access', host: null, origins: null };
}

/** Host patterns among `origins` that the content script runs on (http/https, any host). */
export function webOrigins(origins: readonly string[] | undefined): string[] {
  return (origins ?? []).filter((o) => /^(\*|https?):\/\/[^/]+\/.*$/.test(o));
}

export interface StartDeps {
  query(urls: string[]): Promise<{ id?: number }[]>;
  /** true when the tab's content script answers (already running: do not start a second one) */
  alive(tabId: number): Promise<boolean>;
  inject(tabId: number): Promise<void>;
}

/** After a grant: starts the content script in every open tab of the granted sites that has none. Returns the tabs started. */
export async function startInGrantedTabs(origins: readonly string[] | undefined, deps: StartDeps): Promise<number[]> {
  const web = webOrigins(origins);
  if (!web.length) return [];
  const tabs = await deps.query(web).catch(() => []);
  const started: number[] = [];
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    if (await deps.alive(tab.id)) continue;
    try {
      await deps.inject(tab.id);
      started.push(tab.id);
    } catch {
      // a tab that closed or navigated to a page we may not script meanwhile
    }
  }
  return started;
}
