// The whole annotation pipeline on text or a parsed document, DOM-free apart from extraction.
// The CLI runs exactly this; the content script runs the same steps split across slices.
import type { Detector } from '../detect/detector';
import { extractText } from '../detect/extract';
import type { Mention } from '../detect/types';
import type { PageClaim } from '../claims/types';

export interface Annotation {
  relevance: number;
  gated: boolean;
  mentions: Mention[];
  claims: PageClaim[];
  /** the text that offsets index */
  text: string;
}

export type ClaimExtractor = (text: string, mentions: Mention[]) => PageClaim[];

export function annotateText(text: string, detector: Detector, options: { force?: boolean; claims?: ClaimExtractor } = {}): Annotation {
  const result = detector.detect(text, { force: options.force });
  const claims = options.claims && result.mentions.length ? options.claims(text, result.mentions) : [];
  return { relevance: result.relevance, gated: result.gated, mentions: result.mentions, claims, text };
}

export function annotateDocument(doc: Document, detector: Detector, options: { force?: boolean; claims?: ClaimExtractor } = {}): Annotation {
  return annotateText(extractText(doc).text, detector, options);
}
