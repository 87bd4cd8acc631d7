// Runtime schemas for every request the background accepts: a malformed message gets an error, not a crash.
// They are also the requests' types (Requests below, v.InferOutput): lib/messaging/protocol.ts adds the replies.
import * as v from 'valibot';
import { annotationRequestSchemas } from '../annotations/messages';
import { liveRequestSchemas } from '../live/messages';
import { dossierRequestSchemas } from '../dossier/messages';
import { MentionSchema } from './mention-schema';
import type { SchemaMap } from './router';

export { MentionSchema };

const MAX_TEXT = 8_000_000;
const str = (max = 2048) => v.pipe(v.string(), v.maxLength(max));
const empty = v.object({});
/** pages the content script reports from: it only runs on http(s), and these URLs become links in the popup and manager */
const pageUrl = v.pipe(str(8192), v.regex(/^https?:\/\//i, 'must be an http(s) URL'));

const SettingsPatchSchema = v.partial(
  v.object({
    hoverDelayMs: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
    paused: v.boolean(),
    disabledSites: v.pipe(v.array(str(253)), v.maxLength(10_000)),
    colours: v.object({ model: str(40), org: str(40), person: str(40) }),
    historyRetentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
    liveContext: v.boolean(),
    wikipediaBase: v.pipe(v.string(), v.maxLength(2048)),
    wikidataBase: v.pipe(v.string(), v.maxLength(2048)),
    packUpdateUrl: v.pipe(v.string(), v.maxLength(8192)),
  }),
);

/** the page's scan report; the text is sent so the background can extract claims (never stored, never sent anywhere else) */
export const PageReportSchema = v.object({
  url: pageUrl,
  title: str(4096),
  relevance: v.number(),
  gated: v.boolean(),
  /** whether the user asked to scan this page despite the gate */
  forced: v.boolean(),
  mentions: v.pipe(v.array(MentionSchema), v.maxLength(100_000)),
  text: str(MAX_TEXT),
  /** scanning paused because the page never stops mutating */
  backedOff: v.optional(v.boolean()),
  /**
   * find the names the pack does not know in this text too (lib/discover): the page sends its text
   * once, and the reply carries them (replaces a second message with the same text)
   */
  discover: v.optional(v.boolean()),
  /** the article's publication date from its metadata (ISO), for dating its claims in the dossier */
  published: v.optional(str(40)),
  /** how the scan behind this report ran on the page's main thread (lib/detect/page-scan.ts ScanTiming) */
  timing: v.optional(
    v.object({
      startedAt: v.pipe(v.number(), v.minValue(0)),
      finishedAt: v.pipe(v.number(), v.minValue(0)),
      longestSliceMs: v.pipe(v.number(), v.minValue(0)),
      slices: v.pipe(v.number(), v.integer(), v.minValue(0)),
      busyMs: v.optional(v.pipe(v.number(), v.minValue(0))),
    }),
  ),
});

const coreRequestSchemas = {
  getContentConfig: v.object({ url: str(8192) }),
  getPageConfig: v.object({ url: str(8192) }),
  reportPage: PageReportSchema,
  getTabState: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  getEntity: v.object({ id: str(120) }),
  listPages: v.object({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))) }),
  getSettings: empty,
  updateSettings: v.object({ patch: SettingsPatchSchema }),
  setSiteDisabled: v.object({ host: str(253), disabled: v.boolean() }),
  suppressMatch: v.object({ host: str(253), entityId: str(120), text: str(200) }),
  getPackInfo: empty,
  /** the content script's card UI, injected into its frame on first need (entrypoints/card-ui.ts) */
  loadCardUi: empty,
} satisfies SchemaMap;

export const requestSchemas = {
  ...coreRequestSchemas,
  ...annotationRequestSchemas,
  ...liveRequestSchemas,
  ...dossierRequestSchemas,
} satisfies SchemaMap;

/** Every background request's payload as its handler receives it, declared once by its schema. */
export type Requests = { [K in keyof typeof requestSchemas]: v.InferOutput<(typeof requestSchemas)[K]> };
