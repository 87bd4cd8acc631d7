// A detected mention as messages carry it (reportPage, discoverOnPage): one schema for both.
import * as v from 'valibot';
import { ENTITY_TYPES } from '../kb/schema';

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const MentionSchema = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: str(200),
  entityId: str(120),
  name: str(200),
  type: v.picklist(ENTITY_TYPES),
  /** a model version the pack does not know yet, linked to the nearest one it knows (lib/detect/versions.ts) */
  newVersion: v.optional(v.literal(true)),
});
