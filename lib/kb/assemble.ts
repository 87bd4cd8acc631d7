import * as v from 'valibot';
import { PACK_FORMAT, PackPartSchema, PackSchema, describeIssues, type Pack, type ValidationResult } from './schema';

export interface PackManifest {
  format: number;
  version: string;
  updated: string;
  parts: string[];
}

/**
 * Builds the pack from its manifest and part files (the same function serves the build, via
 * import.meta.glob, and Node tools, via fs), then validates the whole. Errors name the part,
 * the entity id and the field.
 */
export function assemblePack(manifest: PackManifest, parts: Record<string, unknown>): ValidationResult<Pack> {
  const errors: string[] = [];
  const entities: unknown[] = [];
  const trackedClaims: unknown[] = [];
  for (const name of manifest.parts) {
    const raw = parts[name];
    if (raw === undefined) {
      errors.push(`${name}: part listed in manifest.json is missing`);
      continue;
    }
    const parsed = v.safeParse(PackPartSchema, raw);
    if (!parsed.success) {
      errors.push(...describeIssues(raw, parsed.issues).map((m) => `${name}: ${m}`));
      continue;
    }
    entities.push(...((raw as { entities?: unknown[] }).entities ?? []));
    trackedClaims.push(...((raw as { trackedClaims?: unknown[] }).trackedClaims ?? []));
  }
  if (errors.length) return { ok: false, errors };
  const input = { format: manifest.format ?? PACK_FORMAT, version: manifest.version, updated: manifest.updated, entities, trackedClaims };
  const result = v.safeParse(PackSchema, input);
  if (!result.success) return { ok: false, errors: describeIssues(input, result.issues) };
  return { ok: true, value: result.output };
}
