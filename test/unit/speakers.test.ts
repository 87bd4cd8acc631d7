// Who said it on text the pack knows nothing about: pronouns by gender, nominal references
// ("the senator", "the company"), attribution across paragraphs, unnamed and organisational sources.
// Own sentences, written for these tests.
import { describe, expect, it } from 'vitest';
import { PageGenders } from '../../lib/claims/gender';
import { listQuotes } from '../../lib/claims/pipeline';

const speakerOf = (text: string, snippet: string) => listQuotes(text).find((q) => q.text.includes(snippet))?.speakerName;

describe('gender guesses for the people of a page', () => {
  it('reads honorifics, the pronoun after the name, and common first names', () => {
    const g = new PageGenders('Ms. Okafor runs the clinic. Dale Osei said he would vote no. Priya Raman chairs the board. Lindqvist said she was leaving.');
    expect(g.of('Okafor')).toBe('f');
    expect(g.of('Dale Osei')).toBe('m');
    expect(g.of('Priya Raman')).toBe('f');
    expect(g.of('Lindqvist')).toBe('f');
    // a surname alone takes the first name the page gives it
    expect(g.of('Raman')).toBe('f');
    // an object pronoun is often someone else; a possessor is not the subject
    expect(new PageGenders('Brannigan stood over her and left. Brannigan’s term ended, she said.').of('Brannigan')).toBeNull();
  });
});

describe('pronouns go to the most recent person of that gender', () => {
  it('skips a man named after the woman for "she", and a woman for "he"', () => {
    const text = 'Priya Raman chairs the housing board. Her deputy, Tom Fields, joined last year. Mr. Fields presented the budget on Monday. “We cannot fund both projects,” she said.';
    expect(speakerOf(text, 'cannot fund')).toBe('Priya Raman');
    const two = 'Carla Nunez met Dale Osei at the hearing. Osei said he would vote no. Later she told reporters that the plan would pass anyway.';
    expect(speakerOf(two, 'plan would pass')).toBe('Carla Nunez');
    expect(speakerOf(two, 'would vote no')).toBe('Dale Osei');
    const back = 'Mr. Brandt, the treasurer, read the accounts aloud. Then Ms. Adeyemi closed the meeting. “The reserve is nearly gone,” he said.';
    expect(speakerOf(back, 'reserve is nearly gone')).toMatch(/Brandt$/);
  });

  it('leaves the audience out of reported speech after "told"', () => {
    const q = listQuotes('Carla Nunez said little at first. Later she told reporters on the steps that the bill had the votes.').find((x) => x.text.includes('bill had'));
    expect(q?.text).toBe('the bill had the votes');
  });
});
