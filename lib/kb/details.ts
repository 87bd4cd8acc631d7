// What the background tells about one entity (getEntity): the card, the dossier and live context read it.
import type { Entity, TrackedClaim } from './schema';
import type { TrackRecord } from '../predictions/list';

export interface EntityDetails {
  entity: Entity;
  /** `inverse`: the relation points at this entity (a lab's models, a person's roles at labs) */
  related: { id: string; name: string; type: Entity['type']; relation: string; role?: string; start?: string; end?: string; inverse?: boolean }[];
  trackedClaims: TrackedClaim[];
  /** its predictions' track record, and how many claims about it the reader has read (lib/dossier) */
  trackRecord?: TrackRecord;
  readClaims?: number;
}
