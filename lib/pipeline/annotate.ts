// The whole annotation pipeline on text or a parsed document, DOM-free apart from extraction.
// The CLI runs exactly this; the content script runs the same steps split across slices (and
// discovery in the background, on the same text and mentions).
import type { Detector } from '../detect/detector';
import { extractText, pageDate } from '../detect/extract';
import type { Mention } from '../detect/types';
import type { PageClaim } from '../claims/types';
import { discoverNames, nameKey } from '../discover/discover';
import { knownFromTable, type KnownNames } from '../discover/known';

/** A mention; `discovered` marks a name the pack does not know, found by lib/discover (painted as "discovered" in the page). */
export interface PipelineMention extends Mention {
  discovered?: true;
  /** a model version the pack does not know yet: the nearest model it knows in that family (the page's card shows it) */
  linkedTo?: string;
}

export interface Annotation {
  relevance: number;
  gated: boolean;
  /** the pack's mentions and the discovered names' spans, in reading order */
  mentions: PipelineMention[];
  claims: PageClaim[];
  /** the text that offsets index */
  text: string;
}

export type ClaimExtractor = (text: string, mentions: Mention[]) => PageClaim[];

export interface AnnotateOptions {
  force?: boolean;
  claims?: ClaimExtractor;
  /** run discovery too (default true), as the extension does after each full scan of an AI page */
  discover?: boolean;
  /** the page's publication date (YYYY-MM[-DD]); annotateDocument reads it from the page */
  pageDate?: string;
}

// the background's limit on the text it runs discovery over
const MAX_DISCOVERY_TEXT = 400_000; // lib/live/handlers.ts MAX_DISCOVERY_TEXT (not imported: it pulls the live client in)
const knownByDetector = new WeakMap<Detector, KnownNames>();

function knownFor(detector: Detector): KnownNames {
  let known = knownByDetector.get(detector);
  if (!known) {
    known = knownFromTable(detector.table);
    knownByDetector.set(detector, known);
  }
  return known;
}

/** Discovered names as mentions, with the discovered key as entity id ("discovered:<key>", as in the page). */
export function discoveredMentions(text: string, mentions: Mention[], detector: Detector): PipelineMention[] {
  const known = knownFor(detector);
  const out: PipelineMention[] = [];
  for (const name of discoverNames(text.slice(0, MAX_DISCOVERY_TEXT), mentions, known.names, { knownIds: known.ids })) {
    for (const span of name.spans) {
      out.push({
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        entityId: `discovered:${name.key}`,
        name: name.name,
        type: name.type,
        discovered: true,
      });
    }
  }
  return out;
}

/** A new version as the CLI reports names the pack lacks: `discovered`, keyed by its name, with the model it is linked to. */
function newVersionMention(m: Mention): PipelineMention {
  const { newVersion: _, entityId, ...rest } = m;
  return { ...rest, entityId: `discovered:${nameKey(m.name)}`, discovered: true, linkedTo: entityId };
}

export function annotateText(text: string, detector: Detector, options: AnnotateOptions = {}): Annotation {
  const result = detector.detect(text, { force: options.force, pageDate: options.pageDate });
  // a version the pack does not know is not the model it is linked to: the claim extractor takes its maker as
  // the claims' subject (lib/claims/pipeline.ts newVersionsAsMakers), as the extension's background does
  // with no name the pack knows, only a forced scan looks for claims (about the organisations the page shows
  // at work), as the extension sends the page's text then for discovery
  const claims = options.claims && (result.mentions.length || options.force) ? options.claims(text, result.mentions) : [];
  let mentions: PipelineMention[] = result.mentions.map((m) => (m.newVersion ? newVersionMention(m) : m));
  // as in the page (lib/discover/page.ts): on an AI page where the pack found someone, or when forced
  if (!result.gated && (result.mentions.length || options.force) && options.discover !== false) {
    const found = discoveredMentions(text, result.mentions, detector);
    if (found.length) mentions = [...mentions, ...found].sort((a, b) => a.start - b.start || b.end - a.end);
  }
  return { relevance: result.relevance, gated: result.gated, mentions, claims, text };
}

export function annotateDocument(doc: Document, detector: Detector, options: AnnotateOptions = {}): Annotation {
  return annotateText(extractText(doc).text, detector, { pageDate: pageDate(doc), ...options });
}
