// Wikipedia's REST page summary: description, extract, thumbnail. Only the title is sent.
import { getJson, HttpError, API_USER_AGENT, trimBase, type FetchLike } from './http';
import type { LiveSummary } from './types';

/** Page Previews show about this much text; longer extracts crowd the card. */
export const MAX_EXTRACT = 525;
const MAX_THUMBNAIL_BYTES = 300_000;

export interface WikipediaClientOptions {
  base: string;
  fetch: FetchLike;
}

export function summaryUrl(base: string, title: string): string {
  // The REST API wants underscores and every reserved character (including "/") percent-encoded.
  return `${trimBase(base)}/api/rest_v1/page/summary/${encodeURIComponent(title.trim().replace(/ /g, '_'))}`;
}

interface RawSummary {
  type?: string;
  title?: string;
  description?: string;
  extract?: string;
  wikibase_item?: string;
  thumbnail?: { source?: string; width?: number; height?: number };
  content_urls?: { desktop?: { page?: string } };
}

export function trimExtract(text: string, max = MAX_EXTRACT): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  // cut at the last full sentence that fits, else at a word boundary
  const cut = clean.slice(0, max);
  const sentenceEnd = cut.search(/[.!?][^.!?]*$/);
  if (sentenceEnd > max * 0.5) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

export function parseSummary(raw: unknown): LiveSummary | null {
  const r = (raw ?? {}) as RawSummary;
  // disambiguation pages and the main page are not about one entity
  if (typeof r.title !== 'string' || (r.type && r.type !== 'standard' && r.type !== 'no-extract')) return null;
  const summary: LiveSummary = { title: r.title };
  if (typeof r.description === 'string' && r.description.trim()) summary.description = r.description.trim().slice(0, 200);
  if (typeof r.extract === 'string' && r.extract.trim()) summary.extract = trimExtract(r.extract);
  if (typeof r.wikibase_item === 'string' && /^Q\d+$/.test(r.wikibase_item)) summary.wikidata = r.wikibase_item;
  const page = r.content_urls?.desktop?.page;
  if (typeof page === 'string' && /^https?:\/\//.test(page)) summary.pageUrl = page;
  return summary;
}

/** Only images from Wikimedia's upload host, or from the configured Wikipedia host (a mirror or a test server). */
export function thumbnailAllowed(src: string, base: string): boolean {
  try {
    const url = new URL(src, base);
    if (url.protocol === 'https:' && url.hostname === 'upload.wikimedia.org') return true;
    return url.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function fetchThumbnail(fetchFn: FetchLike, src: string, signal?: AbortSignal): Promise<string | null> {
  const res = await fetchFn(src, {
    headers: { 'Api-User-Agent': API_USER_AGENT },
    referrerPolicy: 'no-referrer',
    credentials: 'omit',
    signal,
  });
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok || !/^image\/(png|jpeg|gif|webp)/.test(type)) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_THUMBNAIL_BYTES) return null;
  return `data:${type.split(';')[0]};base64,${toBase64(bytes)}`;
}

export function createWikipediaClient(options: WikipediaClientOptions) {
  return {
    /** The summary of a title, or null when Wikipedia has no such article (404 or a disambiguation page). */
    async summary(title: string, signal?: AbortSignal): Promise<LiveSummary | null> {
      let raw: unknown;
      try {
        raw = await getJson(options.fetch, summaryUrl(options.base, title), signal);
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return null;
        throw err;
      }
      const summary = parseSummary(raw);
      const thumb = (raw as RawSummary).thumbnail;
      if (summary && thumb?.source && thumbnailAllowed(thumb.source, options.base)) {
        // An image that fails to load leaves a card without a picture, not a failed lookup.
        const src = await fetchThumbnail(options.fetch, new URL(thumb.source, options.base).href, signal).catch(() => null);
        if (src) summary.thumbnail = { src, width: Number(thumb.width) || 0, height: Number(thumb.height) || 0 };
      }
      return summary;
    },
  };
}

export type WikipediaClient = ReturnType<typeof createWikipediaClient>;

const AI_CONTEXT =
  /\b(artificial intelligence|AI|machine learning|deep learning|neural|language models?|computer scien(?:ce|tist)|robotics|software|technology|start-?up|venture capital|semiconductor)\b/i;

/**
 * A name found on a page may share its title with someone else entirely (a singer, a town).
 * Accept the article only when it reads like the same kind of subject: it mentions one of the
 * page's hints (the organisation) or AI and technology.
 */
export function summaryFits(summary: LiveSummary, hints: string[] = []): boolean {
  const text = `${summary.description ?? ''} ${summary.extract ?? ''}`;
  if (hints.some((h) => h.length > 1 && text.toLowerCase().includes(h.toLowerCase()))) return true;
  return AI_CONTEXT.test(text);
}
