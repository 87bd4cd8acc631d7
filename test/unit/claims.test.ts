import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import type { Mention } from '../../lib/detect/types';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import type { Pack, TrackedClaim } from '../../lib/kb/schema';
import { createClaimExtractor, extractClaims, listQuotes } from '../../lib/claims/pipeline';
import { splitSentences } from '../../lib/claims/segment';
import { compareNumbers, findNumbers, formatNumber, guessMetric, numbersAgree } from '../../lib/claims/numbers';
import { linkHistory, type HistoryClaim } from '../../lib/claims/link';
import type { PageClaim } from '../../lib/claims/types';

const ROOT = path.resolve(import.meta.dirname, '../..');
const mini = loadPackFromDir(path.join(ROOT, 'test/fixtures/mini-pack'));

// Tracked claims in the pack's format, written for these tests.
const TRACKED: TrackedClaim[] = [
  {
    id: 'meta-capex-2025-plan',
    subjects: ['meta'],
    speaker: 'mark-zuckerberg',
    date: '2025-01-24',
    kind: 'quantity',
    status: 'partly',
    statement: 'Zuckerberg said Meta would spend $60-65 billion on capital expenditure in 2025.',
    context: 'The range was raised twice during the year and actual spending ended above it.',
    sources: ['https://example.org/meta-capex'],
    metric: 'capex',
    numbers: [{ min: 60e9, max: 65e9, unit: 'USD' }],
    keywords: ['capex', 'capital', 'billion'],
  },
  {
    id: 'meta-gpus-end-2025',
    subjects: ['meta'],
    speaker: 'mark-zuckerberg',
    date: '2025-01-24',
    kind: 'prediction',
    status: 'pending',
    statement: 'Meta would end 2025 with more than 1.3 million GPUs.',
    context: 'No audited year-end count has been published.',
    sources: ['https://example.org/meta-gpus'],
    metric: 'gpus',
    numbers: [{ min: 1.3e6, max: 1.3e6, unit: 'GPU', atLeast: true }],
    keywords: ['gpus', 'million'],
  },
  {
    id: 'r1-on-par-with-o1',
    subjects: ['deepseek-r1', 'o1'],
    speaker: 'deepseek',
    date: '2025-01-20',
    kind: 'comparison',
    status: 'supported',
    statement: 'DeepSeek said R1 performs on par with OpenAI o1 on maths and coding benchmarks.',
    context: 'Its paper reported near-identical scores on several tests.',
    sources: ['https://example.org/r1-paper'],
    metric: 'benchmark-parity',
    keywords: ['matches', 'benchmarks', 'maths', 'coding'],
  },
  {
    id: 'v3-training-cost',
    subjects: ['deepseek'],
    speaker: 'deepseek',
    date: '2024-12-26',
    kind: 'quantity',
    status: 'partly',
    statement: 'DeepSeek put the cost of the final training run of its V3 model at about $5.6 million.',
    context: 'The figure covers only the final run, not research, staff or the hardware itself.',
    sources: ['https://example.org/v3-report'],
    metric: 'training-cost',
    numbers: [{ min: 5.6e6, max: 5.6e6, unit: 'USD', approx: true }],
    keywords: ['training', 'cost', 'million'],
  },
  {
    id: 'meta-valuation-decoy',
    subjects: ['meta'],
    speaker: null,
    date: '2023-05-30',
    kind: 'quantity',
    status: 'supported',
    statement: 'Meta’s GPUs came online as its market value passed a trillion dollars.',
    context: 'A decoy: shared words, another measure.',
    sources: ['https://example.org/decoy'],
    metric: 'valuation',
    keywords: ['gpus', 'online'],
  },
];
const pack: Pack = { ...mini, trackedClaims: TRACKED };
const detector = createDetector(compileAliasTable(pack));
const extract = createClaimExtractor(pack);

function claimsOf(text: string): PageClaim[] {
  return extract(text, detector.detect(text, { force: true }).mentions);
}
function claimWith(claims: PageClaim[], snippet: string): PageClaim {
  const found = claims.find((c) => c.text.includes(snippet));
  if (!found) throw new Error(`no claim containing "${snippet}" among:\n${claims.map((c) => `  [${c.kind}] ${c.text}`).join('\n')}`);
  return found;
}

describe('claims: sentences', () => {
  it('splits on sentence ends and block breaks, not on abbreviations, initials or decimals', () => {
    const text =
      'DeepSeek stuns the U.S. market\nThe lab said R1 cost $5.6M to train. Mr. Liang did not comment. Jensen H. Huang spoke at 3 p.m. on Jan. 5 about it.\n“It is great. Really great,” he said. Next one?\nFirst item\nSecond item';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'DeepSeek stuns the U.S. market',
      'The lab said R1 cost $5.6M to train.',
      'Mr. Liang did not comment.',
      'Jensen H. Huang spoke at 3 p.m. on Jan. 5 about it.',
      '“It is great.',
      'Really great,” he said.',
      'Next one?',
      'First item',
      'Second item',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.block)).toEqual([0, 1, 1, 1, 2, 2, 2, 3, 4]);
  });
});

describe('claims: numbers', () => {
  const one = (s: string) => findNumbers(s)[0];
  it('reads numbers written in several words', () => {
    expect(one('a backlog of more than one hundred and fifty billion dollars')).toMatchObject({ min: 150e9, unit: 'USD', atLeast: true });
    expect(one('eight hundred million weekly users')).toMatchObject({ min: 800e6, unit: 'users' });
    expect(one('seven hundred thousand GPUs')).toMatchObject({ min: 700e3, unit: 'GPU' });
    expect(one('twenty-five million users')).toMatchObject({ min: 25e6, unit: 'users' });
    expect(one('nineteen billion dollars')).toMatchObject({ min: 19e9, unit: 'USD' });
  });
  it('normalises money, ranges, units and bounds', () => {
    expect(one('plans to spend $60-65B in capex')).toMatchObject({ min: 60e9, max: 65e9, unit: 'USD', raw: '$60-65B' });
    expect(one('more than 1.3 million GPUs')).toMatchObject({ min: 1.3e6, max: 1.3e6, unit: 'GPU', atLeast: true });
    expect(one('a 2GW+ data centre')).toMatchObject({ min: 2, max: 2, unit: 'GW', atLeast: true });
    expect(one('~1GW of compute')).toMatchObject({ min: 1, max: 1, unit: 'GW', approx: true });
    expect(one('about $5.6M')).toMatchObject({ min: 5.6e6, unit: 'USD', approx: true });
    expect(one('serve 1 billion people')).toMatchObject({ min: 1e9, unit: 'users' });
    expect(one('up 40% on the year')).toMatchObject({ min: 40, unit: 'percent' });
    expect(one('as much as $65 billion')).toMatchObject({ max: 65e9, atMost: true });
    expect(one('pledged 380 billion yuan')).toMatchObject({ min: 380e9, unit: 'CNY' });
    expect(one('a 500 MW campus')).toMatchObject({ min: 0.5, unit: 'GW' });
    expect(one('671B parameters')).toMatchObject({ min: 671e9, unit: 'parameters' });
    expect(one('$0.55 per million input tokens')).toMatchObject({ min: 0.55, unit: 'USD/1M tokens' });
    expect(one('released on 20 January 2025')).toMatchObject({ min: 20250120, unit: 'date' });
    expect(one('within three to six months')).toMatchObject({ min: 3, max: 6, unit: 'months' });
    expect(findNumbers('one of the most amazing breakthroughs, a choice many users like')).toEqual([]);
    expect(one('has risen roughly tenfold since 2022')).toMatchObject({ min: 10, unit: 'x', approx: true });
    expect(one('a 3-fold rise')).toMatchObject({ min: 3, unit: 'x' });
  });

  it('guesses what a figure measures from its unit and the words around it', () => {
    const metric = (s: string) => guessMetric(s, findNumbers(s).find((n) => n.unit !== 'year')!);
    expect(metric('And it plans to spend $60-65B in capex this year.')).toBe('capex');
    expect(metric('It is building a 2GW+ data centre.')).toBe('data-center-gw');
    expect(metric('Meta will bring online about 1GW of compute in 2025.')).toBe('compute-gw');
    expect(metric('DeepSeek put the cost of training V3 at about $5.6 million.')).toBe('training-cost');
    expect(metric('The round valued the company at $300 billion.')).toBe('valuation');
    expect(metric('ChatGPT has 500 million weekly users.')).toBe('weekly-users');
  });

  it('agrees within rounding and flags figures that differ', () => {
    const n = (s: string) => findNumbers(s)[0];
    expect(numbersAgree(n('$5.6M'), n('about $6 million'))).toBe(true);
    expect(numbersAgree(n('$6M'), n('$1.6B'))).toBe(false);
    expect(numbersAgree(n('more than 1.3 million GPUs'), n('1.35 million GPUs'))).toBe(true);
    expect(numbersAgree(n('$60-65B'), n('as much as $65 billion'))).toBe(true);
    expect(compareNumbers([n('$6M')], [n('$1.6B')])).toBe('disagree');
    expect(compareNumbers([n('$6M')], [n('2,000 GPUs')])).toBe('none');
    expect(formatNumber(n('$60-65B'))).toBe('$60B–$65B');
    expect(formatNumber(n('more than 1.3 million GPUs'))).toBe('1.3M+ GPUs');
  });
});

describe('claims: the founding sample article', () => {
  const text = fs.readFileSync(path.join(ROOT, 'assets/samples/deepseek-r1.txt'), 'utf8');
  const claims = claimsOf(text);

  it('finds the quotes with the right speakers', () => {
    expect(claimWith(claims, 'Andreessen posted on X')).toMatchObject({ kind: 'quote', speaker: 'marc-andreessen' });
    expect(claimWith(claims, 'LeCun wrote that')).toMatchObject({ kind: 'quote', speaker: 'yann-lecun' });
    expect(claimWith(claims, 'he added')).toMatchObject({ kind: 'quote', speaker: 'yann-lecun' });
    // "As he put it:" closes its own paragraph after one about Zuckerberg (LeCun named just before him):
    // every sentence of the quotation in the next paragraph is his, and "we" in it is Meta
    for (const snippet of ['Llama 4 will become the leading', 'about 1GW of compute', '2GW+ data centre', '$60-65B in capex']) {
      expect(claimWith(claims, snippet), snippet).toMatchObject({ kind: 'quote', speaker: 'mark-zuckerberg' });
    }
    expect(claimWith(claims, 'We are building a 2GW+').subjects).toContain('meta');
    // the lead-in itself asserts nothing
    expect(claims.some((c) => c.text === 'As he put it:')).toBe(false);
    // every quotation in the article has its speaker, by name, whether the pack knows "Zuck" or not
    const quotes = listQuotes(text, detector.detect(text, { force: true }).mentions).filter((q) => q.form !== 'reported');
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    for (const q of quotes) expect(q.speakerName, q.text).not.toBeNull();
    expect(quotes.find((q) => q.text.includes('Llama 4 will become'))).toMatchObject({
      speakerName: 'Mark Zuckerberg',
      speakerType: 'person',
    });
    expect(quotes.find((q) => q.text.includes('profound gift'))).toMatchObject({ speakerName: 'Marc Andreessen' });
    // "He" after Alexandr Wang (not in this pack) must not become Zuckerberg
    expect(claims.some((c) => c.text.startsWith('He offered no evidence') && c.speaker === 'mark-zuckerberg')).toBe(false);
  });

  it('normalises the capex, GPU and compute figures', () => {
    expect(claimWith(claims, '$60-65B in capex').numbers).toContainEqual(
      expect.objectContaining({ min: 60e9, max: 65e9, unit: 'USD', metric: 'capex', raw: '$60-65B' }),
    );
    const compute = claimWith(claims, 'about 1GW of compute').numbers;
    expect(compute).toContainEqual(expect.objectContaining({ min: 1, unit: 'GW', approx: true, metric: 'compute-gw' }));
    expect(compute).toContainEqual(expect.objectContaining({ min: 1.3e6, unit: 'GPU', atLeast: true, metric: 'gpus' }));
    expect(claimWith(claims, '2GW+ data centre').numbers).toContainEqual(
      expect.objectContaining({ min: 2, max: 2, unit: 'GW', atLeast: true, metric: 'data-center-gw' }),
    );
    expect(claimWith(claims, 'about $5.6 million').numbers).toContainEqual(
      expect.objectContaining({ min: 5.6e6, unit: 'USD', metric: 'training-cost' }),
    );
  });

  it('classifies the "matches o1" comparison with its subjects', () => {
    const c = claimWith(claims, 'R1 matches OpenAI’s o1');
    expect(c.kind).toBe('comparison');
    expect(c.subjects).toEqual(expect.arrayContaining(['deepseek', 'deepseek-r1', 'openai', 'o1']));
    expect(c.speaker).toBe('deepseek');
    expect(c.metric).toBe('benchmark-parity');
  });

  it('refers "it" and "the company" back to the entity they stand for', () => {
    expect(claimWith(claims, 'the Hangzhou start-up became').subjects).toContain('deepseek');
    expect(claimWith(claims, 'The company also released six').subjects[0]).toBe('deepseek');
  });

  it('links to tracked claims with status, context and sources', () => {
    const capex = claimWith(claims, '$60-65B in capex').links.find((l) => l.id === 'meta-capex-2025-plan');
    expect(capex).toMatchObject({ kind: 'tracked', status: 'partly', sources: ['https://example.org/meta-capex'] });
    expect(capex?.context).toMatch(/raised twice/);
    expect(capex?.disagreement).toBeUndefined();
    expect(claimWith(claims, 'about 1GW of compute').links.map((l) => l.id)).toContain('meta-gpus-end-2025');
    expect(claimWith(claims, 'R1 matches OpenAI’s o1').links.map((l) => l.id)).toContain('r1-on-par-with-o1');
    expect(claimWith(claims, 'about $5.6 million').links[0]).toMatchObject({ id: 'v3-training-cost', status: 'partly' });
    // sharing a subject and the names in it is not enough when the measures differ
    expect(claims.flatMap((c) => c.links).map((l) => l.id)).not.toContain('meta-valuation-decoy');
  });

  it('ranks check-worthy claims first and keeps offsets into the text', () => {
    for (let i = 1; i < claims.length; i++) expect(claims[i - 1].score).toBeGreaterThanOrEqual(claims[i].score);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
    const top = claims.slice(0, 8).map((c) => c.kind);
    expect(top).not.toContain('other');
    expect(claims.some((c) => c.text.startsWith('Liang seldom speaks'))).toBe(false);
  });
});

describe('claims: attribution patterns', () => {
  const people = (names: Record<string, [string, 'person' | 'org' | 'model']>, text: string): Mention[] => {
    const out: Mention[] = [];
    for (const [surface, [id, type]] of Object.entries(names)) {
      for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1))
        out.push({ start: i, end: i + surface.length, text: surface, entityId: id, name: surface, type });
    }
    return out.sort((a, b) => a.start - b.start);
  };

  it('attributes "…,” said X", multi-paragraph quotes and block quotes with "— Name"', () => {
    const text = [
      '“Nvidia will ship the chips this year,” said Jensen Huang, the company’s chief executive.',
      'Huang wrote in a letter to staff:',
      '“OpenAI and Meta have already placed orders for the new systems.',
      '“Demand for Blackwell is far ahead of what we can make.”',
      '“Anthropic is the safest lab, and Claude proves it every day.”',
      '— Dario Amodei',
    ].join('\n');
    const mentions = people(
      {
        Nvidia: ['nvidia', 'org'],
        'Jensen Huang': ['jensen-huang', 'person'],
        Huang: ['jensen-huang', 'person'],
        OpenAI: ['openai', 'org'],
        Meta: ['meta', 'org'],
        Anthropic: ['anthropic', 'org'],
        Claude: ['claude', 'model'],
        'Dario Amodei': ['dario-amodei', 'person'],
      },
      text,
    );
    const claims = extractClaims(text, mentions);
    expect(claimWith(claims, 'will ship the chips')).toMatchObject({ kind: 'quote', speaker: 'jensen-huang' });
    expect(claimWith(claims, 'OpenAI and Meta have already placed')).toMatchObject({ kind: 'quote', speaker: 'jensen-huang' });
    expect(claimWith(claims, 'Anthropic is the safest lab')).toMatchObject({ kind: 'quote', speaker: 'dario-amodei' });
    expect(claims.some((c) => c.text === 'Huang wrote in a letter to staff:')).toBe(false);
  });

  it('leaves the speaker unknown when the quoted person is not in the pack', () => {
    const text =
      'Meta is spending heavily. “Meta will regret building so many data centres,” said Jane Doe, an analyst at Example Capital.';
    const claims = extractClaims(text, people({ Meta: ['meta', 'org'] }, text));
    expect(claimWith(claims, 'will regret')).toMatchObject({ kind: 'quote', speaker: null });
  });

  it('tells reported predictions and organisations’ comparisons from quotes', () => {
    const text =
      'Sam Altman said OpenAI expects to release GPT-5 within months. Google says Gemini beats GPT-4o on coding tests. Sam Altman wrote that the industry is moving fast.';
    const claims = extractClaims(
      text,
      people(
        {
          'Sam Altman': ['sam-altman', 'person'],
          OpenAI: ['openai', 'org'],
          'GPT-5': ['gpt-5', 'model'],
          Google: ['google', 'org'],
          Gemini: ['gemini', 'model'],
          'GPT-4o': ['gpt-4o', 'model'],
        },
        text,
      ),
    );
    expect(claimWith(claims, 'expects to release')).toMatchObject({ kind: 'prediction', speaker: 'sam-altman' });
    expect(claimWith(claims, 'Gemini beats')).toMatchObject({ kind: 'comparison', speaker: 'google' });
    expect(claimWith(claims, 'moving fast')).toMatchObject({ kind: 'quote', speaker: 'sam-altman' });
  });

  it('reads sources, denials and time frames the way news copy writes them', () => {
    const text = [
      'According to OpenAI, GPT-5 makes 45 per cent fewer factual errors than GPT-4o.',
      'A spokesperson for Meta said the company had no plans to change its licence.',
      'Meta spokesperson Andy Stone said the company would not comment on the report.',
      'Demis Hassabis said AGI was “five to ten years away”.',
      'Microsoft, in a statement, said its Azure revenue grew 33 per cent.',
    ].join(' ');
    const claims = extractClaims(
      text,
      people(
        {
          OpenAI: ['openai', 'org'],
          'GPT-5': ['gpt-5', 'model'],
          'GPT-4o': ['gpt-4o', 'model'],
          Meta: ['meta', 'org'],
          'Demis Hassabis': ['demis-hassabis', 'person'],
          Microsoft: ['microsoft', 'org'],
        },
        text,
      ),
    );
    expect(claimWith(claims, 'According to OpenAI')).toMatchObject({ kind: 'comparison', speaker: 'openai' });
    expect(claimWith(claims, 'no plans to change')).toMatchObject({ kind: 'other', speaker: 'meta' });
    expect(claims.some((c) => c.text.includes('would not comment'))).toBe(false);
    expect(claimWith(claims, 'five to ten years away')).toMatchObject({ kind: 'prediction', speaker: 'demis-hassabis' });
    expect(claimWith(claims, 'in a statement')).toMatchObject({ kind: 'quantity', speaker: 'microsoft' });
  });

  it('returns nothing for text without mentions or sentences without a claim', () => {
    expect(extractClaims('', [])).toEqual([]);
    expect(extractClaims('A calm day in the park.', [])).toEqual([]);
    const text = 'Meta doubles down';
    expect(extractClaims(text, people({ Meta: ['meta', 'org'] }, text))).toEqual([]);
  });
});

describe('claims: links to claims read before', () => {
  const earlier: HistoryClaim[] = [
    {
      id: 1,
      url: 'https://news.example/first',
      title: 'First article',
      seenAt: 1_000,
      kind: 'quantity',
      subjects: ['deepseek'],
      speaker: null,
      metric: 'training-cost',
      text: 'DeepSeek put the cost of training V3 at about $5.6 million.',
      numbers: [{ min: 5.6e6, max: 5.6e6, unit: 'USD', approx: true, raw: 'about $5.6 million', metric: 'training-cost' }],
    },
  ];
  const claimAbout = (text: string, numbers: PageClaim['numbers'], metric?: string): PageClaim => ({
    start: 0,
    end: text.length,
    text,
    kind: 'quantity',
    subjects: ['deepseek'],
    speaker: null,
    numbers,
    links: [],
    score: 1,
    metric,
  });

  it('flags a disagreement beyond rounding and not an agreement within it', () => {
    const far = linkHistory(
      claimAbout(
        'DeepSeek spent $1.6 billion on hardware.',
        [{ min: 1.6e9, max: 1.6e9, unit: 'USD', raw: '$1.6 billion', metric: 'hardware-spend' }],
        'hardware-spend',
      ),
      earlier,
      'https://news.example/second',
    );
    expect(far).toHaveLength(1);
    expect(far[0]).toMatchObject({ kind: 'history', url: 'https://news.example/first', disagreement: true, metric: 'training-cost' });
    const near = linkHistory(
      claimAbout(
        'DeepSeek trained it for about $6 million.',
        [{ min: 6e6, max: 6e6, unit: 'USD', approx: true, raw: 'about $6 million', metric: 'training-cost' }],
        'training-cost',
      ),
      earlier,
      'https://news.example/second',
    );
    expect(near[0].disagreement).toBeUndefined();
  });

  it('does not link to the same page, other subjects or other measures', () => {
    const same = claimAbout(
      'DeepSeek trained it for $6 billion.',
      [{ min: 6e9, max: 6e9, unit: 'USD', raw: '$6 billion', metric: 'training-cost' }],
      'training-cost',
    );
    expect(linkHistory(same, earlier, 'https://news.example/first')).toEqual([]);
    expect(linkHistory({ ...same, subjects: ['meta'] }, earlier, 'https://x.example')).toEqual([]);
    expect(
      linkHistory({ ...same, metric: 'valuation', numbers: [{ ...same.numbers[0], metric: 'valuation' }] }, earlier, 'https://x.example'),
    ).toEqual([]);
  });
});

// The error categories of a blind labelled set, as rules: each case is written here, not taken from that set.
describe('claims: kinds and speakers the way an independent labeller reads them', () => {
  const ENTITIES: Record<string, [string, 'person' | 'org' | 'model']> = {
    'Elon Musk': ['elon-musk', 'person'],
    OpenAI: ['openai', 'org'],
    Anthropic: ['anthropic', 'org'],
    'Claude Code': ['claude-code', 'model'],
    'GPT-5': ['gpt-5', 'model'],
    'Jensen Huang': ['jensen-huang', 'person'],
    'Satya Nadella': ['satya-nadella', 'person'],
    Copilot: ['microsoft-copilot', 'model'],
    'Sam Altman': ['sam-altman', 'person'],
    'Alexandr Wang': ['alexandr-wang', 'person'],
    Meta: ['meta', 'org'],
    Google: ['google', 'org'],
    'Demis Hassabis': ['demis-hassabis', 'person'],
    Gemini: ['gemini', 'model'],
    'Lisa Su': ['lisa-su', 'person'],
    AMD: ['amd', 'org'],
    Nvidia: ['nvidia', 'org'],
    'Aidan Gomez': ['aidan-gomez', 'person'],
    Cohere: ['cohere', 'org'],
    'Command A': ['command-a', 'model'],
    TSMC: ['tsmc', 'org'],
    Apple: ['apple', 'org'],
    Siri: ['siri', 'model'],
    Microsoft: ['microsoft', 'org'],
    'Mustafa Suleyman': ['mustafa-suleyman', 'person'],
    Cursor: ['anysphere', 'org'],
    Anysphere: ['anysphere', 'org'],
    'GitHub Copilot': ['github-copilot', 'model'],
    Mistral: ['mistral-ai', 'org'],
    Magistral: ['magistral', 'model'],
    Moonshot: ['moonshot-ai', 'org'],
    'Claude Opus 4': ['claude-opus-4', 'model'],
    'Gary Marcus': ['gary-marcus', 'person'],
    'Arthur Mensch': ['arthur-mensch', 'person'],
    'Mistral AI': ['mistral-ai', 'org'],
    'Ilya Sutskever': ['ilya-sutskever', 'person'],
    'University of Toronto': ['university-of-toronto', 'org'],
    'Safe Superintelligence': ['safe-superintelligence', 'org'],
    'DeepSeek-R1': ['deepseek-r1', 'model'],
    Grok: ['grok', 'model'],
    Huawei: ['huawei', 'org'],
    Llama: ['llama', 'model'],
    'Google DeepMind': ['google-deepmind', 'org'],
  };
  // longest names first, so "Claude Code" is not also "Code" and "Mistral AI" is not "Mistral"
  const mentionsIn = (text: string): Mention[] => {
    const out: Mention[] = [];
    for (const surface of Object.keys(ENTITIES).sort((a, b) => b.length - a.length)) {
      const [id, type] = ENTITIES[surface];
      for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) {
        if (/[\p{L}\d]/u.test(text[i + surface.length] ?? '') || out.some((m) => i < m.end && i + surface.length > m.start)) continue;
        out.push({ start: i, end: i + surface.length, text: surface, entityId: id, name: surface, type });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  };
  const options = {
    personNames: new Map([
      ['demis-hassabis', 'Demis Hassabis'],
      ['lisa-su', 'Lisa Su'],
      ['aidan-gomez', 'Aidan Gomez'],
    ]),
    personOrgs: new Map([
      ['lisa-su', 'amd'],
      ['aidan-gomez', 'cohere'],
    ]),
  };
  const run = (text: string) => extractClaims(text, mentionsIn(text), options);
  const kindOf = (text: string, snippet: string) => claimWith(run(text), snippet).kind;
  const none = (text: string, snippet: string) =>
    expect(
      run(text).some((c) => c.text.includes(snippet)),
      snippet,
    ).toBe(false);

  it('takes direct speech as a quote whatever it says, with weak verbs and unnamed sources too', () => {
    expect(claimWith(run('“We will be ahead of OpenAI by the end of next year,” Elon Musk told staff.'), 'ahead of OpenAI')).toMatchObject({
      kind: 'quote',
      speaker: 'elon-musk',
    });
    expect(
      claimWith(run('“Claude Code passed $500 million in run-rate revenue,” Anthropic announced on Tuesday.'), 'run-rate'),
    ).toMatchObject({ kind: 'quote', speaker: 'anthropic' });
    expect(claimWith(run('“We are going to ship GPT-5 this summer,” a spokesperson said.'), 'ship GPT-5')).toMatchObject({
      kind: 'quote',
      speaker: null,
    });
    // a full quoted clause after "said" is direct speech; a quoted phrase inside reported speech is not
    expect(claimWith(run('Jensen Huang said “every company will have an AI factory within five years”.'), 'AI factory')).toMatchObject({
      kind: 'quote',
      speaker: 'jensen-huang',
    });
    expect(claimWith(run('Demis Hassabis said AGI was “five to ten years away”.'), 'years away')).toMatchObject({
      kind: 'prediction',
      speaker: 'demis-hassabis',
    });
    // "a Huawei executive" is someone at Huawei, not Huawei
    expect(
      claimWith(run('“Our chips are already as capable as anything Nvidia sells,” a Huawei executive told a conference.'), 'as capable'),
    ).toMatchObject({ kind: 'quote', speaker: null });
  });

  it('keeps reported speech a quote unless it looks forward or compares named things', () => {
    expect(
      claimWith(run('Writing on LinkedIn, Satya Nadella argued that Copilot is used by most of the Fortune 500.'), 'Fortune 500'),
    ).toMatchObject({ kind: 'quote', speaker: 'satya-nadella' });
    expect(kindOf('Sam Altman wrote on X that OpenAI would release an open-weight model next month.', 'open-weight')).toBe('prediction');
  });

  it('reads the paragraph after a colon lead-in as the speaker’s words, quoted or not', () => {
    const claims = run(
      'In a memo to staff, Alexandr Wang wrote:\nMeta will release a new frontier model before the end of the year. Meta now has more compute than any other lab.',
    );
    expect(claimWith(claims, 'frontier model')).toMatchObject({ kind: 'quote', speaker: 'alexandr-wang' });
    expect(claimWith(claims, 'more compute')).toMatchObject({ kind: 'quote', speaker: 'alexandr-wang' });
    expect(claims.some((c) => c.text.endsWith('wrote:'))).toBe(false);
  });

  it('reads other colon lead-ins: "In his words:", "X’s answer:", "how he described it:"', () => {
    expect(
      claimWith(run('Jensen Huang spoke for two hours. In his words: Nvidia is a platform company now.'), 'platform company'),
    ).toMatchObject({ kind: 'quote', speaker: 'jensen-huang' });
    expect(claimWith(run('Jensen Huang’s answer: Nvidia will sell $500 billion of chips through 2026.'), 'will sell')).toMatchObject({
      kind: 'quote',
      speaker: 'jensen-huang',
    });
    const described = run('Sam Altman has been blunt. Here is how he described it:\nOpenAI will need trillions of dollars of compute.');
    expect(claimWith(described, 'trillions')).toMatchObject({ kind: 'quote', speaker: 'sam-altman' });
    expect(described.some((c) => c.text.endsWith('described it:'))).toBe(false);
    // a person closing a paragraph with a colon introduces what follows, even without a verb of saying
    const blunt = run('Sam Altman spoke about GPT-5. He was blunt about the timeline:\nOpenAI will ship GPT-5 this summer.');
    expect(claimWith(blunt, 'this summer')).toMatchObject({ kind: 'quote', speaker: 'sam-altman' });
    expect(blunt.some((c) => c.text.endsWith('timeline:'))).toBe(false);
    // an explanatory colon after "described it as …" is not speech
    expect(
      kindOf(
        'Anthropic released Claude Code in February and described it as the first agentic tool on the market: users can hand it a whole project.',
        'released',
      ),
    ).toBe('other');
  });

  it('does not take a quoted title for speech', () => {
    expect(kindOf('Google researchers published “Attention Is All You Need For Language” in 2017.', 'published')).toBe('other');
  });

  it('attributes transcript lines to the speaker their label names', () => {
    const podcast = run(
      [
        'Demis Hassabis on the long road to general intelligence',
        'This week’s guest is Demis Hassabis, who joined us from London.',
        'HOST: When will AGI arrive?',
        'HASSABIS: I would still say five to ten years. Gemini is one step on that road, and Google will ship more of it next year.',
      ].join('\n'),
    );
    expect(claimWith(podcast, 'five to ten years')).toMatchObject({
      kind: 'quote',
      speaker: 'demis-hassabis',
      subjects: ['demis-hassabis'],
    });
    expect(claimWith(podcast, 'one step on that road')).toMatchObject({ kind: 'quote', speaker: 'demis-hassabis' });
    expect(podcast.some((c) => c.text.includes('This week’s guest'))).toBe(false);
    expect(podcast.some((c) => c.text.includes('Demis Hassabis on the long road'))).toBe(false);

    // a paragraph with no label between two labelled lines carries on the answer; the outro does not
    const running = run(
      [
        'Demis Hassabis joined us.',
        'HOST: How far away is AGI?',
        'HASSABIS: Five to ten years, I think.',
        'Gemini will have to learn to plan before then.',
        'HOST: Thank you.',
        'Google DeepMind was formed in 2023 from two labs.',
      ].join('\n'),
    );
    expect(claimWith(running, 'learn to plan')).toMatchObject({ kind: 'quote', speaker: 'demis-hassabis' });
    expect(claimWith(running, 'was formed in 2023')).toMatchObject({ kind: 'other', speaker: null });

    const qa = run(
      [
        'Lisa Su has run AMD since 2014.',
        'Q: Nvidia sells most AI accelerators. Where does AMD fit?',
        'A: The market is big enough for more than one supplier. We have since resumed some shipments under licence.',
      ].join('\n'),
    );
    expect(claimWith(qa, 'Nvidia sells most')).toMatchObject({ kind: 'quote', speaker: null });
    expect(claimWith(qa, 'big enough')).toMatchObject({ kind: 'quote', speaker: 'lisa-su', subjects: ['lisa-su'] });
    // "we" in a chief executive's answer is their company
    expect(claimWith(qa, 'resumed some shipments')).toMatchObject({ kind: 'quote', speaker: 'lisa-su', subjects: ['amd'] });
    expect(qa.some((c) => c.text.includes('Where does AMD fit'))).toBe(false);

    const show = run(
      [
        'Aidan Gomez runs Cohere.',
        'PARK: Cohere shipped Command A in March.',
        'GOMEZ: We don’t need to.',
        'GOMEZ: Command A matches the best models on agentic tasks.',
        'PARK: Aidan Gomez, thank you.',
      ].join('\n'),
    );
    expect(claimWith(show, 'shipped Command A')).toMatchObject({ kind: 'quote', speaker: null });
    expect(claimWith(show, 'matches the best')).toMatchObject({ kind: 'quote', speaker: 'aidan-gomez' });
    expect(show.some((c) => c.text.includes('need to') || c.text.includes('thank you'))).toBe(false);
  });

  it('does not take kickers or a lone capitalised word for a speaker', () => {
    expect(claimWith(run('BREAKING: OpenAI will release GPT-5 next week.'), 'GPT-5')).toMatchObject({ kind: 'prediction', speaker: null });
    expect(kindOf('WASHINGTON: Nvidia will report results on Wednesday, and AMD a week later.', 'Nvidia will')).toBe('prediction');
    expect(run('Meta: the company that bet everything on open models, and why Llama matters.').every((c) => c.kind !== 'quote')).toBe(true);
  });

  it('reads headlines by their forecast verbs and figures before anything else', () => {
    expect(kindOf('Nvidia forecasts $54 billion quarter despite China halt\nThe chipmaker reported results.', 'forecasts')).toBe(
      'prediction',
    );
    expect(kindOf('TSMC quarterly profit up 39%\nThe chipmaker reported results.', 'profit')).toBe('quantity');
    expect(kindOf('Apple delays its smarter Siri until next year\nThe company said so.', 'delays')).toBe('other');
    expect(kindOf('Microsoft to invest $80 billion in AI data centres\nIt said so.', 'invest')).toBe('prediction');
    none('Mustafa Suleyman’s second act\nHe runs Microsoft AI.', 'second act');
    none('Cohere’s Aidan Gomez on Command A and the compute race\nHe spoke to us.', 'compute race');
    // "beat forecasts" is a result, not a forecast
    expect(kindOf('Google revenue of $96 billion beats Wall Street forecasts\nShares rose.', 'beats')).toBe('quantity');
  });

  it('keeps past figures and valuations quantities', () => {
    expect(kindOf('Cursor passed $500 million in annualised revenue within two years of its launch.', 'passed')).toBe('quantity');
    expect(
      kindOf('Anysphere has raised $2.3 billion at a valuation of $29.3 billion, nearly triple its valuation in June.', 'raised'),
    ).toBe('quantity');
    expect(kindOf('The OpenAI rival Anthropic has raised $13 billion at a valuation of $183 billion.', 'raised')).toBe('quantity');
    expect(kindOf('Google’s revenue was $96 billion, compared with $85 billion a year earlier.', 'compared')).toBe('quantity');
    expect(kindOf('Meta will have spent $40 billion on data centres by 2026.', 'spent')).toBe('prediction');
  });

  it('finds comparisons in rankings, ratios, explicit markers and prices set against a rival’s', () => {
    expect(kindOf('Cursor is one of the fastest-growing software companies ever.', 'fastest')).toBe('comparison');
    expect(kindOf('Claude Code grew at four times the rate of GitHub Copilot in its first year.', 'four times')).toBe('comparison');
    expect(kindOf('For comparison, GitHub Copilot took two years to reach that mark.', 'For comparison')).toBe('comparison');
    expect(claimWith(run('Mistral says Magistral is the strongest open reasoning model.'), 'strongest')).toMatchObject({
      kind: 'comparison',
      speaker: 'mistral-ai',
    });
    expect(
      kindOf('Moonshot charges $0.60 per million input tokens, a fraction of the $15 that Anthropic asks for Claude Opus 4.', 'fraction'),
    ).toBe('comparison');
    // a ranking tacked onto figures, or describing what was released, is not the claim
    expect(
      kindOf(
        'OpenAI closed a $40 billion funding round that valued it at $300 billion, the largest private financing on record.',
        'closed',
      ),
    ).toBe('quantity');
    expect(kindOf('Meta releases its largest open model yet\nIt is called Llama.', 'largest')).toBe('other');
    expect(
      kindOf('Anthropic’s revenue passed $5 billion in August, making it one of the fastest revenue ramps in software history.', 'passed'),
    ).toBe('quantity');
  });

  it('drops opinion and rhetoric with no checkable core, and a host’s introduction', () => {
    none('Anyone who has used Claude Code for an afternoon will understand the appeal.', 'afternoon');
    none('Perhaps Gary Marcus is right that scaling alone will not deliver general intelligence.', 'Perhaps');
    none('Even so, investors who bought Nvidia shares will want to know when the spending turns into profit.', 'investors');
    none('This week’s guest is Arthur Mensch of Mistral AI, who joined us from Paris.', 'guest');
    // advice to the reader
    none('But if you have not picked up a phone that runs o1 yet, you can still use OpenAI’s reasoning model in the browser.', 'browser');
    none('If the kitchen is where you cook, it only makes sense to keep Llama 4 running on a laptop there.', 'makes sense');
    // said out loud, the same words are someone's quote
    expect(kindOf('“Anyone who has used Claude Code will understand the appeal,” Sam Altman said.', 'appeal')).toBe('quote');
  });

  it('finds checkable facts without figures: biography, formation, technique, rules, reception', () => {
    expect(kindOf('Ilya Sutskever did his PhD at the University of Toronto.', 'PhD')).toBe('other');
    expect(kindOf('Safe Superintelligence was formed in 2024 by Ilya Sutskever.', 'formed')).toBe('other');
    expect(kindOf('The model, DeepSeek-R1, uses a technique called group relative policy optimisation.', 'technique')).toBe('other');
    expect(
      kindOf('Under the act, the obligations of OpenAI and Google for general-purpose models apply from August 2025.', 'obligations'),
    ).toBe('other');
    expect(kindOf('Grok’s update drew complaints on Reddit and Hacker News.', 'complaints')).toBe('other');
  });

  // Patterns from real articles' attributions (sentences written here).
  it('reads reporting verbs beyond "said", a view through a noun, a signed quotation and a speaker-colon headline', () => {
    expect(
      claimWith(run('Nvidia indicated that its next accelerator would ship in volume by late 2026.'), 'next accelerator'),
    ).toMatchObject({ kind: 'prediction', speaker: 'nvidia' });
    expect(claimWith(run('AMD forecast fourth-quarter revenue of about $9.6 billion.'), 'fourth-quarter')).toMatchObject({
      kind: 'prediction',
      speaker: 'amd',
    });
    expect(
      claimWith(run('Jensen Huang’s prediction that every data centre will be rebuilt for AI has been repeated often.'), 'data centre'),
    ).toMatchObject({ kind: 'prediction', speaker: 'jensen-huang' });
    expect(claimWith(run('“Open models have already caught up with GPT-5 on coding.” —Aidan Gomez'), 'caught up')).toMatchObject({
      kind: 'quote',
      speaker: 'aidan-gomez',
    });
    expect(claimWith(run('Demis Hassabis: Gemini will match human experts in most fields within a decade'), 'human experts')).toMatchObject(
      { kind: 'quote', speaker: 'demis-hassabis' },
    );
    // "beats forecasts" is a result, not someone forecasting
    expect(claimWith(run('AMD revenue of $7 billion beat analyst forecasts.'), 'beat analyst').speaker).toBeNull();
  });

  it('drops a sentence that only says what was not said, not one that states something first', () => {
    none('Nvidia did not say where the new chip would be made.', 'where the new chip');
    expect(
      claimWith(run('Nvidia said it would ship the chip next year, but it did not say where it would be made.'), 'ship the chip'),
    ).toMatchObject({ kind: 'prediction', speaker: 'nvidia' });
  });

  it('gives the quote to the person an appositive describes, never to a name inside the description', () => {
    const claims = run('Alexandr Wang, who built his first company before Meta hired him, said Meta will train the largest model of 2026.');
    expect(claimWith(claims, 'largest model')).toMatchObject({ kind: 'prediction', speaker: 'alexandr-wang' });
  });

  it('keeps the speaker for a quotation of several sentences, one claim across line breaks kept from the page source', () => {
    const text =
      'Lisa Su spoke at the launch.\n“AMD will ship the MI400 next year.\n        Demand for our accelerators has never been higher, and we expect $10 billion in AI revenue.\n        Nvidia is not the only choice any more,” she said.';
    const claims = run(text);
    for (const snippet of ['ship the MI400', '$10 billion in AI revenue', 'not the only choice'])
      expect(claimWith(claims, snippet), snippet).toMatchObject({ kind: 'quote', speaker: 'lisa-su' });
    // the quotation is one claim, whatever the source's line breaks: from its first sentence to the attribution
    const quote = claimWith(claims, '$10 billion');
    expect(quote.text).toMatch(/^“AMD will ship the MI400[\s\S]*she said\.$/);
    expect(claims.filter((c) => c.kind === 'quote')).toHaveLength(1);
    expect(quote.subjects).toEqual(expect.arrayContaining(['amd', 'nvidia']));
  });
});

describe('claims: subjects by reference and companies the page introduces (own sentences)', () => {
  it('gives a sentence opening with a pronoun or a description the company of the claim before', () => {
    const claims = claimsOf(
      'OpenAI said it would fight the case in court. It has faced more than a dozen similar lawsuits since 2023.\nDeepSeek isn’t waiting for the ruling. The cash-rich lab has extended its open licence to researchers through May.',
    );
    expect(claimWith(claims, 'more than a dozen').subjects).toEqual(['openai']);
    expect(claimWith(claims, 'has extended').subjects).toEqual(['deepseek']);
  });

  it('finds claims about a start-up the page introduces, and keeps what only says what was not said out', () => {
    const claims = claimsOf(
      'Paris start-up Corvane raises €220 million for AI chips\nCorvane, founded two years ago by former Meta engineers, said on Monday it had raised €220 million. The start-up is set to open a design centre in Grenoble next year.\nThe round is the largest for a European chip company this year. Meta did not say whether it would buy the chips.',
    );
    expect(claimWith(claims, 'Paris start-up Corvane raises').kind).toBe('quantity');
    expect(claimWith(claims, 'set to open').kind).toBe('prediction');
    expect(claimWith(claims, 'the largest for').kind).toBe('comparison');
    expect(claims.some((c) => c.text.includes('did not say'))).toBe(false);
  });

  it('takes a company named twice with a company’s verb inside a sentence, or a title of it, as one the page shows at work', () => {
    const claims = claimsOf(
      'Meta opened its models to all. That’s because Harlow Networks owns the cable, and Harlow Networks sells access to it.\nLena Voss, the chief executive of Corvid Labs, said the lab will publish its evaluations.\nCorvid Labs has raised $90 million so far.',
    );
    expect(claimWith(claims, 'Harlow Networks owns')).toBeTruthy();
    expect(claimWith(claims, 'will publish').kind).toBe('prediction');
    expect(claimWith(claims, 'raised $90 million').kind).toBe('quantity');
    // an evaluative comparison with nothing to measure is no comparison
    const worse = claimsOf('Meta launched a new app. Meta’s version is much worse than the old one, critics said.');
    expect(worse.find((c) => c.text.includes('much worse'))?.kind ?? 'none').not.toBe('comparison');
  });

  it('reads a lab’s standing, availability and staff as statements', () => {
    const claims = claimsOf(
      'DeepSeek’s models dominate open-weight downloads in China.\nOpenAI’s new app is available today in forty countries.\nDeepSeek has lost more than a dozen senior researchers since June.\nThe weather was mild.',
    );
    expect(claimWith(claims, 'dominate open-weight')).toBeTruthy();
    expect(claimWith(claims, 'is available today')).toBeTruthy();
    expect(claimWith(claims, 'has lost more than')).toBeTruthy();
    expect(claims.some((c) => c.text.includes('weather'))).toBe(false);
  });

  it('takes a segment’s figures in an earnings story as the company’s', () => {
    const claims = claimsOf(
      'OpenAI reported revenue of $5 billion for the quarter, up 62%.\nEnterprise revenue, which is most of the total, rose 66% to $3.2 billion. Consumer brought in $1.3 billion.',
    );
    expect(claimWith(claims, 'rose 66%').subjects).toEqual(['openai']);
    expect(claimWith(claims, 'brought in').kind).toBe('quantity');
  });
});
