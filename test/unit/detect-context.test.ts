// Context the pack gives ambiguous names: assistants vouch for each other ("Siri and Alexa"), and
// a maker in the possessive right before its product counts ("Moonshot's Kimi"), both from the
// pack's context lists.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';

const detector = createDetector(compileAliasTable(loadPackFromDir()));
const ids = (text: string) => detector.detect(text, { force: true }).mentions.map((m) => `${m.text}:${m.entityId}`);

describe('context between names', () => {
  it('counts assistants as context for each other', () => {
    expect(ids('Siri and Alexa+ got upgrades this week.')).toEqual(['Siri:siri', 'Alexa+:alexa-plus']);
    expect(ids('Both Siri and Alexa answered the question.')).toEqual(['Siri:siri', 'Alexa:alexa']);
    expect(ids('Copilot, like Siri, now reads the screen.')).toEqual(['Copilot:microsoft-copilot', 'Siri:siri']);
  });

  it('takes a maker in the possessive before a product whose context names it', () => {
    expect(ids("Moonshot's Kimi answered in Chinese.")).toEqual(['Moonshot:moonshot-ai', 'Kimi:kimi']);
    // without the product right after, the short form still waits for the full name
    expect(ids("Moonshot's plan was bold; the Kimi app came later.")).not.toContain('Moonshot:moonshot-ai');
  });

  it('takes a versioned model name the pack marks ambiguous on a page that certainly names another model', () => {
    expect(ids('Frontier systems, GPT-5 and Gemini 3 included, forget what they learn.')).toEqual(['GPT-5:gpt-5', 'Gemini 3:gemini-3-pro']);
    // alone, it needs its own context
    expect(ids('The Gemini 3 capsule carried two astronauts.')).toEqual([]);
  });

  it('reads X as the social network where the page says someone posted or wrote on it', () => {
    expect(ids('Sam Altman wrote in a post on X that the model was ready.')).toContain('X:x-corp');
    expect(ids('Sam Altman said the X factor was compute.')).not.toContain('X:x-corp');
  });

  it('reads a version alone after its model was named in full, never a quantity', () => {
    expect(ids('OpenAI rolls out GPT-5.2. It said 5.2 would reach every subscriber.')).toContain('5.2:gpt-5-2');
    expect(ids('Many still prefer GPT-4o, and OpenAI said 4o will stay.')).toContain('4o:gpt-4o');
    const quantities = ids('OpenAI rolls out GPT-5.2. Revenue rose 5.2% to $5.2 billion, and 5.2 points.');
    expect(quantities.filter((m) => m.startsWith('5.2:'))).toEqual([]);
    // not before the full name
    expect(ids('In 5.2 seconds the page loaded. OpenAI named GPT-5.2 later.').filter((m) => m.startsWith('5.2:'))).toEqual([]);
  });
});
