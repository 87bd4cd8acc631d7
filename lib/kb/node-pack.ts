// Node-side loader for CLI tools and tests: reads the same part files the build inlines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemblePack, type PackManifest } from './assemble';
import type { Pack, ValidationResult } from './schema';

export const PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/pack');

export function readPackFromDir(dir = PACK_DIR): ValidationResult<Pack> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PackManifest;
  const parts: Record<string, unknown> = {};
  for (const name of manifest.parts) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    try {
      parts[name] = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      return { ok: false, errors: [`${name}: not valid JSON (${(err as Error).message})`] };
    }
  }
  return assemblePack(manifest, parts);
}

export function loadPackFromDir(dir = PACK_DIR): Pack {
  const result = readPackFromDir(dir);
  if (!result.ok) throw new Error(`Knowledge pack is invalid:\n${result.errors.join('\n')}`);
  return result.value;
}
