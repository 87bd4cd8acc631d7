// The model families a page reads versions with are learned once, in the background, and stored with
// the packed detector (lib/detect/packed-cache.ts): a page that installs them from the stored JSON
// must find exactly what a page that learns them from the pack itself finds.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector, packDetector, type PackedDetector } from '../../lib/detect/detector';
import { createPackedDetectors, readStoredDetector, type PackedStore } from '../../lib/detect/packed-cache';
import { packVersions, usePackedVersions } from '../../lib/detect/versions';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { parseLabelled } from './labelled';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/versions');
const SAMPLES = path.resolve(import.meta.dirname, '../../assets/samples');

/** Every text the versions set and the sample articles hold. */
function texts(): string[] {
  const out: string[] = [];
  for (const file of ['sentences.json', 'heldback.json']) {
    const data = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as { items: { text: string }[] };
    for (const item of data.items) out.push(parseLabelled(item.text).text);
  }
  for (const f of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))) out.push(fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  return out;
}

describe('model families learned in the background', () => {
  const json = JSON.stringify(loadPackFromDir());
  it('find the same mentions as families learned on the page', async () => {
    // two copies of one pack: one page learns the families itself, the other reads the stored entry
    const learning = compileAliasTable(JSON.parse(json));
    const installing = compileAliasTable(JSON.parse(json));
    let stored: unknown;
    const store: PackedStore = { get: async () => stored, set: async (v) => void (stored = v) };
    await createPackedDetectors(store)(compileAliasTable(JSON.parse(json)));
    const entry = readStoredDetector(stored);
    expect(entry?.detector.versions?.groups.length).toBeGreaterThan(20);
    // the letters written alone and the model heads come with them
    expect(entry?.detector.versions?.bare?.letters.length).toBeGreaterThan(3);
    expect(entry?.detector.variants?.heads.length).toBeGreaterThan(0);
    const local = createDetector(learning);
    const fromStore = createDetector(installing, entry!.detector);
    let versions = 0;
    for (const text of texts()) {
      const a = local.detect(text, { force: true }).mentions;
      const b = fromStore.detect(text, { force: true }).mentions;
      expect(b).toEqual(a);
      versions += a.filter((m) => m.newVersion).length;
    }
    // the texts do exercise the grammar
    expect(versions).toBeGreaterThan(10);
  });

  it('is plain data that survives JSON, and a malformed copy is refused (the page learns them itself)', () => {
    const table = compileAliasTable(JSON.parse(json));
    const packed = packVersions(table);
    expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
    const other = compileAliasTable(JSON.parse(json));
    expect(usePackedVersions(other, { groups: 'no' })).toBe(false);
    expect(usePackedVersions(other, undefined)).toBe(false);
    // a prebuilt detector without families (an older background's) still detects versions
    const { versions: _v, ...bare } = packDetector(table) as PackedDetector;
    const detector = createDetector(other, bare);
    expect(detector.detect('OpenAI released GPT-5 and said GPT-7 would follow.', { force: true }).mentions.some((m) => m.newVersion)).toBe(
      true,
    );
  });
});
