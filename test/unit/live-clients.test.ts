import { describe, expect, it } from 'vitest';
import { API_USER_AGENT, HttpError } from '../../lib/live/http';
import { checkPackUpdate, compareVersions } from '../../lib/live/pack-update';
import { liveOrigins } from '../../lib/live/permissions';
import { createWikidataClient, wikidataDate } from '../../lib/live/wikidata';
import { createWikipediaClient, summaryFits, summaryUrl, trimExtract } from '../../lib/live/wikipedia';
import { DEFAULT_SETTINGS, mergeSettings } from '../../lib/settings';
import { fakeFetch, item, json, labels, str, SUMMARY_SAM, time, wikidataEntity } from './live-fakes';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('Wikipedia summary client', () => {
  it('asks for the title only, identifies itself, and returns description, extract and an inline thumbnail', async () => {
    const fake = fakeFetch((url) => {
      if (url.host === 'upload.wikimedia.org') return new Response(PNG, { headers: { 'content-type': 'image/png' } });
      return json(SUMMARY_SAM);
    });
    const client = createWikipediaClient({ base: 'https://en.wikipedia.org', fetch: fake.fetch });
    const summary = await client.summary('Ada Lovelace Institute');
    expect(fake.calls[0].url).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/Ada_Lovelace_Institute');
    expect(fake.calls[0].headers['api-user-agent']).toBe(API_USER_AGENT);
    expect(summary).toMatchObject({
      title: 'Ada Lovelace Institute',
      description: 'British research institute studying AI and data',
      wikidata: 'Q100',
      pageUrl: 'https://en.wikipedia.org/wiki/Ada_Lovelace_Institute',
    });
    expect(summary?.thumbnail?.src).toBe(`data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`);
    expect(summary?.thumbnail?.width).toBe(320);
  });

  it('percent-encodes slashes and other reserved characters in titles', () => {
    expect(summaryUrl('https://en.wikipedia.org/', 'AC/DC')).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/AC%2FDC');
    expect(summaryUrl('http://127.0.0.1:9999', 'Mistral AI')).toBe('http://127.0.0.1:9999/api/rest_v1/page/summary/Mistral_AI');
  });

  it('treats 404 and disambiguation pages as "no article", and surfaces other errors', async () => {
    const fake = fakeFetch((url) => {
      if (url.pathname.endsWith('/Missing')) return json({ type: 'not_found' }, 404);
      if (url.pathname.endsWith('/Mercury')) return json({ type: 'disambiguation', title: 'Mercury' });
      return json({}, 503, { 'retry-after': '3' });
    });
    const client = createWikipediaClient({ base: 'https://en.wikipedia.org', fetch: fake.fetch });
    expect(await client.summary('Missing')).toBeNull();
    expect(await client.summary('Mercury')).toBeNull();
    const err = await client.summary('Anything').catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(503);
    expect(err.retryAfterMs).toBe(3000);
  });

  it('does not fetch thumbnails from hosts other than Wikimedia or the configured one', async () => {
    const fake = fakeFetch(() => json({ ...SUMMARY_SAM, thumbnail: { source: 'https://tracker.example/pixel.png', width: 1, height: 1 } }));
    const client = createWikipediaClient({ base: 'https://en.wikipedia.org', fetch: fake.fetch });
    const summary = await client.summary('Ada Lovelace Institute');
    expect(summary?.thumbnail).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });

  it('a broken thumbnail leaves the summary intact', async () => {
    const fake = fakeFetch((url) =>
      url.host === 'upload.wikimedia.org' ? new Response('<html>', { headers: { 'content-type': 'text/html' } }) : json(SUMMARY_SAM),
    );
    const summary = await createWikipediaClient({ base: 'https://en.wikipedia.org', fetch: fake.fetch }).summary('x');
    expect(summary?.extract).toContain('independent research institute');
    expect(summary?.thumbnail).toBeUndefined();
  });

  it('trims long extracts at a sentence end', () => {
    const long = `${'First sentence is here. '.repeat(30)}`;
    const trimmed = trimExtract(long, 100);
    expect(trimmed.length).toBeLessThanOrEqual(100);
    expect(trimmed.endsWith('.')).toBe(true);
  });

  it('accepts a looked-up name only when the article fits the page', () => {
    const singer = { title: 'Mara Velden', description: 'Dutch singer', extract: 'Mara Velden is a Dutch pop singer.' };
    const researcher = { title: 'Mara Velden', description: 'Dutch computer scientist', extract: 'She leads research on language models.' };
    expect(summaryFits(singer)).toBe(false);
    expect(summaryFits(researcher)).toBe(true);
    expect(summaryFits({ title: 'Tessellate', extract: 'Tessellate is a company founded by Ines Okafor.' }, ['Ines Okafor'])).toBe(true);
  });
});

describe('Wikidata client', () => {
  it('returns current roles with the organisation, inception and website, in two requests', async () => {
    const fake = fakeFetch((url) => {
      const ids = url.searchParams.get('ids');
      if (url.searchParams.get('props') === 'labels') {
        // the ended role's organisation (Q6) is not looked up
        expect(ids?.split('|').sort()).toEqual(['Q484876', 'Q5', 'Q7']);
        return json(labels({ Q484876: 'chief executive officer', Q5: 'Nimbus Labs', Q6: 'Old Corp', Q7: 'Open University' }));
      }
      return json(
        wikidataEntity(
          'Q42',
          {
            P39: [
              { mainsnak: item('Q484876'), rank: 'normal', qualifiers: { P642: [item('Q5')], P580: [time('+2023-04-01T00:00:00Z', 10)] } },
              // ended: not current
              { mainsnak: item('Q484876'), rank: 'normal', qualifiers: { P642: [item('Q6')], P582: [time('+2022-01-01T00:00:00Z', 9)] } },
              { mainsnak: item('Q999'), rank: 'deprecated' },
            ],
            P108: [
              { mainsnak: item('Q7'), rank: 'normal' },
              { mainsnak: item('Q5'), rank: 'normal' },
            ],
            P571: [{ mainsnak: time('+2019-00-00T00:00:00Z', 9), rank: 'normal' }],
            P856: [{ mainsnak: str('https://nimbus.example'), rank: 'normal' }],
          },
          { sitelinks: { enwiki: { title: 'Someone Example' } } },
        ),
      );
    });
    const facts = await createWikidataClient({ base: 'https://www.wikidata.org', fetch: fake.fetch }).facts('Q42');
    expect(fake.calls).toHaveLength(2);
    const first = new URL(fake.calls[0].url);
    expect(first.pathname).toBe('/w/api.php');
    expect(first.searchParams.get('action')).toBe('wbgetentities');
    expect(first.searchParams.get('ids')).toBe('Q42');
    expect(fake.calls[0].headers['api-user-agent']).toBe(API_USER_AGENT);
    expect(facts).toEqual({
      id: 'Q42',
      label: 'Label Q42',
      description: 'an item',
      wikipediaTitle: 'Someone Example',
      inception: '2019',
      website: 'https://nimbus.example',
      roles: [
        { label: 'chief executive officer', of: 'Nimbus Labs', start: '2023-04', kind: 'position' },
        // Q5 is already named by the position; Open University is an employer without a position
        { label: 'Open University', kind: 'employer' },
      ],
    });
  });

  it('returns null for a missing item', async () => {
    const fake = fakeFetch(() => json({ entities: { Q1: { id: 'Q1', missing: '' } } }));
    expect(await createWikidataClient({ base: 'https://www.wikidata.org', fetch: fake.fetch }).facts('Q1')).toBeNull();
  });

  it('reads dates at their precision', () => {
    expect(wikidataDate(time('+2015-12-11T00:00:00Z', 11))).toBe('2015-12-11');
    expect(wikidataDate(time('+2015-12-00T00:00:00Z', 10))).toBe('2015-12');
    expect(wikidataDate(time('+2015-01-01T00:00:00Z', 9))).toBe('2015');
    expect(wikidataDate(str('not a date'))).toBeUndefined();
  });
});

describe('endpoint settings and permissions', () => {
  it('defaults to Wikimedia and normalises configured bases', () => {
    expect(DEFAULT_SETTINGS.wikipediaBase).toBe('https://en.wikipedia.org');
    expect(DEFAULT_SETTINGS.wikidataBase).toBe('https://www.wikidata.org');
    expect(DEFAULT_SETTINGS.packUpdateUrl).toBe('');
    const s = mergeSettings({ wikipediaBase: 'http://127.0.0.1:8123/', wikidataBase: 'javascript:alert(1)', packUpdateUrl: 'ftp://x' });
    expect(s.wikipediaBase).toBe('http://127.0.0.1:8123');
    expect(s.wikidataBase).toBe('https://www.wikidata.org');
    expect(s.packUpdateUrl).toBe('');
  });

  it('asks for exactly the hosts live context talks to', () => {
    expect(liveOrigins(DEFAULT_SETTINGS)).toEqual([
      'https://*.wikipedia.org/*',
      'https://www.wikidata.org/*',
      'https://upload.wikimedia.org/*',
    ]);
    expect(liveOrigins({ wikipediaBase: 'https://wiki.mirror.example', wikidataBase: 'https://www.wikidata.org' })).toEqual([
      'https://wiki.mirror.example/*',
      'https://www.wikidata.org/*',
    ]);
    // a mirror on this machine is reached through CORS, without a host permission
    expect(liveOrigins({ wikipediaBase: 'http://127.0.0.1:8123', wikidataBase: 'http://localhost:8124' })).toEqual([]);
  });
});

describe('pack updates', () => {
  const pack = (version: string) => ({ format: 1, version, updated: '2026-03-01', entities: [], trackedClaims: [] });

  it('compares semantic versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
  });

  it('offers a newer valid pack, refuses older ones and invalid files with clear messages', async () => {
    let body: unknown = pack('1.4.0');
    const fake = fakeFetch(() => json(body));
    const available = await checkPackUpdate('https://packs.example/pack.json', '1.3.9', fake.fetch);
    expect(available.status).toBe('available');
    body = pack('1.3.9');
    expect(await checkPackUpdate('https://packs.example/pack.json', '1.3.9', fake.fetch)).toEqual({
      status: 'up-to-date',
      installed: '1.3.9',
      remote: '1.3.9',
    });
    body = { ...pack('2.0.0'), entities: [{ id: 'Bad Id', type: 'model' }] };
    const invalid = await checkPackUpdate('https://packs.example/pack.json', '1.3.9', fake.fetch);
    expect(invalid.status).toBe('invalid');
    expect(invalid.status === 'invalid' && invalid.errors.join('\n')).toMatch(/entities/);
    expect(await checkPackUpdate('', '1.0.0', fake.fetch)).toEqual({ status: 'no-url' });
    fake.setOffline(true);
    const offline = await checkPackUpdate('https://packs.example/pack.json', '1.3.9', fake.fetch);
    expect(offline).toEqual({ status: 'error', error: 'Could not fetch the pack: offline or the server could not be reached' });
  });
});
