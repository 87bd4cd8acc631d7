export type DiscoveredType = 'person' | 'org';

/** A name the pack does not know, found through the role it plays in the article. */
export interface DiscoveredName {
  /** case- and space-insensitive identity, as stored for dismissals */
  key: string;
  name: string;
  type: DiscoveredType;
  /** "chief executive", "co-founder and chief scientist", "partner" (people only) */
  role?: string;
  /** the organisation the role is at, as written in the article */
  org?: string;
  /** the known pack entity the organisation is, when it is one */
  orgEntityId?: string;
  /** every occurrence in the text, including short forms ("Marchand", "Calloway's") after the full name */
  spans: { start: number; end: number }[];
  /** up to three sentences from the article that mention it */
  sentences: string[];
  /** which pattern found it (for debugging and the accuracy report) */
  evidence: string;
}
