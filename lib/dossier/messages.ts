// Messages for dossiers and predictions: their request schemas (the request types, inferred) and
// their replies. lib/messaging/protocol.ts joins them into ToBackground.
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

/** What the background answers to each dossier message (the requests are inferred from the schemas below). */
export interface DossierResponses {
  /** entities the reader has read about, most first */
  listDossierEntities: DossierEntityRow[];
  /** `timelineLimit`: only the newest claims (the first screen); the view then asks for the rest */
  getDossier: Dossier | null;
  /** every claim about the entity, newest said first (for filtering and search in the view) */
  getDossierTimeline: TimelineEntry[];
  /** the entity's predictions a dossier lists (open ones soonest due first, then decided ones); the first screen has only their count */
  getDossierPredictions: Prediction[];
  /** every prediction (pack and history) with its target date and status; `names` for the speakers */
  listPredictions: { predictions: Prediction[]; names: Record<string, string>; now: number };
  setOutcome: OutcomeRecord;
  clearOutcome: { ok: true };
  exportDossier: ExportFile;
  importOutcomes: OutcomeImportReport;
  /** the card's "Everything you've read" link: opens the manager at the entity's dossier */
  openDossier: { ok: true };
}

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(str(120), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an entity id'));
const predictionId = v.pipe(str(200), v.regex(/^(?:tracked|history):[\w.-]+$/, 'must be a prediction id'));

export const dossierRequestSchemas = {
  listDossierEntities: v.object({}),
  getDossier: v.object({ entityId: id, timelineLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))) }),
  getDossierTimeline: v.object({ entityId: id }),
  getDossierPredictions: v.object({ entityId: id }),
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
} satisfies Record<keyof DossierResponses, v.GenericSchema>;

/** The dossier messages, each with its request (inferred from its schema) and reply. */
export type DossierMessages = {
  [K in keyof DossierResponses]: { req: v.InferOutput<(typeof dossierRequestSchemas)[K]>; res: DossierResponses[K] };
};
