// Painting: one highlight per entity type, incremental add/remove, the shared UI host, and the
// fallback box painter that draws inside that host instead of touching page nodes.
import { afterEach, describe, expect, it } from 'vitest';
import { extractFrom } from '../../lib/detect/extract';
import type { Mention } from '../../lib/detect/types';
import { createBoxPainter } from '../../lib/highlight/fallback';
import { getUiHost, removeUiHost } from '../../lib/highlight/host';
import { HIGHLIGHT_NAMES, createHighlightPainter, rangeSteps, type HighlightFactory } from '../../lib/highlight/paint';

class FakeHighlight extends Set<AbstractRange> {}

function fakeRegistry() {
  const map = new Map<string, FakeHighlight>();
  const factory: HighlightFactory = {
    createRange: (spec) => ({ ...spec, collapsed: false }) as unknown as AbstractRange,
    createHighlight: (ranges) => new FakeHighlight(ranges),
  };
  return {
    map,
    registry: { set: (n: string, h: unknown) => map.set(n, h as FakeHighlight), delete: (n: string) => map.delete(n) },
    factory,
  };
}

function articleWith(html: string) {
  document.body.innerHTML = `<article>${html}</article>`;
  return extractFrom(document.querySelector('article')!);
}

function mention(text: string, full: string, type: Mention['type'], entityId = text.toLowerCase()): Mention {
  const start = full.indexOf(text);
  return { start, end: start + text.length, text, entityId, name: text, type };
}

afterEach(() => {
  removeUiHost(document);
  document.body.replaceChildren();
});

describe('CSS highlight painter', () => {
  it('keeps one highlight per entity type and adds and removes ranges incrementally', () => {
    const index = articleWith('<p>OpenAI released <b>GPT-5</b>; Sam Altman spoke.</p>');
    const { map, registry, factory } = fakeRegistry();
    const painter = createHighlightPainter(registry, factory);
    const mentions = [
      mention('OpenAI', index.text, 'org'),
      mention('GPT-5', index.text, 'model'),
      mention('Sam Altman', index.text, 'person'),
    ];
    const steps = rangeSteps(index, mentions, painter);
    let step = steps.next();
    while (!step.done) step = steps.next();
    painter.add(step.value);
    expect([...map.keys()].sort()).toEqual(Object.values(HIGHLIGHT_NAMES).sort());
    expect(painter.count()).toBe(3);
    const modelHighlight = map.get(HIGHLIGHT_NAMES.model)!;
    painter.remove([step.value[1]]);
    expect(modelHighlight.size).toBe(0);
    expect(map.get(HIGHLIGHT_NAMES.model)).toBe(modelHighlight); // the same highlight object stays registered
    painter.clear();
    expect(map.size).toBe(0);
    expect(painter.count()).toBe(0);
  });

  it('creates ranges in chunks, yielding between them', () => {
    const words = Array.from({ length: 1200 }, () => 'OpenAI').join(' and ');
    const index = articleWith(`<p>${words}</p>`);
    const { registry, factory } = fakeRegistry();
    const painter = createHighlightPainter(registry, factory);
    const mentions: Mention[] = [];
    for (let at = index.text.indexOf('OpenAI'); at >= 0; at = index.text.indexOf('OpenAI', at + 1)) {
      mentions.push({ start: at, end: at + 6, text: 'OpenAI', entityId: 'openai', name: 'OpenAI', type: 'org' });
    }
    const steps = rangeSteps(index, mentions, painter, 500); // 1,200 ranges, 500 at a time
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(step.value).toHaveLength(1200);
    expect(yields).toBe(2);
  });
});

describe('UI host', () => {
  it('creates one <backstory-ui> host with a shadow root on documentElement and reuses it', () => {
    const a = getUiHost(document);
    const b = getUiHost(document);
    expect(a).toBe(b);
    expect(a.host.parentNode).toBe(document.documentElement);
    expect(a.shadow).toBeTruthy();
    expect(document.querySelectorAll('backstory-ui')).toHaveLength(1);
  });

  it('replaces a host left behind by an earlier injection', () => {
    const stale = document.createElement('backstory-ui');
    document.documentElement.appendChild(stale);
    const { host } = getUiHost(document);
    expect(stale.isConnected).toBe(false);
    expect(document.querySelectorAll('backstory-ui')).toHaveLength(1);
    expect(host).not.toBe(stale);
  });
});

describe('fallback box painter', () => {
  it('draws boxes from range rectangles inside the shadow host and leaves page nodes alone', () => {
    const index = articleWith('<p>Anthropic makes Claude.</p>');
    const pageHtml = document.body.innerHTML;
    const originalRects = Range.prototype.getClientRects;
    Range.prototype.getClientRects = () => [{ left: 10, top: 20, width: 70, height: 18 }] as unknown as DOMRectList;
    try {
      const painter = createBoxPainter(document, window) as ReturnType<typeof createBoxPainter> & { layoutNow(): void };
      const m = mention('Anthropic', index.text, 'org');
      const steps = rangeSteps(index, [m], painter);
      let step = steps.next();
      while (!step.done) step = steps.next();
      painter.add(step.value);
      painter.layoutNow();
      const { shadow } = getUiHost(document);
      const boxes = shadow.querySelectorAll('.box');
      expect(boxes).toHaveLength(1);
      expect(boxes[0].className).toBe('box org');
      expect((boxes[0] as HTMLElement).style.left).toBe('10px');
      expect((boxes[0] as HTMLElement).style.width).toBe('70px');
      expect(document.body.innerHTML).toBe(pageHtml);
      painter.clear();
      expect(shadow.querySelectorAll('.box')).toHaveLength(0);
    } finally {
      Range.prototype.getClientRects = originalRects;
    }
  });
});
