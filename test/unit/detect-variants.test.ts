// Page-scoped name forms: first names, surnames and quoted nicknames after a full name; a model
// family's short forms once the family is named; sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { ORG_ROLE_AFTER, orgRoleMatches } from '../../lib/detect/variants';
import { compileAliasTable } from '../../lib/kb/alias-table';
import type { Entity } from '../../lib/kb/schema';

type AliasIn = Partial<Entity['aliases'][number]> & { text: string };

function entity(id: string, type: Entity['type'], name: string, aliases: AliasIn[] = [{ text: name }]): Entity {
  const full = aliases.map((a) => ({ case: 'sensitive' as const, ambiguous: false, shortForm: false, ...a }));
  return { id, type, name, aliases: full, description: 'test entity', facts: [], relations: [] };
}

const entities: Entity[] = [
  entity('lab', 'org', 'Northwind Labs'),
  entity('dana-okafor', 'person', 'Dana Okafor'),
  entity('ravi-menon', 'person', 'Ravi Menon'),
  entity('dana-whitfield', 'person', 'Dana Whitfield'),
  entity('will-hartley', 'person', 'Will Hartley'),
  entity('ursula-von-brandt', 'person', 'Ursula von Brandt'),
  entity('theo-quill', 'person', 'Theo Quill', [
    { text: 'Theo Quill' },
    { text: 'Quill', shortForm: true },
    { text: 'Quilly', shortForm: true },
  ]),
  entity('yuhan-wu', 'person', 'Yuhan Wu'),
  entity('eli-wu', 'person', 'Eli Wu', [{ text: 'Eli Wu' }, { text: 'Wu', shortForm: true, ambiguous: true, context: ['Corvid AI'] }]),
  entity('corvid-maker', 'org', 'Corvid AI'),
  entity('pomelo', 'org', 'Pomelo', [{ text: 'Pomelo', ambiguous: true, context: ['fruit company'] }]),
  entity('fei-fei-wen', 'person', 'Fei-Fei Wen'),
  entity('corvid', 'model', 'Corvid', [{ text: 'Corvid', ambiguous: true, context: ['@corvid-maker', 'chatbot'] }]),
  entity('corvid-2-raven', 'model', 'Corvid 2 Raven', [
    { text: 'Corvid 2 Raven' },
    { text: 'Raven 2', shortForm: true, context: ['@corvid', '@corvid-maker'] },
  ]),
  entity('corvid-3-raven', 'model', 'Corvid 3 Raven', [{ text: 'Corvid 3 Raven' }]),
  entity('corvid-3-magpie', 'model', 'Corvid 3 Magpie', [{ text: 'Corvid 3 Magpie' }]),
  entity('corvid-3-pro', 'model', 'Corvid 3 Pro', [{ text: 'Corvid 3 Pro' }]),
  entity('k2', 'model', 'Corvid K2', [{ text: 'Corvid K2' }, { text: 'K2', shortForm: true, ambiguous: true, context: ['@corvid-maker'] }]),
];
const detector = createDetector(compileAliasTable({ version: '0.0.1', entities }));
const found = (text: string) => detector.detect(text, { force: true }).mentions.map((m) => `${m.text}=${m.entityId}`);

describe('page-scoped name variants', () => {
  it('finds first names and surnames after the full name, not before', () => {
    const text =
      'Ravi said little. At Northwind Labs, Ravi Menon and Dana Okafor run research. Later Ravi told Okafor that Dana’s plan would work, and Menon agreed.';
    expect(found(text)).toEqual([
      'Northwind Labs=lab',
      'Ravi Menon=ravi-menon',
      'Dana Okafor=dana-okafor',
      'Ravi=ravi-menon',
      'Okafor=dana-okafor',
      'Dana=dana-okafor',
      'Menon=ravi-menon',
    ]);
  });

  it('takes a surname in a headline above the full name, never a first name', () => {
    const text =
      'Okafor says the lab will ship in spring. Dana was not asked.\nNorthwind Labs research head Dana Okafor told staff on Monday that Okafor’s team is ready.';
    expect(found(text)).toEqual(['Okafor=dana-okafor', 'Northwind Labs=lab', 'Dana Okafor=dana-okafor', 'Okafor=dana-okafor']);
  });

  it('gives a first name two people on the page share to neither', () => {
    const text = 'Dana Okafor and Dana Whitfield met at Northwind Labs. Dana said yes; Whitfield said no.';
    expect(found(text)).toEqual([
      'Dana Okafor=dana-okafor',
      'Dana Whitfield=dana-whitfield',
      'Northwind Labs=lab',
      'Whitfield=dana-whitfield',
    ]);
  });

  it('leaves a first name alone when someone the pack lacks wears it too', () => {
    const text = 'Ravi Menon spoke first. Ravi Shastri, a cricket coach, spoke next. Then Ravi left.';
    expect(found(text)).toEqual(['Ravi Menon=ravi-menon']);
  });

  it('does not take first names that are ordinary words, or a surname after its particles', () => {
    expect(found('Will Hartley leads Northwind Labs. Will it ship? Hartley thinks so.')).toEqual([
      'Will Hartley=will-hartley',
      'Northwind Labs=lab',
      'Hartley=will-hartley',
    ]);
    // the whole surname with its particles is hers ("Von der Leyen" in the held-out set), its last word alone is not
    expect(found('Ursula von Brandt spoke. Von Brandt said Brandt Street was closed.')).toEqual([
      'Ursula von Brandt=ursula-von-brandt',
      'Von Brandt=ursula-von-brandt',
    ]);
  });

  it('reads a quoted nickname inside a full name, then the nickname alone', () => {
    expect(found('Theo “Quilly” Quill runs the lab. Quilly said the model ships soon; Quill agreed.')).toEqual([
      'Theo “Quilly” Quill=theo-quill',
      'Quilly=theo-quill',
      'Quill=theo-quill',
    ]);
  });

  it('does not take a word that is part of another capitalised name', () => {
    expect(found('Dana Okafor visited. The Okafor Foundation, not Dana Okafor’s lab, paid.')).toEqual([
      'Dana Okafor=dana-okafor',
      'Dana Okafor=dana-okafor',
    ]);
  });
});

describe('model family short forms', () => {
  it('counts a family short form once the maker is named', () => {
    expect(found('Corvid AI released K2 last week.')).toEqual(['Corvid AI=corvid-maker', 'K2=k2']);
    expect(found('The climbers reached K2 last week.')).toEqual([]);
  });

  it('reads a bare tier as the tier model the page names most (the last on a tie), else the family; never a generic word', () => {
    const text = 'Corvid 3 Raven beats Corvid 3 Pro. Raven is quick, and Magpie is cheaper, though Pro costs more.';
    expect(found(text)).toEqual(['Corvid 3 Raven=corvid-3-raven', 'Corvid 3 Pro=corvid-3-pro', 'Raven=corvid-3-raven', 'Magpie=corvid']);
    expect(found('A raven and a Magpie sat on the wall.')).toEqual([]);
    // the tier model the page names most, not the one it was last compared with
    const review = 'Corvid 3 Raven is out. Corvid 3 Raven costs less than Corvid 2 Raven did. Fans of Raven will notice.';
    expect(found(review).at(-1)).toBe('Raven=corvid-3-raven');
  });

  it('lets a shortened versioned name follow its family', () => {
    expect(found('Corvid AI says Corvid 3 Magpie is new; Raven 2 is older.')).toEqual([
      'Corvid AI=corvid-maker',
      'Corvid 3 Magpie=corvid-3-magpie',
      'Raven 2=corvid-2-raven',
    ]);
    expect(found('Corvid 3 Magpie is new; Raven 2 is older.')).toEqual(['Corvid 3 Magpie=corvid-3-magpie']);
  });
});

describe('spelling variants', () => {
  it('reads "<Name> AI" written without the space', () => {
    expect(found('CorvidAI shipped a model; Corvid AI said so.')).toEqual(['CorvidAI=corvid-maker', 'Corvid AI=corvid-maker']);
    // only the compiled spelling: other joined forms are not made up
    expect(found('NorthwindLabs said so.')).toEqual([]);
  });

  it('an organisation named in two words goes on by the first, after the full name and unless the page writes it in lower case', () => {
    expect(found('Northwind went first. Northwind Labs raised money; Northwind partner Ann Lee joins.')).toEqual([
      'Northwind Labs=lab',
      'Northwind=lab',
    ]);
    expect(found('Northwind Labs raised money. The northwind blew; Northwind said so.')).toEqual(['Northwind Labs=lab']);
  });

  it("an organisation's ambiguous name is safe on a page naming someone the pack ties to it, before or after", () => {
    const table = compileAliasTable({
      version: '0.0.1',
      entities: [
        entity('halyard', 'org', 'Halyard', [{ text: 'Halyard', ambiguous: true, context: [] }]),
        { ...entity('mira-solberg', 'person', 'Mira Solberg'), relations: [{ type: 'role', target: 'halyard', role: 'CEO' }] },
      ],
    });
    const detect = (text: string) =>
      createDetector(table)
        .detect(text, { force: true })
        .mentions.map((m) => m.text);
    expect(detect('Halyard hires again. The startup is run by Mira Solberg.')).toEqual(['Halyard', 'Mira Solberg']);
    expect(detect('Halyard hires again. The startup is run by someone else.')).toEqual([]);
  });
  it('a nickname in brackets, a two-letter surname, and a surname in a headline just above the full name', () => {
    expect(found('Yuhan (Tony) Wu ran the team at Northwind Labs. Wu left in May.')).toEqual([
      'Yuhan (Tony) Wu=yuhan-wu',
      'Northwind Labs=lab',
      'Wu=yuhan-wu',
    ]);
    // "Wu" is another person's short form in the pack, but that person is not on this page
    expect(found('Yuhan Wu joined Northwind Labs. Wu said little.')).toContain('Wu=yuhan-wu');
    expect(found('Okafor takes over at Northwind Labs\nDana Okafor will run the lab.')[0]).toBe('Okafor=dana-okafor');
    // a first name never before the full name (a surname may be: decks and first lines use it too)
    expect(found('Dana was not there. Dana Okafor spoke later.')[0]).toBe('Dana Okafor=dana-okafor');
  });
  it('an organisation the pack names by an ambiguous word counts in a list beside organisations found', () => {
    expect(found('Researchers came from Northwind Labs and Pomelo.')).toContain('Pomelo=pomelo');
    expect(found('Pomelo, Corvid AI and Northwind Labs signed.')).toContain('Pomelo=pomelo');
    expect(found('She ate a Pomelo and a pear.')).not.toContain('Pomelo=pomelo');
  });
  it('a middle initial inside a full name, a hyphenated first name, an ambiguous organisation before its chief executive', () => {
    expect(found('Investors include Dana E. Okafor.')).toEqual(['Dana E. Okafor=dana-okafor']);
    expect(found('Fei-Fei Wen founded Northwind Labs. Fei-Fei said so.')).toContain('Fei-Fei=fei-fei-wen');
    expect(found('Pomelo chief executive Ana Ruiz spoke.')).toContain('Pomelo=pomelo');
    expect(found('A Pomelo grower spoke.')).not.toContain('Pomelo=pomelo');
  });
});

describe('model names by owner and maker', () => {
  const own: Entity[] = [
    entity('macrosoft', 'org', 'Macrosoft'),
    entity('gitwork', 'org', 'Gitwork'),
    entity('harbor', 'org', 'Harbor'),
    entity('pilot', 'model', 'Macrosoft Pilot', [{ text: 'Macrosoft Pilot' }, { text: 'Pilot' }]),
    entity('gitwork-pilot', 'model', 'Gitwork Pilot', [{ text: 'Gitwork Pilot' }]),
    entity('harbor-lumen', 'model', 'Harbor Lumen', [{ text: 'Harbor Lumen' }]),
    entity('o2', 'model', 'Harbor o2', [{ text: 'Harbor o2' }, { text: 'o2', shortForm: true, context: ['@harbor'] }]),
  ];
  const d = createDetector(compileAliasTable({ version: '0.0.1', entities: own }));
  const names = (text: string) => d.detect(text, { force: true }).mentions.map((m) => `${m.text}=${m.entityId}`);

  it("reads a model word after its owner's possessive or 'its' as the owner's model", () => {
    expect(names("Gitwork's Pilot reviews code.")).toContain('Pilot=gitwork-pilot');
    expect(names('Gitwork opened its Pilot agent to everyone.')).toContain('Pilot=gitwork-pilot');
    expect(names("Macrosoft's Pilot writes email.")).toContain('Pilot=pilot');
  });

  it('goes on by the head of a "<Maker> <Head>" model after the maker, not inside another capitalised name or beside the lower-case word', () => {
    expect(names('Harbor trained its Lumen family on video.')).toContain('Lumen=harbor-lumen');
    expect(names('Harbor opened an office near Lumen Field.')).not.toContain('Lumen=harbor-lumen');
    expect(names('Harbor measured the lumen output of Lumen lamps.').some((n) => n.startsWith('Lumen='))).toBe(false);
  });

  it('leaves a version letter before "visa" alone', () => {
    expect(names('Harbor o2 shipped; he moved on an o2 visa.').filter((n) => n.endsWith('=o2'))).toEqual(['Harbor o2=o2']);
  });
});

describe('orgRoleMatches', () => {
  it('finds what matchAll over the whole text finds', () => {
    const texts = [
      'Acme CEO Bob founder Carl',
      'Meta CEO Mark Zuckerberg chairman Yan and OpenAI co-founder Ilya',
      "Helsing's chief executive Ann, Foo Bar Baz chief technology officer Carl CEO Dan",
      'X CEO Helsing CEO Bob, Éclair Labs’ founder Zoë cofounder Ann chief executive officer Bo',
      'a b CEO. Foo CEO Bar; Ab\u00a0Cd founder\u00a0Éd chairwoman Ok; the founder of it',
    ];
    for (const text of texts) {
      ORG_ROLE_AFTER.lastIndex = 0;
      const all = [...text.matchAll(ORG_ROLE_AFTER)].map((m) => [m.index, m[0], m[1]]);
      expect([...orgRoleMatches(text)].map((m) => [m.index, m[0], m[1]])).toEqual(all);
    }
  });
});
