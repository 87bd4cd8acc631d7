import { beforeEach, describe, expect, it } from 'vitest';
import { BackstoryDB } from '../../lib/db/database';
import { liveCacheStore } from '../../lib/db/live-cache';
import { DAY, HOUR } from '../../lib/live/cache';
import { liveOrigins } from '../../lib/live/permissions';
import { createScheduler } from '../../lib/live/scheduler';
import { createLiveService } from '../../lib/live/service';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { fakeFetch, item, json, labels, SUMMARY_SAM, wikidataEntity } from './live-fakes';

const WIKI = 'http://127.0.0.1:8123';

function wikimedia() {
  let role = 'chief executive officer';
  const fake = fakeFetch((url) => {
    if (url.pathname.startsWith('/api/rest_v1/page/summary/')) {
      const title = decodeURIComponent(url.pathname.split('/').pop()!);
      if (title === 'Ada_Lovelace_Institute') return json({ ...SUMMARY_SAM, thumbnail: undefined });
      if (title === 'Mira_Okafor')
        return json({
          type: 'standard',
          title: 'Mira Okafor',
          description: 'Nigerian-British computer scientist',
          extract: 'Mira Okafor is a computer scientist who co-founded Tessera Labs, an AI startup.',
          wikibase_item: 'Q77',
        });
      if (title === 'Jonas_Brandt')
        return json({
          type: 'standard',
          title: 'Jonas Brandt',
          description: 'German footballer',
          extract: 'Jonas Brandt is a German footballer who plays as a midfielder.',
        });
      return json({ type: 'not_found' }, 404);
    }
    if (url.pathname === '/w/api.php') {
      if (url.searchParams.get('props') === 'labels') return json(labels({ Q1: role, Q2: 'Tessera Labs' }));
      const id = url.searchParams.get('ids')!;
      return json(wikidataEntity(id, { P39: [{ mainsnak: item('Q1'), rank: 'normal', qualifiers: { P642: [item('Q2')] } }] }));
    }
    return json({}, 404);
  });
  return { ...fake, setRole: (r: string) => (role = r) };
}

describe('live context service', () => {
  let db: BackstoryDB;
  let settings: Settings;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    db = new BackstoryDB(`live-service-${Math.random()}`);
    await db.open();
    settings = { ...DEFAULT_SETTINGS, liveContext: true, wikipediaBase: WIKI, wikidataBase: WIKI };
    clock = Date.parse('2026-03-01T12:00:00Z');
  });

  function service(fake: ReturnType<typeof wikimedia>, extra: Partial<Parameters<typeof createLiveService>[0]> = {}) {
    return createLiveService({
      store: liveCacheStore(db),
      fetch: fake.fetch,
      settings: async () => settings,
      scheduler: createScheduler({ sleep: async () => undefined, maxAttempts: 2 }),
      now,
      ...extra,
    });
  }

  it('with the switch off, answers "off" and makes no request at all', async () => {
    settings.liveContext = false;
    const fake = wikimedia();
    const result = await service(fake).getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    expect(result).toEqual({ status: 'off' });
    expect(fake.calls).toHaveLength(0);
  });

  it('enriches a pack entity from Wikipedia and Wikidata, then serves it from the IndexedDB cache', async () => {
    const fake = wikimedia();
    const live = service(fake);
    const first = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    expect(first.status).toBe('ok');
    expect(first.summary?.value.description).toBe('British research institute studying AI and data');
    expect(first.summary?.fetchedAt).toBe(clock);
    expect(first.facts?.value.roles).toEqual([{ label: 'chief executive officer', of: 'Tessera Labs', kind: 'position' }]);
    const requests = fake.calls.length;
    expect(requests).toBe(3); // summary, entity, labels
    // every request carries only the title or the id
    for (const call of fake.calls) expect(call.url).not.toMatch(/news|article|http%3A/i);

    clock += HOUR;
    const second = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    expect(second.summary?.fetchedAt).toBe(first.summary?.fetchedAt);
    expect(second.summary?.stale).toBe(false);
    expect(fake.calls.length).toBe(requests);
  });

  it('refreshes roles after 24 hours while the summary stays cached for 14 days', async () => {
    const fake = wikimedia();
    const live = service(fake);
    await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    fake.calls.length = 0;
    fake.setRole('chair');
    clock += 25 * HOUR;
    const stale = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    // the stale roles are shown at once, with their age
    expect(stale.facts?.stale).toBe(true);
    expect(stale.facts?.value.roles[0].label).toBe('chief executive officer');
    expect(stale.summary?.stale).toBe(false);
    await live.settled();
    expect(fake.calls.map((c) => new URL(c.url).pathname)).toEqual(['/w/api.php', '/w/api.php']);
    const fresh = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    expect(fresh.facts?.value.roles[0].label).toBe('chair');
    expect(fresh.facts?.fetchedAt).toBe(clock);

    clock += 14 * DAY;
    fake.calls.length = 0;
    const old = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute' });
    expect(old.summary?.stale).toBe(true);
    await live.settled();
    expect(fake.calls.some((c) => c.url.includes('/page/summary/'))).toBe(true);
  });

  it('offline: falls back to the cache, however old, and says "unavailable" when nothing is cached', async () => {
    const fake = wikimedia();
    const live = service(fake);
    await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    fake.setOffline(true);
    clock += 30 * DAY;
    const cached = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute', wikidata: 'Q100' });
    await live.settled();
    expect(cached.status).toBe('ok');
    expect(cached.summary?.value.title).toBe('Ada Lovelace Institute');
    expect(cached.summary?.stale).toBe(true);
    expect(cached.facts?.value.roles).toHaveLength(1);

    const uncached = await live.getLiveContext({ wikipedia: 'Some Other Lab' });
    expect(uncached).toEqual({ status: 'unavailable', error: 'offline or the server could not be reached' });
  });

  it('looks a discovered name up by title, and keeps only articles that fit the page', async () => {
    const fake = wikimedia();
    const live = service(fake);
    const fits = await live.getLiveContext({ name: 'Mira Okafor', hints: ['Tessera Labs'] });
    expect(fits.status).toBe('ok');
    expect(fits.summary?.value.description).toBe('Nigerian-British computer scientist');
    // the article's Wikidata item brings the current roles
    expect(fits.facts?.value.id).toBe('Q77');

    const namesake = await live.getLiveContext({ name: 'Jonas Brandt', hints: ['Quillon'] });
    expect(namesake).toEqual({ status: 'not-found' });
    const nothing = await live.getLiveContext({ name: 'Nobody Atall' });
    expect(nothing).toEqual({ status: 'not-found' });
  });

  it('refuses to fetch when the host permission was taken away', async () => {
    settings = { ...settings, wikipediaBase: 'https://en.wikipedia.org', wikidataBase: 'https://www.wikidata.org' };
    const fake = wikimedia();
    const asked: string[][] = [];
    const live = service(fake, {
      origins: liveOrigins,
      hasPermission: async (origins) => {
        asked.push(origins);
        return false;
      },
    });
    const result = await live.getLiveContext({ wikipedia: 'Ada Lovelace Institute' });
    expect(result.status).toBe('unavailable');
    expect(result.error).toMatch(/not allowed/);
    expect(asked).toEqual([['https://*.wikipedia.org/*', 'https://www.wikidata.org/*', 'https://upload.wikimedia.org/*']]);
    expect(fake.calls).toHaveLength(0);
  });

  it('an entity without Wikipedia or Wikidata ids has no live source', async () => {
    const fake = wikimedia();
    expect(await service(fake).getLiveContext({})).toEqual({ status: 'no-source' });
  });
});
