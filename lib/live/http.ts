// Fetch helpers shared by the Wikipedia and Wikidata clients.

/** Wikimedia asks API clients to identify themselves; browsers forbid setting User-Agent, so this header carries it. */
export const API_USER_AGENT = 'Backstory/0.1 (browser extension; https://example.invalid/backstory)';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** milliseconds the server asked us to wait (Retry-After), if any */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** 429 and 5xx are worth retrying; 4xx are not. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpError) return err.retryable;
  if ((err as { name?: string })?.name === 'AbortError') return false;
  // fetch rejects with a TypeError when the network is down or the host unreachable
  return err instanceof TypeError;
}

export async function getJson(fetchFn: FetchLike, url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetchFn(url, {
    headers: { Accept: 'application/json', 'Api-User-Agent': API_USER_AGENT },
    // never tell the server which page the reader is on
    referrerPolicy: 'no-referrer',
    credentials: 'omit',
    signal,
  });
  if (!res.ok) {
    throw new HttpError(res.status, `${new URL(url).host} answered ${res.status}`, parseRetryAfter(res.headers.get('retry-after')));
  }
  return res.json();
}

export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}
