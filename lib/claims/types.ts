import type { ClaimKind, ClaimStatus, NormalisedNumber } from '../kb/schema';

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
}

export interface PageClaim {
  start: number;
  end: number;
  text: string;
  kind: ClaimKind;
  subjects: string[];
  speaker: string | null;
  numbers: (NormalisedNumber & { raw: string; metric?: string })[];
  links: ClaimLink[];
  /** check-worthiness, higher first */
  score: number;
}
