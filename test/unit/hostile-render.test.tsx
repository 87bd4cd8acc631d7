// Page text is hostile: the popup and the card render it as text, whatever it holds, and no source
// file builds markup from strings.
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Card } from '../../components/Card';
import { PopupView } from '../../components/PopupView';
import type { PageClaim } from '../../lib/claims/types';
import type { Mention } from '../../lib/detect/types';
import type { EntityDetails, TabState } from '../../lib/messaging/protocol';

afterEach(cleanup);

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  'javascript:alert(3)',
  '<a href="javascript:alert(4)">click</a>',
  '\u202Eevil override',
  'Open\u200BAI',
  '"><svg onload=alert(5)>',
  '{{constructor.constructor("alert(6)")()}}',
];
const HUGE = 'x'.repeat(100_000);

const claim = (text: string, i: number): PageClaim => ({
  start: i * 10,
  end: i * 10 + 5,
  text,
  kind: 'quote',
  subjects: ['openai'],
  speaker: 'sam-altman',
  numbers: [],
  links: [{ kind: 'history', id: `h${i}`, statement: `${text} (seen before)`, url: 'javascript:alert(9)', title: text, seenAt: 0 }],
  score: 10 - i,
});

/** No element built from the strings (the components' own icons aside), no handler attribute, no script URL. */
function expectInert(container: Element) {
  expect(container.querySelectorAll('img, script, iframe, object, embed, a[href] svg').length).toBe(0);
  for (const el of container.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attr))
        expect(el.getAttribute(attr) ?? '', `${el.tagName} ${attr}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
}

describe('hostile text in the popup and the card', () => {
  it('the popup shows a hostile title, names and claims as text, and its storage and back-off lines', () => {
    const mention = (text: string, i: number): Mention => ({
      start: i,
      end: i + text.length,
      text,
      entityId: 'openai',
      name: 'OpenAI',
      type: 'org',
    });
    const state: TabState = {
      tabId: 1,
      url: 'javascript:alert(10)',
      title: HOSTILE.join(' '),
      relevance: 1,
      gated: false,
      forced: false,
      backedOff: true,
      mentions: HOSTILE.map(mention),
      claims: [...HOSTILE, HUGE].map(claim),
      updatedAt: 0,
      storageError: 'Backstory’s storage in this browser is full <b>now</b>.',
    };
    const { container } = render(<PopupView state={state} site="news.example" controls={{ paused: false, siteDisabled: false }} />);
    expectInert(container);
    const text = container.textContent ?? '';
    for (const s of HOSTILE.slice(0, 4)) expect(text).toContain(s);
    expect(text).toContain('storage in this browser is full <b>now</b>.');
    expect(text).toMatch(/keeps changing/);
    // a 100 KB claim is clipped, not poured into the popup
    expect(text.length).toBeLessThan(20_000);
  });

  it('the card shows hostile surface text and claims as text', () => {
    const details: EntityDetails = {
      entity: {
        id: 'openai',
        name: 'OpenAI',
        type: 'org',
        aliases: [{ text: 'OpenAI' }],
        description: 'An AI company.',
        facts: [],
        relations: [],
        sources: [],
      } as unknown as EntityDetails['entity'],
      related: [],
      trackedClaims: [],
    };
    const { container } = render(
      <Card
        mention={{ entityId: 'openai', name: 'OpenAI', type: 'org', text: HOSTILE[0] }}
        status="ready"
        details={details}
        claims={[...HOSTILE, HUGE].map((t, i) => ({ ...claim(t, i), speaker: null }))}
        site={HOSTILE[1]}
      />,
    );
    expectInert(container);
    expect(container.textContent).toContain(HOSTILE[0]);
    expect(container.textContent!.length).toBeLessThan(20_000);
  });
});

describe('no markup built from strings anywhere in the source', () => {
  const files = ['lib', 'components', 'entrypoints'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => path.join(dir, f)),
  );

  it('has files to check', () => expect(files.length).toBeGreaterThan(30));

  it.each([
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['innerHTML / outerHTML assignment', /\.(inner|outer)HTML\s*\+?=(?!=)/],
    ['insertAdjacentHTML', /insertAdjacentHTML\s*\(/],
    ['document.write', /document\.write(ln)?\s*\(/],
    ['createContextualFragment', /createContextualFragment\s*\(/],
    ['eval / new Function', /\beval\s*\(|new\s+Function\s*\(/],
    ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ])('%s', (_name, pattern) => {
    const offenders = files.filter((f) => pattern.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
