import { describe, expect, it } from 'vitest';
import { hitTest, indexMentions, pointInRects, type RangeLike, type RectLike } from '../../lib/card/hit-test';
import { anchorRect, CARD_MAX_WIDTH, cardWidth, stepIndex } from '../../lib/card/layout';
import { chooseTheme, pageIsDark, parseColor, relativeLuminance } from '../../lib/card/theme';
import { claimsAbout, formatDate, keyFacts, relatedGroups, shortDescription, sourceLabel, sourceLinks } from '../../lib/card/format';
import type { PageClaim } from '../../lib/claims/types';
import type { Entity } from '../../lib/kb/schema';

describe('hit-testing mentions', () => {
  // <p>Hello DeepSeek and <b>Open</b>AI folks</p>: one mention inside a node, one split across elements
  document.body.innerHTML = '<p id="p">Hello DeepSeek and <b>Open</b>AI folks</p>';
  const p = document.getElementById('p')!;
  const t1 = p.firstChild as Text; // "Hello DeepSeek and "
  const t2 = p.querySelector('b')!.firstChild as Text; // "Open"
  const t3 = p.lastChild as Text; // "AI folks"
  const deepseek = { mention: 'deepseek', range: { startContainer: t1, startOffset: 6, endContainer: t1, endOffset: 14 } };
  const openai = { mention: 'openai', range: { startContainer: t2, startOffset: 0, endContainer: t3, endOffset: 2 } };
  const index = indexMentions([deepseek, openai]);
  // fake geometry: each mention occupies one box
  const boxes = new Map<RangeLike, RectLike[]>([
    [deepseek.range, [{ left: 50, top: 10, right: 120, bottom: 30 }]],
    [openai.range, [{ left: 160, top: 10, right: 210, bottom: 30 }]],
  ]);
  const rectsOf = (r: RangeLike) => boxes.get(r) ?? [];

  it('indexes a mention under every text node it touches', () => {
    expect(index.byNode.get(t1)).toEqual([deepseek]);
    expect(index.byNode.get(t2)).toEqual([openai]);
    expect(index.byNode.get(t3)).toEqual([openai]);
  });

  it('finds the mention under the caret and inside its rectangles', () => {
    expect(hitTest(index, { node: t1, offset: 9 }, 80, 20, rectsOf)?.mention).toBe('deepseek');
    // split mention: caret in either part
    expect(hitTest(index, { node: t2, offset: 2 }, 170, 20, rectsOf)?.mention).toBe('openai');
    expect(hitTest(index, { node: t3, offset: 1 }, 200, 20, rectsOf)?.mention).toBe('openai');
  });

  it('counts the caret at the mention edge (pointer on the right half of the last letter)', () => {
    expect(hitTest(index, { node: t1, offset: 14 }, 119, 20, rectsOf)?.mention).toBe('deepseek');
  });

  it('misses when the caret is outside the mention or the pointer is outside its boxes', () => {
    expect(hitTest(index, { node: t1, offset: 2 }, 20, 20, rectsOf)).toBeNull();
    expect(hitTest(index, { node: t3, offset: 5 }, 240, 20, rectsOf)).toBeNull();
    // caretPositionFromPoint snaps to the nearest text even from far away in the margin
    expect(hitTest(index, { node: t1, offset: 9 }, 80, 300, rectsOf)).toBeNull();
    expect(hitTest(index, null, 80, 20, rectsOf)).toBeNull();
    expect(hitTest(index, { node: document.body, offset: 0 }, 80, 20, rectsOf)).toBeNull();
  });

  it('tests points against rectangles with a small slop', () => {
    const r = [{ left: 0, top: 0, right: 10, bottom: 10 }];
    expect(pointInRects(10.5, 5, r)).toBe(true);
    expect(pointInRects(12, 5, r)).toBe(false);
  });
});

describe('card layout helpers', () => {
  it('is at most 450 px wide and fits narrow viewports', () => {
    expect(cardWidth(1280)).toBe(CARD_MAX_WIDTH);
    expect(cardWidth(360)).toBe(344);
    expect(cardWidth(200)).toBe(184);
  });

  it('anchors to the line of a wrapped mention that the pointer is on', () => {
    const lines = [
      { left: 600, top: 100, right: 700, bottom: 120 },
      { left: 20, top: 124, right: 80, bottom: 144 },
    ];
    expect(anchorRect(lines, { x: 40, y: 130 })).toBe(lines[1]);
    expect(anchorRect(lines, { x: 650, y: 110 })).toBe(lines[0]);
    expect(anchorRect(lines, null)).toBe(lines[0]);
    expect(anchorRect([], null)).toBeNull();
  });

  it('steps through mentions with wrap-around, starting from the first one in view', () => {
    expect(stepIndex(null, 5, 'next', 2)).toBe(2);
    expect(stepIndex(null, 5, 'previous', 2)).toBe(1);
    expect(stepIndex(4, 5, 'next')).toBe(0);
    expect(stepIndex(0, 5, 'previous')).toBe(4);
    expect(stepIndex(null, 0, 'next')).toBe(-1);
  });
});

describe('card theme', () => {
  it('parses computed colours', () => {
    expect(parseColor('rgb(255, 253, 249)')).toEqual([255, 253, 249, 1]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColor('rgb(17 17 17 / 50%)')).toEqual([17, 17, 17, 0.5]);
    expect(parseColor('#1e1e1e')).toEqual([30, 30, 30, 1]);
    expect(parseColor('transparent')?.[3]).toBe(0);
    expect(parseColor('color(srgb 1 1 1)')).toBeNull();
  });

  it('measures luminance', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
  });

  it('reads the first opaque background from the mention outwards', () => {
    expect(pageIsDark(['rgba(0, 0, 0, 0)', 'rgb(18, 18, 18)', 'rgb(255, 255, 255)'])).toBe(true);
    expect(pageIsDark(['rgba(0, 0, 0, 0)', 'rgb(255, 253, 249)'])).toBe(false);
    expect(pageIsDark(['rgba(0, 0, 0, 0)'], true)).toBe(true);
  });

  it('goes dark when the reader prefers dark or the page is dark', () => {
    expect(chooseTheme({ backgrounds: ['rgb(255, 255, 255)'], prefersDark: false })).toBe('light');
    expect(chooseTheme({ backgrounds: ['rgb(255, 255, 255)'], prefersDark: true })).toBe('dark');
    expect(chooseTheme({ backgrounds: ['rgb(20, 22, 26)'], prefersDark: false })).toBe('dark');
  });
});

const entity = (over: Partial<Entity> = {}): Entity => ({
  id: 'deepseek-r1',
  type: 'model',
  name: 'DeepSeek-R1',
  aliases: [{ text: 'DeepSeek R1', case: 'insensitive', ambiguous: false, shortForm: false }],
  description: 'An open reasoning model. It was released in January 2025. It shook markets.',
  facts: [],
  relations: [],
  ...over,
});

describe('card text', () => {
  it('formats "as of" dates without time-zone surprises', () => {
    expect(formatDate('2025-01-20')).toBe('20 Jan 2025');
    expect(formatDate('2023-07')).toBe('Jul 2023');
    expect(formatDate('2015')).toBe('2015');
    expect(formatDate('soon')).toBe('soon');
  });

  it('labels sources by host', () => {
    expect(sourceLabel('https://www.reuters.com/tech/x')).toBe('reuters.com');
    expect(sourceLabel('https://en.wikipedia.org/wiki/OpenAI')).toBe('wikipedia.org');
    expect(sourceLabel('https://api-docs.deepseek.com/news')).toBe('api-docs.deepseek.com');
    expect(sourceLabel('not a url')).toBe('not a url');
  });

  it('keeps descriptions to two sentences', () => {
    expect(shortDescription('An open reasoning model. It was released in January 2025. It shook markets.')).toBe(
      'An open reasoning model. It was released in January 2025.',
    );
    expect(shortDescription('The U.S. lab grew. It hired. It sold.')).toBe('The U.S. lab grew. It hired.');
    expect(shortDescription('x'.repeat(500)).length).toBeLessThanOrEqual(240);
  });

  it('picks up to five facts in date order, keeping the oldest and the newest', () => {
    const facts = ['2025-09', '2019', '2025-01-20', '2024-12', '2025-05-28', '2023-07'].map((asOf) => ({
      text: `fact ${asOf}`,
      asOf,
      source: 'https://example.org/',
    }));
    expect(keyFacts(facts).map((f) => f.asOf)).toEqual(['2019', '2024-12', '2025-01-20', '2025-05-28', '2025-09']);
    expect(keyFacts(facts.slice(0, 3)).map((f) => f.asOf)).toEqual(['2019', '2025-01-20', '2025-09']);
  });

  it('groups related entities, each once, those on the page first', () => {
    const related = [
      { id: 'sam-altman', name: 'Sam Altman', type: 'person' as const, relation: 'founder' },
      { id: 'sam-altman', name: 'Sam Altman', type: 'person' as const, relation: 'key-person', role: 'CEO' },
      { id: 'greg-brockman', name: 'Greg Brockman', type: 'person' as const, relation: 'founder' },
      { id: 'elon-musk', name: 'Elon Musk', type: 'person' as const, relation: 'founder' },
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => ({
        id: `m-${x}`,
        name: `Model ${x}`,
        type: 'model' as const,
        relation: 'maker',
        inverse: true,
      })),
    ];
    const groups = relatedGroups(related, { onPage: new Set(['elon-musk', 'm-f']) });
    expect(groups.map((g) => g.label)).toEqual(['Key people', 'Founded by', 'Models']);
    expect(groups[0].items.map((i) => [i.name, i.detail])).toEqual([['Sam Altman', 'CEO']]);
    expect(groups[1].items.map((i) => i.name)).toEqual(['Elon Musk', 'Greg Brockman']);
    expect(groups[2].items[0].name).toBe('Model f');
    expect(groups[2].items).toHaveLength(4);
    expect(groups[2].more).toBe(2);
  });

  it('describes roles with their dates', () => {
    const [group] = relatedGroups([{ id: 'meta', name: 'Meta', type: 'org', relation: 'role', role: 'CEO', start: '2004' }]);
    expect(group).toMatchObject({ label: 'Works at', items: [{ detail: 'CEO, since 2004' }] });
  });

  it("selects the page's claims about an entity, most check-worthy first", () => {
    const claim = (over: Partial<PageClaim>): PageClaim => ({
      start: 0,
      end: 1,
      text: 't',
      kind: 'other',
      subjects: [],
      speaker: null,
      numbers: [],
      links: [],
      score: 0,
      ...over,
    });
    const claims = [
      claim({ start: 0, subjects: ['deepseek-r1'], score: 1 }),
      claim({ start: 10, subjects: ['openai'], score: 9 }),
      claim({ start: 20, speaker: 'deepseek-r1', score: 5 }),
    ];
    expect(claimsAbout(claims, 'deepseek-r1').map((c) => c.start)).toEqual([20, 0]);
  });

  it('lists each source once, https only, with the Wikipedia article', () => {
    const details = {
      entity: entity({
        facts: [
          { text: 'a', asOf: '2025', source: 'https://en.wikipedia.org/wiki/DeepSeek' },
          { text: 'b', asOf: '2024', source: 'https://en.wikipedia.org/wiki/DeepSeek' },
        ],
        links: [{ label: 'Model card', url: 'https://huggingface.co/deepseek-ai/DeepSeek-R1' }],
        wikipedia: 'DeepSeek (chatbot)',
      }),
      related: [],
      trackedClaims: [],
    };
    expect(sourceLinks(details)).toEqual([
      { label: 'wikipedia.org', url: 'https://en.wikipedia.org/wiki/DeepSeek' },
      { label: 'Model card', url: 'https://huggingface.co/deepseek-ai/DeepSeek-R1' },
      { label: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/DeepSeek_(chatbot)' },
    ]);
  });
});
