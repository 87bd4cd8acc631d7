// Text extraction: what counts as article text, where the article is, and mapping offsets back to nodes.
import { describe, expect, it } from 'vitest';
import { extractFrom, extractSteps, extractText, findArticleRoot, rangeSpecFor, scanContextOf } from '../../lib/detect/extract';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('test');
  doc.body.innerHTML = html;
  return doc;
}

const para = (text: string) => `<p>${text} ${'The report went on at some length about the week in technology. '.repeat(8)}</p>`;

describe('extractText', () => {
  it('skips scripts, styles, forms, code, editable regions, hidden elements and the extension host', () => {
    const doc = page(`<main><article>
      <h1>Headline about OpenAI</h1>
      <script>var OpenAI = 1;</script><style>.Anthropic{}</style><noscript>NoScript</noscript><template><p>Template</p></template>
      <p>Body text names DeepSeek.</p>
      <textarea>Draft about Meta</textarea><input value="Input text"><select><option>Option</option></select>
      <div contenteditable="true">Editable Claude</div><div contenteditable="false">Not editable but readable</div>
      <pre>code block GPT-4</pre><p>Inline <code>Llama</code> code.</p>
      <div hidden>Hidden Gemini</div><div aria-hidden="true">Aria hidden</div><div style="display: none">Styled none</div>
      <div role="textbox">Role textbox</div>
      <button>Share on X</button>
      <backstory-ui>Own UI</backstory-ui>
    </article></main>`);
    const { text } = extractText(doc);
    expect(text).toContain('Headline about OpenAI');
    expect(text).toContain('Body text names DeepSeek.');
    expect(text).toContain('Not editable but readable');
    expect(text).toContain('Inline ');
    for (const gone of [
      'var OpenAI',
      'Anthropic',
      'NoScript',
      'Template',
      'Draft about Meta',
      'Input text',
      'Option',
      'Editable Claude',
      'GPT-4',
      'Llama',
      'Hidden Gemini',
      'Aria hidden',
      'Styled none',
      'Role textbox',
      'Share on X',
      'Own UI',
    ]) {
      expect(text).not.toContain(gone);
    }
  });

  it('leaves out navigation, menus, share bars and page chrome outside the article', () => {
    const doc = page(`
      <header class="site-header"><nav><a>OpenAI section</a></nav></header>
      <div role="navigation">Menu Anthropic</div>
      <main><article>${para('Article text about Mistral.')}<header><p>Article header stays.</p></header>
        <div class="share-bar">Share this on Facebook</div>
        <footer><p>Article footer stays.</p></footer></article></main>
      <aside class="sidebar">Sidebar Nvidia</aside>
      <footer>Site footer Google</footer>`);
    const { text } = extractText(doc);
    expect(text).toContain('Article text about Mistral.');
    expect(text).toContain('Article header stays.');
    expect(text).toContain('Article footer stays.');
    for (const gone of ['OpenAI section', 'Menu Anthropic', 'Share this', 'Sidebar Nvidia', 'Site footer Google'])
      expect(text).not.toContain(gone);
  });

  it('keeps the header and footer of an article even when the page root is the body', () => {
    const doc = page(
      `<div><article><header><p>Byline on OpenAI</p></header><p>Short.</p><footer><p>Tags: Anthropic</p></footer></article></div><footer>Site footer</footer>`,
    );
    const { text } = extractText(doc);
    expect(text).toContain('Byline on OpenAI');
    expect(text).toContain('Tags: Anthropic');
    expect(text).not.toContain('Site footer');
  });

  it('separates blocks so names in different paragraphs never join', () => {
    const doc = page('<article><h2>DeepSeek</h2><p>R1 arrived.</p><p>Inline <b>Deep</b>Seek stays one word.</p></article>');
    expect(extractFrom(doc.querySelector('article')!).text).toBe('DeepSeek\nR1 arrived.\nInline DeepSeek stays one word.');
    // leaving a block breaks too: "<p>Meta</p>AI" is not "MetaAI"
    const after = page('<article><div><p>Google DeepMind</p>Gemini</div></article>');
    expect(extractFrom(after.querySelector('article')!).text).toBe('Google DeepMind\nGemini');
  });

  it('maps offsets in the joined text back to DOM text nodes, across inline elements', () => {
    const doc = page('<article><p>The lab released <b>DeepSeek</b> R1 last week.</p></article>');
    const index = extractFrom(doc.querySelector('article')!);
    const start = index.text.indexOf('DeepSeek R1');
    const spec = rangeSpecFor(index, start, start + 'DeepSeek R1'.length)!;
    expect(spec.startContainer.data).toBe('DeepSeek');
    expect(spec.startOffset).toBe(0);
    expect(spec.endContainer.data).toBe(' R1 last week.');
    expect(spec.endOffset).toBe(3);
  });

  it('gives the same index when walked in steps', () => {
    const doc = page(`<article>${Array.from({ length: 1500 }, (_, i) => `<p>Paragraph ${i} about <i>OpenAI</i>.</p>`).join('')}</article>`);
    const root = doc.querySelector('article')!;
    const steps = extractSteps(root);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(yields).toBeGreaterThan(3);
    const whole = extractFrom(root);
    expect(step.value.text).toBe(whole.text);
    expect(step.value.starts).toEqual(whole.starts);
  });
});

describe('findArticleRoot', () => {
  it('prefers <article>, then <main> or schema.org markup', () => {
    expect(findArticleRoot(page(`<div>${para('x')}</div><article>${para('a')}${para('b')}</article>`)).tagName).toBe('ARTICLE');
    expect(findArticleRoot(page(`<nav>menu</nav><main>${para('a')}${para('b')}</main>`)).tagName).toBe('MAIN');
    expect(
      findArticleRoot(page(`<div itemtype="https://schema.org/NewsArticle">${para('a')}${para('b')}</div>`)).getAttribute('itemtype'),
    ).toContain('NewsArticle');
  });

  it('ignores a small teaser <article> and uses the text-dense block instead', () => {
    const doc = page(
      `<article><p>Teaser card</p></article><div id="wrap"><div id="story">${para('a')}${para('b')}${para('c')}${para('d')}</div><div id="more">Links</div></div>`,
    );
    expect(findArticleRoot(doc).id).toBe('story');
  });

  it('falls back to the body on a page without paragraphs', () => {
    const doc = page('<div>Just a line about OpenAI</div><div>and another</div>');
    expect(findArticleRoot(doc).tagName).toBe('BODY');
  });
});

describe('scanContextOf (content added later)', () => {
  it('scans additions to the article, not to chrome, editable regions or the extension host', () => {
    const doc = page(
      '<nav id="nav"></nav><main><article id="a"></article></main><div contenteditable id="e"></div><footer id="f"></footer>',
    );
    document.body.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
    const add = (id: string) => {
      const p = document.createElement('p');
      p.textContent = 'OpenAI';
      document.getElementById(id)!.appendChild(p);
      return p;
    };
    expect(scanContextOf(add('a'))).toEqual({ insideArticle: true });
    expect(scanContextOf(add('nav'))).toBeNull();
    expect(scanContextOf(add('e'))).toBeNull();
    expect(scanContextOf(add('f'))).toBeNull();
    const host = document.createElement('backstory-ui');
    document.documentElement.appendChild(host);
    const inHost = document.createElement('p');
    host.appendChild(inHost);
    expect(scanContextOf(inHost)).toBeNull();
    host.remove();
    document.body.replaceChildren();
  });
});
