// Messages for dossiers and predictions (joined into ToBackground in lib/messaging/protocol.ts).
import * as v from 'valibot';
import type { OutcomeRecord } from '../db/database';
import type { ExportFile } from '../annotations/io';
import type { Prediction } from '../predictions/list';
import type { Dossier, DossierEntityRow, TimelineEntry } from './build';

export interface OutcomeImportReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: { index: number; id?: string; reason: string }[];
}

export interface DossierMessages {
  /** entities the reader has read about, most first */
  listDossierEntities: { req: Record<string, never>; res: DossierEntityRow[] };
  /** `timelineLimit`: only the newest claims (the first screen); the view then asks for the rest */
  getDossier: { req: { entityId: string; timelineLimit?: number }; res: Dossier | null };
  /** every claim about the entity, newest said first (for filtering and search in the view) */
  getDossierTimeline: { req: { entityId: string }; res: TimelineEntry[] };
  /** every prediction (pack and history) with its target date and status; `names` for the speakers */
  listPredictions: { req: Record<string, never>; res: { predictions: Prediction[]; names: Record<string, string>; now: number } };
  setOutcome: { req: { predictionId: string; outcome: OutcomeRecord['outcome']; note?: string; source?: string; statement: string; speaker?: string | null }; res: OutcomeRecord };
  clearOutcome: { req: { predictionId: string }; res: { ok: true } };
  exportDossier: { req: { entityId: string; format: 'markdown' | 'json' }; res: ExportFile };
  importOutcomes: { req: { content: string }; res: OutcomeImportReport };
  /** the card's "Everything you've read" link: opens the manager at the entity's dossier */
  openDossier: { req: { entityId: string; view?: 'dossier' | 'predictions' }; res: { ok: true } };
}

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(str(120), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an entity id'));
const predictionId = v.pipe(str(200), v.regex(/^(?:tracked|history):[\w.-]+$/, 'must be a prediction id'));

export const dossierRequestSchemas: Record<keyof DossierMessages, v.GenericSchema> = {
  listDossierEntities: v.object({}),
  getDossier: v.object({ entityId: id, timelineLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))) }),
  getDossierTimeline: v.object({ entityId: id }),
  listPredictions: v.object({}),
  setOutcome: v.object({
    predictionId,
    outcome: v.picklist(['came-true', 'partly', 'missed', 'open', 'withdrawn'] as const),
    note: v.optional(str(4000)),
    source: v.optional(v.union([v.literal(''), v.pipe(str(2048), v.regex(/^https?:\/\//i, 'must be an http(s) URL'))])),
    statement: str(4000),
    speaker: v.optional(v.nullable(str(120))),
  }),
  clearOutcome: v.object({ predictionId }),
  exportDossier: v.object({ entityId: id, format: v.picklist(['markdown', 'json'] as const) }),
  importOutcomes: v.object({ content: str(20_000_000) }),
  openDossier: v.object({ entityId: id, view: v.optional(v.picklist(['dossier', 'predictions'] as const)) }),
};
