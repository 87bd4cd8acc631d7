import { describe, expect, it } from 'vitest';
import { AnnotationIndex, fold } from '../../lib/annotations/search';
import { createAnnotation, withEdits } from '../../lib/annotations/model';
import { toRecord } from '../../lib/db/annotations';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const rec = (exact: string, day: number, extra: Parameters<typeof createAnnotation>[0] extends infer R ? Partial<R> : never = {}) =>
  toRecord(createAnnotation({ url: 'https://news.example/p', title: 'A page', exact, ...extra }, at(day)));

describe('the in-memory search index', () => {
  it('needs every word (any order, any case, accents ignored) in quote, note, tags, title, site or entity', () => {
    const a = rec('Liang Wénfēng founded the lab', 1, { note: 'Check the year', tags: ['People'] });
    const b = rec('The lab trains open models', 2, { entityId: 'deepseek', entityName: 'DeepSeek' });
    const c = rec('Unrelated passage', 3, { url: 'https://www.other.example/x' });
    const index = new AnnotationIndex([a, b, c]);
    const ids = (text: string) => index.query({ text }).ids;
    expect(ids('wenfeng')).toEqual([a.id]);
    expect(ids('LAB the')).toEqual([b.id, a.id]);
    expect(ids('year people')).toEqual([a.id]);
    expect(ids('deepseek open')).toEqual([b.id]);
    expect(ids('other.example')).toEqual([c.id]);
    expect(ids('lab nothing')).toEqual([]);
    expect(fold('Ça Déjà')).toBe('ca deja');
  });

  it('keeps newest first through puts, edits and removals', () => {
    const a = rec('alpha passage', 1);
    const b = rec('beta passage', 5);
    const index = new AnnotationIndex([a, b]);
    expect(index.query({ text: 'passage' }).ids).toEqual([b.id, a.id]);
    const c = rec('gamma passage', 3);
    index.put(c);
    expect(index.query({ text: 'passage' }).ids).toEqual([b.id, c.id, a.id]);
    index.put(toRecord(withEdits(a.annotation, { note: 'now with omega' })));
    expect(index.query({ text: 'omega' }).ids).toEqual([a.id]);
    index.remove([b.id]);
    expect(index.query({ text: 'passage' }).ids).toEqual([c.id, a.id]);
    expect(index.query({ text: 'beta' }).total).toBe(0);
  });

  it('pages, filters, and counts facets for what the other filters let through', () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      rec(`item ${i}`, i + 1, { url: `https://s${i % 3}.example/p`, tags: i % 2 ? ['odd'] : ['even'] }),
    );
    const index = new AnnotationIndex(records);
    const page = index.query({ text: 'item', offset: 10, limit: 5 });
    expect(page.total).toBe(30);
    expect(page.ids).toEqual(
      records
        .slice()
        .reverse()
        .slice(10, 15)
        .map((r) => r.id),
    );
    const filtered = index.query({ site: 's1.example' });
    expect(filtered.total).toBe(10);
    // the site facet still offers the other sites; the tag facet counts within s1
    expect(filtered.facets.sites.map((f) => f.count)).toEqual([10, 10, 10]);
    expect(filtered.facets.tags.reduce((n, f) => n + f.count, 0)).toBe(10);
    const since = index.query({ since: at(21).getTime() });
    expect(since.total).toBe(10);
    index.setStatus([records[0].id], 'orphan');
    expect(index.query({ status: 'orphan' }).ids).toEqual([records[0].id]);
    expect(index.query({}).facets.orphans).toBe(1);
  });
});
