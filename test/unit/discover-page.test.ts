// The content-side half of discovery in happy-dom: asks the background only after a full scan of
// an AI page, paints the spans in one `backstory-discovered` highlight, and forgets decided names.
import { describe, expect, it } from 'vitest';
import { discoverNames } from '../../lib/discover/discover';
import { createPageDiscovery, DISCOVERED_HIGHLIGHT } from '../../lib/discover/page';
import type { DiscoveredName } from '../../lib/discover/types';
import { extractText } from '../../lib/detect/extract';
import type { Mention } from '../../lib/detect/types';

function setup(html: string, decided: string[] = [], win: Window & typeof globalThis = window as Window & typeof globalThis) {
  document.body.innerHTML = html;
  const registry = new Map<string, { ranges: { start: number; end: number; text: string }[] }>();
  const asked: string[] = [];
  let changes = 0;
  const discovery = createPageDiscovery({
    doc: document,
    win,
    highlight: {
      registry: { set: (n, h) => void registry.set(n, h as never), delete: (n) => void registry.delete(n) },
      factory: {
        createRange: (spec) => {
          const r = document.createRange();
          r.setStart(spec.startContainer, spec.startOffset);
          r.setEnd(spec.endContainer, spec.endOffset);
          return r;
        },
        createHighlight: (ranges) => ({ ranges: ranges.map((r) => ({ start: 0, end: 0, text: (r as Range).toString() })) }),
      },
    },
    isDecided: (key) => decided.includes(key),
    // the background's work, done here with the same pure function
    discover: async (text, mentions) => {
      asked.push(text);
      return discoverNames(text, mentions, ['OpenAI']);
    },
    onChange: () => void changes++,
  });
  return { discovery, registry, asked, changes: () => changes };
}

const HTML = `<article><p>Élodie Marchand, the chief executive of Calloway Systems, spoke about <em>AI models</em>.</p><p>Marchand said the startup is hiring, like OpenAI.</p></article>`;

/** What the pack found on the page (discovery runs only beside a known name). */
function known(text: string): Mention[] {
  const start = text.indexOf('OpenAI');
  return [{ start, end: start + 6, text: 'OpenAI', entityId: 'openai', name: 'OpenAI', type: 'org' }];
}

describe('discovery on the page', () => {
  it('paints every span of the names the background found', async () => {
    const { discovery, registry, asked } = setup(HTML);
    const text = extractText(document).text;
    const names = await discovery.run({ kind: 'full', gated: false, mentions: known(text), text });
    expect(asked).toEqual([text]);
    expect(names.map((n: DiscoveredName) => n.name)).toEqual(['Élodie Marchand', 'Calloway Systems']);
    expect(registry.get(DISCOVERED_HIGHLIGHT)!.ranges.map((r) => r.text)).toEqual(['Élodie Marchand', 'Marchand', 'Calloway Systems']);
    expect(discovery.painted().map((p) => p.mention.entityId)).toEqual([
      'discovered:élodie marchand',
      'discovered:élodie marchand',
      'discovered:calloway systems',
    ]);
    expect(discovery.painted()[0].mention).toMatchObject({ type: 'person', name: 'Élodie Marchand' });
  });

  it("calls requestIdleCallback as the window's method (Firefox throws on an unbound WebIDL call)", async () => {
    let idleCalls = 0;
    const strictWin = {
      requestIdleCallback(this: unknown, cb: () => void) {
        // what Firefox does when the method is called without its window
        if (this !== strictWin) throw new TypeError("'requestIdleCallback' called on an object that does not implement interface Window.");
        idleCalls++;
        queueMicrotask(cb);
        return 1;
      },
      setTimeout: (cb: () => void) => setTimeout(cb, 0),
    } as unknown as Window & typeof globalThis;
    const { discovery } = setup(HTML, [], strictWin);
    const names = await discovery.run({ kind: 'full', gated: false, forced: true, mentions: [], text: extractText(document).text });
    expect(idleCalls).toBe(1);
    expect(names.map((n: DiscoveredName) => n.name)).toEqual(['Élodie Marchand', 'Calloway Systems']);
  });

  it('does nothing on gated pages or for added content, and clears on a gated rescan', async () => {
    const { discovery, registry, asked } = setup(HTML);
    const text = extractText(document).text;
    await discovery.run({ kind: 'full', gated: false, mentions: known(text), text });
    await discovery.run({ kind: 'added', gated: false, mentions: known(text), text });
    expect(asked).toHaveLength(1);
    await discovery.run({ kind: 'full', gated: true, mentions: [], text });
    expect(asked).toHaveLength(1);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
    expect(discovery.painted()).toEqual([]);
  });

  it('does nothing on a page where the pack found no name, unless the scan was forced', async () => {
    const { discovery, registry, asked } = setup(HTML);
    const text = extractText(document).text;
    expect(await discovery.run({ kind: 'full', gated: false, mentions: [], text })).toEqual([]);
    expect(asked).toEqual([]);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
    // unless the reader asked to scan the page anyway
    expect((await discovery.run({ kind: 'full', gated: false, forced: true, mentions: [], text })).map((n) => n.name)).toEqual([
      'Élodie Marchand',
      'Calloway Systems',
    ]);
  });

  it('leaves out decided names and unpaints a name once the reader decides', async () => {
    const { discovery, registry } = setup(HTML, ['calloway systems']);
    const text = extractText(document).text;
    await discovery.run({ kind: 'full', gated: false, mentions: known(text), text });
    expect(discovery.names().map((n) => n.name)).toEqual(['Élodie Marchand']);
    discovery.forget('élodie marchand');
    expect(discovery.names()).toEqual([]);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
  });
});
