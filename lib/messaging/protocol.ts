// The one typed message protocol between the extension's contexts.
// Names say the direction: ToBackground (content/popup/manager → background), ToContent (popup/background → content).
// Every reply is a Result, never a thrown error across contexts.
import type { AliasTable } from '../kb/alias-table';
import type { Mention } from '../detect/types';
import type { PackedDetector } from '../detect/detector';
import type { ScanTiming } from '../detect/page-scan';
import type { PageClaim } from '../claims/types';
import type { DiscoveredName } from '../discover/types';
import type { Settings } from '../settings';
import type { PageRecord } from '../db/database';
import type { LiveResponses } from '../live/messages';
import type { AnnotationResponses } from '../annotations/messages';
import type { DossierResponses } from '../dossier/messages';
import type { EntityDetails } from '../kb/details';
import type { Selector } from '../anchor/types';
import type { HandlerMap, Result } from './router';
import type { Requests } from './schemas';

export type { EntityDetails, PageRecord, Result, ScanTiming };

/** The page's scan report (reportPage), declared by its schema. */
export type PageReport = Requests['reportPage'];

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

/** Replies of the background's own messages (the features' replies: AnnotationResponses, LiveResponses, DossierResponses). */
interface CoreResponses {
  getContentConfig: ContentConfig;
  getPageConfig: PageConfig;
  /** `discovered`: the names the pack lacks, when the report asked (`discover`) */
  reportPage: { claims: PageClaim[]; discovered?: DiscoveredName[] };
  getTabState: TabState | null;
  getEntity: EntityDetails | null;
  listPages: PageRecord[];
  getSettings: Settings;
  updateSettings: Settings;
  setSiteDisabled: Settings;
  suppressMatch: { ok: true };
  getPackInfo: { version: string; entities: number; trackedClaims: number };
  loadCardUi: { ok: true };
}

type Responses = CoreResponses & AnnotationResponses & LiveResponses & DossierResponses;

/** Requests answered by the background: each request inferred from its schema (./schemas.ts), each reply declared above. */
export type ToBackground = { [K in keyof Requests]: { req: Requests[K]; res: K extends keyof Responses ? Responses[K] : never } };

// Compile-time check that every request has a reply and every reply a request schema.
type Unpaired = Exclude<keyof Requests, keyof Responses> | Exclude<keyof Responses, keyof Requests>;
const everyMessagePaired: [Unpaired] extends [never] ? true : Unpaired = true;
void everyMessagePaired;

/** The background's handler for each message. */
export type Handlers = HandlerMap<ToBackground>;

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
