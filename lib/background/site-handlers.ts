// What a page starts from (the table, its detector, the settings and this site's switches) and the
// reader's switches: settings, Backstory off on a site, a match marked wrong on a site.
import type { Handlers } from '../messaging/protocol';
import { hostOf, mergeSettings } from '../settings';
import type { ServiceCore } from './core';

type SiteHandlers = Pick<
  Handlers,
  'getContentConfig' | 'getPageConfig' | 'getSettings' | 'updateSettings' | 'setSiteDisabled' | 'suppressMatch' | 'getPackInfo'
>;

export function createSiteHandlers(core: ServiceCore): SiteHandlers {
  const { db, safeDb, settings, table, packedFor } = core;

  function suppressedOn(host: string): Promise<{ entityId: string; text: string }[]> {
    return safeDb(
      async () => (await db.suppressions.where('host').equals(host).toArray()).map(({ entityId, text }) => ({ entityId, text })),
      [],
    );
  }

  return {
    async getContentConfig({ url }) {
      const s = await settings();
      const host = hostOf(url);
      const suppressed = await suppressedOn(host);
      const t = await table();
      const detector = await packedFor(t);
      return { table: t, detector, tableKey: packedFor.keyOf(t), settings: s, siteDisabled: s.disabledSites.includes(host), suppressed };
    },

    async getPageConfig({ url }) {
      const s = await settings();
      const host = hostOf(url);
      const suppressed = await suppressedOn(host);
      const t = await table();
      // packed (and stored) before the page is told the key: a page that then reads storage finds it
      await packedFor(t);
      return { tableKey: packedFor.keyOf(t), settings: s, siteDisabled: s.disabledSites.includes(host), suppressed };
    },

    getSettings: () => settings(),

    async updateSettings({ patch }) {
      return core.updateSettings(patch);
    },

    async setSiteDisabled({ host, disabled }) {
      const current = await settings();
      const set = new Set(current.disabledSites);
      if (disabled) set.add(host.toLowerCase());
      else set.delete(host.toLowerCase());
      const next = mergeSettings({ ...current, disabledSites: [...set] });
      await core.saveSettings(next);
      return next;
    },

    async suppressMatch({ host, entityId, text }) {
      await db.suppressions.add({ host: host.toLowerCase(), entityId, text: text.toLowerCase(), createdAt: Date.now() });
      return { ok: true as const };
    },

    getPackInfo() {
      const pack = core.pack();
      return { version: pack.version, entities: pack.entities.length, trackedClaims: pack.trackedClaims.length };
    },
  };
}
