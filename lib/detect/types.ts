import type { EntityType } from '../kb/schema';

/** One detected mention; start/end index the scanned text (a JS string, UTF-16 units). */
export interface Mention {
  start: number;
  end: number;
  text: string;
  entityId: string;
  name: string;
  type: EntityType;
}

export interface DetectionResult {
  /** Page-level AI relevance, 0..1. */
  relevance: number;
  /** true when the page is judged not about AI and only unambiguous evidence would be shown. */
  gated: boolean;
  mentions: Mention[];
}
