// Model names newer than the pack (lib/detect/versions.ts): measured on sentences written for
// Backstory in the forms AI news uses (test/fixtures/versions), by form, and checked on a tiny
// invented pack so the grammar is seen to come from the pack's names, not from a list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import type { Mention } from '../../lib/detect/types';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import type { Entity } from '../../lib/kb/schema';
import { parseLabelled } from './labelled';

const SET = path.resolve(import.meta.dirname, '../fixtures/versions/sentences.json');
const HELDBACK = path.resolve(import.meta.dirname, '../fixtures/versions/heldback.json');
const detector = createDetector(compileAliasTable(loadPackFromDir()));
const models = (text: string, force = true) => detector.detect(text, { force }).mentions.filter((m) => m.type === 'model');

/** Scores one labelled set: model mentions, exact spans; a new version must be marked, a known name must not. */
function measure(file: string, title: string, floors = { recall: 0.9, precision: 0.95 }): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { items: { form: string; text: string }[] };
  const byForm = new Map<string, { tp: number; fp: number; fn: number }>();
  const errors: string[] = [];
  for (const item of data.items) {
    const { text, expected } = parseLabelled(item.text);
    const wanted = expected.filter((e) => e.type === 'model');
    const found = models(text);
    const t = byForm.get(item.form) ?? { tp: 0, fp: 0, fn: 0 };
    byForm.set(item.form, t);
    const right = (m: Mention, e: (typeof wanted)[number]) =>
      m.start === e.start && m.end === e.end && (e.entityId === 'new' ? m.newVersion === true : m.entityId === e.entityId && !m.newVersion);
    for (const e of wanted) {
      if (found.some((m) => right(m, e))) t.tp++;
      else {
        t.fn++;
        errors.push(`${item.form}: missed "${text.slice(e.start, e.end)}" in: ${text}`);
      }
    }
    for (const m of found) {
      if (wanted.some((e) => right(m, e))) continue;
      t.fp++;
      errors.push(`${item.form}: false "${m.text}" (${m.entityId}${m.newVersion ? ', new' : ''}) in: ${text}`);
    }
  }
  const all = { tp: 0, fp: 0, fn: 0 };
  const lines = [...byForm].map(([form, t]) => {
    all.tp += t.tp;
    all.fp += t.fp;
    all.fn += t.fn;
    return `  ${form.padEnd(20)} found ${t.tp}/${t.tp + t.fn}, wrong ${t.fp}`;
  });
  const recall = all.tp / (all.tp + all.fn);
  const precision = all.tp / Math.max(1, all.tp + all.fp);
  console.log(
    `${title}: recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (${all.tp} right, ${all.fp} wrong, ${all.fn} missed)\n${lines.join('\n')}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`,
  );
  expect(recall).toBeGreaterThanOrEqual(floors.recall);
  expect(precision).toBeGreaterThanOrEqual(floors.precision);
}

describe('model versions the pack does not list', () => {
  it('finds recent and unknown versions as whole names, by form (recall ≥ 0.9, precision ≥ 0.95)', () => {
    measure(SET, 'new model versions');
  });

  it('does as well on the set written after the grammar was built (recall ≥ 0.85, precision ≥ 0.9)', () => {
    measure(HELDBACK, 'new model versions, held-back set', { recall: 0.85, precision: 0.9 });
  });

  it('links a new version to the nearest model the pack knows: same tier and version letter, then the closest version', () => {
    const link = (text: string, name: string) => models(text).find((m) => m.text === name);
    expect(link('DeepSeek-R2 and DeepSeek V4 are due.', 'DeepSeek-R2')).toMatchObject({
      entityId: 'deepseek-r1',
      newVersion: true,
      name: 'DeepSeek-R2',
    });
    expect(link('Anthropic launched Claude Haiku 5.', 'Claude Haiku 5')?.entityId).toBe('claude-haiku-4-5');
    expect(link('Google launched Gemini 3.5 Flash.', 'Gemini 3.5 Flash')?.entityId).toBe('gemini-3-flash');
    expect(link('Moonshot AI launched Kimi K3.', 'Kimi K3')?.entityId).toBe('kimi-k2');
  });

  it('leaves names the pack lists to the pack, and its context rules in force', () => {
    const [m] = models('Google said Gemini 3 Pro is its best model.');
    expect(m).toMatchObject({ text: 'Gemini 3 Pro', entityId: 'gemini-3-pro' });
    expect(m.newVersion).toBeUndefined();
    // "DeepSeek R1 reasoning model": a lower-case word after a space is prose, not part of the name
    expect(models('the DeepSeek R1 reasoning model').map((x) => x.text)).toEqual(['DeepSeek R1']);
  });

  it('replaces the family word or the maker the detector saw inside the name with one mention', () => {
    const found = detector.detect('DeepSeek-R2 beat Gemini 3.5 Flash, Google said.', { force: true }).mentions;
    expect(found.map((m) => `${m.text}:${m.type}`)).toEqual(['DeepSeek-R2:model', 'Gemini 3.5 Flash:model', 'Google:org']);
  });

  it('learns families from the pack: two versioned names make a stem, one does not', () => {
    const model = (id: string, name: string): Entity => ({
      id,
      type: 'model',
      name,
      aliases: [{ text: name, case: 'sensitive', ambiguous: false, shortForm: false }],
      description: 'x',
      facts: [],
      relations: [],
    });
    const pack = (entities: Entity[]) => createDetector(compileAliasTable({ version: '0.0.1', entities }));
    const two = pack([model('zorp-1', 'Zorp-1'), model('zorp-2', 'Zorp-2 Max'), model('quill-1', 'Quill 1')]);
    // Zorp is a family (two versioned names); Quill is one name, not a family
    const text = 'The lab compared Zorp-2 Max with Zorp-3 Max, Zorp-4 and Quill 2 on the AI benchmark.';
    const found = two.detect(text, { force: true }).mentions;
    expect(found.map((m) => [m.text, m.entityId, m.newVersion ?? false])).toEqual([
      ['Zorp-2 Max', 'zorp-2', false],
      ['Zorp-3 Max', 'zorp-2', true],
      // no tier word: linked to the plain Zorp-1 rather than to Zorp-2 Max
      ['Zorp-4', 'zorp-1', true],
    ]);
  });
});
