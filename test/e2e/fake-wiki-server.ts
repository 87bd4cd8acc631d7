// A fake Wikipedia (REST page summary) and Wikidata (wbgetentities) on 127.0.0.1 for the live
// context tests: answers like Wikimedia does (CORS included) and records every request.
import http from 'node:http';
import zlib from 'node:zlib';

export interface FakeWiki {
  origin: string;
  /** every request path and query the server saw, in order */
  requests: string[];
  /** request headers by path, for checking what the extension sends */
  headers: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

// a small real PNG (a teal square), so the card's thumbnail path runs end to end
const PNG = solidPng(48, 48, [13, 148, 136]);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Summary = { title: string; description: string; extract: string; wikibase_item?: string; thumbnail?: boolean };

export const SUMMARIES: Record<string, Summary> = {
  OpenAI: {
    title: 'OpenAI',
    description: 'Fake-wiki: American artificial intelligence research organisation',
    extract: 'OpenAI is an American artificial intelligence organisation. This text comes from the test server, not from Wikipedia.',
    wikibase_item: 'Q21708200',
    thumbnail: true,
  },
  Élodie_Marchand: {
    title: 'Élodie Marchand',
    description: 'Fake-wiki: French computer scientist and entrepreneur',
    extract:
      'Élodie Marchand is a French computer scientist who leads Calloway Systems, an AI startup. This text comes from the test server.',
    wikibase_item: 'Q990001',
  },
};

const ENTITIES: Record<string, unknown> = {
  Q21708200: {
    id: 'Q21708200',
    labels: { en: { value: 'OpenAI' } },
    descriptions: { en: { value: 'artificial intelligence research organisation' } },
    claims: {
      P571: [
        {
          rank: 'normal',
          mainsnak: { snaktype: 'value', datavalue: { type: 'time', value: { time: '+2015-12-11T00:00:00Z', precision: 11 } } },
        },
      ],
      P856: [{ rank: 'normal', mainsnak: { snaktype: 'value', datavalue: { type: 'string', value: 'https://openai.example/' } } }],
    },
    sitelinks: { enwiki: { title: 'OpenAI' } },
  },
  Q990001: {
    id: 'Q990001',
    labels: { en: { value: 'Élodie Marchand' } },
    claims: {
      P39: [
        {
          rank: 'normal',
          mainsnak: { snaktype: 'value', datavalue: { type: 'wikibase-entityid', value: { id: 'Q484876' } } },
          qualifiers: { P642: [{ snaktype: 'value', datavalue: { type: 'wikibase-entityid', value: { id: 'Q990002' } } }] },
        },
      ],
    },
  },
  Q484876: { id: 'Q484876', labels: { en: { value: 'chief executive officer' } } },
  Q990002: { id: 'Q990002', labels: { en: { value: 'Calloway Systems' } } },
};

export async function startFakeWiki(): Promise<FakeWiki> {
  const requests: string[] = [];
  const headers: FakeWiki['headers'] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Api-User-Agent, Accept',
      'access-control-allow-methods': 'GET',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    requests.push(url.pathname + url.search);
    headers.push({ path: url.pathname + url.search, headers: req.headers });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { ...cors, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const summary = /^\/api\/rest_v1\/page\/summary\/(.+)$/.exec(url.pathname);
    if (summary) {
      const title = decodeURIComponent(summary[1]);
      const found = SUMMARIES[title];
      if (!found) return send(404, { type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found', title: 'Not found.' });
      const { thumbnail, ...rest } = found;
      return send(200, {
        type: 'standard',
        ...rest,
        content_urls: { desktop: { page: `https://en.wikipedia.org/wiki/${encodeURIComponent(title)}` } },
        ...(thumbnail ? { thumbnail: { source: `${origin}/thumb/${encodeURIComponent(title)}.png`, width: 48, height: 48 } } : {}),
      });
    }
    if (url.pathname.startsWith('/thumb/')) {
      res.writeHead(200, { ...cors, 'content-type': 'image/png' });
      res.end(PNG);
      return;
    }
    if (url.pathname === '/w/api.php' && url.searchParams.get('action') === 'wbgetentities') {
      const ids = (url.searchParams.get('ids') ?? '').split('|');
      const entities: Record<string, unknown> = {};
      for (const id of ids) entities[id] = ENTITIES[id] ?? { id, missing: '' };
      return send(200, { entities, success: 1 });
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    requests,
    headers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
