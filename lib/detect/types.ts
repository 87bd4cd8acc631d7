import type { EntityType } from '../kb/schema';

/** One detected mention; start/end index the scanned text (a JS string, UTF-16 units). */
export interface Mention {
  start: number;
  end: number;
  text: string;
  entityId: string;
  name: string;
  type: EntityType;
  /** `name` is a former name on a page from before the rename ("Twitter (renamed X Corp. in 2023)"): the card shows it */
  formerName?: true;
  /**
   * A version of a model family the pack does not know yet ("Gemini 3.5 Flash"): `name` is the name
   * as written, `entityId` the nearest model the pack knows in that family (lib/detect/versions.ts)
   */
  newVersion?: true;
}

export interface DetectionResult {
  /** Page-level AI relevance, 0..1. */
  relevance: number;
  /** true when the page is judged not about AI and only unambiguous evidence would be shown. */
  gated: boolean;
  mentions: Mention[];
}
