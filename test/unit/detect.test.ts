// Detector rules, one by one, on real-looking news sentences (mini pack + small inline tables).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, findAll } from '../../lib/detect/automaton';
import { createDetector, isBoundary } from '../../lib/detect/detector';
import { relevanceOf } from '../../lib/detect/gate';
import { normaliseText, patternKey } from '../../lib/detect/normalise';
import { compileAliasTable, type AliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import type { Entity } from '../../lib/kb/schema';

const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
if (!mini.ok) throw new Error(mini.errors.join('\n'));
const detector = createDetector(compileAliasTable(mini.value));

const found = (text: string, force = true) => detector.detect(text, { force }).mentions.map((m) => `${m.text}=${m.entityId}`);

type AliasIn = Partial<Entity['aliases'][number]> & { text: string };

function entity(id: string, type: Entity['type'], aliases: AliasIn[]): Entity {
  const full = aliases.map((a) => ({ case: 'sensitive' as const, ambiguous: false, shortForm: false, ...a }));
  return { id, type, name: aliases[0].text, aliases: full, description: 'test entity', facts: [], relations: [] };
}

function tableOf(entities: Entity[]): AliasTable {
  return compileAliasTable({ version: '0.0.1', entities });
}

describe('normalisation and the automaton', () => {
  it('folds quotes, dashes and spaces without changing length', () => {
    const text = 'OpenAI’s “o1” — DeepSeek‑R1\u00a0now';
    expect(normaliseText(text)).toHaveLength(text.length);
    expect(normaliseText(text)).toBe('OpenAI\'s "o1" - DeepSeek-R1 now');
  });

  it('gives hyphen, space and case variants one key', () => {
    expect(patternKey('DeepSeek-R1')).toBe('deepseek r1');
    expect(patternKey('DeepSeek R1')).toBe('deepseek r1');
    expect(patternKey(' DeepSeek –  R1 ')).toBe('deepseek r1');
  });

  it('finds every overlapping pattern with its exact span, collapsing separator runs', () => {
    const keys = ['llama', 'llama 4', 'llama 4 scout', 'meta'];
    const a = buildAutomaton(keys);
    const text = 'Meta shipped Llama 4\n   Scout today';
    const hits = findAll(a, text).map((h) => `${keys[h.pattern]}@${text.slice(h.start, h.end)}`);
    expect(hits).toEqual(['meta@Meta', 'llama@Llama', 'llama 4@Llama 4', 'llama 4 scout@Llama 4\n   Scout']);
  });

  it('handles non-ASCII patterns through shared classes without false hits', () => {
    const keys = ['深度求索', 'mistral', 'zürich'];
    const a = buildAutomaton(keys);
    const hits = findAll(a, '深度求索发布 Zürich ZÜRICH 深度求锁 Zurich').map((h) => keys[h.pattern]);
    expect(hits).toEqual(['深度求索', 'zürich', 'zürich']);
  });
});

describe('word boundaries', () => {
  it('accepts possessives and compound modifiers, refuses words, versions and domains', () => {
    const at = (text: string, word: string, strict = false) => {
      const start = text.indexOf(word);
      return isBoundary(text, start, start + word.length, strict);
    };
    expect(at("OpenAI's board", 'OpenAI')).toBe(true);
    expect(at('OpenAI’s board', 'OpenAI')).toBe(true);
    expect(at('an OpenAI-backed startup', 'OpenAI')).toBe(true);
    expect(at('a Meta-analysis of trials', 'Meta', true)).toBe(false);
    expect(at('OpenAIs', 'OpenAI')).toBe(false);
    expect(at('GPT-4.1 is out', 'GPT-4')).toBe(false);
    expect(at('visit openai.com today', 'openai')).toBe(false);
    expect(at('chat.openai.com', 'openai')).toBe(false);
    expect(at('Llama-3 weights', 'Llama')).toBe(false);
    expect(at('DeepSeek发布了', 'DeepSeek')).toBe(true);
  });
});

describe('detector rules (mini pack)', () => {
  it('matches possessives with straight and curly apostrophes, and case-insensitive aliases in capitals', () => {
    expect(found("OpenAI's model and OpenAI’s rival; OPENAI said so.")).toEqual(['OpenAI=openai', 'OpenAI=openai', 'OPENAI=openai']);
  });

  it('treats hyphen and space variants alike: "DeepSeek-R1" = "DeepSeek R1"', () => {
    expect(found('DeepSeek-R1 and DeepSeek R1 and DeepSeek–R1 and DeepSeek\n  R1.')).toEqual([
      'DeepSeek-R1=deepseek-r1',
      'DeepSeek R1=deepseek-r1',
      'DeepSeek–R1=deepseek-r1',
      'DeepSeek\n  R1=deepseek-r1',
    ]);
  });

  it('lets the longest match win', () => {
    expect(found('Meta Platforms released Llama 4 and High-Flyer Capital Management paid for DeepSeek R1.')).toEqual([
      'Meta Platforms=meta',
      'Llama 4=llama-4',
      'High-Flyer Capital Management=high-flyer',
      'DeepSeek R1=deepseek-r1',
    ]);
  });

  it('keeps case-sensitive aliases to their case', () => {
    expect(found('Llama 4 is here; llama 4 is a typo; Mark Zuckerberg spoke, mark zuckerberg did not.')).toEqual([
      'Llama 4=llama-4',
      'Mark Zuckerberg=mark-zuckerberg',
    ]);
  });

  it('counts short forms only on a page that names the person in full: a nickname after it, a surname anywhere', () => {
    expect(found('Zuck spoke first. Later Mark Zuckerberg spoke, and Zuckerberg, or Zuck, smiled.')).toEqual([
      'Mark Zuckerberg=mark-zuckerberg',
      'Zuckerberg=mark-zuckerberg',
      'Zuck=mark-zuckerberg',
    ]);
    // a headline's or deck's surname above the body's full name (lib/detect/variants.ts)
    expect(found('Zuckerberg spoke first. Later Mark Zuckerberg spoke.')).toEqual([
      'Zuckerberg=mark-zuckerberg',
      'Mark Zuckerberg=mark-zuckerberg',
    ]);
    expect(found('Zuckerberg spoke first, and Zuck smiled.')).toEqual([]);
  });

  it('needs context for ambiguous aliases: an entity on the page, or a context word nearby', () => {
    expect(found('The meta point is that Meta is vague.')).toEqual([]);
    expect(found('Mark Zuckerberg runs Meta.')).toEqual(['Mark Zuckerberg=mark-zuckerberg', 'Meta=meta']);
    expect(found('Meta bought a stake in an Instagram rival.')).toEqual(['Meta=meta']);
    // the o1 visa is not OpenAI o1 …
    expect(found('She applied for an o1 visa in March.')).toEqual([]);
    // … but o1 next to "reasoning" is
    expect(found('The o1 reasoning system thinks before it answers.')).toEqual(['o1=o1']);
  });

  it('does not take a context word from inside another word ("ai" in "said")', () => {
    expect(found('Meta, he said, is an afterthought; the maintainers said so.')).toEqual([]);
  });

  it('needs both rules for an ambiguous short form (R1)', () => {
    expect(found('The R1 ring road is closed.')).toEqual([]);
    expect(found('DeepSeek R1 is out. R1 beat OpenAI o1 on maths, and then o1 alone counts too.')).toEqual([
      'DeepSeek R1=deepseek-r1',
      'R1=deepseek-r1',
      'OpenAI o1=o1',
      'o1=o1',
    ]);
  });

  it('carries what earlier scans found (added content on the same page)', () => {
    const memory = detector.newMemory();
    detector.detect('Mark Zuckerberg said Llama 4 is open. AI labs and language models, GPUs and inference.', { memory });
    const later = detector.detect('Zuck added that Meta will keep going.', { memory });
    expect(later.mentions.map((m) => m.text)).toEqual(['Zuck', 'Meta']);
  });
});

describe('two entities sharing one alias', () => {
  const table = tableOf([
    entity('dario-amodei', 'person', [{ text: 'Dario Amodei' }, { text: 'Amodei', shortForm: true }]),
    entity('daniela-amodei', 'person', [{ text: 'Daniela Amodei' }, { text: 'Amodei', shortForm: true }]),
    entity('gemini-model', 'model', [{ text: 'Gemini', ambiguous: true, context: ['@google', 'chatbot'] }]),
    entity('gemini-exchange', 'org', [{ text: 'Gemini', ambiguous: true, context: ['crypto', 'exchange', 'Winklevoss'] }]),
    entity('google', 'org', [{ text: 'Google' }]),
  ]);
  const d = createDetector(table);
  const ids = (text: string) => d.detect(text, { force: true }).mentions.map((m) => `${m.text}=${m.entityId}`);

  it('takes the one whose full name appeared', () => {
    expect(ids('Daniela Amodei runs sales. Amodei said demand is high.')).toEqual([
      'Daniela Amodei=daniela-amodei',
      'Amodei=daniela-amodei',
    ]);
  });

  it('drops the alias when both could be meant', () => {
    expect(ids('Dario Amodei and Daniela Amodei founded it. Amodei said so.')).toEqual([
      'Dario Amodei=dario-amodei',
      'Daniela Amodei=daniela-amodei',
    ]);
  });

  it('chooses by context when both have some', () => {
    expect(ids('Google updated the Gemini chatbot.')).toEqual(['Google=google', 'Gemini=gemini-model']);
    expect(ids('The Gemini crypto exchange, run by the Winklevoss twins, grew.')).toEqual(['Gemini=gemini-exchange']);
  });
});

describe('the relevance gate', () => {
  const sportsPage =
    'Phoenix beat the Jazz on Sunday night and moved into fifth place. The coach said the defence was better, and the fans stayed late. ' +
    'Tickets for the next home game sell out fast, and the arena plans a new food court. '.repeat(8);
  const aiPage =
    'DeepSeek released DeepSeek R1, an open-weight reasoning model. OpenAI and Meta answered with new AI models, and analysts said the large language model race had changed. ' +
    'Mark Zuckerberg said Llama 4 would lead; GPUs and inference costs fell. ';

  it('scores an AI article high and a sports report at zero', () => {
    expect(detector.detect(aiPage).relevance).toBeGreaterThan(0.8);
    expect(detector.detect(aiPage).gated).toBe(false);
    expect(detector.detect(sportsPage).relevance).toBe(0);
  });

  it('stays quiet on a page that only mentions a company in passing, unless forced', () => {
    const page = `${sportsPage} The team's owner once worked at OpenAI. ${sportsPage}`;
    const quiet = detector.detect(page);
    expect(quiet.gated).toBe(true);
    expect(quiet.mentions).toEqual([]);
    const forced = detector.detect(page, { force: true });
    expect(forced.gated).toBe(false);
    expect(forced.mentions.map((m) => m.text)).toEqual(['OpenAI']);
    expect(forced.relevance).toBe(quiet.relevance);
  });

  it('keeps relevance in 0..1 and monotone in evidence', () => {
    const low = relevanceOf({ chars: 6000, terms: 1, models: 0, others: 1 });
    const mid = relevanceOf({ chars: 6000, terms: 5, models: 2, others: 3 });
    const high = relevanceOf({ chars: 6000, terms: 40, models: 20, others: 20 });
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(high);
    expect(high).toBeLessThanOrEqual(1);
    expect(low).toBeGreaterThanOrEqual(0);
  });
});
