// Shapes the saved-annotation messages carry (lib/messaging/protocol.ts names the messages).
import type { Entity } from '../kb/schema';
import type { ExportFile, ExportFormat, Rejection } from './io';
import type { SaveRequest, WebAnnotation } from './model';
import type { AnnotationQuery, QueryResult } from './search';

export type { AnnotationQuery, ExportFile, ExportFormat, SaveRequest, WebAnnotation };

/** saveAnnotation's payload: selectors, or offsets into the page text with the exact text. */
export interface SaveAnnotationRequest extends SaveRequest {
  /** the tab holding the text when the sender is not that tab (the popup) */
  tabId?: number;
}

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
