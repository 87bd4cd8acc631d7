import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { anchorSelectors } from '../../lib/anchor/match';
import { describeSpan, quoteSelector, trimSpan } from '../../lib/anchor/selectors';
import { offsetsOfRange, pageText, rangeSpecAt } from '../../lib/anchor/text';

const ARTICLE =
  'DeepSeek released R1 in January. Analysts said DeepSeek spent far less than its rivals. ' +
  'The lab, based in Hangzhou, grew out of a hedge fund. Critics said the figure left out research costs. ' +
  'Investors sold chip stocks after DeepSeek topped the app charts.';

function save(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  return describeSpan(text, at, at + quote.length);
}

describe('selectors', () => {
  it('describes a span with a 32-character prefix and suffix and its position', () => {
    const [quote, position] = save(ARTICLE, 'grew out of a hedge fund');
    expect(quote.exact).toBe('grew out of a hedge fund');
    expect(quote.prefix).toBe(ARTICLE.slice(ARTICLE.indexOf('grew out') - 32, ARTICLE.indexOf('grew out')));
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(position).toEqual({ type: 'TextPositionSelector', start: ARTICLE.indexOf('grew out'), end: ARTICLE.indexOf('grew out') + 24 });
  });

  it('keeps short contexts at the start and end of the text', () => {
    const [quote] = describeSpan('Short text here', 0, 5);
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'Short', prefix: '', suffix: ' text here' });
    expect(() => describeSpan('abc', 2, 2)).toThrow(RangeError);
  });

  it('trims whitespace a double-click selection carries', () => {
    expect(trimSpan('  a word  ', 0, 10)).toEqual({ start: 2, end: 8 });
  });
});

describe('re-anchoring', () => {
  it('uses the position when the quote is still there', () => {
    const selectors = save(ARTICLE, 'research costs');
    expect(anchorSelectors(ARTICLE, selectors)).toMatchObject({ method: 'position', score: 1 });
  });

  it('falls back to the exact quote when text was inserted before it', () => {
    const selectors = save(ARTICLE, 'grew out of a hedge fund');
    const edited = `Update: this story was corrected. ${ARTICLE}`;
    const found = anchorSelectors(edited, selectors)!;
    expect(found.method).toBe('quote');
    expect(edited.slice(found.start, found.end)).toBe('grew out of a hedge fund');
  });

  it('tells repeated quotes apart by prefix and suffix, even when a sentence was inserted in between', () => {
    const selectors = save(ARTICLE, 'DeepSeek', 2); // the third: "...after DeepSeek topped..."
    const edited = ARTICLE.replace('after DeepSeek topped', 'after, as reported on Monday, DeepSeek topped');
    const found = anchorSelectors(edited, selectors)!;
    expect(found.start).toBe(edited.lastIndexOf('DeepSeek'));
    const second = save(ARTICLE, 'DeepSeek', 1);
    const inserted = ARTICLE.replace('Analysts said DeepSeek spent', 'Analysts said. Nobody disputes it. DeepSeek spent');
    expect(anchorSelectors(inserted, second)!.start).toBe(inserted.indexOf('DeepSeek spent'));
  });

  it('finds a quote with typos and changed punctuation by approximate matching', () => {
    const selectors = save(ARTICLE, 'Critics said the figure left out research costs');
    const edited = ARTICLE.replace('Critics said the figure left out research costs', 'Critics said, the figrue left out reserch costs');
    const found = anchorSelectors(edited, selectors)!;
    expect(found.method).toBe('fuzzy');
    expect(edited.slice(found.start, found.end)).toBe('Critics said, the figrue left out reserch costs');
  });

  it('prefers a short quote with a typo at its own place over an exact copy elsewhere', () => {
    const selectors = save(ARTICLE, 'DeepSeek', 1);
    const edited = ARTICLE.replace('Analysts said DeepSeek spent', 'Analysts said DeepSeak spent');
    const found = anchorSelectors(edited, selectors)!;
    expect(edited.slice(found.start, found.end)).toBe('DeepSeak');
  });

  it('returns null (an orphan) when the passage is gone, instead of matching other words', () => {
    const selectors = save(ARTICLE, 'The lab, based in Hangzhou, grew out of a hedge fund.');
    const edited = ARTICLE.replace('The lab, based in Hangzhou, grew out of a hedge fund. ', '');
    expect(anchorSelectors(edited, selectors)).toBeNull();
    const word = save(ARTICLE, 'Hangzhou');
    expect(anchorSelectors(ARTICLE.replace('based in Hangzhou', 'based in the east'), word)).toBeNull();
  });

  it('anchors a quote-only annotation (no position, no context), as a context-menu fallback saves it', () => {
    const found = anchorSelectors(ARTICLE, [{ type: 'TextQuoteSelector', exact: 'hedge fund' }])!;
    expect(ARTICLE.slice(found.start, found.end)).toBe('hedge fund');
    expect(anchorSelectors(ARTICLE, [{ type: 'TextQuoteSelector', exact: 'not on the page at all' }])).toBeNull();
  });

  it('ignores selectors it does not know and still anchors with the quote', () => {
    const selectors = [{ type: 'CssSelector', value: '#x' }, ...save(ARTICLE, 'chip stocks')];
    expect(anchorSelectors(ARTICLE, selectors)).toMatchObject({ method: 'position' });
    expect(quoteSelector(selectors)?.exact).toBe('chip stocks');
  });
});

describe('page text and DOM ranges', () => {
  function page(html: string) {
    const win = new Window({ url: 'https://example.test/' });
    win.document.body.innerHTML = html;
    return win.document as unknown as Document;
  }

  it('joins blocks with a newline, skips scripts and Backstory’s own UI, and maps offsets back to nodes', () => {
    const doc = page(
      '<h1>Title</h1><p>One <em>two</em> three.</p><script>var x = 1;</script><backstory-ui>card</backstory-ui><p>Four.</p>',
    );
    const index = pageText(doc);
    expect(index.text).toBe('Title\nOne two three.\nFour.');
    const at = index.text.indexOf('two three');
    const spec = rangeSpecAt(index, at, at + 9)!;
    expect(spec.startContainer.data).toBe('two');
    expect(spec.endContainer.data).toBe(' three.');
    expect(spec.endOffset).toBe(6);
  });

  it('turns a selection into offsets, also when it starts or ends on an element boundary (triple click)', () => {
    const doc = page('<p id="a">First paragraph.</p><p id="b">Second <b>bold</b> one.</p>');
    const index = pageText(doc);
    const range = doc.createRange();
    range.setStart(doc.getElementById('b')!.querySelector('b')!.firstChild!, 1);
    range.setEnd(doc.getElementById('b')!.lastChild!, 4);
    expect(index.text.slice(...(Object.values(offsetsOfRange(index, range)!) as [number, number]))).toBe('old one');
    const whole = doc.createRange();
    whole.setStart(doc.getElementById('a')!, 0);
    whole.setEnd(doc.getElementById('b')!, 0);
    const o = offsetsOfRange(index, whole)!;
    expect(index.text.slice(o.start, o.end)).toBe('First paragraph.');
  });
});
