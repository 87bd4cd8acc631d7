// Names in time (a former name on an old page, a name that meant someone else before a date), the
// page's publication date from its metadata, and the gate's view of one-company pages and CJK text.
// Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { pageDate } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { EntitySchema, validate, type Entity } from '../../lib/kb/schema';

type AliasIn = Partial<Entity['aliases'][number]> & { text: string };

function entity(id: string, type: Entity['type'], name: string, aliases: AliasIn[]): Entity {
  const full = aliases.map((a) => ({ case: 'sensitive' as const, ambiguous: false, shortForm: false, ...a }));
  return { id, type, name, aliases: full, description: 'test entity', facts: [], relations: [] };
}

const entities: Entity[] = [
  entity('chirp', 'org', 'Zed Corp. (Chirper)', [{ text: 'Zed Corp.' }, { text: 'Chirper', until: '2023-07' }]),
  entity('deep-minds-lab', 'org', 'Deep Minds Lab', [
    { text: 'Deep Minds Lab' },
    { text: 'Deep Minds', ambiguous: true, context: ['AI', 'startup'], since: '2025-02' },
  ]),
  entity('deep-minds-corp', 'org', 'Deep Minds Corporation', [
    { text: 'Deep Minds Corporation' },
    { text: 'Deep Minds', ambiguous: true, context: ['supercomputer', 'parallel'] },
  ]),
  entity('bigco', 'org', 'Bigco', [{ text: 'Bigco' }]),
  entity('model-x', 'model', 'Model X1', [{ text: 'Model X1' }]),
];
const detector = createDetector(compileAliasTable({ version: '0.0.1', entities }));

describe('names in time', () => {
  it('shows a former name on a page from before the rename as that name, with the rename', () => {
    const text = 'Chirper, the social network, said it would add a feature.';
    const old = detector.detect(text, { force: true, pageDate: '2016-10-19' }).mentions;
    expect(old.map((m) => [m.text, m.entityId, m.name])).toEqual([['Chirper', 'chirp', 'Chirper (renamed Zed Corp. in 2023)']]);
    expect(detector.detect(text, { force: true, pageDate: '2024-01-02' }).mentions[0].name).toBe('Zed Corp. (Chirper)');
    expect(detector.detect(text, { force: true }).mentions[0].name).toBe('Zed Corp. (Chirper)');
  });

  it('gives a shared name to the entity that existed when the page was written', () => {
    const text = 'In 1989 Deep Minds built a supercomputer for AI research.';
    expect(detector.detect(text, { force: true, pageDate: '2016-05' }).mentions.map((m) => m.entityId)).toEqual(['deep-minds-corp']);
    // undated, both fit: neither wins
    expect(detector.detect(text, { force: true }).mentions.map((m) => m.entityId)).toEqual([]);
    expect(
      detector.detect('Deep Minds, the AI startup, raised money.', { force: true, pageDate: '2025-06-01' }).mentions.map((m) => m.entityId),
    ).toEqual(['deep-minds-lab']);
  });

  it('accepts since/until dates in the pack schema and refuses malformed ones', () => {
    const ok = validate(EntitySchema, { ...entities[0], aliases: [{ text: 'Chirper', until: '2023-07' }] });
    expect(ok.ok).toBe(true);
    const bad = validate(EntitySchema, { ...entities[0], aliases: [{ text: 'Chirper', until: 'July 2023' }] });
    expect(bad.ok).toBe(false);
  });

  it('reads the publication date from meta tags, JSON-LD or <time>', () => {
    const doc = (head: string, body = '<article><p>Text</p></article>') =>
      new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
    expect(pageDate(doc('<meta property="article:published_time" content="2016-10-19T14:30:56Z">'))).toBe('2016-10-19');
    expect(pageDate(doc('<meta name="article:published_time" value="2017-01-17T18:08:47-05:00">'))).toBe('2017-01-17');
    expect(
      pageDate(doc('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-04T08:00:00Z"}</script>')),
    ).toBe('2025-03-04');
    expect(pageDate(doc('', '<article><time datetime="2019-04">April</time><p>Text</p></article>'))).toBe('2019-04');
    expect(pageDate(doc(''))).toBeUndefined();
  });
});

describe('the gate', () => {
  const filler = 'The city council met again on Tuesday to discuss parking, and residents spoke at length about it. ';
  it('does not take one company repeated all through a page for an AI page', () => {
    const text = `${filler.repeat(3)}${'Bigco said so. '.repeat(30)}${filler.repeat(3)}`;
    expect(detector.detect(text).gated).toBe(true);
  });

  it('weighs Chinese and Japanese characters as words, not letters', () => {
    // the same evidence in a CJK text of the same length is sparser than in an English one
    const cjk = `${'市议会周二再次开会讨论停车问题居民们发表了很长时间的意见'.repeat(20)}人工智能 Model X1 Bigco`;
    const latin = `${'x'.repeat(cjk.length - 22)} artificial intelligence Model X1 Bigco`;
    expect(detector.detect(cjk).relevance).toBeLessThan(detector.detect(latin).relevance);
  });
});
