import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblePack } from '../../lib/kb/assemble';
import { checkPack, packStats } from '../../lib/kb/check';
import { readPackFromDir } from '../../lib/kb/node-pack';
import { EntitySchema, PackSchema, validate, type Pack } from '../../lib/kb/schema';
import { openDatabase } from '../../lib/db/database';
import { customEntities, installPack, storedPackVersion } from '../../lib/db/pack-store';
import { compileAliasTable } from '../../lib/kb/alias-table';

const MINI = path.resolve(import.meta.dirname, '../fixtures/mini-pack');

function miniPack(): Pack {
  const r = readPackFromDir(MINI);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

describe('pack schema', () => {
  it('accepts the mini pack and fills alias defaults', () => {
    const pack = miniPack();
    const r1 = pack.entities.find((e) => e.id === 'deepseek-r1')!;
    expect(r1.aliases[0]).toMatchObject({ text: 'DeepSeek R1', case: 'insensitive', ambiguous: false, shortForm: false });
    expect(pack.entities.find((e) => e.id === 'openai')!.relations).toEqual([]);
  });

  it('rejects a fact without a source, naming the entity and the field', () => {
    const pack = structuredClone(miniPack()) as unknown as { entities: { facts: { source?: string }[] }[] };
    delete pack.entities[1].facts[0].source;
    const r = validate(PackSchema, pack);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^entities\[deepseek-r1\]\.facts\[0\]\.source: /);
  });

  it('rejects bad dates, non-https sources, bad ids and unknown types', () => {
    const base = miniPack().entities[0];
    const bad = [
      { ...base, facts: [{ ...base.facts[0], asOf: 'last year' }] },
      { ...base, facts: [{ ...base.facts[0], source: 'http://example.com' }] },
      { ...base, id: 'Has Spaces' },
      { ...base, type: 'animal' },
      { ...base, description: '' },
    ];
    for (const entity of bad) expect(validate(EntitySchema, entity).ok).toBe(false);
  });

  it('rejects an unknown pack format with a clear message', () => {
    const r = validate(PackSchema, { ...miniPack(), format: 99 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/unknown pack format/);
  });
});

describe('assemblePack', () => {
  it('reports a missing part and a malformed part by name', () => {
    const manifest = { format: 1, version: '1.0.0', updated: '2026-01-01', parts: ['a.json', 'b.json'] };
    const r = assemblePack(manifest, { 'a.json': { entities: [{ id: 'x' }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => e.startsWith('a.json: entities[x]'))).toBe(true);
      expect(r.errors).toContain('b.json: part listed in manifest.json is missing');
    }
  });
});

describe('kb check and stats', () => {
  it('counts entities, aliases, facts and relations', () => {
    const s = packStats(miniPack());
    expect(s.entities).toEqual({ model: 3, org: 4, person: 3 });
    expect(s.facts).toBe(10);
    expect(s.factsWithSourceAndDate).toBe(10);
  });

  it('finds unresolved relations, thin entities, duplicate ids and unguarded shared aliases', () => {
    const pack = structuredClone(miniPack());
    pack.entities.push({ ...pack.entities[2] }); // duplicate "openai"
    pack.entities[0].aliases.push({ text: 'OpenAI', case: 'sensitive', ambiguous: false, shortForm: false });
    const problems = checkPack(pack);
    expect(problems).toContain('entity id "openai" is used 2 times');
    expect(problems.some((p) => p.includes('founder → "liang-wenfeng" does not resolve'))).toBe(true);
    expect(problems.some((p) => p.startsWith('deepseek: has 1 facts'))).toBe(true);
    expect(problems.some((p) => p.startsWith('alias "openai" is claimed by deepseek, openai'))).toBe(true);
  });

  it('accepts a shared alias when all but one owner need context', () => {
    const pack = structuredClone(miniPack());
    pack.entities[0].aliases.push({ text: 'Meta', case: 'sensitive', ambiguous: true, context: ['quant'], shortForm: false });
    expect(checkPack(pack).some((p) => p.startsWith('alias "meta"'))).toBe(false);
  });
});

describe('installing the pack into Dexie', () => {
  it('loads on first install, skips an unchanged version, and keeps custom entities across updates', async () => {
    const db = openDatabase(`test-install-${Math.random()}`);
    const pack = miniPack();
    expect(await installPack(db, pack)).toEqual({ installed: true, version: '0.0.1' });
    expect(await db.entities.count()).toBe(10);
    expect(await installPack(db, pack)).toEqual({ installed: false, version: '0.0.1' });

    const custom = {
      id: 'acme-lab',
      type: 'org' as const,
      name: 'Acme Lab',
      aliases: [{ text: 'Acme Lab', case: 'sensitive' as const, ambiguous: false, shortForm: false }],
      description: 'A lab the user tracks.',
      facts: [],
      relations: [],
    };
    await db.entities.put({ ...custom, origin: 'custom' });

    const next = { ...pack, version: '0.0.2', entities: pack.entities.filter((e) => e.id !== 'o1') };
    expect((await installPack(db, next)).installed).toBe(true);
    expect(await storedPackVersion(db)).toBe('0.0.2');
    expect(await db.entities.get('o1')).toBeUndefined();
    expect((await customEntities(db)).map((e) => e.id)).toEqual(['acme-lab']);
    expect(compileAliasTable(next, await customEntities(db)).entities[0].id).toBe('acme-lab');
    db.close();
  });

  it('leaves the stored pack as it was when an install fails midway', async () => {
    const db = openDatabase(`test-install-fail-${Math.random()}`);
    const pack = miniPack();
    await installPack(db, pack);
    const broken = { ...pack, version: '0.0.3', trackedClaims: [{ id: undefined }] } as unknown as Pack;
    await expect(installPack(db, broken)).rejects.toThrow();
    expect(await storedPackVersion(db)).toBe('0.0.1');
    expect(await db.entities.count()).toBe(10);
    db.close();
  });
});
