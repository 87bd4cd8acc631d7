// The pack shipped inside the extension. Vite inlines the JSON parts at build time.
import { assemblePack, type PackManifest } from './assemble';
import type { Pack } from './schema';

const files = import.meta.glob<unknown>('../../assets/pack/*.json', { eager: true, import: 'default' });

let cached: Pack | undefined;

export function loadBundledPack(): Pack {
  if (cached) return cached;
  const byName: Record<string, unknown> = {};
  for (const [path, data] of Object.entries(files)) byName[path.split('/').pop()!] = data;
  const manifest = byName['manifest.json'] as PackManifest;
  const result = assemblePack(manifest, byName);
  if (!result.ok) throw new Error(`The bundled knowledge pack is invalid:\n${result.errors.join('\n')}`);
  cached = result.value;
  return cached;
}
