// The one runtime-validated schema for the knowledge pack, custom entities and pack imports.
// valibot: small, tree-shakeable (it ends up in the background and manager bundles only).
import * as v from 'valibot';

export const ENTITY_TYPES = ['model', 'org', 'person'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const CLAIM_KINDS = ['quote', 'quantity', 'comparison', 'prediction', 'other'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ['supported', 'disputed', 'refuted', 'pending', 'came-true', 'did-not-come-true', 'partly'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const RELATION_TYPES = [
  'maker', // model -> org that made it
  'predecessor', // model -> earlier model
  'successor', // model -> later model
  'role', // person -> org (role, start, end)
  'parent', // org -> parent org
  'subsidiary', // org -> subsidiary org
  'key-person', // org -> person
  'founder', // org -> person who founded it
  'investor', // org -> org/person that invested in it
  'based-on', // model -> model it was built from
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

const idSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and hyphens'), v.maxLength(80));
// "as of" and role dates: YYYY, YYYY-MM or YYYY-MM-DD.
const dateSchema = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates are YYYY, YYYY-MM or YYYY-MM-DD'));
const urlSchema = v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https:\/\//, 'sources must be https URLs'));
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));

export const AliasSchema = v.object({
  text: text(80),
  /** Default 'sensitive': most AI names are proper nouns ("Meta" is not "meta"). */
  case: v.optional(v.picklist(['sensitive', 'insensitive']), 'sensitive'),
  /** The alias alone is ambiguous (Claude, Gemini, Llama, Meta, o1, Apple): it counts only with context. */
  ambiguous: v.optional(v.boolean(), false),
  /** Words, or entity ids prefixed with "@", whose presence near the alias makes it safe. */
  context: v.optional(v.array(text(60))),
  /** A short form ("R1", "Altman") that counts only after the entity's full name appeared on the page. */
  shortForm: v.optional(v.boolean(), false),
  /**
   * The name means this entity only from this date: on a page dated earlier it is someone else
   * ("Thinking Machines" in 1989 is the supercomputer maker, not the 2025 lab).
   */
  since: v.optional(dateSchema),
  /**
   * A former name, used until this date ("Twitter" until X in 2023): on a page dated earlier the
   * mention is shown under this name with the rename ("Twitter (renamed X Corp. in 2023)").
   */
  until: v.optional(dateSchema),
});
export type Alias = v.InferOutput<typeof AliasSchema>;

export const FactSchema = v.object({
  text: text(300),
  asOf: dateSchema,
  source: urlSchema,
});
export type Fact = v.InferOutput<typeof FactSchema>;

export const RelationSchema = v.object({
  type: v.picklist(RELATION_TYPES),
  target: idSchema,
  role: v.optional(text(80)),
  start: v.optional(dateSchema),
  end: v.optional(dateSchema),
});
export type Relation = v.InferOutput<typeof RelationSchema>;

export const LinkSchema = v.object({ label: text(60), url: urlSchema });

export const EntitySchema = v.object({
  id: idSchema,
  type: v.picklist(ENTITY_TYPES),
  name: text(80),
  aliases: v.array(AliasSchema),
  description: text(400),
  facts: v.array(FactSchema),
  relations: v.optional(v.array(RelationSchema), []),
  /** Wikipedia article title (English), for opt-in live context. */
  wikipedia: v.optional(text(120)),
  /** Wikidata item id, e.g. Q95. */
  wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q\d+$/))),
  links: v.optional(v.array(LinkSchema)),
  /** true for entities the user added; they survive pack updates. */
  custom: v.optional(v.boolean()),
});
export type Entity = v.InferOutput<typeof EntitySchema>;

/** A normalised number: a value or range, with a unit (USD, GPU, GW, parameters, users, percent…). */
export const NumberSchema = v.object({
  min: v.number(),
  max: v.number(),
  unit: text(30),
  approx: v.optional(v.boolean()),
  /** "+" / "over": the figure is a lower bound. */
  atLeast: v.optional(v.boolean()),
});
export type NormalisedNumber = v.InferOutput<typeof NumberSchema>;

export const TrackedClaimSchema = v.object({
  id: idSchema,
  subjects: v.pipe(v.array(idSchema), v.minLength(1)),
  speaker: v.nullable(idSchema),
  date: dateSchema,
  statement: text(400),
  kind: v.picklist(CLAIM_KINDS),
  status: v.picklist(CLAIM_STATUSES),
  context: text(600),
  sources: v.pipe(v.array(urlSchema), v.minLength(1)),
  /** What is measured ("training-cost", "capex", "gpus", "compute", "users", "benchmark-parity"…), used for linking. */
  metric: v.optional(text(40)),
  numbers: v.optional(v.array(NumberSchema)),
  /** Distinctive words a page sentence about this claim tends to use. */
  keywords: v.optional(v.array(text(40))),
});
export type TrackedClaim = v.InferOutput<typeof TrackedClaimSchema>;

export const PACK_FORMAT = 1;

export const PackSchema = v.object({
  format: v.literal(PACK_FORMAT, `unknown pack format (this version of Backstory reads format ${PACK_FORMAT})`),
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'version is MAJOR.MINOR.PATCH')),
  updated: dateSchema,
  entities: v.array(EntitySchema),
  trackedClaims: v.array(TrackedClaimSchema),
});
export type Pack = v.InferOutput<typeof PackSchema>;
export type PackInput = v.InferInput<typeof PackSchema>;

/** One part file in assets/pack: entities and/or tracked claims, merged into the pack at build time. */
export const PackPartSchema = v.object({
  entities: v.optional(v.array(EntitySchema), []),
  trackedClaims: v.optional(v.array(TrackedClaimSchema), []),
});
export type PackPart = v.InferOutput<typeof PackPartSchema>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Turns valibot issues into messages that name the entity (by id) and the field path. */
export function describeIssues(input: unknown, issues: v.BaseIssue<unknown>[]): string[] {
  return issues.slice(0, 20).map((issue) => {
    const path = issue.path ?? [];
    let where = '';
    let node: unknown = input;
    const parts: string[] = [];
    for (const step of path) {
      const key = (step as { key: unknown }).key;
      node = (node as Record<string | number, unknown> | undefined)?.[key as string];
      if (typeof key === 'number' && node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') {
        parts.push(`[${(node as { id: string }).id}]`);
      } else {
        parts.push(typeof key === 'number' ? `[${key}]` : `.${String(key)}`);
      }
    }
    where = parts.join('').replace(/^\./, '');
    return `${where || '(root)'}: ${issue.message}`;
  });
}

export function validate<T extends v.GenericSchema>(schema: T, input: unknown): ValidationResult<v.InferOutput<T>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: describeIssues(input, result.issues) };
}
