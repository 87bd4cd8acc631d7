// Claims for a page: extraction plus linking to the pack's tracked claims.
// Starter: no claims yet (the claims extractor replaces this).
import type { Pack } from '../kb/schema';
import type { ClaimExtractor } from '../pipeline/annotate';

export function createClaimExtractor(_pack: Pack): ClaimExtractor {
  return () => [];
}
