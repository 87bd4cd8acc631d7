import { describe, expect, it } from 'vitest';
import { BackstoryDB } from '../../lib/db/database';
import * as repo from '../../lib/db/annotations';
import { csvCell, exportAnnotations, mdEscape, parseImport, toCsv, toJson, toMarkdown } from '../../lib/annotations/io';
import { createAnnotation, urlWithTextFragment, withEdits, type WebAnnotation } from '../../lib/annotations/model';

const T0 = new Date('2026-03-01T09:00:00.000Z');

function sample(): WebAnnotation[] {
  const a = createAnnotation(
    {
      url: 'https://news.example/a?ref=x',
      canonicalUrl: 'https://news.example/a',
      title: 'Costs, "revisited"',
      exact: 'about $5.6 million',
      prefix: 'put the cost at ',
      suffix: '. That number',
      start: 100,
      end: 118,
      note: '=HYPERLINK("http://evil")',
      tags: ['costs', 'deepseek'],
      entityId: 'deepseek',
      entityName: 'DeepSeek',
    },
    T0,
  );
  const b = createAnnotation(
    {
      url: 'https://other.example/b',
      title: 'Second page',
      exact: '# not a heading\n<script>alert(1)</script> *bold*',
      claim: { text: 'Costs will fall.', kind: 'prediction' },
    },
    new Date('2026-03-02T10:00:00.000Z'),
  );
  return [a, b];
}

async function freshDb() {
  const db = new BackstoryDB(`io-${Math.random()}`);
  await db.open();
  return db;
}

describe('export', () => {
  it('JSON is a W3C AnnotationCollection that imports back identical', async () => {
    const list = sample();
    const json = toJson(list, T0);
    const data = JSON.parse(json);
    expect(data).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 2,
      first: { type: 'AnnotationPage', items: list },
    });
    const parsed = parseImport(json);
    expect(parsed.ok && parsed.annotations).toEqual(list);
  });

  it('CSV quotes fields, defuses spreadsheet formulas and starts with a BOM', () => {
    const csv = toCsv(sample());
    expect(csv.startsWith('\uFEFFid,created,modified,site,title,url,quote,note,tags')).toBe(true);
    const rows = csv.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`"Costs, ""revisited"""`);
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(rows[1]).toContain('costs; deepseek');
    expect(rows[1]).toContain('https://news.example/a?ref=x#:~:text=about%20%245.6%20million');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('Markdown groups by page and escapes page text so it cannot become markup', () => {
    const md = toMarkdown(sample(), T0);
    expect(md).toContain('## [Costs, "revisited"](https://news.example/a)');
    expect(md).toContain('> about $5.6 million');
    expect(md).toContain('Tags: #costs #deepseek');
    expect(md).toContain('About: DeepSeek');
    expect(md).toContain('> \\# not a heading \\<script\\>alert(1)\\</script\\> \\*bold\\*');
    expect(md).not.toContain('<script>');
    expect(mdEscape('1. item')).toBe('1\\. item');
  });

  it('names files by date and format', () => {
    expect(exportAnnotations([], 'markdown', T0).filename).toBe('backstory-annotations-2026-03-01.md');
    expect(exportAnnotations([], 'csv', T0).mime).toBe('text/csv');
  });

  it('builds a text-fragment link, with start,end words for long quotes', () => {
    const [a] = sample();
    expect(urlWithTextFragment(a)).toBe('https://news.example/a?ref=x#:~:text=about%20%245.6%20million');
    const long = createAnnotation({
      url: 'https://x.example/p#old',
      title: '',
      exact: 'one two three four five six seven eight nine ten - eleven',
    });
    expect(urlWithTextFragment(long)).toBe('https://x.example/p#:~:text=one%20two%20three%20four,nine%20ten%20%2D%20eleven');
  });
});

describe('import', () => {
  it('rejects a file that is not JSON or not annotations, with a reason, before touching anything', () => {
    expect(parseImport('id,quote\n1,x')).toEqual({ ok: false, error: expect.stringMatching(/not JSON/) });
    expect(parseImport('{"hello": 1}')).toEqual({
      ok: false,
      error: expect.stringMatching(/not a Backstory or W3C Web Annotation export/),
    });
  });

  it('accepts a collection, a page, a list or one annotation; rejects bad ones with the field and reason', () => {
    const [a] = sample();
    expect(parseImport(JSON.stringify(a))).toMatchObject({ ok: true, total: 1 });
    expect(parseImport(JSON.stringify({ type: 'AnnotationPage', items: [a] }))).toMatchObject({ ok: true, total: 1 });
    const bad = [
      a,
      { ...a, id: undefined },
      { ...a, id: 'x1', target: { source: 'javascript:alert(1)', selector: a.target.selector } },
      { ...a, id: 'x2', target: { source: 'https://a.example/', selector: [{ type: 'TextPositionSelector', start: 1, end: 5 }] } },
      { ...a, id: 'x3', created: 'yesterday' },
      { ...a, id: 'x4', body: [{ type: 'SpecificResource', source: 'https://x' }] },
      { ...a, id: 'x5', type: 'Note' },
      'not an object',
    ];
    const parsed = parseImport(JSON.stringify(bad));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.annotations).toEqual([a]);
    expect(parsed.rejected.map((r) => [r.index, r.id])).toEqual([
      [1, undefined],
      [2, 'x1'],
      [3, 'x2'],
      [4, 'x3'],
      [5, 'x4'],
      [6, 'x5'],
      [7, undefined],
    ]);
    const reasons = parsed.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/id/);
    expect(reasons[1]).toMatch(/target.*source|http/);
    expect(reasons[2]).toMatch(/TextQuoteSelector/);
    expect(reasons[3]).toMatch(/created.*ISO 8601/);
    expect(reasons[4]).toMatch(/TextualBody/);
    expect(reasons[5]).toMatch(/Annotation/);
  });

  it('keeps unknown W3C properties and selectors (lossless for other tools’ files)', () => {
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://annotations.example/1',
      type: 'Annotation',
      created: '2025-12-01T10:00:00+01:00',
      creator: { id: 'https://me.example', name: 'Me' },
      body: { type: 'TextualBody', value: 'single body', purpose: 'commenting' },
      target: {
        source: 'https://news.example/x',
        selector: [
          { type: 'CssSelector', value: 'article > p' },
          { type: 'TextQuoteSelector', exact: 'words' },
        ],
      },
    };
    const parsed = parseImport(JSON.stringify(foreign));
    if (!parsed.ok) throw new Error(parsed.error);
    const [a] = parsed.annotations;
    expect(a.creator).toEqual(foreign.creator);
    expect(a.body).toEqual([foreign.body]);
    expect(a.modified).toBe(foreign.created);
    expect(a.target.selector).toEqual(foreign.target.selector);
  });

  it('merges by id: new ones added, a newer copy replaces an older one, an older copy changes nothing', async () => {
    const db = await freshDb();
    const [a, b] = sample();
    await repo.saveAnnotation(db, a);
    await repo.saveAnnotation(db, b);
    const newerA = withEdits(a, { note: 'edited elsewhere' }, new Date('2026-04-01T00:00:00Z'));
    const olderB = { ...b, modified: '2026-01-01T00:00:00.000Z', body: [] };
    const c = createAnnotation({ url: 'https://third.example/', title: 'C', exact: 'third' }, T0);
    const report = await repo.mergeAnnotations(db, [newerA, olderB, c, { ...c }]);
    expect(report).toEqual({ added: [c.id], merged: [a.id], unchanged: [b.id] });
    expect((await repo.getAnnotation(db, a.id))!.annotation).toEqual(newerA);
    expect((await repo.getAnnotation(db, b.id))!.annotation).toEqual(b);
    expect(await db.annotations.count()).toBe(3);
  });
});
