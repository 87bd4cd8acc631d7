import { describe, expect, it } from 'vitest';
import { discoverNames, parseRoleClause, sentenceBounds } from '../../lib/discover/discover';
import type { Mention } from '../../lib/detect/types';

const names = (text: string, known: string[] = [], mentions: Mention[] = []) =>
  discoverNames(text, mentions, known).map((c) => `${c.name}|${c.type}`);

describe('discovering names from role patterns', () => {
  it('"<Org> CFO X", "departed <Org> engineer X", "Technical Director X": the role before the name', () => {
    const at = (text: string, org: string, id: string): Mention[] => {
      const start = text.indexOf(org);
      return [{ start, end: start + org.length, text: org, entityId: id, name: org, type: 'org' }];
    };
    const cfo = 'Orbitly CFO Harriet Vance said revenue doubled.';
    expect(names(cfo, [], at(cfo, 'Orbitly', 'orbitly'))).toEqual(['Harriet Vance|person']);
    const departed = 'Departed Orbitly engineer Priya Raman said the launch was rushed.';
    const [priya] = discoverNames(departed, at(departed, 'Orbitly', 'orbitly'), []);
    expect(priya).toMatchObject({ name: 'Priya Raman', role: 'engineer', org: 'Orbitly' });
    expect(names('Technical Director Oskar Lindqvist trained the new AI model.')).toEqual(['Oskar Lindqvist|person']);
    // an unknown organisation and nothing about AI: a carmaker's engineer is not discovered
    expect(names('Brisco engineer Paul Hadley fixed the brakes.')).toEqual([]);
  });

  it('"X, the chief executive of Y" gives a person with a role and a new organisation', () => {
    const text = 'Élodie Marchand, the chief executive of Calloway Systems, said the startup would train language models in France.';
    const [person, org] = discoverNames(text, [], []);
    expect(person).toMatchObject({ name: 'Élodie Marchand', type: 'person', role: 'chief executive', org: 'Calloway Systems' });
    expect(org).toMatchObject({ name: 'Calloway Systems', type: 'org' });
    expect(person.spans).toEqual([{ start: 0, end: 15 }]);
    expect(person.sentences).toEqual([text]);
  });

  it('"Y\'s CEO X" and "The company\'s chief technology officer, X"', () => {
    expect(
      names(
        "Quorra's CEO Daniel Okonkwo said the agents read filings. The company's chief technology officer, Hannah Weiss, worked on AI.",
      ),
    ).toEqual(['Daniel Okonkwo|person', 'Hannah Weiss|person']);
  });

  it('"founder X", "founded by X and Y", "hired X as", "X, who leads … at Y"', () => {
    expect(names('When founder Rafael Quintero left, few expected chips.')).toEqual(['Rafael Quintero|person']);
    expect(names('The company was founded in 2024 by Arjun Mehta and Lukas Brenner, both engineers.')).toEqual([
      'Arjun Mehta|person',
      'Lukas Brenner|person',
    ]);
    expect(names('In September, Stackwise hired Carmen Ruiz as its head of product.')).toEqual(['Carmen Ruiz|person']);
    const who = discoverNames('said Katrin Holmqvist, who leads AI policy at the Brussels think tank Digital Futures Forum.', [], []);
    expect(who.map((c) => `${c.name}|${c.type}`)).toEqual(['Katrin Holmqvist|person', 'Digital Futures Forum|org']);
    expect(who[0].role).toBe('leads AI policy');
  });

  it('"X, a partner at Y" links a known organisation to its pack entity instead of discovering it', () => {
    const text = '"Code review is where teams lose time," said Naomi Feldstein, a partner at Andreessen Horowitz, who joins the board.';
    const start = text.indexOf('Andreessen Horowitz');
    const mention: Mention = {
      start,
      end: start + 19,
      text: 'Andreessen Horowitz',
      entityId: 'a16z',
      name: 'Andreessen Horowitz',
      type: 'org',
    };
    const found = discoverNames(text, [mention], ['Andreessen Horowitz'], { knownIds: new Map([['andreessen horowitz', 'a16z']]) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'Naomi Feldstein', role: 'partner', org: 'Andreessen Horowitz', orgEntityId: 'a16z' });
  });

  it('organisations: "the Paris-based startup Z", "Z, a … AI startup", "researchers at Z", "his company, Z,"', () => {
    expect(names('The Paris-based startup Calloway Systems said it raised money to train AI models.')).toEqual(['Calloway Systems|org']);
    expect(names('Cobalt Harbor, a London-based AI startup, raised $75 million.')).toEqual(['Cobalt Harbor|org']);
    expect(names('Researchers at Halden Institute published a benchmark for language models.')).toEqual(['Halden Institute|org']);
    expect(names('Two years later his company, Tessellate, is designing chips for AI inference.')).toEqual(['Tessellate|org']);
  });

  it('people and organisations the pack knows are not "new"', () => {
    const text = 'Sam Altman, the chief executive of OpenAI, said the model was ready.';
    const mention: Mention = { start: 0, end: 10, text: 'Sam Altman', entityId: 'sam-altman', name: 'Sam Altman', type: 'person' };
    expect(names(text, ['Sam Altman', 'OpenAI'], [mention])).toEqual([]);
    // the pack's short forms do not swallow a new person ("Marcus" is Gary Marcus' short form)
    expect(names('said Marcus Feld, head of AI at a retailer.', ['Marcus'])).toEqual(['Marcus Feld|person']);
  });
});

describe('tricky negatives', () => {
  it('places, even before a role-like phrase', () => {
    expect(names('San Francisco, the home of many AI labs, saw rents rise.')).toEqual([]);
    expect(names('The London-based startup said it would hire. New York, a city of startups, disagreed.')).toEqual([]);
  });

  it('job titles and capitalised headings are not names', () => {
    expect(names('Chief Technology Officer roles at AI startups are hard to fill, founders said.')).toEqual([]);
    expect(names('Vice President of Product roles were posted. Chief Executive Officers of partner companies appeared.')).toEqual([]);
  });

  it('possessive phrases after a title are not names', () => {
    expect(names('In President Obama’s Farewell Address he spoke about AI models and jobs.')).toEqual([]);
  });

  it('sentence-initial words and quotes', () => {
    expect(names('Meanwhile, the chief executive of the lab said nothing. "Still, the AI model works," she said.')).toEqual([]);
    expect(names('However Foo, the company said, was late.')).toEqual([]);
  });

  it('products and models named after a company are not organisations', () => {
    expect(names("Calloway's first model, called Brume, is a 40-billion-parameter model.")).toEqual([]);
    expect(names('OpenAI began rolling out Sora, a video model, to Brazil.', ['OpenAI', 'Sora'])).toEqual([]);
  });

  it('organisations described as something other than AI, and universities, are left out', () => {
    expect(names('said Tanvi Deshmukh, chief technology officer at Ledgerly, a fintech startup in Bangalore.')).toEqual([
      'Tanvi Deshmukh|person',
    ]);
    expect(names('said Marcus Feld, head of AI at the online retailer Brightcart.')).toEqual(['Marcus Feld|person']);
    expect(names('Researchers at Stanford University trained a new language model.')).toEqual([]);
    expect(names('The company was founded by former engineers at Stripe who built AI tools.')).toEqual([]);
  });

  it('an org that appears only in a possessive is resolved to its full name, never cut short', () => {
    const found = discoverNames(
      "Vireo Semiconductor, a Seoul startup that designs AI accelerators, grew. Vireo's chief executive, Park Ji-won, said so. Park said more.",
      [],
      [],
    );
    expect(found.map((c) => c.name)).toEqual(['Vireo Semiconductor', 'Park Ji-won']);
    expect(found[1].org).toBe('Vireo Semiconductor');
  });
});

describe('spans and sentences', () => {
  it('adds short forms after the full name: a surname, or the family name first', () => {
    const text =
      'Élodie Marchand, the chief executive of Calloway Systems, spoke. Marchand said Calloway’s model is good. Later Marchand left.';
    const [person, org] = discoverNames(text, [], []);
    expect(person.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Élodie Marchand', 'Marchand', 'Marchand']);
    expect(org.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Calloway Systems', 'Calloway']);
    expect(person.sentences).toHaveLength(3);

    const zhou = 'Lanxing’s founder and chief executive, Zhou Minghao, spoke about AI models. "We spent more time on data," Zhou said.';
    const [z] = discoverNames(zhou, [], []);
    expect(z.name).toBe('Zhou Minghao');
    expect(z.role).toBe('founder and chief executive');
    expect(z.spans.map((s) => zhou.slice(s.start, s.end))).toEqual(['Zhou Minghao', 'Zhou']);
  });

  it('does not use a surname that is also an ordinary word in the article', () => {
    const text = "Greta Holm, the company's president, spoke about robots. The holm oak grew. Holm said more.";
    const [greta] = discoverNames(text, [], []);
    expect(greta.spans).toHaveLength(1);
  });

  it('splits sentences without breaking at "Dr." or "Inc."', () => {
    const text = 'Dr. Helena Strauss spoke. Tesla, Inc. makes cars! Fine.';
    expect(sentenceBounds(text).map((s) => text.slice(s.start, s.end).trim())).toEqual([
      'Dr. Helena Strauss spoke.',
      'Tesla, Inc. makes cars!',
      'Fine.',
    ]);
  });

  it('parses role clauses', () => {
    expect(parseRoleClause('the chief executive of Calloway Systems')).toEqual({
      role: 'chief executive',
      org: 'Calloway Systems',
      owner: undefined,
      orgDescriptor: undefined,
    });
    expect(parseRoleClause("Cobalt Harbor's chief executive and co-founder")).toMatchObject({
      role: 'chief executive and co-founder',
      owner: 'Cobalt Harbor',
    });
    expect(parseRoleClause('the group’s other co-founder')).toMatchObject({ role: 'co-founder' });
    expect(parseRoleClause('a city of startups')).toBeNull();
  });

  it('the roles and appositives AI news introduces people and startups with', () => {
    const at = (text: string, name: string, id: string, type: Mention['type'] = 'org'): Mention[] => {
      const start = text.indexOf(name);
      return [{ start, end: start + name.length, text: name, entityId: id, name, type }];
    };
    const worked = 'She hired Ekin Varga, who previously worked at Orbitly, last week.';
    expect(names(worked, [], at(worked, 'Orbitly', 'orbitly'))).toEqual(['Ekin Varga|person']);
    // a past employer the pack does not know, in a sentence not about AI: nothing
    expect(names('She hired Ekin Varga, who previously worked at Brisco, last week.')).toEqual([]);
    const started = 'Fedorov left Orbitly to start Halcyon Labs with Ekin Varga.';
    expect(names(started, [], at(started, 'Orbitly', 'orbitly'))).toEqual(['Halcyon Labs|org', 'Ekin Varga|person']);
    const board = 'Board members Helen Sato and Tasha Quinn left.';
    expect(names(board, [], at(board, 'Helen Sato', 'helen-sato', 'person'))).toEqual(['Tasha Quinn|person']);
    expect(names('Board members Helen Sato and Tasha Quinn left the bakery.')).toEqual([]);
    expect(names('The lead author, Dr. Tamsin Achebe-Ross, said the AI models were large.')).toEqual(['Tamsin Achebe-Ross|person']);
    expect(names('Dr. Tamsin Achebe-Ross treated the patient.')).toEqual([]);
    const backed = 'The startup is backed by Orbitly and Peak Nine Partners.';
    expect(names(backed, [], at(backed, 'Orbitly', 'orbitly'))).toEqual(['Peak Nine Partners|org']);
    // a person in an investor list is not an organisation
    expect(
      names('The startup is backed by Orbitly and Ann Lee.', [], at('The startup is backed by Orbitly and Ann Lee.', 'Orbitly', 'orbitly')),
    ).toEqual([]);
    expect(names('Halberd Robotics has raised $600 million to build AI robots.')).toEqual(['Halberd Robotics|org']);
    expect(names('Fenwick Bakery has raised $6 million for new ovens.')).toEqual([]);
  });
  it('hires, successors, past employers, roles named by their last word, "X and Y" and round leads', () => {
    const at = (text: string, name: string, id: string, type: Mention['type'] = 'org'): Mention[] => {
      const start = text.indexOf(name);
      return [{ start, end: start + name.length, text: name, entityId: id, name, type }];
    };
    const signed = 'The lab also signed Tomas Reyel, Huan Bi and Ji Lin from Orbitly.';
    expect(names(signed, [], at(signed, 'Orbitly', 'orbitly'))).toEqual(['Tomas Reyel|person', 'Huan Bi|person', 'Ji Lin|person']);
    // "taken" hires only with "from"; no hiring verb in a sentence about nothing the pack knows: nothing
    expect(names('The band had taken Tomas Reyel on tour.')).toEqual([]);
    expect(names('The bakery signed Tomas Reyel last week.')).toEqual([]);
    const named = 'Orbitly named Ana Ruiz to replace him as head of its AI team.';
    expect(names(named, [], at(named, 'Orbitly', 'orbitly'))).toEqual(['Ana Ruiz|person']);
    const formerly = 'Yao Shunyu, formerly of Orbitly, spoke next.';
    expect(names(formerly, [], at(formerly, 'Orbitly', 'orbitly'))).toEqual(['Yao Shunyu|person']);
    expect(names('Kyle Kosic, the infrastructure lead, left the AI company.')).toEqual(['Kyle Kosic|person']);
    expect(names('Vahid Kazemi, a former Orbitly and Brisco researcher, left.')).toEqual(['Vahid Kazemi|person']);
    expect(names('Aparna Sridhar, deputy general counsel at Orbitly, said the AI case was over.')).toEqual(['Aparna Sridhar|person']);
    // a name after "Office of" is part of a longer one
    expect(names('Mara Quill, who directs the Office of Science and Technology Policy, spoke about AI.')).toEqual(['Mara Quill|person']);
    const and = 'Luke Metz, another co-founder, and Sam Schoenholz left the AI lab.';
    expect(names(and)).toEqual(['Luke Metz|person', 'Sam Schoenholz|person']);
    // a photo credit is not a list of people in the story
    const credit = 'Photo by Tim Ward and Edie Frame';
    expect(names(credit, [], at(credit, 'Tim Ward', 'tim-ward', 'person'))).toEqual([]);
    const round = 'It raised $2 billion in a round led by Greenoaks. Greenoaks managing partner Neil Mehta joined the board.';
    expect(names(round)).toEqual(['Greenoaks|org', 'Neil Mehta|person']);
    expect(names('The round was led by Sam Altman.')).toEqual([]);
  });
  it('backers and lists beside a pack organisation, "X, whose Z unit", "the Z founder", co-founders on an AI page', () => {
    const at = (text: string, name: string, id: string, type: Mention['type'] = 'org'): Mention[] => {
      const start = text.indexOf(name);
      return [{ start, end: start + name.length, text: name, entityId: id, name, type }];
    };
    const backers = 'Existing backers Peak XV, Orbitly and Khosla Ventures will invest again.';
    expect(names(backers, [], at(backers, 'Orbitly', 'orbitly'))).toEqual(['Peak XV|org', 'Khosla Ventures|org']);
    // a person in a list of backers is not an organisation
    const person = 'Existing backers Ann Lee and Orbitly will invest again.';
    expect(names(person, [], at(person, 'Orbitly', 'orbitly'))).toEqual([]);
    const beside = 'The ministry picked Orbitly alongside Gnani.ai and Soket AI.';
    expect(names(beside, [], at(beside, 'Orbitly', 'orbitly'))).toEqual(['Gnani.ai|org', 'Soket AI|org']);
    expect(names('The ministry picked Harlow alongside Gnani.ai and Soket AI.')).toEqual([]);
    expect(names('Bhavish Aggarwal, whose Krutrim unit makes AI models, spoke.')).toEqual(['Bhavish Aggarwal|person', 'Krutrim|org']);
    expect(names('Bhavish Aggarwal, whose Krutrim unit sells scooters, spoke.')).toEqual([]);
    expect(names('The view came from Richard Socher, the You.com founder whose lab trains AI models.')).toEqual([
      'Richard Socher|person',
      'You.com|org',
    ]);
    const founders = 'Orbitly sells AI tools.\nCo-founders Vivek Rao and Pratyush Kumar started the company in 2023.';
    expect(names(founders, [], at(founders, 'Orbitly', 'orbitly'))).toEqual(['Vivek Rao|person', 'Pratyush Kumar|person']);
    expect(names('Co-founders Vivek Rao and Pratyush Kumar started the bakery in 2023.')).toEqual([]);
    const worked = 'Steven Adler, who worked on safety testing at Orbitly until 2024, wrote a post.';
    expect(names(worked, [], at(worked, 'Orbitly', 'orbitly'))).toEqual(['Steven Adler|person']);
  });
  it('"X of Y" for paper authors, "Y\'s X said", "co-founded the company with …", "Y chief executive X"', () => {
    const at = (text: string, name: string, id: string, type: Mention['type'] = 'org'): Mention[] => {
      const start = text.indexOf(name);
      return [{ start, end: start + name.length, text: name, entityId: id, name, type }];
    };
    expect(names('A paper by Ryan Greenblatt of Redwood Research found the AI model faked it.')).toEqual([
      'Ryan Greenblatt|person',
      'Redwood Research|org',
    ]);
    const of = 'The study by Evan Hubinger of Orbitly appeared on Monday.';
    expect(names(of, [], at(of, 'Orbitly', 'orbitly'))).toEqual(['Evan Hubinger|person']);
    // no organisation the pack knows, nothing about AI, or no person before it: nothing
    expect(names('A report by Ryan Greenblatt of Redwood Research covered housing.')).toEqual([]);
    expect(names('As Nick of Arachnid Labs says, the AI chip is open.')).toEqual([]);
    const speaks = "Orbitly's Dmitry Shevelenko said the deal was close.";
    expect(names(speaks, [], at(speaks, 'Orbitly', 'orbitly'))).toEqual(['Dmitry Shevelenko|person']);
    const gadget = "Orbitly's Vision Pro costs more.";
    expect(names(gadget, [], at(gadget, 'Orbitly', 'orbitly'))).toEqual([]);
    const founded = 'Orbitly builds AI tools. Li co-founded the company with Justin Johnson and Ben Mildenhall.';
    expect(names(founded, [], at(founded, 'Orbitly', 'orbitly'))).toEqual(['Justin Johnson|person', 'Ben Mildenhall|person']);
    const ceo = 'Orbitly co-chief executive Gundbert Scherf backed the letter.';
    expect(names(ceo, [], at(ceo, 'Orbitly', 'orbitly'))).toEqual(['Gundbert Scherf|person']);
    // quoted experts outside AI are not introduced by these roles
    expect(names('"It may fail," said Joseph Schwieterman, a transportation expert and professor at DePaul University.')).toEqual([]);
  });
  it('"Z, led by X" after a pack organisation, "Z, founded by X" when the name says organisation or X is known', () => {
    const at = (text: string, name: string, id: string, type: Mention['type'] = 'org'): Mention[] => {
      const start = text.indexOf(name);
      return [{ start, end: start + name.length, text: name, entityId: id, name, type }];
    };
    const led = 'Rival Orbitly, led by Bernt Børnich, began taking orders.';
    expect(names(led, [], at(led, 'Orbitly', 'orbitly'))).toEqual(['Bernt Børnich|person']);
    expect(names('The parade, led by Bernt Børnich, began at noon.')).toEqual([]);
    const founded = 'Periodic Labs, founded by Liam Fedus, trains AI models on experiments.';
    expect(names(founded, [], at(founded, 'Liam Fedus', 'liam-fedus', 'person'))).toEqual(['Periodic Labs|org']);
    // (the founder is found by the older "founded by X" pattern; the bakery is no organisation to discover)
    expect(names('The bakery, founded by Liam Fedus, sells bread.').filter((n) => n.endsWith('|org'))).toEqual([]);
  });

  it('a person named in full, then by surname twice or more, speaking, in sentences about AI', () => {
    const profile =
      'Caleb Ostrander left the lab in spring to train models that keep learning. Ostrander argues that frozen models waste compute. "We will see," Ostrander said.';
    expect(names(profile)).toEqual(['Caleb Ostrander|person']);
    // once by surname is not enough; nor a title before a surname; nor a pundit in a story with no AI in it
    expect(names('Caleb Ostrander trains AI models. Ostrander said so.')).toEqual([]);
    expect(names('President-elect Trump spoke. Trump said the AI plan was fine, and Trump left.')).toEqual([]);
    expect(names('Roslyn Layton said the rules were old. Layton argued for change. Layton left the panel.')).toEqual([]);
  });

  it('"X, a researcher who joined from Y" and "X, who studies … at the startup Z": a relative clause that places them', () => {
    const at = (text: string, org: string, id: string): Mention[] => {
      const start = text.indexOf(org);
      return [{ start, end: start + org.length, text: org, entityId: id, name: org, type: 'org' }];
    };
    const joined = 'Ines Carvalho, a multimodal researcher who joined from Orbitly in July, left.';
    expect(names(joined, [], at(joined, 'Orbitly', 'orbitly'))).toEqual(['Ines Carvalho|person']);
    expect(names('"Tests leak," said Lucia Brandt, who studies evaluation at the startup Metricwise, about AI models.')).toEqual([
      'Lucia Brandt|person',
      'Metricwise|org',
    ]);
    // a place of work the pack does not know, with nothing about AI: no one
    expect(names('Mary Jones, who shops at Walmart on Fridays, said no.')).toEqual([]);
  });

  it('one word raising money at a valuation, and the investors after "raised … from" beside a pack investor', () => {
    const text = 'Halyard raised $400 million at a $4 billion valuation in October from Lightspeed Venture Partners and Greenoaks.';
    const start = text.indexOf('Lightspeed Venture Partners');
    const lightspeed: Mention[] = [
      {
        start,
        end: start + 27,
        text: 'Lightspeed Venture Partners',
        entityId: 'lightspeed',
        name: 'Lightspeed Venture Partners',
        type: 'org',
      },
    ];
    expect(names(text, [], lightspeed)).toEqual(['Halyard|org', 'Greenoaks|org']);
    expect(names('Smith raised $40 for charity in a round of golf.')).toEqual([]);
  });
});
