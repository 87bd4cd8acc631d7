// Runtime schemas for every request the background accepts: a malformed message gets an error, not a crash.
import * as v from 'valibot';
import { ENTITY_TYPES } from '../kb/schema';
import type { BackgroundType } from './protocol';
import { annotationRequestSchemas } from '../annotations/schema';
import { liveRequestSchemas } from '../live/messages';

const MAX_TEXT = 8_000_000;
const str = (max = 2048) => v.pipe(v.string(), v.maxLength(max));
const empty = v.object({});
/** pages the content script reports from: it only runs on http(s), and these URLs become links in the popup and manager */
const pageUrl = v.pipe(str(8192), v.regex(/^https?:\/\//i, 'must be an http(s) URL'));

export const MentionSchema = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: str(200),
  entityId: str(120),
  name: str(200),
  type: v.picklist(ENTITY_TYPES),
});

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

export const requestSchemas: Record<BackgroundType, v.GenericSchema> = {
  getContentConfig: v.object({ url: str(8192) }),
  getPageConfig: v.object({ url: str(8192) }),
  reportPage: v.object({
    url: pageUrl,
    title: str(4096),
    relevance: v.number(),
    gated: v.boolean(),
    forced: v.boolean(),
    mentions: v.pipe(v.array(MentionSchema), v.maxLength(100_000)),
    text: str(MAX_TEXT),
    backedOff: v.optional(v.boolean()),
    timing: v.optional(
      v.object({
        startedAt: v.pipe(v.number(), v.minValue(0)),
        finishedAt: v.pipe(v.number(), v.minValue(0)),
        longestSliceMs: v.pipe(v.number(), v.minValue(0)),
        slices: v.pipe(v.number(), v.integer(), v.minValue(0)),
        busyMs: v.optional(v.pipe(v.number(), v.minValue(0))),
      }),
    ),
  }),
  getTabState: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  getEntity: v.object({ id: str(120) }),
  listPages: v.object({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))) }),
  getSettings: empty,
  updateSettings: v.object({ patch: SettingsPatchSchema }),
  setSiteDisabled: v.object({ host: str(253), disabled: v.boolean() }),
  suppressMatch: v.object({ host: str(253), entityId: str(120), text: str(200) }),
  getPackInfo: empty,
  ...annotationRequestSchemas,
  ...liveRequestSchemas,
};
