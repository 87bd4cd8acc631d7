// Shapes the saved-annotation messages carry: the requests are inferred from their schemas
// (annotationRequestSchemas below, built from ./schema.ts), the replies are declared here (AnnotationResponses).
// lib/messaging/protocol.ts joins them into ToBackground.
import * as v from 'valibot';
import type { Entity } from '../kb/schema';
import type { ExportFile, ExportFormat, Rejection } from './io';
import type { SaveRequest, WebAnnotation } from './model';
import { AnnotationEditSchema, AnnotationQuerySchema, SaveRequestSchema, WebAnnotationSchema } from './schema';
import type { AnnotationQuery, QueryResult } from './search';

export type { AnnotationQuery, ExportFile, ExportFormat, SaveRequest, WebAnnotation };

/** saveAnnotation's payload: selectors, or offsets into the page text with the exact text; `tabId`: the tab holding the text when the sender is not that tab (the popup). */
export type SaveAnnotationRequest = SaveRequest;

export interface SavedAnnotation {
  annotation: WebAnnotation;
  /** the last visit's re-anchoring result; absent until the page is visited again */
  status?: 'anchored' | 'orphan';
  checkedAt?: number;
}

export interface AnnotationList {
  items: SavedAnnotation[];
  total: number;
  facets: QueryResult['facets'];
}

export interface ImportReport {
  /** annotations in the file */
  total: number;
  added: string[];
  merged: string[];
  unchanged: string[];
  rejected: Rejection[];
}

export interface PageAnnotationsState {
  url: string;
  total: number;
  anchored: number;
  orphans: { id: string; quote: string; note: string }[];
}

export interface StorageStatus {
  /** a storage failure the user must see (quota, blocked upgrade, unavailable database) */
  error: string | null;
  usage?: number;
  quota?: number;
  annotations: number;
  pages: number;
  customEntities: number;
  schemaVersion: number;
}

export interface PackImportReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  rejected: { id?: string; reason: string }[];
}

export type { Entity };

/** What the background answers to each saved-annotation message. */
export interface AnnotationResponses {
  /** from the card, the popup (pass tabId) or a selection */
  saveAnnotation: SavedAnnotation;
  listAnnotations: AnnotationList;
  updateAnnotation: SavedAnnotation;
  deleteAnnotations: { deleted: SavedAnnotation[] };
  /** undo of deleteAnnotations: puts back what it returned */
  restoreAnnotations: { restored: number };
  exportAnnotations: ExportFile;
  importAnnotations: ImportReport;
  annotationsForPage: SavedAnnotation[];
  reportAnchoring: { ok: true };
  /** what re-anchoring found in a tab (the popup's orphan line) */
  pageAnnotations: PageAnnotationsState | null;
  storageEstimate: StorageStatus;
  clearAllData: { ok: true };
  clearHistory: { pages: number; claims: number };
  listCustomEntities: Entity[];
  /** previousId: the entity's id before an edit that renamed it */
  saveCustomEntity: Entity;
  deleteCustomEntity: { ok: true };
  exportPack: ExportFile;
  importPack: PackImportReport;
}

// ---- request schemas for the background (spread into lib/messaging/schemas.ts) ----

const MAX_FILE = 64_000_000;
const idList = v.pipe(v.array(v.pipe(v.string(), v.maxLength(2048))), v.maxLength(100_000));
const noPayload = v.object({});

export const annotationRequestSchemas = {
  saveAnnotation: SaveRequestSchema,
  listAnnotations: AnnotationQuerySchema,
  updateAnnotation: AnnotationEditSchema,
  deleteAnnotations: v.object({ ids: idList }),
  restoreAnnotations: v.object({
    items: v.pipe(
      v.array(v.object({ annotation: WebAnnotationSchema, status: v.optional(v.picklist(['anchored', 'orphan'])), checkedAt: v.optional(v.number()) })),
      v.maxLength(100_000),
      // what deleteAnnotations returned, checked like an import; typed as the stored shape it was
      v.transform((items) => items as SavedAnnotation[]),
    ),
  }),
  exportAnnotations: v.object({ format: v.picklist(['json', 'csv', 'markdown']), ids: v.optional(idList) }),
  importAnnotations: v.object({ content: v.pipe(v.string(), v.maxLength(MAX_FILE, 'this file is too large to import (64 MB at most)')) }),
  annotationsForPage: v.object({ url: v.pipe(v.string(), v.maxLength(8192)), canonicalUrl: v.optional(v.pipe(v.string(), v.maxLength(8192))) }),
  reportAnchoring: v.object({ url: v.pipe(v.string(), v.maxLength(8192)), anchored: idList, orphans: idList }),
  pageAnnotations: v.object({ tabId: v.pipe(v.number(), v.integer()) }),
  storageEstimate: noPayload,
  clearAllData: v.object({ confirm: v.literal('delete everything') }),
  clearHistory: noPayload,
  listCustomEntities: noPayload,
  // the entity itself is checked with EntitySchema by the handler, so its errors name the field
  saveCustomEntity: v.object({ entity: v.unknown(), previousId: v.optional(v.pipe(v.string(), v.maxLength(120))) }),
  deleteCustomEntity: v.object({ id: v.pipe(v.string(), v.maxLength(120)) }),
  exportPack: noPayload,
  importPack: v.object({ content: v.pipe(v.string(), v.maxLength(MAX_FILE, 'this file is too large to import (64 MB at most)')) }),
} satisfies Record<keyof AnnotationResponses, v.GenericSchema>;
