// Messages for live context, discovered names and pack updates: their request schemas (the request
// types, inferred) and their replies. lib/messaging/protocol.ts joins them into ToBackground.
import * as v from 'valibot';
import type { DiscoveredNameRecord } from '../db/database';
import { MentionSchema } from '../messaging/mention-schema';
import type { DiscoveredName } from '../discover/types';
import type { Settings } from '../settings';
import type { LiveContextResult, PackUpdateStatus } from './types';

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nameType = v.picklist(['person', 'org'] as const);

const PromoteRequestSchema = v.object({ name: v.pipe(str(80), v.minLength(2)), type: nameType, role: v.optional(str(200)), org: v.optional(str(200)), orgEntityId: v.optional(str(120)) });

export const liveRequestSchemas = {
  getLiveContext: v.object({ entityId: v.optional(str(200)), name: v.optional(str(200)), hints: v.optional(v.pipe(v.array(str(200)), v.maxLength(5))) }),
  setLiveContext: v.object({ on: v.boolean() }),
  discoverOnPage: v.object({ url: str(8192), text: str(8_000_000), mentions: v.pipe(v.array(MentionSchema), v.maxLength(100_000)) }),
  getDiscovered: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  discoveredDecisions: v.object({}),
  promoteDiscovered: PromoteRequestSchema,
  dismissDiscovered: v.object({ name: v.pipe(str(200), v.minLength(1)), type: nameType }),
  undoDiscoveredDecision: v.object({ name: v.pipe(str(200), v.minLength(1)) }),
  checkPackUpdate: v.object({}),
  installPackUpdate: v.object({}),
  clearLiveCache: v.object({}),
} satisfies Record<keyof LiveResponses, v.GenericSchema>;

export type PromoteRequest = v.InferOutput<typeof PromoteRequestSchema>;

/** What the background answers to each live message (the requests are inferred from the schemas above). */
export interface LiveResponses {
  /** a pack entity's or a discovered name's live section (`discovered:<key>` ids come from the content script) */
  getLiveContext: LiveContextResult;
  /** turn live context on/off; the page asked for host permissions first (a user gesture) */
  setLiveContext: Settings;
  /** finds the names on a page the pack does not know (lib/discover), remembered for the tab's popup and cards */
  discoverOnPage: DiscoveredName[];
  getDiscovered: DiscoveredName[];
  discoveredDecisions: DiscoveredNameRecord[];
  promoteDiscovered: { entityId: string };
  dismissDiscovered: { ok: true };
  undoDiscoveredDecision: { ok: true };
  checkPackUpdate: PackUpdateStatus;
  installPackUpdate: { version: string; entities: number };
  clearLiveCache: { ok: true };
}

/** The live messages, each with its request (inferred from its schema) and reply. */
export type LiveMessages = {
  [K in keyof LiveResponses]: { req: v.InferOutput<(typeof liveRequestSchemas)[K]>; res: LiveResponses[K] };
};
