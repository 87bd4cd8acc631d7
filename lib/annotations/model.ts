// Saved annotations in the W3C Web Annotation data model (https://www.w3.org/TR/annotation-model/).
// The JSON a user exports is exactly what is stored: nothing Backstory-specific outside these fields.
import { describeSpan, positionSelector, quoteSelector, trimSpan } from '../anchor/selectors';
import type { AnySelector, Selector, TextQuoteSelector } from '../anchor/types';
import type * as v from 'valibot';
import type { MOTIVATIONS, SaveRequestSchema } from './schema';

export type Motivation = (typeof MOTIVATIONS)[number];

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Entities and claim kinds are named with URNs, so the bodies stay valid W3C TextualBodies. */
export const ENTITY_URN = 'urn:backstory:entity:';
export const CLAIM_KIND_URN = 'urn:backstory:claim-kind:';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  /** commenting: the note; tagging: one tag; identifying: the entity; describing: the claim; classifying: the claim's kind */
  purpose?: Motivation;
  id?: string;
  format?: string;
  language?: string;
  /** other properties of an imported body are kept as they are (the import schema is loose) */
  [extension: string]: unknown;
}

export interface AnnotationTarget {
  /** the page's canonical URL when it declares one, else its URL */
  source: string;
  /** the URL the annotation was made on, when it differs from source */
  scope?: string;
  /** the page title when saved (an extension to the model, like Hypothesis' document title) */
  title?: string;
  selector: AnySelector[];
  [extension: string]: unknown;
}

export interface WebAnnotation {
  '@context': string | unknown[];
  id: string;
  type: 'Annotation';
  motivation?: Motivation;
  created: string;
  modified: string;
  body: TextualBody[];
  target: AnnotationTarget;
  /** any other W3C properties an imported file carries are kept as they are */
  [extension: string]: unknown;
}

/** What saveAnnotation accepts: either selectors, or offsets into the page text with the quote (declared by its schema). */
export type SaveRequest = v.InferOutput<typeof SaveRequestSchema>;

export function newAnnotationId(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

export function normaliseTags(tags: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const tag = raw.replace(/\s+/g, ' ').trim().replace(/^#/, '').slice(0, 60);
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out.slice(0, 50);
}

/** Splits "ai, policy #china" into tags. */
export function parseTagInput(input: string): string[] {
  return normaliseTags(input.split(/[,\n]|(?:^|\s)#/));
}

export function selectorsFromRequest(req: SaveRequest): Selector[] {
  if (req.selectors?.length) return req.selectors;
  if (typeof req.exact === 'string' && req.exact) {
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: req.exact };
    if (req.prefix) quote.prefix = req.prefix;
    if (req.suffix) quote.suffix = req.suffix;
    const out: Selector[] = [quote];
    if (typeof req.start === 'number' && typeof req.end === 'number' && req.end > req.start) {
      out.push({ type: 'TextPositionSelector', start: req.start, end: req.end });
    }
    return out;
  }
  throw new Error('Nothing to save: give selectors, or the exact text with its offsets.');
}

/** Selectors for [start, end) of a page text, whitespace trimmed off the ends. */
export function selectorsForText(text: string, start: number, end: number): Selector[] {
  const span = trimSpan(text, start, end);
  return describeSpan(text, span.start, span.end);
}

export function buildBodies(fields: { note?: string; tags?: readonly string[]; entityId?: string; entityName?: string; claim?: { text: string; kind: string } }): TextualBody[] {
  const body: TextualBody[] = [];
  const note = fields.note?.trim();
  if (note) body.push({ type: 'TextualBody', value: note, purpose: 'commenting', format: 'text/plain' });
  for (const tag of normaliseTags(fields.tags)) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  if (fields.entityId) {
    body.push({ id: ENTITY_URN + fields.entityId, type: 'TextualBody', value: fields.entityName || fields.entityId, purpose: 'identifying' });
  }
  if (fields.claim?.text) {
    body.push({ type: 'TextualBody', value: fields.claim.text, purpose: 'describing' });
    body.push({ id: CLAIM_KIND_URN + fields.claim.kind, type: 'TextualBody', value: fields.claim.kind, purpose: 'classifying' });
  }
  return body;
}

export function createAnnotation(req: SaveRequest, now = new Date()): WebAnnotation {
  const selector = selectorsFromRequest(req);
  const source = req.canonicalUrl || pageIdentity(req.url);
  const target: AnnotationTarget = { source, selector };
  if (source !== req.url) target.scope = req.url;
  if (req.title) target.title = req.title;
  const body = buildBodies(req);
  const stamp = now.toISOString();
  return {
    '@context': ANNOTATION_CONTEXT,
    id: newAnnotationId(),
    type: 'Annotation',
    motivation: body.some((b) => b.purpose === 'commenting') ? 'commenting' : 'highlighting',
    created: stamp,
    modified: stamp,
    body,
    target,
  };
}

// ---- reading an annotation ----

export function quoteOf(a: WebAnnotation): string {
  return quoteSelector(a.target.selector)?.exact ?? '';
}

export function positionOf(a: WebAnnotation): { start: number; end: number } | undefined {
  const p = positionSelector(a.target.selector);
  return p ? { start: p.start, end: p.end } : undefined;
}

export function noteOf(a: WebAnnotation): string {
  return a.body
    .filter((b) => b.purpose === 'commenting')
    .map((b) => b.value)
    .join('\n\n');
}

export function tagsOf(a: WebAnnotation): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export function entityOf(a: WebAnnotation): { id: string; name: string } | undefined {
  const b = a.body.find((x) => x.purpose === 'identifying' && x.id?.startsWith(ENTITY_URN));
  return b ? { id: b.id!.slice(ENTITY_URN.length), name: b.value } : undefined;
}

export function claimOf(a: WebAnnotation): { text: string; kind: string } | undefined {
  const text = a.body.find((b) => b.purpose === 'describing')?.value;
  if (!text) return undefined;
  const kind = a.body.find((b) => b.purpose === 'classifying' && b.id?.startsWith(CLAIM_KIND_URN))?.value ?? 'other';
  return { text, kind };
}

/** A copy with a new note and/or tags; other bodies (entity, claim) stay as they are. */
export function withEdits(a: WebAnnotation, edits: { note?: string; tags?: readonly string[] }, now = new Date()): WebAnnotation {
  const kept = a.body.filter((b) => !(edits.note !== undefined && b.purpose === 'commenting') && !(edits.tags !== undefined && b.purpose === 'tagging'));
  // note first, then tags, then the rest: readable in exports (sort is stable)
  const body = [...buildBodies({ note: edits.note, tags: edits.tags }), ...kept].sort((x, y) => rank(x) - rank(y));
  const hasNote = body.some((b) => b.purpose === 'commenting');
  const motivation = !a.motivation || a.motivation === 'commenting' || a.motivation === 'highlighting' ? (hasNote ? 'commenting' : 'highlighting') : a.motivation;
  let modified = now.toISOString();
  // modified must move forward even when the clock did not (two edits in one millisecond)
  const previous = Date.parse(a.modified);
  if (Date.parse(modified) <= previous) modified = new Date(previous + 1).toISOString();
  return { ...a, motivation, body, modified };
}

const RANK = ['commenting', 'tagging', 'identifying', 'describing', 'classifying'];
function rank(b: TextualBody): number {
  const i = b.purpose ? RANK.indexOf(b.purpose) : -1;
  return i < 0 ? RANK.length : i;
}

const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|_hsenc|_hsmi)$/i;

/**
 * The page a URL shows: without its #fragment and without tracking parameters, so the same article
 * reached from a newsletter and from a search finds the same annotations.
 */
export function pageIdentity(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key);
    return u.href;
  } catch {
    return url;
  }
}

/** The host of a URL, without "www." (what the manager groups by). */
export { siteOf } from '../url';

/** One line for lists and exports: whitespace runs collapsed. */
export function displayQuote(a: WebAnnotation): string {
  return quoteOf(a).replace(/\s+/g, ' ').trim();
}

/**
 * The page URL with a text fragment (https://wicg.github.io/scroll-to-text-fragment/) that
 * scrolls to and highlights the quote. Long quotes use textStart,textEnd.
 */
export function urlWithTextFragment(a: WebAnnotation): string {
  const base = (a.target.scope ?? a.target.source).replace(/#.*$/, '');
  const quote = displayQuote(a);
  if (!quote) return base;
  const enc = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
  const words = quote.split(' ');
  const directive = words.length > 8 ? `${enc(words.slice(0, 4).join(' '))},${enc(words.slice(-4).join(' '))}` : enc(quote);
  return `${base}#:~:text=${directive}`;
}
