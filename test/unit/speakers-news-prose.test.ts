// Speakers in the forms real news prose uses (own sentences, written for this test): a common noun
// opening a sentence, someone else's attorney or relative, a person "of" an organisation, organisations
// referred to by a noun, roles resolved to the person introduced with them (before or just after),
// "both", a participle of saying, and a setting before the subject.
import { describe, expect, it } from 'vitest';
import { createQuoteLister } from '../../lib/claims/pipeline';
import { createDetector } from '../../lib/detect/detector';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';

describe('speakers in news prose', () => {
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const listQuotes = createQuoteLister(pack);
  const speakerOf = (text: string, snippet: string) =>
    listQuotes(text, detector.detect(text, { force: true }).mentions).find((q) => q.text.includes(snippet))?.speakerName;

  it('reads a common noun opening a sentence as unnamed, and a relative or a lawyer as someone else', () => {
    expect(speakerOf('Authorities said the fire started in a kitchen on the third floor.', 'fire started')).toBe('unnamed');
    expect(speakerOf('Studies have also found that rents rise faster near new stations.', 'rents rise')).toBe('unnamed');
    const lawyer = 'Tomas Ferrer was not at the scene. His attorney said he received hundreds of threats after the post.';
    expect(speakerOf(lawyer, 'hundreds of threats')).toBe('unnamed');
    const father = 'Lena Brook filed the complaint. The girl’s wrist was broken, according to her father, who saw the arrest.';
    expect(speakerOf(father, 'wrist was broken')).toBe('unnamed');
  });

  it('reads names with letters beyond ASCII as names, so a pronoun after them is theirs', () => {
    const text =
      'Anthropic cut its prices, chief executive Dario Amodei said. Tomás Echeverría, who runs a code-review start-up, said his team still finds bugs. “The test only checks that a patch passes,” he said.';
    expect(speakerOf(text, 'his team still finds bugs')).toBe('Tomás Echeverría');
    expect(speakerOf(text, 'only checks that a patch passes')).toBe('Tomás Echeverría');
  });

  it('gives "Name of research firm Organisation said" to the person, and keeps "chief of staff Name" a person', () => {
    const analyst =
      'OpenAI cut its prices. Priya Natarajan of research firm Lumenfield Partners said the pricing showed a change of course.';
    expect(speakerOf(analyst, 'pricing showed')).toBe('Priya Natarajan');
    const aide = 'Days later, the incoming chief of staff Reince Priebus said the plan was dead.';
    expect(speakerOf(aide, 'plan was dead')).toBe('Reince Priebus');
  });

  it('gives a headline\'s quotation to the person after its colon ("“…”: Name on topic")', () => {
    const text = '“Compute is the new oil”: Jensen Huang on the AI boom\nNvidia sold more chips than ever.';
    expect(speakerOf(text, 'Compute is the new oil')).toBe('Jensen Huang');
  });

  it('does not take a platform something was posted to for "the company"', () => {
    const text = 'DeepSeek released V4 on Monday. In a technical report posted to GitHub, the company said V4 has 1.6 trillion parameters.';
    expect(speakerOf(text, 'trillion parameters')).toBe('DeepSeek');
  });

  it('gives a relative clause\'s words to the person or group "who" stands for', () => {
    const group = 'Nvidia sells chips to China. The sales drew fire from lawmakers in both parties who said the chips would help China.';
    expect(speakerOf(group, 'would help China')).toBe('unnamed');
    const person = 'OpenAI has rivals. Anthropic drew praise from David Sacks, a venture investor who said the rules were fair.';
    expect(speakerOf(person, 'rules were fair')).toBe('David Sacks');
  });

  it('reads a deck\'s "Hangzhou lab says" as the organisation the headline named', () => {
    const text = 'DeepSeek ships V4 on new chips\nHangzhou lab says its new model was trained entirely on domestic hardware';
    expect(speakerOf(text, 'trained entirely')).toBe('DeepSeek');
  });

  it('gives "Name of the Organisation told …" to the person', () => {
    const text = 'Capt. Hal Ostrow of the Brindle Police Department told reporters that the driver had fled on foot.';
    expect(speakerOf(text, 'driver had fled')).toBe('Hal Ostrow');
    const writes =
      '“The sample is small,” Wim van Daal of the Netherlands’ Delft Institute of Design writes in a commentary. He says a larger trial is needed before anyone changes the rules.';
    expect(speakerOf(writes, 'larger trial')).toBe('Wim van Daal');
  });

  it('resolves an organisation referred to by a noun', () => {
    const agency =
      'About 3 million households qualify for the rebate, according to the Energy Department. The agency has said it expects most of them to apply by March.';
    expect(speakerOf(agency, 'most of them to apply')).toBe('Energy Department');
    expect(speakerOf('Growth will slow to 1.1% next year, the IMF report says.', 'Growth will slow')).toBe('IMF');
    const spokesman =
      'Halvard Chips makes memory for phones. Halvard’s shares fell 4% on Tuesday. A company spokesman said the drop reflected the wider market.';
    // (the company, by the name the page uses for it there)
    expect(speakerOf(spokesman, 'wider market')).toMatch(/^Halvard/);
    const airlines =
      'The airport is a hub for both Northway Airlines and Cedar Air Lines. Both airlines said they had planned for the strike for weeks.';
    expect(speakerOf(airlines, 'planned for the strike')).toBe('Northway Airlines and Cedar Air Lines');
  });

  it('resolves roles to the person the page introduces with them, before or just after', () => {
    const elect =
      'President-elect Dana Morrow met the generals on Friday. In an interview with a local paper, the president-elect said the meeting had changed her mind on the base.';
    expect(speakerOf(elect, 'changed her mind')).toBe('Dana Morrow');
    const founder =
      'A new book on Ivo Lind, the co-founder of the start-up Quire, describes the early years. “We had no idea what we were doing,” the founder said in 2021.';
    expect(speakerOf(founder, 'no idea what we were doing')).toBe('Ivo Lind');
    const judge =
      'A federal judge in Denver ruled on Monday that the city must reopen the shelter, rejecting its appeal.\nJudge Clara Ibsen wrote that the closure had been rushed.';
    expect(speakerOf(judge, 'must reopen the shelter')).toBe('Clara Ibsen');
    const title = 'French President Luc Armand spoke on Monday. “We will not wait for the others,” the French President said.';
    expect(speakerOf(title, 'not wait for the others')).toBe('Luc Armand');
  });

  it('gives "Both said" to the two people just named, and reads "…, saying …" as reported speech', () => {
    const both =
      'Senator Ada Kerr chairs the panel. Senator Tom Reid is its ranking member.\nKerr said she would file a bill in May. Reid said he was open to it. Both said the details still needed work.';
    expect(speakerOf(both, 'details still needed work')).toBe('Ada Kerr and Tom Reid');
    const saying =
      'Professor Nils Ekberg said the ruling was narrow. The professor disagreed with the plaintiffs, saying most publishers would simply license their books.';
    expect(speakerOf(saying, 'most publishers would')).toBe('Nils Ekberg');
  });

  it('reads a timestamped video transcript, "Name on topic:" leads, a title and comma before the name, and "replying to X that"', () => {
    const show = [
      'Market Hour host Mara Quinlan spoke with Teodor Vasko, a strategist at Fenwick Partners.',
      '00:00 Mara Quinlan',
      'Teodor, should investors be worried about the spending?',
      '00:08 Teodor Vasko',
      'Not yet. The biggest spenders have the cash to do it.',
      '00:30 Teodor Vasko',
      'The smaller players borrowing to keep up worry me more.',
      'Vasko added later that he had sold some of his shares.',
    ].join('\n');
    const all = listQuotes(show, detector.detect(show, { force: true }).mentions);
    expect(all.find((q) => q.text.includes('should investors be worried'))?.speakerName).toBe('Mara Quinlan');
    expect(all.find((q) => q.text.includes('biggest spenders'))?.speakerName).toBe('Teodor Vasko');
    expect(all.find((q) => q.text.includes('smaller players'))?.speakerName).toBe('Teodor Vasko');
    // the timestamp lines are nobody's words
    expect(all.some((q) => /^\d{2}:\d{2}/.test(q.text))).toBe(false);
    const lead = 'Results came on Wednesday.\nIvo Brandt on pricing:\n“We have not cut prices for a single large customer.”';
    expect(speakerOf(lead, 'not cut prices')).toBe('Ivo Brandt');
    const cfo = 'Kestrel’s finance chief, Odile Varga, said spending would rise again next quarter.';
    expect(speakerOf(cfo, 'spending would rise')).toBe('Odile Varga');
    const reply = 'Jon Pell later softened his view, replying to Ruth Amis that the check was “a fair point” after all.';
    expect(speakerOf(reply, 'the check was')).toBe('Jon Pell');
    // "…,” as NPR's Debbie Elliot reported": the one the quoted words are credited to, not the sentence's subject
    const credited =
      'One witness, Ada Pryor, described hiding under a table and "holding her grandson close while the shots went on," as the Herald’s Nancy Ostrom reported.';
    expect(speakerOf(credited, 'holding her grandson')).toMatch(/Nancy Ostrom$/);
    // figures published are no one's words
    expect(speakerOf('Three cloud providers reported results on Wednesday evening.', 'results on')).toBeUndefined();
  });
});
