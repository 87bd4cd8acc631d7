// The page text for anchoring now comes from the detector's walker (lib/detect/extract.ts
// pageTextSteps). Its blocks and breaks differ from the walker lib/anchor/text.ts had before
// (NAV and PRE were blocks there; no "\n" after text ending in a space), so offsets saved before
// the merge point elsewhere: the quote must find the passage again.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '../../lib/anchor/match';
import { positionSelector } from '../../lib/anchor/selectors';
import { pageText, rangeSpecAt } from '../../lib/anchor/text';
import { selectorsForText } from '../../lib/annotations/model';
import { oldPageText } from '../fixtures/anchoring/old-page-text';

// Written for this test: a menu, a code block, a paragraph ending in a space, then the article.
const PAGE = `<body>
<nav><a href="/">Home</a><a href="/tech">Technology</a></nav><span>Latest</span>
<pre>npm install example</pre><span>after the code</span>
<div>A short teaser that ends with a space </div><div>and a second teaser.</div>
<article><h1>A lab publishes its model</h1>
<p>The company said the model would be free for researchers from next month.</p>
<p>Critics said the licence still forbids some commercial uses of the weights.</p></article>
<aside><p>Readers also saved this sidebar note about open weights.</p></aside>
</body>`;

function load(html: string): Document {
  const win = new Window({ url: 'https://news.example/story' });
  win.document.write(html);
  return win.document as unknown as Document;
}

function savedWithOldWalker(doc: Document, passage: string) {
  const old = oldPageText(doc);
  const start = old.text.indexOf(passage);
  expect(start).toBeGreaterThan(-1);
  return selectorsForText(old.text, start, start + passage.length);
}

describe('anchoring after the walker merge', () => {
  it.each([
    'Critics said the licence still forbids some commercial uses',
    'Readers also saved this sidebar note',
    'A lab publishes its model',
    'and a second teaser.',
  ])('finds "%s" saved with the old offsets by its quote', (passage) => {
    const doc = load(PAGE);
    const selectors = savedWithOldWalker(doc, passage);
    const index = pageText(doc);
    const old = positionSelector(selectors)!;
    // the walkers differ on this page: the saved position no longer holds the passage
    expect(index.text.slice(old.start, old.end)).not.toBe(passage);
    const anchor = anchorSelectors(index.text, selectors);
    expect(anchor?.method).toBe('quote');
    const spec = rangeSpecAt(index, anchor!.start, anchor!.end)!;
    const range = doc.createRange();
    range.setStart(spec.startContainer, spec.startOffset);
    range.setEnd(spec.endContainer, spec.endOffset);
    expect(range.toString()).toBe(passage);
  });

  it('keeps text outside the article (menus, code, sidebars) in the page text', () => {
    const { text } = pageText(load(PAGE));
    for (const part of ['Technology', 'npm install example', 'sidebar note', 'A lab publishes its model']) expect(text).toContain(part);
    // the detector's breaks: a block after text ending in a space still starts a new line
    expect(text).toContain('with a space \nand a second');
  });

  it('a first, exact-only pass finds the quote with its context and leaves a changed passage to the full search', () => {
    const { text } = pageText(load(PAGE));
    const passage = 'Critics said the licence still forbids some commercial uses';
    const at = text.indexOf(passage);
    const selectors = selectorsForText(text, at, at + passage.length);
    expect(anchorSelectors(text, selectors, { exactOnly: true })).toMatchObject({ start: at, end: at + passage.length });
    const edited = text.replace('licence still forbids', 'licence still forbid');
    expect(anchorSelectors(edited, selectors, { exactOnly: true })).toBeNull();
    expect(anchorSelectors(edited, selectors)?.method).toBe('fuzzy');
  });
});
