// The page observer and the page scanner in a DOM: batches of added subtrees, own nodes ignored,
// a full rescan for huge batches and navigation, back-off on endless change, incremental painting.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { observePage } from '../../lib/detect/observe';
import { createPageScanner, type PageScanUpdate } from '../../lib/detect/page-scan';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import { createHighlightPainter, type HighlightFactory } from '../../lib/highlight/paint';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const win = window as unknown as Window & typeof globalThis;

afterEach(() => {
  document.body.replaceChildren();
  for (const el of Array.from(document.documentElement.querySelectorAll(':scope > backstory-ui'))) el.remove();
});

describe('observePage', () => {
  it('hands over the outermost added subtrees once per batch and ignores the extension host', async () => {
    document.body.innerHTML = '<main><article id="a"></article></main>';
    const batches: string[][] = [];
    const observer = observePage({
      doc: document,
      win,
      batchMs: 20,
      onChanged: (roots) => batches.push(roots.map((r) => r.id || r.tagName)),
      onFullRescan: () => {},
      onBackOff: () => {},
    });
    const section = document.createElement('section');
    section.id = 's1';
    section.innerHTML = '<p id="inner">Inner</p>';
    document.getElementById('a')!.appendChild(section);
    section.querySelector('p')!.appendChild(document.createTextNode(' more'));
    document.documentElement.appendChild(document.createElement('backstory-ui'));
    await sleep(60);
    expect(batches).toEqual([['s1']]);
    observer.disconnect();
  });

  it('asks for one full rescan when a batch adds more than the limit', async () => {
    document.body.innerHTML = '<div id="feed"></div>';
    const reasons: string[] = [];
    const observer = observePage({
      doc: document,
      win,
      batchMs: 20,
      maxAddedNodes: 50,
      onChanged: () => reasons.push('changed'),
      onFullRescan: (r) => reasons.push(r),
      onBackOff: () => {},
    });
    const feed = document.getElementById('feed')!;
    for (let i = 0; i < 60; i++) feed.appendChild(document.createElement('p'));
    await sleep(60);
    expect(reasons).toEqual(['many-changes']);
    observer.disconnect();
  });

  it('backs off after too many batches that only rewrite the same content', async () => {
    document.body.innerHTML = '<p id="ticker">0</p>';
    let backedOff = 0;
    let t = 0;
    const observer = observePage({
      doc: document,
      win,
      batchMs: 1,
      backoffBatches: 5,
      backoffWindowMs: 10_000,
      now: () => t,
      onChanged: () => {},
      onFullRescan: () => {},
      onBackOff: () => backedOff++,
    });
    for (let i = 0; i < 8; i++) {
      t += 100;
      document.getElementById('ticker')!.textContent = String(i);
      await sleep(10);
    }
    expect(backedOff).toBe(1);
    expect(observer.backedOff).toBe(true);
  });

  it('never backs off on a page that keeps adding new content (a live blog)', async () => {
    document.body.innerHTML = '<main><article id="blog"></article></main>';
    let backedOff = 0;
    let batches = 0;
    let t = 0;
    const observer = observePage({
      doc: document,
      win,
      batchMs: 1,
      backoffBatches: 5,
      backoffWindowMs: 10_000,
      now: () => t,
      onChanged: () => batches++,
      onFullRescan: () => {},
      onBackOff: () => backedOff++,
    });
    for (let i = 0; i < 12; i++) {
      t += 100;
      const entry = document.createElement('p');
      entry.textContent = `Update ${i}`;
      document.getElementById('blog')!.appendChild(entry);
      await sleep(10);
    }
    expect(batches).toBe(12);
    expect(backedOff).toBe(0);
    observer.disconnect();
  });

  it('reports a navigation when the URL changed by the time a batch is handled', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    const reasons: string[] = [];
    const observer = observePage({
      doc: document,
      win,
      batchMs: 20,
      onChanged: () => reasons.push('changed'),
      onFullRescan: (r) => reasons.push(r),
      onBackOff: () => {},
    });
    const before = location.href;
    history.pushState({}, '', '/next-story');
    document.getElementById('m')!.innerHTML = '<p>New story</p>';
    await sleep(60);
    expect(reasons).toEqual(['navigation']);
    history.pushState({}, '', before);
    observer.disconnect();
  });
});

describe('createPageScanner', () => {
  const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
  if (!mini.ok) throw new Error(mini.errors.join('\n'));
  const table = compileAliasTable(mini.value);

  function fakePainter() {
    const highlights = new Map<string, Set<AbstractRange>>();
    const factory: HighlightFactory = {
      createRange: (spec) => ({ ...spec }) as unknown as AbstractRange,
      createHighlight: (ranges) => new Set(ranges),
    };
    return {
      highlights,
      painter: createHighlightPainter(
        { set: (n, h) => highlights.set(n, h as Set<AbstractRange>), delete: (n) => highlights.delete(n) },
        factory,
      ),
    };
  }

  const article = `<main><article id="story"><h1>DeepSeek R1 and the open-model race</h1>
    <p>The Chinese lab DeepSeek released DeepSeek R1, an open-weight reasoning model that matches OpenAI o1 on maths benchmarks. The AI model was trained on fewer GPUs.</p>
    <p>Mark Zuckerberg said Meta would answer with Llama 4, and Yann LeCun said open-source AI models were winning.</p></article></main>`;

  it('scans, paints and reports, then paints content added later without repainting the rest', async () => {
    document.body.innerHTML = article;
    const { painter, highlights } = fakePainter();
    const updates: PageScanUpdate[] = [];
    const scanner = createPageScanner({
      doc: document,
      win,
      table,
      painter,
      isActive: () => true,
      onUpdate: (u) => void updates.push(u),
      batchMs: 10,
      reportEveryMs: 0,
    });
    const first = await scanner.scan();
    expect(first?.gated).toBe(false);
    expect(first?.mentions.map((m) => m.text)).toEqual([
      'DeepSeek R1',
      'DeepSeek',
      'DeepSeek R1',
      'OpenAI o1',
      'Mark Zuckerberg',
      'Meta',
      'Llama 4',
      'Yann LeCun',
    ]);
    expect(highlights.get('backstory-person')?.size).toBe(2);
    const p = document.createElement('p');
    p.textContent = 'Later, Zuckerberg and LeCun met High-Flyer investors.';
    document.getElementById('story')!.appendChild(p);
    await sleep(80);
    expect(highlights.get('backstory-person')?.size).toBe(4);
    expect(highlights.get('backstory-org')?.size).toBe(3);
    const last = updates.at(-1)!;
    expect(last.kind).toBe('added');
    // offsets of added mentions index the accumulated page text
    for (const m of last.mentions) expect(last.text.slice(m.start, m.end)).toBe(m.text);
    scanner.stop();
  });

  it('leaves the text out of reports on pages too big to send it', async () => {
    document.body.innerHTML = article;
    const { painter } = fakePainter();
    const scanner = createPageScanner({
      doc: document,
      win,
      table,
      painter,
      isActive: () => true,
      onUpdate: () => {},
      observe: false,
      maxReportChars: 100,
    });
    const update = await scanner.scan();
    expect(update?.mentions.length).toBeGreaterThan(5);
    expect(update?.text).toBe('');
  });

  it('stays quiet on a non-AI page unless forced, and leaves suppressed matches out', async () => {
    document.body.innerHTML = `<article><p>${'The council voted to repair the bridge before winter, and residents welcomed the plan. '.repeat(12)} A former OpenAI intern spoke.</p></article>`;
    const { painter, highlights } = fakePainter();
    const scanner = createPageScanner({ doc: document, win, table, painter, isActive: () => true, onUpdate: () => {}, observe: false });
    const quiet = await scanner.scan();
    expect(quiet?.gated).toBe(true);
    expect(highlights.size).toBe(0);
    const forced = await scanner.scan(true);
    expect(forced?.mentions.map((m) => m.text)).toEqual(['OpenAI']);
    expect(scanner.state()).toMatchObject({ gated: false, forced: true });
    const suppressing = createPageScanner({
      doc: document,
      win,
      table,
      painter,
      isActive: () => true,
      onUpdate: () => {},
      observe: false,
      isSuppressed: (m) => m.entityId === 'openai',
    });
    expect((await suppressing.scan(true))?.mentions).toEqual([]);
  });
});
