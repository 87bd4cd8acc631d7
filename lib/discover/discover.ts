// Names the pack does not know, found from the roles articles give them ("X, the chief executive
// of Y", "Y's CEO X", "the Paris-based startup Z", "researchers at Z"). Pure: text in, candidates
// out. Precision first: a wrong "new name" costs the reader more than a missed one, so every
// pattern needs a role or an AI-flavoured descriptor, and places, titles and institutions are out.
import type { Mention } from '../detect/types';
import { isPlace, ORG_EXCLUDE_WORD, ORG_WORDS, STOP_WORDS } from './lexicon';
import type { DiscoveredName, DiscoveredType } from './types';

export type { DiscoveredName } from './types';

// A person's name token: capitalised, ending in a lower-case letter (so "AI", "CEO", "US" are not
// names), with inner capitals and apostrophes ("McKay", "O'Neill") and hyphenated parts ("Ji-won").
const PTOK = String.raw`\p{Lu}[\p{L}\p{M}'’]*[\p{Ll}\p{M}](?:-\p{L}[\p{L}\p{M}]*)*`;
const PARTICLE = `(?:de|da|di|van|von|der|den|du|del|la|le|bin|ibn|al|dos|das|ter)`;
const PERSON = String.raw`${PTOK}(?:[ \u00A0](?:${PARTICLE}[ \u00A0])?${PTOK}){1,3}`;
// An organisation's token: capitalised or digit-led, letters, digits, "&", "." inside ("Ai2", "X.AI").
const OTOK = String.raw`(?:\p{Lu}|\d)[\p{L}\p{N}&]*(?:[.-][\p{L}\p{N}]+)*`;
// "Center for Democratic Technology", "Bank of America": for/of/on may join the words of one name
const ORG = String.raw`${OTOK}(?:[ \u00A0](?:(?:for|of|on)[ \u00A0])?${OTOK}){0,3}`;
const B = String.raw`(?<![\p{L}\p{N}_'’.-])`;
const E = String.raw`(?![\p{L}\p{N}_])`;

/** Words a role may start with (after modifiers such as "other", "former"). */
const ROLE_START = new Set([
  'chief',
  'ceo',
  'cto',
  'coo',
  'cfo',
  'cso',
  'president',
  'vice',
  'founder',
  'co-founder',
  'cofounder',
  'partner',
  'managing',
  'general',
  'founding',
  'head',
  'director',
  'executive',
  'research',
  'researcher',
  'scientist',
  'engineer',
  'chair',
  // "X, a product manager at Anthropic" (not "policy": civil-liberties groups have policy directors too)
  'product',
  'program',
  'engineering',
  'technical',
  'chairman',
  'chairwoman',
  'chairperson',
  'professor',
  'senior',
  'principal',
  'staff',
  'lead',
  'investor',
  'leader',
  'analyst',
  'fellow',
  'member',
  'cofounders',
  'co-founders',
  'founders',
]);
const ROLE_MODIFIER = new Set([
  'other',
  'another',
  'new',
  'former',
  'longtime',
  'current',
  'interim',
  'first',
  'then',
  'acting',
  'top',
  'deputy',
]);
// "the infrastructure lead", "a former OpenAI and Google researcher": a role named by its last word, after a few
// words that say what of
const ROLE_HEAD =
  /^((?:[\p{L}][\p{L}\p{N}.&-]*\s+){1,4}?)(lead|researcher|scientist|executive|founder|co-?founder|investor|officer|partner)\b/u;
/** Roles that tie a person to an organisation strongly enough to make the organisation a candidate too. */
const STRONG_ROLE =
  /\b(chief|ceo|cto|coo|cfo|president|founder|co-?founder|partner|head|director|chair|lead|scientist|researcher|engineer)\b/i;
/** Roles that say the organisation before them is the person's own or run by them ("Infosys co-founder", "the You.com founder"). */
const OWNING_ROLE = /\b(?:founder|co-?founder|chief executive|ceo|cto|chief \w+ officer)\b/i;
/** Evidence that a descriptor or sentence is about AI, computing or the business of it. */
const AI_EVIDENCE =
  /\b(AI|A\.I\.|artificial intelligence|machine learning|deep learning|models?|LLMs?|agents?|chatbots?|assistants?|GPUs?|chips?|accelerators?|semiconductors?|inference|training|neural|robots?|robotics|compute|data ?cent(?:er|re)s?|benchmarks?|algorithms?|alignment|autonomous|datasets?|speech recognition|computer vision|reinforcement learning|foundation models?)\b/i;
const ORG_DESCRIPTOR =
  /\b(startup|start-up|lab|laboratory|company|nonprofit|non-profit|firm|chipmaker|think tank|research group|fund|venture firm|developer|maker|institute|organi[sz]ation)\b/i;

interface Sentence {
  start: number;
  end: number;
}

interface Raw {
  name: string;
  type: DiscoveredType;
  start: number;
  role?: string;
  org?: string;
  evidence: string;
}

export interface DiscoverOptions {
  /** entity ids by lower-case alias, to link a role's organisation to a pack entity */
  knownIds?: Map<string, string>;
}

const re = (source: string) => new RegExp(source, 'gu');

// P1: "Élodie Marchand, the chief executive of Calloway Systems" / "said Dr. Helena Strauss, the group's executive director"
const PERSON_THEN_ROLE = re(String.raw`${B}(?<person>${PERSON}),[ \u00A0](?<clause>(?:[^,.;:!?"“”\n]|\.(?=\p{L})){3,120})`);
// P2: "Quorra's CEO Daniel Okonkwo" / "The company's chief technology officer, Hannah Weiss" / "Its chief executive, Beatrice Lund"
const OWNER_ROLE_PERSON = re(
  String.raw`${B}(?:(?<owner>${ORG})['’]s|(?:[Tt]he|[Ii]ts|[Tt]heir)[ \u00A0](?:company|group|lab|startup|firm|institute|organi[sz]ation|fund)['’]s|[Ii]ts|[Tt]heir)[ \u00A0](?<role>(?:(?:[\p{Ll}-]+|CEO|CTO|COO|CFO|AI)[ \u00A0]){0,6}?(?:[\p{Ll}-]+|CEO|CTO|COO|CFO|AI)),?[ \u00A0](?:is[ \u00A0])?(?<person>${PERSON})${E}`,
);
// P3: "When founder Rafael Quintero left" / "French President Emmanuel Macron"
const TITLE_PERSON = re(
  String.raw`${B}(?<title>[Cc]o-?founder|[Ff]ounder|[Cc]hief executive|CEO|[Cc]hief scientist|[Cc]hief technology officer|CTO|President|Prime Minister|Minister|Senator|Governor|investor|venture capitalist|researcher|AI researcher)[ \u00A0](?<person>${PERSON})${E}(?![ \u00A0]?['’]s)`,
);
// P4: "founded in 2024 by Arjun Mehta and Lukas Brenner"
const FOUNDED_BY = re(
  String.raw`${B}(?:co-?founded|founded|started)(?:[ \u00A0](?:in[ \u00A0]\d{4}|last year|this year|in[ \u00A0]the[ \u00A0]\p{Ll}+))?[ \u00A0]by[ \u00A0](?<list>${PERSON}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${PERSON}){0,3})${E}`,
);
// P5: "Katrin Holmqvist, who leads AI policy at the Brussels think tank Digital Futures Forum"
const PERSON_WHO = re(
  String.raw`${B}(?<person>${PERSON}),[ \u00A0]who[ \u00A0](?<clause>(?:leads|led|runs|ran|heads|headed|founded|co-founded|oversees|oversaw|manages|managed|directs|directed)[ \u00A0][^,.;:!?"“”\n]{2,120})`,
);
// P6: "hired Carmen Ruiz as its head of product" / "hired Tang Tan, a former Apple executive, as …"
const HIRED_AS = re(
  String.raw`${B}(?:hired|appointed|named|promoted|poached|recruited)[ \u00A0](?<person>${PERSON})(?:,[ \u00A0](?:a|an|the)[ \u00A0][^,.;:!?"“”\n]{3,80},)?[ \u00A0](?:as|to)[ \u00A0](?<clause>[^,.;:!?"“”\n]{3,80})`,
);
// P7: "Medora, whose chief executive Alice Brennan"
const ORG_WHOSE_ROLE = re(
  String.raw`${B}(?<org>${ORG}),[ \u00A0]whose[ \u00A0](?<role>(?:[\p{Ll}-]+[ \u00A0]){1,5})(?<person>${PERSON})${E}`,
);
// P8: "OpenAI CFO Harriet Vance" / "departed Meta engineer Priya Raman" / "Anthropic chief product officer Mara Okoye"
const ROLE_TITLE = String.raw`(?:(?:[Cc]o-)?CEO|CFO|CTO|COO|CPO|CSO|CRO|VP|SVP|EVP|(?:[Cc]o-)?[Cc]hief[  ]executive|[Cc]hief(?:[  ]\p{Ll}+){1,2}[  ][Oo]fficer|[Cc]hief[  ](?:scientist|economist|architect)|(?:(?:senior|staff|principal|lead|former|AI|ML|research|software|founding)[  ]){0,2}(?:engineer|researcher|scientist)|[Cc]o-?founder|[Ff]ounder|[Pp]resident|[Vv]ice[  ][Pp]resident(?:[  ]of[  ]\p{Ll}+)?|[Hh]ead(?:[  ]of[  ]\p{Ll}+)?|[Tt]echnical[  ][Dd]irector|[Mm]anaging[  ][Dd]irector|[Dd]irector[  ]of[  ]\p{Ll}+|[Pp]roduct[  ][Mm]anager|(?:(?:[Gg]eneral|[Mm]anaging|[Ff]ounding)[  ])?[Pp]artner)`;
const ORG_ROLE_PERSON = re(
  `${B}(?:(?:[Dd]eparted|[Ff]ormer|[Ee]x-|[Ll]ongtime|[Nn]ew|[Ii]nterim|[Aa]cting)[  ])?(?<owner>${OTOK}(?:[  ]${OTOK}){0,2})[  ](?<role>${ROLE_TITLE})[  ](?<person>${PERSON})${E}`,
);
// P9: "Technical Director Oskar Lindqvist" / "Chief Technology Officer Ana Ruiz" (a capitalised title alone)
const CAP_TITLE_PERSON = re(
  `${B}(?<title>Technical Director|Managing Director|Chief (?:Technology|Financial|Operating|Product|Science|Scientific|Research|AI|Executive) Officer|Chief Scientist|Co-?[Ff]ounder|General Partner|Head of (?:AI|Research|Engineering|Product))[  ](?<person>${PERSON})${E}(?![  ]?['’]s)`,
);
// P10: "Ekin Varga, who previously worked at Google DeepMind" (a past employer the pack knows, or AI work)
const PERSON_WHO_WORKED = re(
  String.raw`${B}(?<person>${PERSON}),[ \u00A0]who[ \u00A0](?:(?:previously|formerly|once|also|until[ \u00A0]recently)[ \u00A0])?(?:worked|works|left|joined|quit)[ \u00A0](?:on[ \u00A0][^,.;:!?"“”\n]{1,60}?[ \u00A0](?=at[ \u00A0]|for[ \u00A0]))?(?:(?:at|for)[ \u00A0])?(?<org>${OTOK}(?:[ \u00A0]${OTOK}){0,2})${E}`,
);
// "X, a multimodal researcher who joined from Google DeepMind", "X, who studies evaluation at the startup
// Metricwise", "X, who worked alongside him and is now at Anthropic": a relative clause that places them
const PERSON_WHO_AT = re(
  String.raw`${B}(?<person>${PERSON}),[ \u00A0](?:(?:a|an)[ \u00A0](?:[\p{Ll}-]+[ \u00A0]){0,2}(?:researcher|engineer|scientist|executive|founder|investor|developer|designer)[ \u00A0])?who[ \u00A0](?:[\p{Ll}-]+[ \u00A0]){1,8}?(?:at|from|for)[ \u00A0](?<desc>the[ \u00A0](?:startup|start-up|lab|company)[ \u00A0])?(?<org>${OTOK}(?:[ \u00A0]${OTOK}){0,2})${E}`,
);
// P11: "left OpenAI to start Halcyon Labs with Ekin Varga" (the new organisation and the co-founder)
const STARTED_WITH = re(
  String.raw`${B}(?:start|started|starting|found|founded|co-?founded|launch|launched|set[ \u00A0]up)[ \u00A0](?<org>${ORG})[ \u00A0]with[ \u00A0](?<person>${PERSON})${E}`,
);
// P12: "Board members Helen Toner and Tasha McCauley" (a plural role before a list of names)
const ROLE_LIST = re(
  String.raw`${B}(?:[Bb]oard[ \u00A0]members|[Cc]o-?founders|[Ff]ounders|[Rr]esearchers|[Ii]nvestors|[Ee]xecutives|[Ee]ngineers|[Ss]cientists|[Dd]irectors)[ \u00A0](?<list>${PERSON}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${PERSON}){1,4})${E}`,
);
// P13: "The lead author, Dr. Tamsin Achebe-Ross, said" (an honorific before a full name)
const HONORIFIC_PERSON = re(String.raw`${B}(?:Dr|Prof|Professor)\.?[ \u00A0](?<person>${PERSON})${E}`);
// P14: "Lucas Beyer is among them, along with Xiaohua Zhai and Alexander Kolesnikov"
const ALONG_WITH = re(
  String.raw`${B}(?:along[ \u00A0]with|alongside|together[ \u00A0]with|joined[ \u00A0]by)[ \u00A0](?<list>${PERSON}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${PERSON}){0,3})${E}`,
);
// P15: "has hired Trapit Bansal, who…" / "signed Shuchao Bi, Huiwen Chang and Ji Lin from OpenAI" / "had taken
// Lucas Beyer and Xiaohua Zhai from OpenAI" (a hiring verb before a list of names; "taken" needs "from")
const PERSON_LIST = String.raw`(?<list>${PERSON}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${PERSON}){0,5})${E}`;
const HIRE_LIST = re(
  String.raw`${B}(?<verb>hired|hires|hiring|poached|poaches|recruited|recruits|signed|signs|lured|lures|tapped|taps|nabbed|snagged|taken|took|grabbed)[ \u00A0](?:away[ \u00A0])?${PERSON_LIST}(?<from>[ \u00A0]from)?`,
);
// P16: "named Soumith Chintala to replace him" / "picked Ana Ruiz as her successor"
const NAMED_SUCCESSOR = re(
  String.raw`${B}(?:named|appointed|tapped|picked|chose|promoted)[ \u00A0](?<person>${PERSON})[ \u00A0](?:to[ \u00A0](?:replace|succeed)|as[ \u00A0](?:his|her|their|its)[ \u00A0](?:successor|replacement))${E}`,
);
// P17: "Yao Shunyu, formerly of OpenAI and now…" (a past employer right after the name)
const PERSON_FORMERLY = re(
  String.raw`${B}(?<person>${PERSON}),[ \u00A0](?:formerly|previously|most[ \u00A0]recently|until[ \u00A0]recently|late)[ \u00A0](?:of|at|with)[ \u00A0](?<org>${OTOK}(?:[ \u00A0]${OTOK}){0,2})${E}`,
);
// P18: "with Luke Metz, another co-founder, and Sam Schoenholz" (a name joined by "and" to a person already found)
const AND_PERSON = re(
  String.raw`${B}(?<a>${PERSON})(?:,[ \u00A0][^,.;:!?"“”\n()]{3,80},)?,?[ \u00A0]and[ \u00A0](?<b>${PERSON})${E}(?![ \u00A0]?['’]s[ \u00A0]+(?:company|lab|startup|firm))`,
);
// P19: "Bhavish Aggarwal, whose Krutrim unit makes models" (the person and the organisation they own)
const PERSON_WHOSE_ORG = re(
  String.raw`${B}(?<person>${PERSON}),[ \u00A0]whose[ \u00A0](?:own[ \u00A0]|new[ \u00A0])?(?<org>${ORG})[ \u00A0](?:unit|start-?up|company|lab|venture|firm|group|business)${E}`,
);
// O9: "picked Sarvam alongside Gnani.ai and Soket AI" (names that say they are organisations, listed beside a pack one)
const BESIDE_KNOWN = re(
  String.raw`${B}(?<known>${OTOK}(?:[ \u00A0]${OTOK}){0,2})[ \u00A0](?:alongside|along[ \u00A0]with|as[ \u00A0]well[ \u00A0]as|together[ \u00A0]with|and)[ \u00A0](?<list>${ORG}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${ORG}){0,3})${E}`,
);
// P20: "a paper by Ryan Greenblatt of Redwood Research" (a person of an organisation: one the pack knows, one whose
// name says it is an organisation, an acronym or a university, in a sentence about AI)
const PERSON_OF_ORG = re(String.raw`${B}(?<person>${PERSON})[ \u00A0]of[ \u00A0](?:the[ \u00A0])?(?<org>${ORG})${E}`);
// P21: "Perplexity's Dmitry Shevelenko said" (a pack organisation's person, who speaks)
const OWNER_PERSON_SPEAKS = re(
  String.raw`${B}(?<owner>${OTOK}(?:[ \u00A0]${OTOK}){0,2})['’]s?[ \u00A0](?<person>${PERSON}),?[ \u00A0](?:said|says|told|wrote|writes|argued|argues|added|noted|explained|warned|thinks|believes|predicted|posted|agreed|who)${E}`,
);
// P22: "co-founded the company with Justin Johnson, Christoph Lassner and Ben Mildenhall"
const COFOUNDED_WITH = re(
  String.raw`${B}(?:co-?founded|founded|started|launched|set[ \u00A0]up)[ \u00A0](?:the[ \u00A0](?:company|start-?up|lab|firm)|it)[ \u00A0]with[ \u00A0]${PERSON_LIST}`,
);
// P23: "1X Technologies, led by Bernt Børnich" / "Periodic Labs, founded by Liam Fedus…" (an organisation, then who runs or
// founded it: the person after a pack organisation, the organisation when its name says so or a pack person founded it)
const ORG_LED_BY = re(
  String.raw`${B}(?<org>${ORG}),[ \u00A0](?:(?:which|that)[ \u00A0](?:is|was)[ \u00A0])?(?<verb>led|run|headed|founded|co-?founded|started)[ \u00A0](?:in[ \u00A0]\d{4}[ \u00A0])?by[ \u00A0](?<person>${PERSON})${E}`,
);
// O8: "a round led by Greenoaks" (who leads a funding round is an investor)
const ROUND_LED_BY = re(
  String.raw`${B}(?:round|rounds|funding|financing|investment|raise)(?:[ \u00A0][\p{Ll}$€£\d.,-]+){0,4}[ \u00A0]led[ \u00A0]by[ \u00A0](?<org>${ORG})${E}`,
);
// O6: "backed by Lightspeed and Peak XV Partners" (investors listed beside one the pack knows)
const BACKED_BY = re(
  String.raw`${B}(?:(?:backed|funded|financed|led)[ \u00A0]by|[Bb]ackers|[Ii]nvestors(?:[ \u00A0](?:including|include|included|such[ \u00A0]as|like))?)[ \u00A0](?<list>${ORG}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${ORG}){1,4})${E}`,
);
// O7: "Halberd Robotics has raised $600 million" / "Figure AI rival Halberd Robotics" (a name that says
// it is an organisation, raising money or set against one the pack knows)
// "raised $400 million … from Lightspeed Venture Partners and Greenoaks": the investors after "from"
const FUNDED_FROM = re(
  String.raw`${B}(?:raised|raises|secured|closed)[ \u00A0][^.;:!?\n]{0,80}?[ \u00A0]from[ \u00A0](?<list>${ORG}(?:(?:,[ \u00A0]|,?[ \u00A0]and[ \u00A0])${ORG}){1,4})${E}`,
);
const ORG_RAISED = re(
  String.raw`${B}(?<org>${ORG})[ \u00A0](?:has[ \u00A0]|have[ \u00A0])?(?:raised|raises|closed|secured)[ \u00A0](?:about[ \u00A0]|nearly[ \u00A0]|more[ \u00A0]than[ \u00A0])?[$€£]\d`,
);
const RIVAL_OF_KNOWN = re(
  String.raw`${B}(?<known>${OTOK}(?:[ \u00A0]${OTOK}){0,2})[ \u00A0](?:rival|competitor|peer)[ \u00A0](?<org>${ORG})${E}`,
);
// O1: "the Paris-based startup Calloway Systems" / "the Brussels think tank Digital Futures Forum"
const DESCRIBED_ORG = re(
  String.raw`${B}(?:[Tt]he|[Aa]n?|[Ii]ts)?[ \u00A0]?(?:(?:\p{Lu}[\p{L}.]*[ \u00A0])*\p{Lu}[\p{L}.]*-based[ \u00A0]|\p{Lu}[\p{Ll}]+[ \u00A0])?(?:(?:AI|robotics|chip|software|AI safety|research|open-source)[ \u00A0])?(?<kind>startup|start-up|think tank|chipmaker|AI lab|research lab|nonprofit)[ \u00A0](?:called[ \u00A0]|named[ \u00A0])?(?<org>${ORG})${E}`,
);
// O2: "Quorra Labs, a New York startup that builds agents" / "Halden Institute, a nonprofit AI lab"
const ORG_APPOSITIVE = re(String.raw`${B}(?<org>${ORG}),[ \u00A0](?:a|an)[ \u00A0](?<desc>[^,.;:!?\n]{3,160})`);
// O3: "Researchers at Halden Institute"
const PEOPLE_AT_ORG = re(
  String.raw`${B}(?<who>[Rr]esearchers|[Ss]cientists|[Ee]ngineers)[ \u00A0](?:at|from)[ \u00A0](?:the[ \u00A0])?(?<org>${ORG})${E}`,
);
// O5: "his company, Tessellate, is designing chips" / "The company, Lanxing Intelligence, was founded"
const COMPANY_NAMED = re(
  String.raw`${B}(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)[ \u00A0](?:new[ \u00A0])?(?:company|startup|start-up|lab|venture|firm),[ \u00A0](?<org>${ORG}),`,
);
// O4: "has joined Fathom Compute as chief scientist"
const JOINED_AS = re(
  String.raw`${B}(?:joined|join|joins|joining)[ \u00A0](?<org>${ORG})[ \u00A0]as[ \u00A0](?<clause>[^,.;:!?"“”\n]{3,60})`,
);

export function sentenceBounds(text: string): Sentence[] {
  const out: Sentence[] = [];
  // a sentence ends at . ! ? (and closing quotes) followed by space and a capital or quote, or at a newline
  const boundary =
    /(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|vs|No|U\.S|U\.K|e\.g|i\.e))[.!?]["”’)]*(?=\s+["“‘(]?[\p{Lu}\d])|\n+/gu;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim()) out.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}

function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= offset) lo = mid + 1;
    else if (sentences[mid].start > offset) hi = mid - 1;
    else return sentences[mid];
  }
  return undefined;
}

function words(name: string): string[] {
  return name.split(/[ \u00A0]+/);
}

export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Drops sentence openers and determiners glued to the front of an organisation ("Meanwhile Foo Labs"). */
function trimOrg(org: string): string {
  const parts = words(org);
  while (parts.length && STOP_WORDS.has(parts[0].toLowerCase())) parts.shift();
  return parts.join(' ');
}

const knownSets = new WeakMap<object, Set<string>>();
/** The pack's names as keys, built once per list (the content script passes the same list every scan). */
function knownSet(names: Iterable<string>): Set<string> {
  const cached = knownSets.get(names as object);
  if (cached) return cached;
  const set = new Set([...names].map(nameKey));
  knownSets.set(names as object, set);
  return set;
}

interface Known {
  names: Set<string>;
  ids: Map<string, string>;
}

function isKnown(name: string, known: Known, type: DiscoveredType): boolean {
  const key = nameKey(name);
  if (known.names.has(key)) return true;
  // people are compared whole: the pack's short forms ("Marcus" for Gary Marcus) say nothing of "Marcus Feld"
  if (type === 'person') return false;
  // "Meta Platforms": a known organisation followed by one extra word is still that organisation
  const parts = words(key);
  for (let i = parts.length - 1; i >= 1; i--) if (known.names.has(parts.slice(0, i).join(' ')) && parts.length - i <= 1) return true;
  return false;
}

function plausiblePerson(name: string, known: Known): boolean {
  const parts = words(name).filter((w) => !/^\p{Ll}/u.test(w));
  if (parts.length < 2 || parts.length > 4) return false;
  // "Obama’s Farewell Address": a possessive inside is a phrase, not a name
  if (parts.some((w) => /['’]s$/u.test(w))) return false;
  for (const w of parts) {
    const lw = w.toLowerCase();
    if (STOP_WORDS.has(lw) || ORG_WORDS.has(lw)) return false;
  }
  if (isPlace(name) || isKnown(name, known, 'person')) return false;
  // a person's name does not contain a known organisation ("Meta Superintelligence")
  if (parts.some((w) => known.names.has(w.toLowerCase()) && !/^\p{Lu}\p{Ll}+$/u.test(w))) return false;
  return true;
}

function plausibleOrg(name: string, lowerWords: ReadonlySet<string>, known: Known): boolean {
  if (!name || name.length < 3 || name.length > 60) return false;
  if (/-based\b/.test(name)) return false;
  const parts = words(name);
  // a trailing initial means the match stopped inside a person's name ("Dana F.")
  if (parts.length > 1 && /^\p{Lu}$/u.test(parts[parts.length - 1])) return false;
  if (parts.length > 4) return false;
  if (STOP_WORDS.has(parts[0].toLowerCase())) return false;
  if (parts.some((w) => ORG_EXCLUDE_WORD.has(w.toLowerCase()))) return false;
  if (isPlace(name) || isKnown(name, known, 'org')) return false;
  if (parts.length === 1) {
    const w = parts[0];
    if (w.length < 4 || STOP_WORDS.has(w.toLowerCase())) return false;
    // a single word also used in lower case in the article is an ordinary word ("Still", "Apple")
    if (lowerWords.has(w.toLowerCase())) return false;
  }
  return true;
}

const PERSON_ANYWHERE = new RegExp(PERSON, 'gu');
const PERSON_SHAPED = new RegExp(`^${PERSON}$`, 'u');
const POSSESSIVE_START = new RegExp(`^(?<owner>${ORG})['’]s\\s+`, 'u');
// the organisation follows the last " at " / " of " that leads to a capitalised name
const ORG_TAIL = new RegExp(
  `\\s(?:at|of|with)\\s(?:the\\s(?<desc>(?:[\\p{L}-]+\\s){0,4}?))?(?<org>${ORG})(?:\\s+(?:who|which|that|and|in|since|where)\\b.*)?$`,
  'u',
);

/** "the chief executive of Calloway Systems" → role and organisation. */
export function parseRoleClause(
  clause: string,
): { role: string; org?: string; owner?: string; orgDescriptor?: string; ownerBeforeRole?: boolean } | null {
  let rest = clause.trim().replace(/^(?:the|a|an|its|their|his|her)\s+/i, '');
  let owner: string | undefined;
  const poss = POSSESSIVE_START.exec(rest);
  if (poss?.groups) {
    owner = poss.groups.owner;
    rest = rest.slice(poss[0].length);
  } else {
    const generic = /^(?:company|group|lab|startup|firm|institute|organi[sz]ation|fund)['’]s\s+/i.exec(rest);
    if (generic) rest = rest.slice(generic[0].length);
  }
  const first = rest.split(/\s+/);
  let i = 0;
  while (i < first.length - 1 && ROLE_MODIFIER.has(first[i].toLowerCase())) i++;
  let headOwner: string | undefined;
  if (!ROLE_START.has((first[i] ?? '').toLowerCase())) {
    const head = ROLE_HEAD.exec(first.slice(i).join(' '));
    // the words before the role's last word say what of, never a verb or another clause ("who", "said", "is")
    if (!head || /\b(?:who|which|that|is|was|has|had|said|says|will|would|the|a|an|of|at|in)\s/i.test(head[1])) return null;
    // "the You.com founder": one capitalised name before the role is whose role it is
    if (!owner && ONE_ORG.test(head[1].trim())) headOwner = head[1].trim();
  }
  rest = first.slice(i).join(' ');
  const m = ORG_TAIL.exec(rest);
  let role = rest;
  let org: string | undefined;
  let orgDescriptor: string | undefined;
  if (m?.groups) {
    role = rest.slice(0, m.index);
    org = m.groups.org;
    orgDescriptor = m.groups.desc?.trim() || undefined;
  } else {
    role = rest.replace(
      /\s+(?:who|which|that|since|for|in|at|where|and (?!co-?founder|chief|president|head|director|chair|CEO|CTO)\S+)\b.*$/u,
      '',
    );
  }
  role = role.trim().replace(/\s+(?:of|at|with|for)(?:\s+the)?$/, '');
  if (org && (/-based\b/.test(org) || /\s\p{Lu}$/u.test(org))) org = undefined; // "Mercer Island-based Dana F."
  // "the Office of Science and Technology Policy": a name after "<Capitalised> of" or before "and <Capitalised>" is part of a longer one
  if (org && m) {
    const at = m.index + m[0].indexOf(org);
    const head = /(\p{Lu}\p{Ll}+)\sof\s$/u.exec(rest.slice(0, at)); // "Office of", not "CEO of" or "Officer of"
    if (
      (head && !STOP_WORDS.has(head[1].toLowerCase()) && !/^Officers?$/.test(head[1])) ||
      /^\s+and\s+\p{Lu}/u.test(rest.slice(at + org.length))
    )
      org = undefined;
  }
  if (!role || role.length > 60 || /\p{Lu}\p{Ll}/u.test(role.replace(/^\p{Lu}/u, ''))) {
    // capitalised words inside the role mean the clause ran into another name: keep the role short or drop it
    const cut = role.split(/\s+(?=\p{Lu}\p{Ll})/u)[0];
    if (!cut || cut.length > 60) return null;
    role = cut;
  }
  if (headOwner && !org) return { role, org, owner: headOwner, orgDescriptor, ownerBeforeRole: true };
  return { role, org, owner, orgDescriptor };
}
const ONE_ORG = new RegExp(`^${OTOK}$`, 'u');

export function discoverNames(
  text: string,
  mentions: Mention[],
  knownNames: Iterable<string>,
  options: DiscoverOptions = {},
): DiscoveredName[] {
  const known: Known = { names: knownSet(knownNames), ids: options.knownIds ?? new Map() };
  const scan = createDiscoveryScan(text, mentions, known);
  peopleFromRoles(scan);
  peopleFromContext(scan);
  orgsFromContext(scan);
  // roles at organisations found just now ("a round led by Greenoaks" … "Greenoaks managing partner Neil Mehta")
  const found = new Set(scan.raws.filter((r) => r.type === 'org').map((r) => nameKey(r.name)));
  if (found.size) orgRolePeople(scan, found);
  peopleJoinedByAnd(scan);
  peopleByReuse(scan);
  return assemble(text, scan.raws, mentions, scan.sentences, known, scan.lowerWords);
}

/** What every discovery pattern reads and writes for one text: the candidates so far and the checks they share. */
function createDiscoveryScan(text: string, mentions: Mention[], known: Known) {
  const sentences = sentenceBounds(text);
  const lowerWords = lowerCaseWords(text);
  const raws: Raw[] = [];
  const mentionAt = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  const sentenceText = (offset: number) => {
    const s = sentenceAt(sentences, offset);
    return s ? text.slice(s.start, s.end) : '';
  };
  /** this sentence and the one before ("The company, Z, …" refers back to it) */
  const nearText = (offset: number) => {
    const s = sentenceAt(sentences, offset);
    if (!s) return '';
    const i = sentences.indexOf(s);
    return text.slice(sentences[Math.max(0, i - 1)].start, s.end);
  };

  const addPerson = (name: string, start: number, evidence: string, role?: string, org?: string) => {
    if (mentionAt(start, start + name.length)) return;
    if (!plausiblePerson(name, known)) return;
    raws.push({ name, type: 'person', start, role, org, evidence });
  };
  const addOrg = (name: string, start: number, evidence: string) => {
    const trimmed = trimOrg(name);
    const at = start + (name.length - trimmed.length);
    if (!trimmed || mentionAt(at, at + trimmed.length)) return;
    if (!plausibleOrg(trimmed, lowerWords, known)) return;
    raws.push({ name: trimmed, type: 'org', start: at, evidence });
  };
  /** an organisation named in a role clause counts when the role ties them and nothing says it is not about AI */
  const orgFromRole = (org: string | undefined, role: string, descriptor: string | undefined, clauseEnd: number, evidence: string) => {
    if (!org || !STRONG_ROLE.test(role)) return;
    if (descriptor && !ORG_DESCRIPTOR.test(descriptor) && !AI_EVIDENCE.test(descriptor)) return; // "the online retailer Brightcart"
    // "at Ledgerly, a fintech startup in Bangalore": a description that says nothing about AI rules it out
    const after = /^,\s(?:a|an)\s([^,.;]{3,120})/.exec(text.slice(clauseEnd));
    if (after && !AI_EVIDENCE.test(after[1])) return;
    const at = text.lastIndexOf(org, clauseEnd);
    if (at >= 0) addOrg(org, at, evidence);
  };

  /** a name the pack found on the page covers this span */
  const packAt = (start: number, end: number) => mentions.some((x) => x.start <= start && end <= x.end + 2);
  const saysOrg = (name: string) =>
    /^\p{Lu}[\p{L}\d]+\.(?:ai|com|io)$/u.test(name) ||
    (name.includes(' ') &&
      ORG_WORDS.has(
        name
          .split(/[ \u00A0]/)
          .pop()!
          .toLowerCase(),
      ));
  return { text, mentions, known, sentences, lowerWords, raws, sentenceText, nearText, addPerson, addOrg, orgFromRole, packAt, saysOrg };
}

type DiscoveryScan = ReturnType<typeof createDiscoveryScan>;

/** People introduced by a role, a title or as founders ("X, chief scientist at Y", "Acme CFO X", "founded by X and Y"). */
function peopleFromRoles(scan: DiscoveryScan): void {
  const { text, mentions, sentenceText, addPerson, addOrg, orgFromRole } = scan;
  for (const m of text.matchAll(PERSON_THEN_ROLE)) {
    const g = m.groups!;
    const parsed = parseRoleClause(g.clause);
    if (!parsed) continue;
    const org = parsed.org ?? parsed.owner;
    addPerson(g.person, m.index!, 'person, role', parsed.role, org);
    orgFromRole(parsed.org, parsed.role, parsed.orgDescriptor, m.index! + m[0].length, 'role of person');
    // "Richard Socher, the You.com founder": the name before a founder's or chief's role, in a sentence about AI
    if (parsed.ownerBeforeRole && parsed.owner && OWNING_ROLE.test(parsed.role) && AI_EVIDENCE.test(sentenceText(m.index!)))
      addOrg(parsed.owner, m.index! + g.person.length + m[0].slice(g.person.length).indexOf(parsed.owner), 'the Z founder');
  }
  for (const m of text.matchAll(OWNER_ROLE_PERSON)) {
    const g = m.groups!;
    const parsed = parseRoleClause(g.role);
    if (!parsed || parsed.org) continue;
    const personStart = m.index! + m[0].length - g.person.length;
    addPerson(g.person, personStart, "org's role person", parsed.role, g.owner ? trimOrg(g.owner) : undefined);
  }
  for (const m of text.matchAll(TITLE_PERSON)) {
    const g = m.groups!;
    addPerson(
      g.person,
      m.index! + m[0].length - g.person.length,
      'title person',
      g.title.toLowerCase() === 'president' ? 'president' : g.title.toLowerCase(),
    );
  }
  orgRolePeople(scan, new Set());
  for (const m of text.matchAll(CAP_TITLE_PERSON)) {
    const g = m.groups!;
    if (!AI_EVIDENCE.test(sentenceText(m.index!)) && !mentions.length) continue;
    addPerson(g.person, m.index! + m[0].length - g.person.length, 'title person', g.title.toLowerCase());
  }
  for (const m of text.matchAll(FOUNDED_BY)) {
    const list = m.groups!.list;
    const listStart = m.index! + m[0].length - list.length;
    for (const p of list.matchAll(PERSON_ANYWHERE)) addPerson(p[0], listStart + p.index!, 'founded by', 'co-founder');
  }
  for (const m of text.matchAll(PERSON_WHO)) {
    const g = m.groups!;
    const parsed = parseRoleClause(`head ${g.clause}`);
    const role = g.clause.replace(/\s+(?:at|of|for)\s+.*$/, '').trim();
    addPerson(g.person, m.index!, 'person, who leads', role, parsed?.org);
    if (parsed?.org) orgFromRole(parsed.org, 'head', parsed.orgDescriptor, m.index! + m[0].length, 'who leads at');
  }
  for (const m of text.matchAll(HIRED_AS)) {
    const g = m.groups!;
    const parsed = parseRoleClause(g.clause);
    if (!parsed) continue;
    addPerson(g.person, m.index! + m[0].indexOf(g.person), 'hired as', parsed.role, parsed.org);
  }
  for (const m of text.matchAll(ORG_WHOSE_ROLE)) {
    const g = m.groups!;
    const parsed = parseRoleClause(g.role.trim());
    if (!parsed) continue;
    addPerson(g.person, m.index! + m[0].length - g.person.length, 'org, whose role', parsed.role, trimOrg(g.org));
    addOrg(g.org, m.index!, 'org, whose role');
  }
}

/** "OpenAI CFO X", "Greenoaks managing partner X": the owner a pack name, an organisation discovered on the page, or the sentence about AI. */
function orgRolePeople(scan: DiscoveryScan, discoveredOrgs: ReadonlySet<string>): void {
  const { text, mentions, known, sentenceText, addPerson } = scan;
  for (const m of text.matchAll(ORG_ROLE_PERSON)) {
    const g = m.groups!;
    const ownerStart = m.index! + m[0].indexOf(g.owner);
    const owner = trimOrg(g.owner);
    const at = ownerStart + (g.owner.length - owner.length);
    const knownOwner =
      mentions.some((x) => x.start <= at && at + owner.length <= x.end + 2) ||
      isKnown(owner, known, 'org') ||
      discoveredOrgs.has(nameKey(owner));
    if (!owner || (!knownOwner && !AI_EVIDENCE.test(sentenceText(m.index!)))) continue;
    addPerson(g.person, m.index! + m[0].length - g.person.length, 'org role person', g.role.toLowerCase(), owner);
    // "Infosys co-founder X" in a sentence about AI: the organisation too
    if (!knownOwner && OWNING_ROLE.test(g.role)) scan.addOrg(owner, at, 'Z founder X');
  }
}

/** People anchored by what surrounds them: employers, co-founders, lists, "Dr.", "along with". */
function peopleFromContext(scan: DiscoveryScan): void {
  const { text, mentions, sentences, raws, sentenceText, addPerson, addOrg, packAt } = scan;
  for (const m of text.matchAll(PERSON_WHO_WORKED)) {
    const g = m.groups!;
    const org = trimOrg(g.org);
    const orgStart = m.index! + m[0].length - org.length;
    // the employer must be a name the pack knows here, or the sentence about AI
    if (!packAt(orgStart, orgStart + org.length) && !AI_EVIDENCE.test(sentenceText(m.index!))) continue;
    addPerson(g.person, m.index!, 'person, who worked at', undefined, org);
  }
  for (const m of text.matchAll(PERSON_WHO_AT)) {
    const g = m.groups!;
    const org = trimOrg(g.org);
    const orgStart = m.index! + m[0].length - org.length;
    // a pack organisation, or one the clause calls a startup or lab in a sentence about AI
    const packOrg = packAt(orgStart, orgStart + org.length);
    if (!packOrg && !(g.desc && AI_EVIDENCE.test(sentenceText(m.index!)))) continue;
    addPerson(g.person, m.index!, 'person, who … at', undefined, org);
    if (!packOrg) addOrg(org, orgStart, 'the startup Z');
  }
  for (const m of text.matchAll(STARTED_WITH)) {
    const g = m.groups!;
    const sentenceStart = sentenceAt(sentences, m.index!)?.start ?? m.index!;
    // a sentence about AI, or one that already named a pack organisation or person before the verb
    const aiSentence = AI_EVIDENCE.test(sentenceText(m.index!)) || mentions.some((x) => x.start >= sentenceStart && x.end <= m.index!);
    if (!aiSentence) continue;
    addPerson(g.person, m.index! + m[0].length - g.person.length, 'started Z with', 'co-founder', trimOrg(g.org));
    addOrg(g.org, m.index! + m[0].indexOf(g.org), 'started Z with');
  }
  for (const m of text.matchAll(ROLE_LIST)) {
    const list = m.groups!.list;
    const listStart = m.index! + m[0].length - list.length;
    const names = [...list.matchAll(PERSON_ANYWHERE)];
    // someone in the list the pack knows, or a sentence about AI, says what kind of list it is
    // (co-founders on a page about AI need no more: "Co-founders X and Y started the company in 2023")
    const anchored =
      names.some((p) => packAt(listStart + p.index!, listStart + p.index! + p[0].length)) ||
      AI_EVIDENCE.test(sentenceText(m.index!)) ||
      (mentions.length > 0 && /^(?:[Cc]o-?founders|[Ff]ounders)/.test(m[0]));
    if (!anchored) continue;
    for (const p of names) addPerson(p[0], listStart + p.index!, 'role list');
  }
  for (const m of text.matchAll(HONORIFIC_PERSON)) {
    const g = m.groups!;
    const start = m.index! + m[0].length - g.person.length;
    const s = sentenceAt(sentences, start);
    // a doctor or professor in a sentence about AI, or one that names something the pack knows
    const anchored = AI_EVIDENCE.test(sentenceText(start)) || (s && mentions.some((x) => x.start >= s.start && x.end <= s.end));
    if (anchored) addPerson(g.person, start, 'Dr. person');
  }
  for (const m of text.matchAll(HIRE_LIST)) {
    const { list, verb, from } = m.groups!;
    if (/^(?:taken|took|grabbed)$/.test(verb) && !from) continue;
    const listStart = m.index! + m[0].indexOf(list);
    const s = sentenceAt(sentences, m.index!);
    // hiring in a sentence about AI or one naming something the pack knows ("signed X from OpenAI")
    if (!AI_EVIDENCE.test(sentenceText(m.index!)) && !(s && mentions.some((x) => x.start >= s.start && x.end <= s.end))) continue;
    for (const p of list.matchAll(PERSON_ANYWHERE)) addPerson(p[0], listStart + p.index!, 'hired X');
  }
  for (const m of text.matchAll(NAMED_SUCCESSOR)) {
    const g = m.groups!;
    const s = sentenceAt(sentences, m.index!);
    if (!AI_EVIDENCE.test(sentenceText(m.index!)) && !(s && mentions.some((x) => x.start >= s.start && x.end <= s.end))) continue;
    addPerson(g.person, m.index! + m[0].indexOf(g.person), 'named X to replace');
  }
  for (const m of text.matchAll(PERSON_FORMERLY)) {
    const g = m.groups!;
    const org = trimOrg(g.org);
    const orgStart = m.index! + m[0].length - org.length;
    if (!packAt(orgStart, orgStart + org.length) && !AI_EVIDENCE.test(sentenceText(m.index!))) continue;
    addPerson(g.person, m.index!, 'person, formerly of', undefined, org);
  }
  for (const m of text.matchAll(PERSON_OF_ORG)) {
    const g = m.groups!;
    const org = trimOrg(g.org);
    const orgStart = m.index! + m[0].length - g.org.length + (g.org.length - org.length);
    if (!org || words(g.person).some((w) => ORG_EXCLUDE_WORD.has(w.toLowerCase()))) continue;
    const packOrg = mentions.some((x) => x.type === 'org' && x.start <= orgStart && orgStart + org.length <= x.end + 2);
    const orgShaped =
      scan.saysOrg(org) || /^\p{Lu}{2,5}$/u.test(org) || words(org).some((w) => /^(?:University|Institute|College)$/.test(w));
    if (!packOrg && !(orgShaped && AI_EVIDENCE.test(sentenceText(m.index!)))) continue;
    const before = raws.length;
    addPerson(g.person, m.index!, 'person of Z', undefined, org);
    // the organisation only beside a person ("As Nick of Arachnid Labs says": no one, so nothing)
    if (!packOrg && raws.length > before && scan.saysOrg(org)) addOrg(org, orgStart, 'person of Z');
  }
  for (const m of text.matchAll(OWNER_PERSON_SPEAKS)) {
    const g = m.groups!;
    const owner = trimOrg(g.owner);
    const at = m.index! + g.owner.length - owner.length;
    if (!owner || !mentions.some((x) => x.type === 'org' && x.start <= at && at + owner.length <= x.end + 2)) continue;
    addPerson(g.person, m.index! + m[0].indexOf(g.person, g.owner.length), "Z's X said", undefined, owner);
  }
  for (const m of text.matchAll(COFOUNDED_WITH)) {
    const list = m.groups!.list;
    const listStart = m.index! + m[0].length - list.length;
    const s = sentenceAt(sentences, m.index!);
    if (
      !AI_EVIDENCE.test(scan.nearText(m.index!)) &&
      !(s && mentions.some((x) => x.start >= s.start && x.end <= s.end)) &&
      !mentions.length
    )
      continue;
    for (const p of list.matchAll(PERSON_ANYWHERE)) addPerson(p[0], listStart + p.index!, 'co-founded it with', 'co-founder');
  }
  for (const m of text.matchAll(ORG_LED_BY)) {
    const g = m.groups!;
    const org = trimOrg(g.org);
    const at = m.index! + g.org.length - org.length;
    const personStart = m.index! + m[0].length - g.person.length;
    // the pack organisation may be only the end of the match ("Rival 1X Technologies, led by …")
    const end = at + org.length;
    const packOrg = mentions.some((x) => x.type === 'org' && x.start >= at && Math.abs(x.end - end) <= 2);
    const packPerson = mentions.some((x) => x.type === 'person' && x.start <= personStart && personStart < x.end);
    if (packOrg) addPerson(g.person, personStart, 'Z, led by X', g.verb, org);
    else if (/founded|started/.test(g.verb) && (packPerson || (scan.saysOrg(org) && AI_EVIDENCE.test(sentenceText(m.index!)))))
      addOrg(org, at, 'Z, founded by X');
  }
  for (const m of text.matchAll(PERSON_WHOSE_ORG)) {
    const g = m.groups!;
    if (!AI_EVIDENCE.test(sentenceText(m.index!))) continue;
    addPerson(g.person, m.index!, 'person, whose Z unit', undefined, trimOrg(g.org));
    addOrg(g.org, m.index! + m[0].lastIndexOf(g.org), 'person, whose Z unit');
  }
  for (const m of text.matchAll(ALONG_WITH)) {
    const list = m.groups!.list;
    const listStart = m.index! + m[0].length - list.length;
    const s = sentenceAt(sentences, m.index!);
    // "along with" continues a list of people: the sentence must already name a person
    const before = text.slice(s?.start ?? m.index!, m.index!);
    const personBefore =
      mentions.some((x) => x.type === 'person' && x.start >= (s?.start ?? 0) && x.end <= m.index!) ||
      raws.some((r) => r.type === 'person' && r.start >= (s?.start ?? 0) && r.start < m.index!);
    if (!personBefore || !before) continue;
    for (const p of list.matchAll(PERSON_ANYWHERE)) addPerson(p[0], listStart + p.index!, 'along with person');
  }
}

/** Organisations the page introduces: backers, raises, rivals, appositives, "the company, Z,". */
function orgsFromContext(scan: DiscoveryScan): void {
  const { text, mentions, sentences, sentenceText, nearText, addOrg, packAt, saysOrg } = scan;
  for (const m of [...text.matchAll(BACKED_BY), ...text.matchAll(FUNDED_FROM)]) {
    const list = m.groups!.list;
    const listStart = m.index! + m[0].length - list.length;
    const items = [...list.matchAll(new RegExp(ORG, 'gu'))];
    if (!items.some((o) => packAt(listStart + o.index!, listStart + o.index! + o[0].length))) continue;
    for (const o of items) {
      const last = o[0]
        .split(/[ \u00A0]/)
        .pop()!
        .toLowerCase();
      // only names that say they are organisations ("… Partners", "… Capital") or cannot be a person's ("Peak XV",
      // "Greenoaks"): a listed person is not one
      if ((o[0].includes(' ') && ORG_WORDS.has(last)) || !PERSON_SHAPED.test(o[0])) addOrg(o[0], listStart + o.index!, 'backed by');
    }
  }
  for (const m of text.matchAll(ORG_RAISED)) {
    const org = m.groups!.org;
    // a name that says organisation, or one word raising money in a sentence about a round ("Halyard raised $400
    // million at a $4 billion valuation"): a person raises money less often than a company, and not at a valuation
    const oneWordRound = !/[ \u00A0]/.test(org) && /\b(?:valuation|valuing|round|led by|investors)\b/i.test(sentenceText(m.index!));
    if (!saysOrg(trimOrg(org)) && !oneWordRound) continue;
    const s = sentenceAt(sentences, m.index!);
    const anchored = AI_EVIDENCE.test(sentenceText(m.index!)) || (s && mentions.some((x) => x.start >= s.start && x.end <= s.end));
    if (anchored) addOrg(org, m.index!, 'Z has raised');
  }
  for (const m of text.matchAll(RIVAL_OF_KNOWN)) {
    const g = m.groups!;
    const knownStart = m.index! + m[0].indexOf(g.known);
    const known_ = trimOrg(g.known);
    const at = knownStart + (g.known.length - known_.length);
    if (!packAt(at, at + known_.length) || !saysOrg(g.org)) continue;
    addOrg(g.org, m.index! + m[0].length - g.org.length, 'known rival Z');
  }
  for (const m of text.matchAll(BESIDE_KNOWN)) {
    const g = m.groups!;
    const known_ = trimOrg(g.known);
    const at = m.index! + g.known.length - known_.length;
    if (!known_ || !scan.mentions.some((x) => x.type === 'org' && x.start <= at && at + known_.length <= x.end + 2)) continue;
    const listStart = m.index! + m[0].length - g.list.length;
    for (const o of g.list.matchAll(new RegExp(ORG, 'gu'))) if (saysOrg(o[0])) addOrg(o[0], listStart + o.index!, 'beside a known Z');
  }
  for (const m of text.matchAll(ROUND_LED_BY)) {
    const org = m.groups!.org;
    // a name shaped like a person's ("led by Sam Altman") is not an investor's
    const parts = words(org);
    if (parts.length > 1 && !saysOrg(org)) continue;
    addOrg(org, m.index! + m[0].length - org.length, 'round led by Z');
  }
  for (const m of text.matchAll(DESCRIBED_ORG)) {
    const g = m.groups!;
    if (!AI_EVIDENCE.test(sentenceText(m.index!)) && !/AI|robotics|chip/.test(m[0])) continue;
    addOrg(g.org, m.index! + m[0].length - g.org.length, `the ${g.kind} Z`);
  }
  for (const m of text.matchAll(ORG_APPOSITIVE)) {
    const g = m.groups!;
    // the description must say what kind of organisation it is, and that it is about AI
    // (a name ending in "AI" or "Labs" says the AI part itself: "Inworld AI, a startup that sells character engines")
    if (!ORG_DESCRIPTOR.test(g.desc) || !(AI_EVIDENCE.test(g.desc) || /[ \u00A0](?:AI|Labs)$/u.test(g.org))) continue;
    if (/^(?:former|one|member|partner|unit|subsidiary|division|spin-?off|rival|competitor|customer|client)\b/i.test(g.desc)) continue;
    addOrg(g.org, m.index!, 'Z, a startup');
  }
  for (const m of text.matchAll(PEOPLE_AT_ORG)) {
    const g = m.groups!;
    const before = text.slice(Math.max(0, m.index! - 12), m.index!);
    if (/\b(?:former|ex-)\s*$/i.test(before)) continue;
    if (!AI_EVIDENCE.test(sentenceText(m.index!))) continue;
    addOrg(g.org, m.index! + m[0].length - g.org.length, `${g.who.toLowerCase()} at Z`);
  }
  for (const m of text.matchAll(COMPANY_NAMED)) {
    if (!AI_EVIDENCE.test(nearText(m.index!))) continue;
    addOrg(m.groups!.org, m.index! + m[0].lastIndexOf(m.groups!.org), 'the company, Z,');
  }
  for (const m of text.matchAll(JOINED_AS)) {
    const g = m.groups!;
    const parsed = parseRoleClause(g.clause);
    if (!parsed || !STRONG_ROLE.test(parsed.role)) continue;
    addOrg(g.org, m.index! + m[0].indexOf(g.org), 'joined Z as');
  }
}

/** "X and Y" where X is a person the pack or a role found: Y is one too. */
function peopleJoinedByAnd(scan: DiscoveryScan): void {
  const { text, mentions, raws, addPerson } = scan;
  const people = new Set(raws.filter((r) => r.type === 'person').map((r) => nameKey(r.name)));
  for (const m of text.matchAll(AND_PERSON)) {
    const g = m.groups!;
    const a = m.index!;
    // "Photo by Tim O'Reilly and Edie Freedman": a credit line, not a list of people in the story
    if (/\bby\s$/i.test(text.slice(Math.max(0, m.index! - 4), m.index!))) continue;
    const isPerson = people.has(nameKey(g.a)) || mentions.some((x) => x.type === 'person' && x.start <= a && a + g.a.length <= x.end);
    if (!isPerson) continue;
    const b = m.index! + m[0].length - g.b.length;
    // a word of the second name the pack knows as something else ("Sam Altman and Microsoft Build")
    if (words(g.b).some((w) => scan.known.names.has(w.toLowerCase()))) continue;
    addPerson(g.b, b, 'and X', undefined, undefined);
  }
}

// a name (or its surname) speaking: "Ostrander argues", "said Jun Watanabe", "Lindgren:" opening an answer
const SPEECH_VERB = String.raw`(?:said|says|told|tells|wrote|writes|argued|argues|added|adds|recalled|recalls|explained|explains|noted|notes|insisted|insists|laughed|admitted|admits|replied|replies|thinks|believes)`;
const TITLE_WORDS =
  /^(?:President|Senator|Sen|Rep|Representative|Governor|Gov|Mayor|Judge|Justice|Secretary|Minister|Chancellor|Premier|Speaker|Commissioner|Chairman|Chairwoman|Chair|General|Gen|Colonel|Captain|Officer|Sheriff|Detective|Attorney|Prosecutor|Pope|King|Queen|Prince|Princess|Lord|Lady|Sir|Dame|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Host|Anchor|Elect)$/;
const FULL_NAME = new RegExp(String.raw`${B}(${PTOK})[ \u00A0](${PTOK})${E}`, 'gu');

/**
 * People the page introduces with no role the other patterns read, but treats as people: the full name
 * once, the surname alone at least twice more, and the name or surname speaking. Companies named after
 * people are called by their first word ("Goldman"), not their last, so this stays with people.
 */
function peopleByReuse(scan: DiscoveryScan): void {
  const { text, addPerson, lowerWords, sentenceText, sentences, mentions } = scan;
  /** the sentence at `at` names a model or organisation the pack knows */
  const mentionInSentence = (at: number) => {
    const s = sentenceAt(sentences, at);
    return !!s && mentions.some((x) => x.type !== 'person' && x.start >= s.start && x.end <= s.end);
  };
  const seen = new Set<string>();
  // how often each run of letters is written (an upper bound on a surname's uses), counted once, so
  // the exact look below runs only for the few names the page goes on to use again
  let runs: Map<string, number> | undefined;
  const usedOften = (last: string) => {
    if (!/^\p{L}+$/u.test(last)) return true;
    if (!runs) {
      runs = new Map();
      for (const r of text.matchAll(/\p{L}+/gu)) runs.set(r[0], (runs.get(r[0]) ?? 0) + 1);
    }
    return (runs.get(last) ?? 0) >= 3;
  };
  for (const m of text.matchAll(FULL_NAME)) {
    const [name, first, last] = m;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!usedOften(last)) continue;
    const lw = last.toLowerCase();
    if (last.length < 3 || lowerWords.has(lw) || STOP_WORDS.has(lw) || isPlace(last)) continue;
    // "President-elect Trump", "Senator Vance": a title and a surname, not a first name
    if (first.split('-').some((w) => STOP_WORDS.has(w.toLowerCase()) || TITLE_WORDS.test(w))) continue;
    const alone = new RegExp(String.raw`(?<![\p{L}\p{N}_'’.-]|${escapeRegExp(first)}[ \u00A0])${escapeRegExp(last)}${E}`, 'gu');
    let reused = 0;
    let speaks = false;
    const offsets = [m.index!];
    for (const a of text.matchAll(alone)) {
      reused++;
      offsets.push(a.index!);
      if (!speaks) speaks = speaking(text, a.index!, a.index! + last.length);
    }
    if (reused < 2) continue;
    if (!speaks && !speaking(text, m.index!, m.index! + name.length)) continue;
    // someone in AI news, not a politician or a pundit quoted on the way: a sentence naming them is about AI
    if (!offsets.some((at) => AI_EVIDENCE.test(sentenceText(at)) || mentionInSentence(at))) continue;
    addPerson(name, m.index!, 'named in full, then by surname, speaking');
  }
}

const SPEAKS_AFTER = new RegExp(
  String.raw`^(?:[ \u00A0]+(?:also[ \u00A0]+|has[ \u00A0]+)?${SPEECH_VERB}\b|,[^.;:]{0,50},[ \u00A0]${SPEECH_VERB}\b)`,
  'u',
);
const SPEAKS_BEFORE = new RegExp(String.raw`\b${SPEECH_VERB}[ \u00A0]+$`, 'u');

/** Whether the name at [start, end) speaks: "X said", "said X", "X, who …, said", or "X:" opening a line. */
function speaking(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 60);
  if (SPEAKS_AFTER.test(after)) return true;
  if (/^:[ \u00A0]/.test(after) && /(?:^|\n)[ \u00A0]*$/.test(text.slice(Math.max(0, start - 3), start))) return true;
  return SPEAKS_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex for many literal names, longest first, word-bounded on the left and by `after` on the right. */
function alternation(names: string[], after: string): RegExp {
  const parts = [...new Set(names)].sort((a, b) => b.length - a.length).map((n) => escapeRegExp(n).replace(/[ \u00A0]/g, '[ \\u00A0]'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})${after}`, 'gu');
}

/** Every word the text also writes in lower case ("harbor", "physical"): such words are not safe as names alone. */
function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(/(?<![\p{L}])\p{Ll}[\p{Ll}'’-]*/gu) ?? []);
}

function assemble(
  text: string,
  raws: Raw[],
  mentions: Mention[],
  sentences: Sentence[],
  known: Known,
  lowerWords: ReadonlySet<string>,
): DiscoveredName[] {
  const byKey = new Map<string, DiscoveredName & { first: number }>();
  for (const raw of raws.sort((a, b) => a.start - b.start)) {
    const key = nameKey(raw.name);
    const existing = byKey.get(key);
    if (existing) {
      existing.role ??= raw.role;
      existing.org ??= raw.org;
      continue;
    }
    byKey.set(key, {
      key,
      name: raw.name,
      type: raw.type,
      role: raw.role,
      org: raw.org,
      spans: [],
      sentences: [],
      evidence: raw.evidence,
      first: raw.start,
    });
  }
  const found = [...byKey.values()];
  // a name found both as a person and as an organisation is not trustworthy as either
  for (const c of found)
    if (found.some((o) => o !== c && o.type !== c.type && (o.key.includes(c.key) || c.key.includes(o.key)))) byKey.delete(c.key);

  const taken: { start: number; end: number }[] = mentions.map((m) => ({ start: m.start, end: m.end }));
  const free = (start: number, end: number) => !taken.some((t) => t.start < end && start < t.end);
  const orgs = [...byKey.values()].filter((c) => c.type === 'org');

  // One pass over the text for all full names (longest first), then one for all short forms:
  // full names first, so short forms never claim a piece of a longer name.
  const candidates = [...byKey.values()];
  const fullOf = new Map(candidates.map((c) => [c.name.replace(/\u00A0/g, ' '), c]));
  for (const m of text.matchAll(
    alternation(
      candidates.map((c) => c.name),
      '(?![\\p{L}\\p{N}])',
    ),
  )) {
    const c = fullOf.get(m[0].replace(/\u00A0/g, ' '));
    const span = { start: m.index!, end: m.index! + m[0].length };
    if (!c || !free(span.start, span.end)) continue;
    c.spans.push(span);
    taken.push(span);
  }
  const onPage = new Set(mentions.map((m) => m.entityId));
  const shortOf = new Map<string, (typeof candidates)[number] | null>();
  for (const c of candidates) {
    if (!c.spans.length) continue;
    // a short form two names share ("Chen" for two Chens) belongs to neither
    for (const short of shortForms(c, lowerWords, known, onPage)) shortOf.set(short, shortOf.has(short) ? null : c);
  }
  const shorts = [...shortOf.keys()].filter((k) => shortOf.get(k));
  for (const m of shorts.length ? text.matchAll(alternation(shorts, '(?![\\p{L}\\p{N}]|[ \\u00A0]\\p{Lu})')) : []) {
    const c = shortOf.get(m[0])!;
    const span = { start: m.index!, end: m.index! + m[0].length };
    if (span.start < c.spans[0].end) continue; // only after the full name
    // "Park" right after another capitalised word is part of some other name
    const before = /(\p{Lu}[\p{L}]*)[ \u00A0]$/u.exec(text.slice(Math.max(0, span.start - 20), span.start));
    if (before && !STOP_WORDS.has(before[1].toLowerCase())) continue;
    // at a sentence start only as the subject: "Halcyon raised", "Halcyon's"
    if (
      c.type === 'org' &&
      !/^(?:['’]s|[ \u00A0]\p{Ll}+ed\b|[ \u00A0](?:is|was|has|had|said|says|will|plans)\b)/u.test(text.slice(span.end)) &&
      isSentenceStart(text, span.start)
    )
      continue;
    if (!free(span.start, span.end)) continue;
    c.spans.push(span);
    taken.push(span);
  }
  for (const c of candidates) c.spans.sort((a, b) => a.start - b.start);

  // a role's organisation that is itself a discovered name or a pack entity, written in full
  for (const c of byKey.values()) {
    if (!c.org) continue;
    const short = nameKey(c.org);
    const full = orgs.find((o) => o.key === short || o.key.startsWith(`${short} `));
    if (full) c.org = full.name;
    const id = known.ids.get(nameKey(c.org));
    if (id) c.orgEntityId = id;
  }

  for (const c of byKey.values()) {
    const seen = new Set<number>();
    for (const span of c.spans) {
      const s = sentenceAt(sentences, span.start);
      if (!s || seen.has(s.start)) continue;
      seen.add(s.start);
      const sentence = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
      c.sentences.push(sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence);
      if (c.sentences.length >= 3) break;
    }
  }

  return [...byKey.values()]
    .filter((c) => c.spans.length)
    .sort((a, b) => a.spans[0].start - b.spans[0].start)
    .map(({ first: _first, ...c }) => {
      if (c.role === undefined) delete c.role;
      if (c.org === undefined) delete c.org;
      return c;
    });
}

function isSentenceStart(text: string, offset: number): boolean {
  return /(?:^|[.!?]["”’]?\s+|\n\s*)$/.test(text.slice(Math.max(0, offset - 4), offset));
}

const TWO_LETTER_WORDS = new Set('am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye'.split(' '));

/** "Marchand" and "Zhou" for people (whichever of first or last name the article uses), "Calloway" for "Calloway Systems". */
function shortForms(c: DiscoveredName, lowerWords: ReadonlySet<string>, known: Known, onPage: ReadonlySet<string>): string[] {
  const parts = words(c.name).filter((w) => /^\p{Lu}/u.test(w));
  if (parts.length < 2) return [];
  const candidates = c.type === 'person' ? [parts[parts.length - 1], parts[0]] : [parts[0]];
  return candidates.filter((w) => {
    const lw = w.toLowerCase();
    // two letters only for a person's surname ("Bi", "Yu", "Xu"), never an English word
    const short =
      w.length < 3 && !(c.type === 'person' && w === parts[parts.length - 1] && /^\p{Lu}\p{Ll}$/u.test(w) && !TWO_LETTER_WORDS.has(lw));
    if (short || STOP_WORDS.has(lw) || ORG_WORDS.has(lw) || isPlace(w)) return false;
    // a pack name is the pack's, unless it is only the short form of someone this page never names
    // ("Raghavan" for Vivek Raghavan on a page without Prabhakar Raghavan)
    const packId = known.ids.get(lw);
    if (known.names.has(lw) && (!packId || onPage.has(packId) || !c.type.startsWith('person'))) return false;
    // an ordinary word ("Harbor", "Physical") also written in lower case is not safe alone
    return !lowerWords.has(lw);
  });
}
