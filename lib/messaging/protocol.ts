// The one typed message protocol between the extension's contexts.
// Names say the direction: ToBackground (content/popup/manager → background), ToContent (popup/background → content).
// Every reply is a Result, never a thrown error across contexts.
import type { AliasTable } from '../kb/alias-table';
import type { Entity, TrackedClaim } from '../kb/schema';
import type { Mention } from '../detect/types';
import type { PackedDetector } from '../detect/detector';
import type { PageClaim } from '../claims/types';
import type { Settings } from '../settings';
import type { LiveMessages } from '../live/messages';
import type {
  AnnotationList, AnnotationQuery, Entity as AnnotationEntity, ExportFile, ExportFormat, ImportReport, PackImportReport,
  PageAnnotationsState, SaveAnnotationRequest, SavedAnnotation, StorageStatus,
} from '../annotations/messages';
import type { Selector } from '../anchor/types';

export type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface PageReport {
  url: string;
  title: string;
  relevance: number;
  gated: boolean;
  /** whether the user asked to scan this page despite the gate */
  forced: boolean;
  mentions: Mention[];
  /** the scanned text, sent so the background can extract claims (never stored, never sent anywhere else) */
  text: string;
  /** scanning paused because the page never stops mutating */
  backedOff?: boolean;
  /** how the scan behind this report ran on the page's main thread (the real-pages and stress tests read it) */
  timing?: ScanTiming;
}

/** How a scan ran on the page's main thread; declared where it is measured. */
export type { ScanTiming } from '../detect/page-scan';
import type { ScanTiming } from '../detect/page-scan';

export interface TabState {
  tabId: number;
  url: string;
  title: string;
  relevance: number;
  gated: boolean;
  forced: boolean;
  backedOff: boolean;
  mentions: Mention[];
  claims: PageClaim[];
  updatedAt: number;
  timing?: ScanTiming;
  /** IndexedDB trouble the reader should know about (detection still works); null when storage is fine */
  storageError?: string | null;
}

export interface EntityDetails {
  entity: Entity;
  /** `inverse`: the relation points at this entity (a lab's models, a person's roles at labs) */
  related: { id: string; name: string; type: Entity['type']; relation: string; role?: string; start?: string; end?: string; inverse?: boolean }[];
  trackedClaims: TrackedClaim[];
}

export interface PageRecord {
  url: string;
  title: string;
  visitedAt: number;
  relevance: number;
  gated: boolean;
  entityCounts: Record<string, number>;
  claimCount: number;
}

export interface ContentConfig {
  table: AliasTable;
  /** the detector compiled from `table` once in the background, so pages only unpack it */
  detector?: PackedDetector;
  /** the table's fingerprint: a page that started from the copy in storage.local checks it against this */
  tableKey?: string;
  settings: Settings;
  /** this site is on the user's disable list */
  siteDisabled: boolean;
  /** "not this entity here" suppressions for this site: alias texts (lowercase) per entity id */
  suppressed: { entityId: string; text: string }[];
}

/**
 * This site's part of the configuration, for a content script that read the table and its packed
 * detector from storage.local itself (lib/detect/packed-cache.ts): `tableKey` says whether that
 * copy is still the current one (else it asks getContentConfig).
 */
export interface PageConfig {
  tableKey: string;
  settings: Settings;
  siteDisabled: boolean;
  suppressed: { entityId: string; text: string }[];
}

/** Requests answered by the background. */
export interface ToBackground extends LiveMessages {
  getContentConfig: { req: { url: string }; res: ContentConfig };
  getPageConfig: { req: { url: string }; res: PageConfig };
  reportPage: { req: PageReport; res: { claims: PageClaim[] } };
  getTabState: { req: { tabId: number }; res: TabState | null };
  getEntity: { req: { id: string }; res: EntityDetails | null };
  listPages: { req: { limit?: number }; res: PageRecord[] };
  getSettings: { req: Record<string, never>; res: Settings };
  updateSettings: { req: { patch: Partial<Settings> }; res: Settings };
  setSiteDisabled: { req: { host: string; disabled: boolean }; res: Settings };
  suppressMatch: { req: { host: string; entityId: string; text: string }; res: { ok: true } };
  getPackInfo: { req: Record<string, never>; res: { version: string; entities: number; trackedClaims: number } };
  // Saved annotations (lib/annotations). saveAnnotation: from the card, the popup (pass tabId) or a selection.
  saveAnnotation: { req: SaveAnnotationRequest; res: SavedAnnotation };
  listAnnotations: { req: AnnotationQuery; res: AnnotationList };
  updateAnnotation: { req: { id: string; note?: string; tags?: string[] }; res: SavedAnnotation };
  deleteAnnotations: { req: { ids: string[] }; res: { deleted: SavedAnnotation[] } };
  /** undo of deleteAnnotations: puts back what it returned */
  restoreAnnotations: { req: { items: SavedAnnotation[] }; res: { restored: number } };
  exportAnnotations: { req: { format: ExportFormat; ids?: string[] }; res: ExportFile };
  importAnnotations: { req: { content: string }; res: ImportReport };
  annotationsForPage: { req: { url: string; canonicalUrl?: string }; res: SavedAnnotation[] };
  reportAnchoring: { req: { url: string; anchored: string[]; orphans: string[] }; res: { ok: true } };
  /** what re-anchoring found in a tab (the popup's orphan line) */
  pageAnnotations: { req: { tabId: number }; res: PageAnnotationsState | null };
  storageEstimate: { req: Record<string, never>; res: StorageStatus };
  clearAllData: { req: { confirm: 'delete everything' }; res: { ok: true } };
  clearHistory: { req: Record<string, never>; res: { pages: number; claims: number } };
  listCustomEntities: { req: Record<string, never>; res: AnnotationEntity[] };
  /** previousId: the entity's id before an edit that renamed it */
  saveCustomEntity: { req: { entity: unknown; previousId?: string }; res: AnnotationEntity };
  deleteCustomEntity: { req: { id: string }; res: { ok: true } };
  exportPack: { req: Record<string, never>; res: ExportFile };
  importPack: { req: { content: string }; res: PackImportReport };
}

/** Requests answered by the content script of a tab. */
export interface ToContent {
  scrollToEntity: { req: { entityId: string; occurrence: number }; res: { found: boolean; total: number } };
  rescan: { req: { force: boolean }; res: { mentions: number } };
  /** `url`: the page's address (the popup has no tabs permission to read it) */
  getState: { req: Record<string, never>; res: { mentions: number; gated: boolean; url: string } };
  /** the keyboard path (commands next-mention / previous-mention): go to a mention, open its card, focus it */
  focusMention: { req: { direction: 'next' | 'previous' }; res: { found: boolean; index: number; total: number } };
  /** the popup picked a claim: scroll to [start, end) of the scanned text (or to `exact` nearby) and flash it */
  showText: { req: { start: number; end: number; exact?: string }; res: { found: boolean } };
  /** the popup turned this site or everything off/on: clear the highlights or scan again */
  applySettings: { req: { paused: boolean; siteDisabled: boolean }; res: { mentions: number } };
  /** save the current selection (context menu, keyboard shortcut) */
  saveSelection: { req: Record<string, never>; res: { saved: boolean; id?: string; message?: string } };
  /** selectors for [start, end) of the detector's page text (extractText), so a save from offsets gets prefix/suffix */
  describeRange: { req: { start: number; end: number; exact?: string }; res: { selectors: Selector[] } | null };
  /** saved annotations changed: re-anchor and paint the new ones */
  annotationsChanged: { req: Record<string, never>; res: { anchored: number; orphans: number } };
  /** the reader added or dismissed a new name in the popup: stop painting it as new */
  forgetDiscovered: { req: { key: string }; res: { ok: true } };
}

export type BackgroundType = keyof ToBackground;
export type ContentType = keyof ToContent;

export type Envelope<M, K extends keyof M> = { type: K; payload: M[K] extends { req: infer R } ? R : never };
export type BackgroundMessage = { [K in BackgroundType]: Envelope<ToBackground, K> }[BackgroundType];
export type ContentMessage = { [K in ContentType]: Envelope<ToContent, K> }[ContentType];
export type ReqOf<M, K extends keyof M> = M[K] extends { req: infer R } ? R : never;
export type ResOf<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;
