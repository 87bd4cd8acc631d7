// The content-side half of discovery in happy-dom: wants names only after a full scan of an AI page
// (the report then asks the background for them, in the text it already carries), paints their
// spans over the scan's own text index in one `backstory-discovered` highlight, forgets decided names.
import { describe, expect, it } from 'vitest';
import { discoverNames } from '../../lib/discover/discover';
import { createPageDiscovery, DISCOVERED_HIGHLIGHT, type DiscoveryUpdate } from '../../lib/discover/page';
import type { DiscoveredName } from '../../lib/discover/types';
import { extractText } from '../../lib/detect/extract';
import type { Mention } from '../../lib/detect/types';

function setup(html: string, decided: string[] = []) {
  document.body.innerHTML = html;
  const registry = new Map<string, { ranges: { start: number; end: number; text: string }[] }>();
  const asked: string[] = [];
  let changes = 0;
  const discovery = createPageDiscovery({
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
    onChange: () => void changes++,
  });
  /** what the annotator does with a scan's report: ask for names when wanted, show the answer */
  const run = (update: DiscoveryUpdate) => {
    if (!discovery.wants(update)) return discovery.show(update, undefined);
    asked.push(update.text);
    // the background's work, done here with the same pure function
    return discovery.show(update, discoverNames(update.text, update.mentions, ['OpenAI']));
  };
  return { discovery, run, registry, asked, changes: () => changes };
}

/** A full scan's update: the text and the index it came from. */
function full(extra: Partial<DiscoveryUpdate> = {}): DiscoveryUpdate {
  const index = extractText(document);
  return { kind: 'full', gated: false, mentions: known(index.text), text: index.text, index, ...extra };
}

const HTML = `<article><p>Élodie Marchand, the chief executive of Calloway Systems, spoke about <em>AI models</em>.</p><p>Marchand said the startup is hiring, like OpenAI.</p></article>`;

/** What the pack found on the page (discovery runs only beside a known name). */
function known(text: string): Mention[] {
  const start = text.indexOf('OpenAI');
  return [{ start, end: start + 6, text: 'OpenAI', entityId: 'openai', name: 'OpenAI', type: 'org' }];
}

describe('discovery on the page', () => {
  it('paints every span of the names the background found', () => {
    const { run, discovery, registry, asked } = setup(HTML);
    const update = full();
    const names = run(update);
    expect(asked).toEqual([update.text]);
    expect(names.map((n: DiscoveredName) => n.name)).toEqual(['Élodie Marchand', 'Calloway Systems']);
    expect(registry.get(DISCOVERED_HIGHLIGHT)!.ranges.map((r) => r.text)).toEqual(['Élodie Marchand', 'Marchand', 'Calloway Systems']);
    expect(discovery.painted().map((p) => p.mention.entityId)).toEqual([
      'discovered:élodie marchand',
      'discovered:élodie marchand',
      'discovered:calloway systems',
    ]);
    expect(discovery.painted()[0].mention).toMatchObject({ type: 'person', name: 'Élodie Marchand' });
  });

  it('keeps the names it shows when the background could not look', () => {
    const { run, discovery } = setup(HTML);
    run(full());
    expect(discovery.show(full(), undefined).map((n) => n.name)).toEqual(['Élodie Marchand', 'Calloway Systems']);
    expect(discovery.painted()).toHaveLength(3);
  });

  it('does nothing on gated pages or for added content, and clears on a gated rescan', () => {
    const { run, discovery, registry, asked } = setup(HTML);
    run(full());
    run(full({ kind: 'added' }));
    expect(asked).toHaveLength(1);
    run(full({ gated: true, mentions: [] }));
    expect(asked).toHaveLength(1);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
    expect(discovery.painted()).toEqual([]);
  });

  it('does nothing on a page where the pack found no name, unless the scan was forced', () => {
    const { run, registry, asked } = setup(HTML);
    expect(run(full({ mentions: [] }))).toEqual([]);
    expect(asked).toEqual([]);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
    // unless the reader asked to scan the page anyway
    expect(run(full({ mentions: [], forced: true })).map((n) => n.name)).toEqual(['Élodie Marchand', 'Calloway Systems']);
  });

  it('asks nothing when the text was too long to report', () => {
    const { run, asked } = setup(HTML);
    expect(run(full({ text: '' }))).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('leaves out decided names and unpaints a name once the reader decides', () => {
    const { run, discovery, registry } = setup(HTML, ['calloway systems']);
    run(full());
    expect(discovery.names().map((n) => n.name)).toEqual(['Élodie Marchand']);
    discovery.forget('élodie marchand');
    expect(discovery.names()).toEqual([]);
    expect(registry.has(DISCOVERED_HIGHLIGHT)).toBe(false);
  });
});
