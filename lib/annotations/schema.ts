// The shared, runtime-checked shapes for saved annotations: what an import file may hold, and what
// the saveAnnotation message accepts. Messages name the field that is wrong.
import * as v from 'valibot';

export const MOTIVATIONS = [
  'assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting',
  'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging',
] as const;

const MAX_QUOTE = 20_000;
const MAX_CONTEXT = 1_000;
const MAX_VALUE = 100_000;
/** An import file may hold at most this many annotations. */
export const MAX_IMPORT = 100_000;

const offset = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));
const timestamp = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 date-time, e.g. 2026-03-01T09:30:00Z'));
const webUrl = v.pipe(
  v.string(),
  v.maxLength(8192),
  v.check((s) => {
    try {
      return ['http:', 'https:', 'file:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

export const TextQuoteSelectorSchema = v.looseObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1, 'the quote is empty'), v.maxLength(MAX_QUOTE, `quotes are limited to ${MAX_QUOTE} characters`)),
  prefix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))),
  suffix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))),
});

export const TextPositionSelectorSchema = v.pipe(
  v.looseObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
  v.check((s) => s.end > s.start, 'a TextPositionSelector must end after it starts'),
);

const KNOWN_SELECTORS = ['TextQuoteSelector', 'TextPositionSelector'];
const KnownSelectorSchema = v.variant('type', [TextQuoteSelectorSchema, TextPositionSelectorSchema]);

/** Other W3C selectors (CssSelector, RangeSelector…) are kept as they are, though Backstory anchors with the two above. */
const OtherSelectorSchema = v.looseObject({
  type: v.pipe(v.string(), v.check((t) => t !== 'TextQuoteSelector' && t !== 'TextPositionSelector')),
});

/** W3C allows one value or a list; normalised to a list first, so errors name the item and field. */
const asList = v.transform((x: unknown) => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]));

const SelectorListSchema = v.pipe(
  v.unknown(),
  asList,
  v.array(
    v.lazy((item) =>
      KNOWN_SELECTORS.includes((item as { type?: unknown } | null)?.type as string) ? KnownSelectorSchema : OtherSelectorSchema,
    ),
  ),
  v.check((list) => list.some((s) => s.type === 'TextQuoteSelector'), 'needs a TextQuoteSelector: without the quoted text nothing can be found on the page'),
  v.maxLength(20),
);

export const TextualBodySchema = v.looseObject({
  type: v.optional(v.literal('TextualBody', 'only TextualBody bodies are supported'), 'TextualBody'),
  value: v.pipe(v.string(), v.maxLength(MAX_VALUE)),
  purpose: v.optional(v.picklist(MOTIVATIONS, `purpose must be one of the W3C motivations (${MOTIVATIONS.join(', ')})`)),
  id: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  format: v.optional(v.pipe(v.string(), v.maxLength(200))),
  language: v.optional(v.pipe(v.string(), v.maxLength(35))),
});

export const AnnotationTargetSchema = v.looseObject({
  source: webUrl,
  scope: v.optional(webUrl),
  title: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  selector: SelectorListSchema,
});

export const WebAnnotationSchema = v.pipe(
  v.looseObject({
    '@context': v.optional(v.union([v.string(), v.array(v.unknown())]), 'http://www.w3.org/ns/anno.jsonld'),
    id: v.pipe(v.string('an annotation needs an id'), v.minLength(1, 'an annotation needs an id'), v.maxLength(2048)),
    type: v.pipe(
      v.union([v.string(), v.array(v.string())]),
      v.check((t) => (Array.isArray(t) ? t.includes('Annotation') : t === 'Annotation'), 'type must be "Annotation"'),
    ),
    motivation: v.optional(v.picklist(MOTIVATIONS)),
    created: v.optional(timestamp),
    modified: v.optional(timestamp),
    body: v.optional(v.pipe(v.unknown(), asList, v.array(TextualBodySchema), v.maxLength(200)), []),
    target: v.pipe(
      v.unknown(),
      v.check((t) => !Array.isArray(t) || t.length === 1, 'only annotations with one target are supported'),
      v.transform((t) => (Array.isArray(t) ? t[0] : t)),
      v.check((t) => !!t && typeof t === 'object', 'target must be an object with a source URL and selectors'),
      AnnotationTargetSchema,
    ),
  }),
  v.check((a) => !!(a.created || a.modified), 'an annotation needs a created or modified date'),
  v.transform((a) => ({ ...a, created: a.created ?? a.modified!, modified: a.modified ?? a.created! })),
);

// ---- saveAnnotation message ----

const SaveSelectorSchema = v.variant('type', [
  v.object({ type: v.literal('TextQuoteSelector'), exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE)), prefix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))), suffix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))) }),
  v.pipe(v.object({ type: v.literal('TextPositionSelector'), start: offset, end: offset }), v.check((s) => s.end > s.start, 'end must come after start')),
]);

export const SaveRequestSchema = v.pipe(
  v.object({
    url: webUrl,
    canonicalUrl: v.optional(webUrl),
    title: v.pipe(v.string(), v.maxLength(4096)),
    /** W3C selectors as lib/anchor/selectors.ts describeSpan makes them */
    selectors: v.optional(v.pipe(v.array(SaveSelectorSchema), v.maxLength(10))),
    /** offsets into the page text (with exact text; prefix/suffix improve re-anchoring) */
    start: v.optional(offset),
    end: v.optional(offset),
    exact: v.optional(v.pipe(v.string(), v.maxLength(MAX_QUOTE))),
    prefix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))),
    suffix: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT))),
    entityId: v.optional(v.pipe(v.string(), v.maxLength(120))),
    entityName: v.optional(v.pipe(v.string(), v.maxLength(200))),
    claim: v.optional(v.object({ text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE)), kind: v.pipe(v.string(), v.maxLength(40)) })),
    note: v.optional(v.pipe(v.string(), v.maxLength(MAX_VALUE))),
    tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50))),
    /** the tab the text is in, when the sender is not that tab (the popup): lets the background fill in prefix/suffix */
    tabId: v.optional(v.pipe(v.number(), v.integer())),
  }),
  v.check(
    (r) => !!r.selectors?.some((s) => s.type === 'TextQuoteSelector') || !!r.exact,
    'give selectors with a TextQuoteSelector, or the exact text (with start/end offsets when known)',
  ),
);

export const AnnotationEditSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  note: v.optional(v.pipe(v.string(), v.maxLength(MAX_VALUE))),
  tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50))),
});

export const AnnotationQuerySchema = v.object({
  /** words that must all appear (any order, any case, accents ignored) in quote, note, tags, title, site or entity */
  text: v.optional(v.pipe(v.string(), v.maxLength(500))),
  site: v.optional(v.pipe(v.string(), v.maxLength(253))),
  /** lowercase tag */
  tag: v.optional(v.pipe(v.string(), v.maxLength(200))),
  entityId: v.optional(v.pipe(v.string(), v.maxLength(120))),
  /** created at or after (ms since epoch) */
  since: v.optional(v.number()),
  /** created before (ms) */
  until: v.optional(v.number()),
  status: v.optional(v.picklist(['orphan', 'anchored', 'unchecked'])),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
});
