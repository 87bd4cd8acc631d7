// A fake Wikimedia for unit tests: routes by URL, records every request, can go offline.
import type { FetchLike } from '../../lib/live/http';

export interface FakeCall {
  url: string;
  headers: Record<string, string>;
}

export type FakeHandler = (url: URL) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function fakeFetch(handler: FakeHandler) {
  const calls: FakeCall[] = [];
  let offline = false;
  const fetchFn: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    calls.push({ url: input, headers });
    if (offline) throw new TypeError('Failed to fetch');
    return handler(new URL(input));
  };
  return {
    fetch: fetchFn,
    calls,
    setOffline(value: boolean) {
      offline = value;
    },
  };
}

export const SUMMARY_SAM = {
  type: 'standard',
  title: 'Ada Lovelace Institute',
  description: 'British research institute studying AI and data',
  extract:
    'The Ada Lovelace Institute is an independent research institute in London that studies the effects of artificial intelligence and data on people and society.',
  wikibase_item: 'Q100',
  thumbnail: { source: 'https://upload.wikimedia.org/thumb/ada.png', width: 320, height: 200 },
  content_urls: { desktop: { page: 'https://en.wikipedia.org/wiki/Ada_Lovelace_Institute' } },
};

export function wikidataEntity(id: string, claims: Record<string, unknown[]>, extra: Record<string, unknown> = {}) {
  return {
    entities: { [id]: { id, labels: { en: { value: `Label ${id}` } }, descriptions: { en: { value: 'an item' } }, claims, ...extra } },
  };
}

export const item = (id: string) => ({ snaktype: 'value', datavalue: { value: { 'entity-type': 'item', id }, type: 'wikibase-entityid' } });
export const time = (t: string, precision = 11) => ({ snaktype: 'value', datavalue: { value: { time: t, precision }, type: 'time' } });
export const str = (s: string) => ({ snaktype: 'value', datavalue: { value: s, type: 'string' } });

export function labels(map: Record<string, string>) {
  return { entities: Object.fromEntries(Object.entries(map).map(([id, value]) => [id, { id, labels: { en: { value } } }])) };
}

/** A sleep that resolves at once and remembers what it was asked to wait. */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}
