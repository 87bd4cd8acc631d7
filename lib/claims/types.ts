import type { ClaimKind, ClaimStatus, NormalisedNumber } from '../kb/schema';

/** A number found in a claim, normalised so claims can be compared. */
export type ClaimNumber = NormalisedNumber & {
  /** the text it was read from, e.g. "$60-65B" */
  raw: string;
  /** what it measures, guessed from context: training-cost, capex, gpus, compute-gw, users… */
  metric?: string;
  /** "up to" / "as much as": the figure is an upper bound */
  atMost?: boolean;
};

export interface ClaimLink {
  kind: 'tracked' | 'history';
  /** tracked claim id, or the history record id */
  id: string;
  statement: string;
  status?: ClaimStatus;
  context?: string;
  sources?: string[];
  /** for history links: the page it came from */
  url?: string;
  title?: string;
  seenAt?: number;
  /** the numbers differ beyond rounding */
  disagreement?: boolean;
  /** what the linked claim measures (may differ from the page claim's within a family, e.g. hardware-spend vs training-cost) */
  metric?: string;
  /** the linked claim's numbers, for showing "here X, there Y" */
  numbers?: ClaimNumber[];
  /** who made the linked claim (entity id) */
  speaker?: string | null;
  /** when the linked claim was made (tracked claims) */
  date?: string;
}

export interface PageClaim {
  start: number;
  end: number;
  text: string;
  kind: ClaimKind;
  subjects: string[];
  speaker: string | null;
  /** who said it, by name, whether or not the pack knows them ("Nancy Pelosi", "Reuters", "unnamed" for an unnamed source); null in the article's own voice */
  speakerName?: string | null;
  numbers: ClaimNumber[];
  links: ClaimLink[];
  /** check-worthiness, higher first */
  score: number;
  /** what the claim as a whole is about, when it can be told (metric of its main number, or benchmark-parity…) */
  metric?: string;
}
