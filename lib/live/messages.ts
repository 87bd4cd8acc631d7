// Messages for live context, discovered names and pack updates (joined into ToBackground).
import * as v from 'valibot';
import type { DiscoveredNameRecord } from '../db/database';
import type { DiscoveredName } from '../discover/types';
import type { Mention } from '../detect/types';
import type { Settings } from '../settings';
import type { PackUpdateStatus, PromoteRequest } from './handlers';
import type { LiveContextResult } from './types';

export interface LiveMessages {
  /** a pack entity's or a discovered name's live section (`discovered:<key>` ids come from the content script) */
  getLiveContext: { req: { entityId?: string; name?: string; hints?: string[] }; res: LiveContextResult };
  /** turn live context on/off; the page asked for host permissions first (a user gesture) */
  setLiveContext: { req: { on: boolean }; res: Settings };
  /** finds the names on a page the pack does not know (lib/discover), remembered for the tab's popup and cards */
  discoverOnPage: { req: { url: string; text: string; mentions: Mention[] }; res: DiscoveredName[] };
  getDiscovered: { req: { tabId: number }; res: DiscoveredName[] };
  discoveredDecisions: { req: Record<string, never>; res: DiscoveredNameRecord[] };
  promoteDiscovered: { req: PromoteRequest; res: { entityId: string } };
  dismissDiscovered: { req: { name: string; type: 'person' | 'org' }; res: { ok: true } };
  undoDiscoveredDecision: { req: { name: string }; res: { ok: true } };
  checkPackUpdate: { req: Record<string, never>; res: PackUpdateStatus };
  installPackUpdate: { req: Record<string, never>; res: { version: string; entities: number } };
  clearLiveCache: { req: Record<string, never>; res: { ok: true } };
}

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nameType = v.picklist(['person', 'org'] as const);

const MentionSchema = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: str(200),
  entityId: str(120),
  name: str(200),
  type: v.picklist(['model', 'org', 'person'] as const),
});

export const liveRequestSchemas: Record<keyof LiveMessages, v.GenericSchema> = {
  getLiveContext: v.object({ entityId: v.optional(str(200)), name: v.optional(str(200)), hints: v.optional(v.pipe(v.array(str(200)), v.maxLength(5))) }),
  setLiveContext: v.object({ on: v.boolean() }),
  discoverOnPage: v.object({ url: str(8192), text: str(8_000_000), mentions: v.pipe(v.array(MentionSchema), v.maxLength(100_000)) }),
  getDiscovered: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  discoveredDecisions: v.object({}),
  promoteDiscovered: v.object({ name: v.pipe(str(80), v.minLength(2)), type: nameType, role: v.optional(str(200)), org: v.optional(str(200)), orgEntityId: v.optional(str(120)) }),
  dismissDiscovered: v.object({ name: v.pipe(str(200), v.minLength(1)), type: nameType }),
  undoDiscoveredDecision: v.object({ name: v.pipe(str(200), v.minLength(1)) }),
  checkPackUpdate: v.object({}),
  installPackUpdate: v.object({}),
  clearLiveCache: v.object({}),
};
