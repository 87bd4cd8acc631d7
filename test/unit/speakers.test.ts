// Who said it on text the pack knows nothing about: pronouns by gender, nominal references
// ("the senator", "the company"), attribution across paragraphs, unnamed and organisational sources.
// Own sentences, written for these tests.
import { describe, expect, it } from 'vitest';
import { PageGenders } from '../../lib/claims/gender';
import { listQuotes } from '../../lib/claims/pipeline';

const speakerOf = (text: string, snippet: string) => listQuotes(text).find((q) => q.text.includes(snippet))?.speakerName;

describe('gender guesses for the people of a page', () => {
  it('reads honorifics, the pronoun after the name, and common first names', () => {
    const g = new PageGenders(
      'Ms. Okafor runs the clinic. Dale Osei said he would vote no. Priya Raman chairs the board. Lindqvist said she was leaving.',
    );
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
    const text =
      'Priya Raman chairs the housing board. Her deputy, Tom Fields, joined last year. Mr. Fields presented the budget on Monday. “We cannot fund both projects,” she said.';
    expect(speakerOf(text, 'cannot fund')).toBe('Priya Raman');
    const two =
      'Carla Nunez met Dale Osei at the hearing. Osei said he would vote no. Later she told reporters that the plan would pass anyway.';
    expect(speakerOf(two, 'plan would pass')).toBe('Carla Nunez');
    expect(speakerOf(two, 'would vote no')).toBe('Dale Osei');
    const back =
      'Mr. Brandt, the treasurer, read the accounts aloud. Then Ms. Adeyemi closed the meeting. “The reserve is nearly gone,” he said.';
    expect(speakerOf(back, 'reserve is nearly gone')).toMatch(/Brandt$/);
  });

  it('leaves the audience out of reported speech after "told"', () => {
    const q = listQuotes('Carla Nunez said little at first. Later she told reporters on the steps that the bill had the votes.').find((x) =>
      x.text.includes('bill had'),
    );
    expect(q?.text).toBe('the bill had the votes');
  });
});

describe('nominal references and organisations as speakers', () => {
  it('gives "the sheriff", "the actress", "the US President" to the person introduced with that role', () => {
    const sheriff =
      'Harlan County sheriff Dwight Moss spoke on Friday. Marchers gathered outside the courthouse. In a later statement, the sheriff said the camp was unsafe for families.';
    expect(speakerOf(sheriff, 'camp was unsafe')).toBe('Dwight Moss');
    const film = 'The musical stars actress Wren Castellano and a cast of newcomers. “We rehearsed in a parking garage,” the actress says.';
    expect(speakerOf(film, 'parking garage')).toBe('Wren Castellano');
    const president =
      'President Odile Ferrand met the delegation on Monday. “We will not reopen the border this year,” the French President said.';
    expect(speakerOf(president, 'reopen the border')).toBe('Odile Ferrand');
    // a described head and the name in the appositive
    expect(speakerOf('The agency’s press officer, Lena Marsh, said today that the forms would be simplified.', 'forms would be')).toBe(
      'Lena Marsh',
    );
  });

  it('gives "the company" and "the government" to the organisation named before, not to a place', () => {
    const company = 'Quillfeather makes software for small print shops. The company says it has doubled its customers since the spring.';
    expect(speakerOf(company, 'doubled its customers')).toBe('Quillfeather');
    const statement =
      'Tarrow Aerospace is in the early stages of the design. The company said in a statement on Monday that it is under contract for the first phase.';
    const q = listQuotes(statement).find((x) => x.text.includes('under contract'));
    expect(q?.speakerName).toBe('Tarrow Aerospace');
    expect(q?.text).toBe('it is under contract for the first phase');
    // a bare name in the trailing clause is the source
    expect(speakerOf('The launch will slip to next year, Corvane announced on Monday.', 'launch will slip')).toBe('Corvane');
  });

  it('still marks unnamed sources and reads a trailing attribution after a clause', () => {
    expect(speakerOf('The plant will close in March, a spokeswoman said.', 'plant will close')).toBe('unnamed');
    expect(speakerOf('The talks broke down late on Thursday, people familiar with the matter said.', 'talks broke down')).toBe('unnamed');
    const text =
      'Mayor Teodora Blix opened the session. In a second statement, the mayor said the bridge would stay shut until the spring.';
    const q = listQuotes(text).find((x) => x.text.includes('bridge would'));
    expect(q?.text).toBe('the bridge would stay shut until the spring');
    expect(q?.speakerName).toBe('Teodora Blix');
  });
});

describe('attribution forms around the speaker', () => {
  it('reads the verb first, a role before the name, and a spokeswoman carried to "she"', () => {
    expect(speakerOf('Asked a Vermont Democrat: “Is it just me or is the debate more fun this year?”', 'debate more fun')).toBe('unnamed');
    expect(
      speakerOf('“It is an odd time for the world economy,” said former Treasury official Amos Quill, who chairs a forum.', 'odd time'),
    ).toBe('Amos Quill');
    const union =
      'The workers are not aiming to disrupt travel, a spokeswoman for the Harbor Workers Union said at a briefing last week.\n“They do want to win public support,” she said.';
    expect(speakerOf(union, 'win public support')).toBe('Harbor Workers Union');
    // only a setting after the verb: the content is the clause before the speaker
    const q = listQuotes(union).find((x) => x.form === 'reported');
    expect(q?.text).toBe('The workers are not aiming to disrupt travel');
  });

  it('gives no one rather than the wrong person when nobody of that gender was named', () => {
    const text = 'Ms. Varga chaired the inquiry. “We found no fault,” he said.';
    expect(speakerOf(text, 'found no fault')).toBeNull();
  });
});

describe('reported speech with any subject', () => {
  it('lists "X said" clauses whose subject is a share, a couple or a described person', () => {
    const survey =
      'Over half (55%) of those surveyed said the move to the cloud was risky. Asked about spending, 49% said they expect budgets to shrink next year.';
    const quotes = listQuotes(survey);
    expect(quotes.find((q) => q.text.includes('move to the cloud'))?.speakerName).toBe('unnamed');
    expect(quotes.find((q) => q.text.includes('budgets to shrink'))?.speakerName).toBe('unnamed');
    const couple = 'Ravi Menon and Ilse Brandt rent a flat near the harbour, but they say they are ready to buy a house this year.';
    expect(speakerOf(couple, 'ready to buy')).toBe('Ravi Menon and Ilse Brandt');
    // a pronoun right after the verb opens the content, it is not an inverted speaker
    const q = listQuotes('The young director says he still misses the old studio lot.').find((x) => x.text.includes('misses'));
    expect(q?.text).toBe('he still misses the old studio lot');
  });
});

describe('forms common in tech news', () => {
  it('reads "X stated" and a long audience before "that"', () => {
    const stated =
      'At a summit in Oslo, Tomas Rehn, Velora’s chief policy officer, addressed the offer. “Velora is not for sale,” Rehn stated, framing the bid as a tactic.';
    expect(speakerOf(stated, 'not for sale')).toBe('Tomas Rehn');
    const memo = listQuotes(
      'Pichler told staff in a Wednesday memo obtained by a news site that the company is beginning a review of the exit.',
    ).find((q) => q.form === 'reported');
    expect(memo?.text).toBe('the company is beginning a review of the exit');
    expect(memo?.speakerName).toBe('Pichler');
  });
});

describe('attribution across paragraphs and around captions', () => {
  it('gives a quotation paragraph to the person the paragraph before reports or introduces', () => {
    const reported =
      'Maren Holt said the lab had misread its own benchmark.\n“We got it wrong. The model was trained on stale data.”\nCritics were less forgiving.';
    expect(speakerOf(reported, 'stale data')).toBe('Maren Holt');
    const introduced =
      'The board met on Friday. Its chair, Ruth Adler, did not hide her frustration.\n“This should never have reached the public.”';
    expect(speakerOf(introduced, 'reached the public')).toBe('Ruth Adler');
    const colon =
      'Maren Holt defended the paper.\nHer colleague Piet Aalders put it differently:\n“The data was fine. The evaluation was not.”';
    expect(speakerOf(colon, 'evaluation was not')).toBe('Piet Aalders');
  });

  it('does not take a person named in a photo caption for the story’s "he"', () => {
    const text =
      'Peter Brandt spent two hours at the hearing on Monday.\nDaniel Ruiz, the plant’s former manager, outside the courthouse in March.\nLena Park/Getty Images\n“I never saw the safety reports,” he said.';
    expect(speakerOf(text, 'safety reports')).toBe('Peter Brandt');
  });
});

describe('"they" for organisations', () => {
  it('gives "they said" to the organisations named just before', () => {
    const two =
      'Harlow Labs, a robotics firm, and Quint Systems, a chipmaker, cut their prices in June. They said demand had slowed in the spring.';
    expect(speakerOf(two, 'demand had slowed')).toBe('Harlow Labs and Quint Systems');
    const one = 'Harlow Labs, a robotics firm, cut its prices in June. They said demand had slowed in the spring.';
    expect(speakerOf(one, 'demand had slowed')).toBe('Harlow Labs');
    // no organisation named: an unnamed source, as before
    expect(speakerOf('Prices fell in June. They said demand had slowed in the spring.', 'demand had slowed')).toBe('unnamed');
  });
});

// The ways AI news credits its speakers: memos, posts on X, earnings calls, analysts' notes, outlets,
// podcasts and Q&A transcripts. Own sentences, with invented people and companies.
describe('AI-news attribution forms', () => {
  it('follows a surname alone back to the full name, and "who" makes a surname a person', () => {
    const memo =
      'Wren Halloway runs the lab. Her deputy, the chip designer Idris Fenn, wrote to his team on Friday. Fenn, who joined in May, was cautious. “Every date I give you will slip,” he wrote.';
    expect(speakerOf(memo, 'Every date I give')).toBe('Idris Fenn');
    const hearing =
      'Commissioner Greta Solberg defended the rules. Tomas Reyes said they would hurt start-ups.\nSolberg rejected that. “Nobody is being pushed out,” she said.';
    expect(speakerOf(hearing, 'Nobody is being pushed')).toBe('Greta Solberg');
  });

  it('reads quotations signed with a dash, a handle or a name and its organisation before a colon', () => {
    expect(speakerOf('The launch slipped again. “Power, not chips, is what holds us back.” –Odile Marchetti', 'Power, not chips')).toBe(
      'Odile Marchetti',
    );
    expect(
      speakerOf(
        'Bram replied hours later.\n"Open weights are how trust gets built." — Sunita Rao (@sunitarao) May 2, 2026',
        'Open weights',
      ),
    ).toBe('Sunita Rao');
    expect(
      speakerOf(
        'Later that day, Ilya Brandt of Cobalt Robotics replied: “Shipping it open is a choice you make for everyone.”',
        'Shipping it',
      ),
    ).toBe('Ilya Brandt');
  });

  it('credits firms for their analysts, notes and forecasts, and outlets named with "per" or "according to"', () => {
    const note =
      'Harrow Brothers analysts wrote in a note that cloud spending would double. The bank said returns were still “far from proven.”';
    expect(speakerOf(note, 'cloud spending would double')).toBe('Harrow Brothers');
    expect(speakerOf(note, 'far from proven')).toBe('Harrow Brothers');
    const forecast =
      'Server sales will reach $300 billion in 2027, according to Kelvin Insight.\nThe research firm forecast that accelerators would make up most of that.';
    expect(speakerOf(forecast, 'accelerators would make up')).toBe('Kelvin Insight');
    expect(speakerOf('The lab will start charging for its API in March, per The Ledger.', 'start charging')).toBe('The Ledger');
    expect(speakerOf('Tessaline Semiconductor on Thursday forecast revenue of about $4 billion for the quarter.', 'revenue of about')).toBe(
      'Tessaline Semiconductor',
    );
    // analysts' estimates are owned, not speaking; "and said" is the subject's second verb
    expect(
      speakerOf(
        'Tessaline Semiconductor reported revenue above analysts’ estimates, and said orders for its chips still outran supply.',
        'orders for its chips',
      ),
    ).toBe('Tessaline Semiconductor');
  });

  it('marks unnamed sources around an organisation, and gives a spokesperson for an organisation to it', () => {
    const close = 'Cobalt Robotics declined to comment. A person close to the company said the board had asked him to stop posting.';
    expect(speakerOf(close, 'board had asked')).toBe('unnamed');
    expect(speakerOf('An Aldwych Labs executive said the offers were “a sign of panic, not of strategy.”', 'sign of panic')).toBe(
      'unnamed',
    );
    const spokesperson =
      'The European Commission published the list on Monday. A spokesperson for the commission said that nine companies had signed.';
    expect(speakerOf(spokesperson, 'nine companies')).toBe('European Commission');
  });

  it('keeps "the company" to the organisation speaking, not one named inside its quotation', () => {
    const text =
      'Quill Compute pushed back. “Ravel is a fine model and proof that inference needs chips,” a Quill Compute spokesperson said. The company added that demand remained strong.';
    expect(speakerOf(text, 'demand remained strong')).toBe('Quill Compute');
  });

  it('carries a block quotation over a paragraph that closes it without reopening it', () => {
    const text =
      'Hollis Varga laid out her view at length:\n“Every platform shift looked like a bubble from inside. The web did.\nThe difference is that the product improves on its own. That has never happened before.”';
    const q = listQuotes(text).find((x) => x.text.includes('improves on its own'));
    expect(q?.text.startsWith('“Every platform shift')).toBe(true);
  });

  it('reads posts and lead-ins: "described … as", a source closing the paragraph with a colon, a post that is only an object', () => {
    expect(
      speakerOf('In a post on X, Noor Halvorsen described the release as “the best model we have ever shipped.”', 'best model we'),
    ).toBe('Noor Halvorsen');
    expect(
      speakerOf('The lab has lost three researchers this month. One insider said:\n“Nobody here knows what the plan is.”', 'plan is'),
    ).toBe('unnamed');
    const post = listQuotes('Noor Halvorsen posted a short video on Sunday. Halvorsen’s post read: “We shipped it today.”');
    expect(post.some((x) => x.text.includes('short video'))).toBe(false);
  });

  it('reads an organisation and a title before the name, an opening "Per …," and "That was how X put it"', () => {
    expect(speakerOf('“Agents will do the paperwork first,” said Vexa CEO Dan Moro.', 'paperwork first')).toBe('Dan Moro');
    expect(speakerOf('Per a report from The Ledger, the lab plans to open an office in Tokyo.', 'open an office')).toBe('The Ledger');
    expect(speakerOf('“Every form will become a conversation.” That was how Hana Brill put it.', 'form will become')).toBe('Hana Brill');
  });

  it('reads an embedded post signed "— Name (@handle) date", and a quotation over paragraphs after a person introduced alone', () => {
    const post =
      'Orla Finch posted about the launch on Saturday.\nthe new model is out and it is the best thing we have made\n— Orla Finch (@orlafinch) March 3, 2026\nThe company declined to say more.';
    const quotes = listQuotes(post);
    expect(quotes.find((x) => x.text.includes('best thing we have made'))?.speakerName).toBe('Orla Finch');
    expect(quotes.some((x) => x.text.includes('about the launch'))).toBe(false);
    const call =
      'Nadia Osei spoke to analysts on Thursday.\n“Our cloud unit grew faster than we planned.\n“We expect the new chip to ship next spring.”\nShares rose.';
    expect(speakerOf(call, 'ship next spring')).toBe('Nadia Osei');
  });

  it('gives "the report said" to the outlet credited before, and leaves settings and conditions out', () => {
    const report =
      'The lab will license its model to a carmaker, according to The Ledger.\nThe deal could be signed in June, the report said, citing two people briefed on it.';
    expect(speakerOf(report, 'signed in June')).toBe('The Ledger');
    const q = listQuotes(
      'Cobalt Robotics has raised $2 billion in new funding, the company said on Friday, valuing it at $40 billion.',
    ).find((x) => x.text.includes('raised $2 billion'));
    expect(q?.text).toBe('Cobalt Robotics has raised $2 billion in new funding');
    const anonymous = listQuotes(
      '“She never cut a corner,” said one Cobalt engineer, who asked not to be named. The host asked whether the plant had enough power.',
    );
    expect(anonymous.map((x) => x.text)).toEqual(['“She never cut a corner,”']);
  });

  it('gives transcript answers to the person interviewed, by name, and skips an unnamed interviewer', () => {
    const text =
      'Mira Castellane, the founder of Ostrava AI, spoke to reporters after the keynote.\nQ: Will the model be open?\nA: Not this one. The next one will be, and it will run on a laptop.\nQ: When?\nA: Before the end of the year, if the evaluations hold.';
    const quotes = listQuotes(text);
    expect(quotes.find((x) => x.text.includes('run on a laptop'))?.speakerName).toBe('Mira Castellane');
    expect(quotes.find((x) => x.text.includes('evaluations hold'))?.speakerName).toBe('Mira Castellane');
    expect(quotes.some((x) => x.text.includes('Will the model be open'))).toBe(false);
    const podcast =
      'Lena Oduya, the chief executive of Corvid Labs, was the guest. The host, Piers Amble, asked about safety.\nAMBLE: Are you worried about evaluations?\nODUYA: Of course. We spend a third of our compute on them.';
    expect(speakerOf(podcast, 'third of our compute')).toBe('Lena Oduya');
    expect(speakerOf(podcast, 'worried about evaluations')).toBe('Piers Amble');
  });
});
