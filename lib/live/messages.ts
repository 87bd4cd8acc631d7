// Messages for live context, discovered names and pack updates (joined into ToBackground).
import * as v from 'valibot';
import type { DiscoveredNameRecord } from '../db/database';
import type { DiscoveredName } from '../discover/types';
import type { Settings } from '../settings';
import type { PackUpdateStatus, PromoteRequest } from './handlers';
import type { LiveContextResult } from './types';

export interface LiveMessages {
  /** a pack entity's or a discovered name's live section (`discovered:<key>` ids come from the content script) */
  getLiveContext: { req: { entityId?: string; name?: string; hints?: string[] }; res: LiveContextResult };
  /** turn live context on/off; the page asked for host permissions first (a user gesture) */
  setLiveContext: { req: { on: boolean }; res: Settings };
  /** the content script's new names for its tab */
  reportDiscovered: { req: { url: string; names: DiscoveredName[] }; res: { ok: true } };
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
const span = v.object({ start: v.pipe(v.number(), v.integer(), v.minValue(0)), end: v.pipe(v.number(), v.integer(), v.minValue(0)) });

const DiscoveredNameSchema = v.object({
  key: str(200),
  name: str(200),
  type: nameType,
  role: v.optional(str(200)),
  org: v.optional(str(200)),
  orgEntityId: v.optional(str(120)),
  spans: v.pipe(v.array(span), v.maxLength(10_000)),
  sentences: v.pipe(v.array(str(1000)), v.maxLength(5)),
  evidence: str(100),
});

export const liveRequestSchemas: Record<keyof LiveMessages, v.GenericSchema> = {
  getLiveContext: v.object({ entityId: v.optional(str(200)), name: v.optional(str(200)), hints: v.optional(v.pipe(v.array(str(200)), v.maxLength(5))) }),
  setLiveContext: v.object({ on: v.boolean() }),
  reportDiscovered: v.object({ url: str(8192), names: v.pipe(v.array(DiscoveredNameSchema), v.maxLength(500)) }),
  getDiscovered: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  discoveredDecisions: v.object({}),
  promoteDiscovered: v.object({ name: v.pipe(str(80), v.minLength(2)), type: nameType, role: v.optional(str(200)), org: v.optional(str(200)), orgEntityId: v.optional(str(120)) }),
  dismissDiscovered: v.object({ name: v.pipe(str(200), v.minLength(1)), type: nameType }),
  undoDiscoveredDecision: v.object({ name: v.pipe(str(200), v.minLength(1)) }),
  checkPackUpdate: v.object({}),
  installPackUpdate: v.object({}),
  clearLiveCache: v.object({}),
};
