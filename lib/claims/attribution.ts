// Who is speaking and who "he", "the company" and "it" are: speech frames around quotes and
// reported speech, names the pack does not know (so a pronoun is not pinned on the wrong person),
// and a small left-to-right reference tracker.
import type { Mention } from '../detect/types';
import { isFirstName, pronounGender, type PageGenders } from './gender';

/** Something in a sentence that can be a speaker or an antecedent. Offsets are relative to the sentence. */
export interface Candidate {
  start: number;
  end: number;
  /** entity id, or null for someone the pack does not know (or could not be resolved) */
  id: string | null;
  kind: 'person' | 'org' | 'model' | 'group';
  via: 'mention' | 'unknown' | 'pronoun';
  possessive: boolean;
  /** the name it stands for: the pack's name for a mention, the words for an unknown name, the antecedent's name for a pronoun */
  name?: string | null;
}

const PERSON_ROLE = `chief|executive|CEO|CTO|CFO|COO|founder|co-?founder|analyst|professor|researcher|scientist|director|president|chair(?:man|woman)?|head|spokes(?:man|woman|person)|partner|investor|engineer|economist|official|secretary|minister|senator|author|reporter|correspondent|editor|fellow|lead|manager|officer|advis[eo]r|vice|developer|programmer|lawyer|attorney|judge|commissioner|governor|mayor|trader|entrepreneur|billionaire|pioneer|host|writer|student|professor`;
const PERSON_AFTER = new RegExp(
  String.raw`^,\s+(?:(?:the|a|an|its|their|who|whose|now|then|formerly|former)\s+)?(?:[\p{L}’'.-]+\s+){0,5}?(?:${PERSON_ROLE})\b`,
  'u',
);
// ("The host, Owen Pryce, …": a role noun and a comma before the name)
const PERSON_BEFORE =
  /\b(?:[Hh]ost|[Aa]nchor|[Pp]resenter|[Mm]oderator|strategist|designer|partner|director|officer|executive|engineer|researcher|adviser|advisor|chief scientist|lobbyist|investor|founder|co-founder|analyst|chief executive|CEO|founder|co-founder|professor|researcher|scientist|President|Senator|Secretary|Minister|Commissioner|Chancellor|Governor|Mayor|Judge|Ambassador|spokes(?:person|man|woman)|economist|investor|engineer|resident|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Rep\.|Sen\.|Gov\.|Gen\.|Rev\.|Lt\.|Col\.|Capt\.|Sgt\.|Sir|Dame)\s+$|\b(?:host|analyst|founder|co-founder|economist|researcher|professor|strategist|spokes(?:person|man|woman)|investor|engineer|designer|partner|chief|chief executive|executive|officer|director|head|president|counsel|manager|chair(?:man|woman)?|secretary|minister),\s+$/;
// "said former Treasury official Jo Smith": "Treasury" describes the speaker, who is named next
const ROLE_THEN_NAME = new RegExp(String.raw`^\s+(?:${PERSON_ROLE})\s+\p{Lu}`, 'u');
// "Jo Smith, who …", "Jo Smith, 34, …": a person introduced by a relative clause or an age
const PERSON_INTRO = /^,\s+(?:who|whose)\b|^,\s+\d{1,3},/;
// a description before an organisation's name: "research firm", "the chip designer" (not "chief of staff X")
const ORG_DESCRIPTION = String.raw`(?:(?:[\p{Ll}-]+\s+){0,2}(?:firm|company|start-?up|lab|laboratory|group|bank|fund|agency|consultancy|institute|university|maker|designer|developer|giant|outfit|platform|publisher|newspaper|broker|brokerage|investor)\s+)?`;
// an organisation right after "of", "at", "from" (with an article and a description: "of the research firm")
// belongs to the person before it and is not the one speaking
const OWNER_BEFORE = new RegExp(String.raw`\b(?:of|at|from|for|with)\s+(?:the\s+)?${ORG_DESCRIPTION}$`, 'u');
// "a report posted to GitHub", "shared on Hugging Face": where something was published, not who "the company" is
const VENUE_BEFORE = /\b(?:posted|published|uploaded|released|shared|listed|hosted|available)\s+(?:\w+\s+)?(?:to|on|onto|via|through)\s+$/;
const RELATIVE_WHO = /,?\s*\bwho\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:\p{Ll}+ly\s+)?$/u;
const SPEECH_AFTER =
  /^(?:\s+also)?\s+(?:has |had |have )?(?:replied|responded|answered|pointed out|insisted|insists|indicated|predicted|predicts|referred|described|describes|declared|dismissed|praised|criticised|criticized|said|says|stated|states|put it|puts it|told|tells|wrote|writes|argued|argues|added|adds|suggested|suggests|tweeted|posted|noted|notes|explained|warned|warns|believes|thinks|predicted|predicts|expects|claimed|claims|insisted|countered|recalled|acknowledged|conceded)\b/u;
// the speaker's organisation between the name and the verb: "Gideon Stroud of Palisade AI replied: …"
// (and "Priya Natarajan of research firm Lumenfield Partners said": a few lower-case words describing it)
// ("Joost van Hoof of the Netherlands’ Fontys University of Applied Sciences writes …": an article, a
// place's possessive and "of" inside the organisation's name)
const ORG_THEN_SPEECH = new RegExp(
  String.raw`^\s+(?:of|at|from)\s+(?:the\s+)?${ORG_DESCRIPTION}\p{Lu}[\p{L}.&’'-]*(?:\s+(?:(?:of|for|and)\s+)?\p{Lu}[\p{L}.&’'-]*){0,6}(?=\s)`,
  'u',
);
// "said Jo Smith", "said resident Jo Smith", "says Acme's former manager Jo Smith"
// (descriptors only: "said in a statement that Europe…" does not make Europe a speaker)
const SPEECH_BEFORE =
  /\b(?:said|says|according to|asked)\s+(?:(?:(?!(?:that|in|on|at|a|an|the|to|of|for|with|by|from|it|its|this|and|but|or|as|when|while|after|before|if|was|were|is|are|would|will|had|has|have|he|she|they|we)\b)[a-z][\p{L}-]*|\p{Lu}[\p{L}-]*[’']s)\s+){0,4}$/u;
const ORG_NOUNS = `firm|company|lab|laboratory|start-?up|group|fund|hedge fund|bank|agency|institute|university|consultancy|publication|newspaper|regulator|organi[sz]ation|non-?profit|think tank|maker|developer|manufacturer|provider|platform|giant|chipmaker|conglomerate|business|venture|outlet`;
// "X, a research firm …" — but not "…, the company said" (an attribution, not an appositive)
const ORG_APPOSITIVE = new RegExp(
  String.raw`^,\s+(?:the|a|an)\s+(?:[\p{L}’'.-]+\s+){0,5}?(${ORG_NOUNS})\b(?![’']s)(?!-|\s+(?:spokes(?:person|man|woman)|chief|executive|director|head|official|officer|analyst|economist|researcher|scientist|president|founder|co-founder|manager|representative|lawyer|attorney|engineer|partner|adviser|advisor)\b)(?!\s+(?:has\s+|had\s+|also\s+)?(?:said|says|told|tells|added|adds|noted|wrote|confirmed|announced|reported|estimated|estimates|believes|argued|declined|disclosed)\b)`,
  'u',
);
// "The chief executives of OpenAI and Anthropic told …": named people, none of them one entity
const PEOPLE_GROUP = /\b(?:[Tt]he\s+)?(?:chief executives|CEOs|founders|co-founders|bosses|heads|leaders)\s+of\b/g;
const GROUP_SPEAKERS =
  /\b(?:[Aa]nalysts|[Ee]xperts|critics|sceptics|skeptics|investors|observers|[Rr]esearchers|[Oo]fficials|[Ee]xecutives|insiders|[Ee]conomists|commentators|people familiar with [\w\s]{0,30}?|sources|engineers|developers|users|lawmakers|legislators|senators|regulators)\b/g;
// Common nouns for groups and sources, capitalised only because they open a sentence.
const COLLECTIVE =
  /^(?:Authorities|Police|Officials|Studies|Surveys|Reports|Accounts|Polls|Senators|Lawmakers|Legislators|Scholars|Researchers|Scientists|Experts|Analysts|Critics|Investigators|Prosecutors|Residents|Witnesses|Neighbou?rs|Protesters|Activists|Supporters|Opponents|Officers|Doctors|Parents|Teachers|Students|Workers|Employees|Executives|Insiders|Sources|Aides|Advis[eo]rs|Economists|Investors|Traders|Regulators|Judges|Voters|Both|Others|Some|Many|Most|More|Several|Few)$/;
// Capitalised words that begin sentences or name places and days, not people.
const NOT_NAMES = new Set([
  'Rep',
  'Sen',
  'Gov',
  'Gen',
  'Rev',
  'Lt',
  'Col',
  'Capt',
  'Sgt',
  'Dr',
  'Mr',
  'Mrs',
  'Ms',
  'Prof',
  'St',
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'For',
  'As',
  'If',
  'When',
  'While',
  'But',
  'And',
  'Or',
  'So',
  'Yet',
  'Still',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'Its',
  'He',
  'She',
  'They',
  'We',
  'I',
  'His',
  'Her',
  'Their',
  'Our',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Silicon',
  'Valley',
  'United',
  'States',
  'Kingdom',
  'White',
  'House',
  'San',
  'Francisco',
  'New',
  'York',
  'Street',
  'Wall',
  'Journal',
  'Times',
  'Post',
  'News',
  'App',
  'Store',
  'Google',
  'Apple',
  'Microsoft',
  'Amazon',
  'Chinese',
  'American',
  'European',
  'British',
  'US',
  'UK',
  'EU',
  'AI',
  'By',
  'From',
  'With',
  'Without',
  'After',
  'Before',
  'Since',
  'Until',
  'Like',
  'Unlike',
  'Where',
  'What',
  'Who',
  'Why',
  'How',
  'Not',
  'Some',
  'Many',
  'Most',
  'Others',
  'Meanwhile',
  'However',
  'Sceptics',
  'Investors',
  'Analysts',
  'Critics',
  'Tech',
  'Technology',
  'National',
  'Capital',
  'Management',
  'Partners',
  'Research',
  'Labs',
  'Inc',
  'Corp',
]);
// (a nickname in quotation marks may sit between first and last name: Mark “Zuck” Zuckerberg)
// Letters beyond ASCII count ("Tomás Echeverría", "Zoë"); JavaScript's \b does not know them, hence the lookarounds.
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?`;
const NOT_IN_WORD_BEFORE = String.raw`(?<![\p{L}\p{M}\p{N}_])`;
const NOT_IN_WORD_AFTER = String.raw`(?![\p{L}\p{M}\p{N}_])`;
const NAME_RE = new RegExp(
  `${NOT_IN_WORD_BEFORE}${NAME_WORD}(?:\\s+(?:\\p{Lu}\\.|${NAME_WORD}|[“"‘]\\p{Lu}[\\p{Ll}\\p{M}]+[”"’]|van|von|de|da|del|bin|al))*\\s+${NAME_WORD}${NOT_IN_WORD_AFTER}|${NOT_IN_WORD_BEFORE}${NAME_WORD}${NOT_IN_WORD_AFTER}`,
  'gu',
);
const NICKNAME = /\s+[“"‘][A-Z][a-z]+[”"’](?=\s)/g;
const ORG_NAME_RE = /\b[A-Z][\p{L}\d&.-]*(?:\s+[A-Z][\p{L}\d&.-]*){0,3}/gu;

function overlapsAny(start: number, end: number, ranges: { start: number; end: number }[]): boolean {
  return ranges.some((r) => start < r.end && end > r.start);
}

/** People and organisations the pack does not know, found by the roles and speech verbs around them. */
export function findUnknowns(text: string, mentions: { start: number; end: number }[]): Candidate[] {
  const out: Candidate[] = [];
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(text); m; m = NAME_RE.exec(text)) {
    // "Ask Damien Chazelle, the director …", "Had Katrina spoken …": a capitalised verb opening the sentence is not part of the name
    const lead =
      /^(?:Ask|Asked|Had|Has|Have|Was|Were|Is|Did|Does|Do|Let|Meet|Take|Says|Said|Tell|Told|When|While|If|As|But|And|So|Yet|In|On|At|For|From|With|After|Before|Since|Like|Unlike|Until|Host|Anchor|Presenter|Moderator|Reporter|Correspondent|Columnist)\s+(?=[A-Z])/.exec(
        m[0],
      );
    const start = m.index + (lead ? lead[0].length : 0);
    const end = m.index + m[0].length;
    if (lead) m[0] = m[0].slice(lead[0].length);
    if (overlapsAny(start, end, mentions)) continue;
    const words = m[0].split(/\s+/);
    if (words.every((w) => NOT_NAMES.has(w))) continue;
    if (NOT_NAMES.has(words[0]) && words.length === 1) continue;
    // "Authorities said …", "Studies have found …", "Both said …": a common noun opening the sentence, not a name
    if (words.length === 1 && COLLECTIVE.test(words[0])) continue;
    const after = text.slice(end, end + 90);
    const before = text.slice(Math.max(0, start - 30), start);
    // "the French President said": a title, not a name (the nominal reference is resolved later)
    if (
      // ("the US President said", "the French Prime Minister said")
      /\b[Tt]he\s+(?:\p{Lu}[\p{L}.]*\s+){0,2}$/u.test(before) &&
      /^(?:President|Minister|Secretary|Senator|Governor|Mayor|Chancellor|Chairman|Chairwoman|Director|Commissioner|Ambassador|Premier|Leader)$/.test(
        words[words.length - 1],
      )
    )
      continue;
    const isPerson =
      (words.length >= 2 && (PERSON_AFTER.test(after) || PERSON_BEFORE.test(before) || PERSON_INTRO.test(after))) ||
      (words.length >= 2 &&
        !NOT_NAMES.has(words[0]) &&
        !/\b(?:the|of|at|from|for|in|by|with|and)\s+$/i.test(before) &&
        SPEECH_AFTER.test(after.slice(ORG_THEN_SPEECH.exec(after)?.[0].length ?? after.length))) ||
      // a quotation signed with a dash ("“…” –Ruben Okafor", "— Amara Osei (@amaraosei) June 8"), a handle after the name
      (words.length >= 2 && !NOT_NAMES.has(words[0]) && (/[”"]\s*[—–-]\s*$/.test(before) || /^\s*\(@\w+\)/.test(after))) ||
      // "Commissioner Greta Solberg": a title opening the name
      (words.length >= 3 &&
        /^(?:Commissioner|Chancellor|Governor|Mayor|Judge|Ambassador|Senator|Minister|Secretary|Professor)$/.test(words[0])) ||
      // "Arakawa, who joined in March, …": a relative "who" makes a surname alone a person
      (words.length === 1 && !NOT_NAMES.has(words[0]) && /^,\s+who\b/.test(after)) ||
      (!NOT_NAMES.has(words[0]) &&
        // ("Ilya Brandt of Cobalt Robotics replied": the organisation after "of" is not the one speaking)
        !OWNER_BEFORE.test(before) &&
        (SPEECH_AFTER.test(after) ||
          (SPEECH_BEFORE.test(before) &&
            !ROLE_THEN_NAME.test(after) &&
            // "according to Gartner": one word there is as often a firm as a person
            !(words.length === 1 && /according to\s+$/.test(before)))) &&
        !/^\s*(?:’s|'s)/.test(after)) ||
      // "Priya Raman chairs the board": a common first name and a surname, no role needed
      // "Ms. Adeyemi": an honorific makes a surname alone a person
      (words.length === 1 && /\b(?:Mr|Mrs|Ms|Dr)\.?\s+$/.test(before)) ||
      (words.length === 2 &&
        isFirstName(words[0]) &&
        !NOT_NAMES.has(words[1]) &&
        // (not a byline or a photo credit: the writer is not one of the people in the story)
        !/\b(?:[Bb]y|BY|[Pp]hotos?|[Cc]redit|[Pp]hotograph|[Ii]llustration|[Ww]ritten)\s*:?\s*$/.test(before) &&
        !/^\s*(?:\/|\||for\s+\p{Lu}|\n|$)/u.test(after));
    // "an Iowa Republican said", "a Google engineer said": someone unnamed, described, not a name
    if (isPerson && /\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+$/.test(text.slice(Math.max(0, start - 9), start))) {
      out.push({
        start: Math.max(0, start - 9) + text.slice(Math.max(0, start - 9), start).search(/\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+$/),
        end,
        id: null,
        kind: 'group',
        via: 'unknown',
        possessive: false,
      });
      continue;
    }
    if (isPerson && !ORG_APPOSITIVE.test(after)) {
      const possessive = /^(?:’s|'s)/.test(after);
      out.push({ start, end, id: null, kind: 'person', via: 'unknown', possessive, name: m[0].replace(NICKNAME, '') });
    }
  }
  ORG_NAME_RE.lastIndex = 0;
  for (let m = ORG_NAME_RE.exec(text); m; m = ORG_NAME_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlapsAny(start, end, mentions) || overlapsAny(start, end, out)) continue;
    if (NOT_NAMES.has(m[0])) continue;
    if (ORG_APPOSITIVE.test(text.slice(end, end + 90)))
      out.push({ start, end, id: null, kind: 'org', via: 'unknown', possessive: false, name: m[0] });
  }
  PEOPLE_GROUP.lastIndex = 0;
  for (let m = PEOPLE_GROUP.exec(text); m; m = PEOPLE_GROUP.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, id: null, kind: 'person', via: 'unknown', possessive: false });
  }
  GROUP_SPEAKERS.lastIndex = 0;
  for (let m = GROUP_SPEAKERS.exec(text); m; m = GROUP_SPEAKERS.exec(text)) {
    // "Morgan Stanley analysts", "analysts at Bernstein": the firm they speak for
    const end = m.index + m[0].length;
    const known = [...mentions, ...out].find(
      (c) =>
        (c.end <= m!.index && /^\s+$/.test(text.slice(c.end, m!.index))) ||
        (c.start > end && /^\s+(?:at|from)\s+$/.test(text.slice(end, c.start))),
    ) as Candidate | undefined;
    const firm = known
      ? known.kind === 'org'
        ? { start: Math.min(known.start, m.index), end: Math.max(known.end, end), id: known.id ?? null, name: known.name }
        : null
      : orgBeside(text, m.index, end);
    if (firm && /^(?:analysts|economists|strategists|researchers|executives|officials)$/i.test(m[0])) {
      out.push({ ...firm, name: firm.name ?? text.slice(firm.start, firm.end), kind: 'org', via: 'unknown', possessive: false });
      continue;
    }
    // ("analysts’ estimates": an owner, not a speaker)
    out.push({
      start: m.index,
      end,
      id: null,
      kind: 'group',
      via: 'unknown',
      possessive: /^(?:’s|'s|’|')(?!\p{L})/u.test(text.slice(end, end + 3)),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A capitalised name right before a group noun ("Morgan Stanley analysts") or after "at" ("analysts at Bernstein"). */
function orgBeside(text: string, start: number, end: number): { start: number; end: number; id: null; name: string } | null {
  const NAME = String.raw`\p{Lu}[\p{L}&.-]*(?:\s+\p{Lu}[\p{L}&.-]*){0,2}`;
  const before = new RegExp(String.raw`(?<![\p{L}’'])(${NAME})\s+$`, 'u').exec(text.slice(Math.max(0, start - 40), start));
  if (
    before &&
    !before[1].split(/\s+/).some((w) => NOT_NAMES.has(w)) &&
    !/^(?:[\p{Lu}]+ )?(?:Some|Many|Most|Other|Several|Few)$/u.test(before[1])
  ) {
    const at = Math.max(0, start - 40) + before.index;
    // not the end of a sentence's opening words ("In March analysts …" has a capitalised word too)
    // (not an adjective opening the sentence: "Independent analysts say …")
    const adjective =
      /^(?:Independent|Outside|Other|Senior|Top|Leading|Private|Industry|Federal|State|Local|Government|Former|Current|Two|Three|Four|Five|Both|Market|Security|Financial|Foreign|Western|Global|Retail|Institutional)$/.test(
        before[1],
      );
    if (!adjective && (at === 0 || /[\s,;:(]$/.test(text.slice(0, at)))) return { start: at, end, id: null, name: before[1] };
  }
  const after = new RegExp(String.raw`^\s+(?:at|from)\s+(${NAME})`, 'u').exec(text.slice(end, end + 50));
  if (after && !after[1].split(/\s+/).some((w) => NOT_NAMES.has(w))) return { start, end: end + after[0].length, id: null, name: after[1] };
  return null;
}

/** The noun an appositive gives an entity: "DeepSeek, the Hangzhou lab whose…" → "lab". */
export function appositiveNoun(after: string): string | null {
  const m = ORG_APPOSITIVE.exec(after);
  return m ? normaliseNoun(m[1]) : null;
}

function normaliseNoun(noun: string): string {
  const n = noun.toLowerCase().replace(/-/g, '');
  if (n === 'laboratory') return 'lab';
  if (n === 'hedge fund') return 'fund';
  return n;
}

const PRONOUNS =
  /\b(?:([Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er)|[Tt]he (?:(?:[A-Z][\p{L}-]+\s+){1,3}|(?:Chinese|American|French|British|European|young|small|tiny|new|little-known)\s+)?(company|firm|lab|laboratory|start-?up|group|fund|hedge fund|chipmaker|giant|developer|maker|business)|[Tt]he (?:new\s+)?(model|system|chatbot)|^(?:[A-Z][\p{L}-]+\s+){1,2}(company|firm|lab|start-?up|chipmaker|giant|developer|maker)(?=\s+(?:says|said|claims)\b))\b/gu;
const LEADING_IT = /^(?:(?:And|But|So|Yet|Now|Still|Instead),?\s+(it|its)|(It|Its))\b/;
const EXPLETIVE_IT =
  /^(?:(?:And|But|So|Yet|Now|Still|Instead),?\s+)?It\s+(?:is|was|’s|'s|has been|had been|seems|seemed|remains|appears|appeared|would be|will be|may be|might be|could be)\s+(?:not\s+|still\s+|also\s+|now\s+)?(?:clear|unclear|likely|unlikely|possible|impossible|hard|easy|difficult|true|false|worth|important|too|time|no|not|the|a|an|unusual|rare|common|striking|notable|telling|significant|ironic)\b|^It\s+(?:is|was)\s+not\b|^It\s+(?:is|was),/;

const ORG_WORDS =
  /\b(?:Office|Department|Radio|Agency|Management|Company|Corp|Inc|University|Police|Service|Commission|Council|Committee|Association|Institute|Bank|Group|News|Times|Post|Press|Network|Ministry|Administration|Government|Court|Team|Party)\b/;

export interface SentenceRefs {
  /** pronouns and noun phrases resolved to entities (or null when unclear) */
  refs: Candidate[];
}

/** Left-to-right memory of the last person, organisation and model mentioned. */
export class ReferenceTracker {
  person: string | null | undefined;
  /** the last person's name as the text gives it (for people the pack does not know) */
  personName: string | null | undefined;
  orgName: string | null | undefined;
  org: string | null | undefined;
  model: string | null | undefined;
  /** the main entity of the previous sentence, for a sentence-initial "It" */
  previousSubject: { id: string; kind: Candidate['kind'] } | null = null;
  private nouns = new Map<string, { id: string | null; sentence: number }>();
  private sentenceIndex = 0;
  /** people named so far, most recent last, so "she" skips a man named after her */
  private people: { id: string | null | undefined; name: string | null | undefined; sentence: number }[] = [];

  constructor(private readonly genders?: PageGenders) {}

  private notePerson(c: Candidate): void {
    if (!c.id && !c.name) return;
    // "New York City’s Office of Emergency Management" taken for a person is no one "he" or "she" means
    if (!c.id && c.name && ORG_WORDS.test(c.name)) return;
    this.people = this.people.filter((p) => !(p.id ? p.id === c.id : p.name === c.name));
    this.people.push({ id: c.id, name: c.name, sentence: this.sentenceIndex });
    if (this.people.length > 12) this.people.shift();
  }

  /** The most recent person a pronoun can stand for: the same gender, or one the page does not tell. */
  private personFor(word: string): { id: string | null | undefined; name: string | null | undefined } {
    const wanted = pronounGender(word);
    if (!this.genders || !wanted) return { id: this.person, name: this.personName };
    // a person the page shows to be of that gender first, then one it does not tell about
    let unknown: (typeof this.people)[number] | undefined;
    for (let k = this.people.length - 1; k >= 0; k--) {
      const g = this.genders.of(this.people[k].name);
      if (g === wanted) return this.people[k];
      if (!g) unknown ??= this.people[k];
      // someone the page does not tell about, named in this sentence or the one before, is nearer
      if (unknown && this.sentenceIndex - unknown.sentence <= 1) return unknown;
    }
    if (unknown) return unknown;
    // no one of that gender (or of unknown gender) named: better no antecedent than the wrong one
    return this.people.length ? { id: null, name: null } : { id: this.person, name: this.personName };
  }

  /**
   * Walks one sentence: mentions and unknown names update the memory, pronouns are resolved
   * against it as they come. Returns the resolved references, in order.
   */
  walk(text: string, mentions: Candidate[], unknowns: Candidate[]): Candidate[] {
    const refs: Candidate[] = [];
    const events: (
      | { type: 'entity'; c: Candidate }
      | { type: 'pronoun'; start: number; end: number; word: string; group: 'person' | 'org' | 'model' }
    )[] = [];
    for (const c of mentions) events.push({ type: 'entity', c });
    for (const c of unknowns) if (c.kind !== 'group') events.push({ type: 'entity', c });
    PRONOUNS.lastIndex = 0;
    for (let m = PRONOUNS.exec(text); m; m = PRONOUNS.exec(text)) {
      // (a headline or deck drops the article: "Hangzhou lab says …")
      const group = m[1] ? 'person' : (m[2] ?? m[4]) ? 'org' : 'model';
      events.push({
        type: 'pronoun',
        start: m.index,
        end: m.index + m[0].length,
        word: (m[1] ?? m[2] ?? m[4] ?? m[3]).toLowerCase(),
        group,
      });
      void 0;
    }
    const leadingIt = LEADING_IT.exec(text);
    if (leadingIt && !EXPLETIVE_IT.test(text.replace(/^(?:And|But|So|Yet|Now|Still|Instead),?\s+it/, 'It')) && this.previousSubject) {
      const word = leadingIt[1] ?? leadingIt[2];
      const start = leadingIt.index + leadingIt[0].length - word.length;
      refs.push({
        start,
        end: start + word.length,
        id: this.previousSubject.id,
        kind: this.previousSubject.kind,
        via: 'pronoun',
        possessive: /^its$/i.test(word),
      });
    }
    events.sort((a, b) => (a.type === 'entity' ? a.c.start : a.start) - (b.type === 'entity' ? b.c.start : b.start));
    let firstSubject: { id: string; kind: Candidate['kind'] } | null = refs[0]?.id ? { id: refs[0].id, kind: refs[0].kind } : null;
    // The most salient antecedent of each kind is its first plain mention in the sentence (the subject,
    // usually), not its last: "DeepSeek says R1 matches OpenAI's o1. … the company" is DeepSeek.
    const setHere = new Map<string, boolean>(); // kind → set by a non-possessive mention
    const remember = (c: Candidate) => {
      const prior = setHere.get(c.kind);
      if (prior === true || (prior === false && c.possessive)) return;
      setHere.set(c.kind, !c.possessive);
      if (c.kind === 'person') {
        this.person = c.id;
        this.personName = c.name;
      } else if (c.kind === 'org') {
        this.org = c.id;
        this.orgName = c.name;
      } else if (c.kind === 'model') this.model = c.id;
    };
    for (const e of events) {
      if (e.type === 'entity') {
        const c = e.c;
        // people are tracked in order: "Wang said … He" is the most recent person
        if (c.kind === 'person') {
          this.person = c.id;
          this.personName = c.name;
          if (!c.possessive || c.id || c.name) this.notePerson(c);
        } else if (!(c.kind === 'org' && VENUE_BEFORE.test(text.slice(Math.max(0, c.start - 40), c.start)))) remember(c);
        const noun = appositiveNoun(text.slice(c.end, c.end + 90));
        if (noun && c.kind === 'org') {
          this.nouns.set(noun, { id: c.id, sentence: this.sentenceIndex });
          // "a research firm" and "the firm" are the same organisation, not the lab we knew before
          if (['firm', 'company', 'startup', 'group'].includes(noun))
            for (const generic of ['firm', 'company', 'startup', 'group'])
              this.nouns.set(generic, { id: c.id, sentence: this.sentenceIndex });
        }
        if (!firstSubject && c.id && !c.possessive) firstSubject = { id: c.id, kind: c.kind };
        continue;
      }
      let id: string | null | undefined;
      let name: string | null | undefined;
      if (e.group === 'person') {
        ({ id, name } = this.personFor(e.word));
        // "her" may be a possessive of a woman we do not know; "his"/"her" follow the same memory
      } else if (e.group === 'org') {
        const noun = normaliseNoun(e.word);
        const remembered = this.nouns.get(noun);
        id = remembered && this.sentenceIndex - remembered.sentence <= 8 ? remembered.id : this.org;
        name = id === this.org ? this.orgName : null;
      } else {
        id = this.model;
      }
      const kind = e.group;
      // "the Chinese lab DeepSeek": the noun phrase introduces the name that follows
      if (e.group === 'org' && events.some((x) => x.type === 'entity' && x.c.start >= e.end && x.c.start - e.end <= 1)) continue;
      if (id) remember({ start: e.start, end: e.end, id, kind, via: 'pronoun', possessive: false, name });
      // a pronoun that refers back keeps its person the most recent one
      if (kind === 'person' && (id || name)) {
        this.notePerson({ start: e.start, end: e.end, id: id ?? null, kind, via: 'pronoun', possessive: false, name });
        this.person = id;
        this.personName = name;
      }
      refs.push({
        start: e.start,
        end: e.end,
        id: id ?? null,
        kind,
        via: 'pronoun',
        possessive: /^(?:his|her)$/.test(e.word),
        name: name ?? null,
      });
      if (!firstSubject && id && e.start < 40) firstSubject = { id, kind };
    }
    // a sentence that names nothing ("Here is what stands out:") leaves "It" pointing where it was
    if (mentions.length || refs.length || unknowns.some((u) => u.kind !== 'group')) {
      this.previousSubject =
        firstSubject && firstSubject.kind !== 'person' ? firstSubject : firstSubject ? this.lastNonPerson(mentions) : null;
    }
    this.sentenceIndex++;
    return refs.sort((a, b) => a.start - b.start);
  }

  private lastNonPerson(mentions: Candidate[]): { id: string; kind: Candidate['kind'] } | null {
    const c = mentions.find((m) => m.kind !== 'person' && m.id && !m.possessive);
    return c?.id ? { id: c.id, kind: c.kind } : null;
  }

  /** A new block with no entity breaks the chain for "It". */
  forgetSubject(): void {
    this.previousSubject = null;
  }
}

/** Mentions of one sentence as candidates (offsets relative to the sentence). */
export function mentionCandidates(sentenceText: string, sentenceStart: number, mentions: Mention[]): Candidate[] {
  return mentions.map((m) => {
    const start = m.start - sentenceStart;
    const end = m.end - sentenceStart;
    return {
      start,
      end,
      id: m.entityId,
      kind: m.type,
      via: 'mention' as const,
      possessive: /^(?:’s|'s|’|')(?![\p{L}])/u.test(sentenceText.slice(end, end + 3)),
      name: m.name,
    };
  });
}

// ————— speech frames —————

const STRONG_VERBS = `said|says|say|saying|told|tells|telling|wrote|writes|writing|posted|posts|tweeted|tweets|added|adds|adding|argued|argues|arguing|noted|notes|noting|explained|explains|claimed|claims|claiming|stated|states|insisted|insists|warned|warns|warning|suggested|suggests|acknowledged|acknowledges|admitted|admits|declared|declares|commented|remarked|replied|responded|responds|answered|answers|asked|asks|pushed back|conceded|concedes|contended|contends|maintained|maintains|cautioned|cautions|stressed|stresses|emphasi[sz]ed|boasted|joked|quipped|recalled|countered|counters|believes|believed|thinks|put it|puts it|in (?:his|her|their) words|according to|predicted|predicts|predicting|calling|called|described|describes|praised|praises|criticised|criticized|dismissed|disputed|disputes|rejected|rejects|questioned|challenged|indicated|indicates|referred to|refers to|reiterated|reiterates|observed|observes|pointed out|points out|testified|testifies|signalled|signaled|asserted|asserts`;
const WEAK_VERBS = `announced|announces|disclosed|discloses|reported|reports|confirmed|confirms|denied|denies|alleged|alleges|estimated|estimates|promised|promises|pledged|vowed|expects|expected|hopes|plans|forecast|forecasts|projected|projects`;
const VERB_RE = new RegExp(String.raw`(?<![\p{L}-])(?:(?:has|have|had)\s+)?(?:(${STRONG_VERBS}|According to)|(${WEAK_VERBS}))\b`, 'gu');

const INVERTIBLE = new Set([
  'said',
  'says',
  'stated',
  'added',
  'adds',
  'wrote',
  'writes',
  'asked',
  'asks',
  'noted',
  'notes',
  'explained',
  'argued',
  'argues',
  'countered',
  'insisted',
  'warned',
  'replied',
  'recalled',
  'stressed',
  'cautioned',
  'according to',
  'has said',
  'had said',
]);
// verbs that can introduce speech after a colon: "Andreessen posted on X: …"
const COLON_VERBS =
  /^(?:(?:has|have|had)\s+)?(?:said|says|wrote|writes|posted|posts|tweeted|tweets|added|adds|told|tells|put it|puts it|declared|explained|noted|argued|warned|stated|remarked|replied|responded|in (?:his|her|their) words)$/;
// verbs that introduce speech only right before the colon: "how he described it:", not "described it as the first … model:"
const NEAR_COLON_VERBS = /^(?:(?:has|have|had)\s+)?(?:described|describes|explains|answered|answers|summed up|sums up)$/;

// "'s prediction that", "'s claim that": a view reported through a noun
const POSSESSIVE_VIEW =
  /^(?:’s|'s|’|')\s+(?:(?:recent|latest|earlier|bold|own|repeated|oft-repeated|public|new)\s+)?(prediction|forecast|promise|estimate|projection|pledge|claim|assertion|argument|warning|view|belief|contention|insistence|suggestion|statement|boast)\s+that\b/i;

function wordsBetween(text: string, a: number, b: number): number {
  return (text.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

export interface Frame {
  /** the verb as written, lower case ("said", "expects", "put it") */
  verb: string;
  /** offsets relative to the sentence */
  verbStart: number;
  verbEnd: number;
  speaker: Candidate;
  /** said/wrote/argued… (strong) or announced/estimated… (weak: gives the source, not a quote) */
  strong: boolean;
  /** the reported content: after the verb ("X said that …") or before it ("…, X said") */
  contentStart: number;
  contentEnd: number;
  /** "X posted on X: …" — speech follows a colon */
  colon: boolean;
}

function isSpeakerKind(c: Candidate): boolean {
  return c.kind === 'person' || c.kind === 'org' || c.kind === 'group';
}

/**
 * Speech frames in a sentence whose quoted words are blanked out (`outside`). Candidates are
 * mentions, unknown names and resolved pronouns, all relative to the sentence.
 */
export function findFrames(outside: string, candidates: Candidate[]): Frame[] {
  const frames: Frame[] = [];
  const speakers = candidates.filter(isSpeakerKind);
  VERB_RE.lastIndex = 0;
  for (let m = VERB_RE.exec(outside); m; m = VERB_RE.exec(outside)) {
    const frame = verbFrame(outside, speakers, m);
    if (frame) frames.push(frame);
  }
  for (const c of speakers) speakerFrames(outside, c, frames);
  asPutFrames(outside, speakers, frames);
  return frames;
}

/** The frame of one speech verb, or none when the verb reports no speech or has no speaker. */
function verbFrame(outside: string, speakers: Candidate[], m: RegExpExecArray): Frame | undefined {
  const verbStart = m.index;
  const verbEnd = m.index + m[0].length;
  const verb = (m[1] ?? m[2]).toLowerCase();
  const strong = m[1] !== undefined;
  const before = outside.slice(0, verbStart);
  if (notSpeech(outside, before, verb, verbEnd)) return undefined;
  // the clause before the verb: back to a semicolon, colon or closing quote mark
  const clauseStart =
    Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('”'), before.lastIndexOf('"'), verbStart - 160) + 1;
  const inverted = /(?:^|[,”"])\s*$/.test(before);
  const speaker = verbSpeaker(outside, speakers, m, verb, verbStart, verbEnd, clauseStart, inverted);
  const trailing = trailingFrame(outside, speakers, verb, verbStart, verbEnd, strong, before, inverted);
  if (trailing) return trailing;
  if (!speaker) return undefined;
  const { contentStart, contentEnd, colon } = contentSpan(outside, speaker, verb, verbStart, verbEnd, clauseStart);
  return { verb, verbStart, verbEnd, speaker, strong, contentStart, contentEnd, colon };
}

/** A speech verb that reports no speech here: negated, a noun, a price asked. */
function notSpeech(outside: string, before: string, verb: string, verbEnd: number): boolean {
  // "has not publicly responded", "never said": no speech to attribute
  if (/\b(?:not|never|no|declined to|refused to)\s+(?:\w+ly\s+)?$/i.test(before)) return true;
  // "beats Wall Street forecasts", "above analysts' estimates": a noun, not someone forecasting
  if (
    /^(?:forecasts?|estimates|projections?)$/.test(verb) &&
    (/\b(?:beat|beats|missed|misses|topped|tops|exceeded|exceeds|above|below|than|met|meets|of|short|ahead)\s+(?:[\p{L}’'.-]+\s+){0,3}$/u.test(
      before,
    ) ||
      !/^\s+\S/.test(outside.slice(verbEnd)))
  )
    return true;
  // "reported results on Wednesday", "reported a loss": figures published, not words;
  // "told analysts about capital spending": a topic, not what was said
  if (
    /^(?:has\s+|have\s+|had\s+)?report(?:ed|s)$/.test(verb) &&
    /^\s+(?:(?:its|their|quarterly|annual|strong|weak|record|better|worse)[\p{L}-]*\s+){0,3}(?:results|earnings|revenue|sales|profits?|losses?|a\s+(?:loss|profit|drop|rise|decline|jump))\b/u.test(
      outside.slice(verbEnd),
    ) &&
    // ("reported revenue above estimates, and said orders …": the subject's words come with the second verb)
    !/\b(?:said|says|added|adds|told|tells)\b/.test(outside.slice(verbEnd))
  )
    return true;
  if (/^(?:told|tells)$/.test(verb) && /^\s+(?:\p{L}+\s+){1,2}about\b/u.test(outside.slice(verbEnd))) return true;
  // "posted a short message on Sunday", "wrote a book": an object, not the words (unless a colon brings them)
  if (
    /^(?:posted|posts|tweeted|wrote|writes)$/.test(verb) &&
    /^\s+(?:a|an|the|his|her|their|its|two|three|several|about)\s/.test(outside.slice(verbEnd)) &&
    !/:/.test(outside.slice(verbEnd, verbEnd + 80))
  )
    return true;
  // "asked whether the data centre had power": a question reported, nothing asserted
  if (/^ask/.test(verb) && /^\s+(?:\p{Ll}+\s+)?(?:whether|if|how|why|what|when|where|who)\b/u.test(outside.slice(verbEnd))) return true;
  // "who asked not to be named": a condition of anonymity, not words reported
  if (
    /^ask/.test(verb) &&
    /^\s+(?:not to be (?:named|identified|quoted)|for anonymity|that (?:his|her|their) name)/.test(outside.slice(verbEnd))
  )
    return true;
  // "the $15 that Anthropic asks for Claude": a price asked, not a question
  if (/^ask/.test(verb) && /^\s*(?:for\b|[$€£]|\d)/.test(outside.slice(verbEnd))) return true;
  return false;
}

/** "’s attorney", "his wife", "her father": a person other than the owner (relatives, lawyers, friends). */
export const OTHER_PERSON =
  /^(?:’s|'s)?\s*(?:[\p{Ll}-]+\s+)?(?:attorneys?|lawyers?|wife|husband|partner|father|mother|son|daughter|brother|sister|parents|family|uncle|aunt|cousin|friends?|colleagues?|neighbou?rs?|girlfriend|boyfriend|fianc[ée]e?|widow|agent|assistant|aides?|doctors?|teammates?|coach)\s+(?:(?:has|had|have|also)\s+)?$/u;

/** The speaker of a verb: after it ("…,” said X", "according to X") or in the clause before it. */
function verbSpeaker(
  outside: string,
  speakers: Candidate[],
  m: RegExpExecArray,
  verb: string,
  verbStart: number,
  verbEnd: number,
  clauseStart: number,
  inverted: boolean,
): Candidate | undefined {
  const beforeSpeakers = speakers.filter(
    (c) =>
      c.start >= clauseStart &&
      c.end <= verbStart &&
      // "a person close to the company said": an unnamed source, not the company
      !/\b(?:close to|familiar with|briefed on|knowledgeable about|with knowledge of)\s+(?:the\s+)?$/.test(
        outside.slice(clauseStart, c.start),
      ) &&
      // "an OpenAI executive said": the executive (an unnamed source), not the organisation inside the phrase
      !speakers.some((d) => d !== c && d.start <= c.start && d.end >= c.end && d.end - d.start > c.end - c.start),
  );
  // "…,” said X" / "according to X": the speaker follows the verb; "told analysts" names the audience
  const immediateAfter = speakers.find((c) => c.start >= verbEnd && /^\s{0,2}$/.test(outside.slice(verbEnd, c.start)) && !c.possessive);
  let speaker: Candidate | undefined;
  if (verb === 'according to') {
    // ("according to her father": someone unnamed, not the person "her" stands for)
    const other = /^\s+(?:his|her|their|my|our)(\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+)?)/u.exec(outside.slice(verbEnd));
    if (other && OTHER_PERSON.test(`${other[1]} `)) return undefined;
    speaker = speakers.find((c) => c.start >= verbEnd && c.start - verbEnd <= 60 && !/[.;:]/.test(outside.slice(verbEnd, c.start)));
  } else if (
    inverted &&
    INVERTIBLE.has(verb) &&
    !/^(?:has|have|had)\s/.test(m[0]) &&
    immediateAfter &&
    immediateAfter.via !== 'pronoun' &&
    // "…,” said Lena Doe, an analyst." — the name ends the sentence or takes an appositive; "said Microsoft would" is reported speech
    /^\s*(?:[,.;)]|$)/.test(outside.slice(immediateAfter.end))
  ) {
    speaker = immediateAfter;
  } else if (/\b(?:(?:that|which)\s+it|they)\s+(?:\p{Ll}+ly\s+)?$/u.test(outside.slice(0, verbStart))) {
    // "a model that it says matches …", "…, but they say …": the pronoun speaks (resolved later), not a name before it
    speaker = undefined;
  } else if (beforeSpeakers.length) {
    // a possessive speaks only as the owner of the subject right before the verb: "DeepSeek's own report noted"
    const usable = beforeSpeakers.filter(
      (c) =>
        !c.possessive ||
        (!/,/.test(outside.slice(c.end, verbStart)) &&
          wordsBetween(outside, c.end, verbStart) <= 4 &&
          // "His attorney said", "Hughes's wife said": someone else, unnamed, not the owner
          !OTHER_PERSON.test(outside.slice(c.end, verbStart))),
    );
    const nonPossessive = usable.filter((c) => !c.possessive);
    const pool = nonPossessive.length ? nonPossessive : usable;
    speaker = pool.find((c) => c.kind === 'person') ?? pool.find((c) => c.kind === 'org') ?? pool[0];
    // "DeepSeek, he added, had…": a pronoun or name right before the verb is the speaker
    // an organisation right before the verb is the speaker unless it ends a person's title ("X, chief of Y, said")
    const adjacent = pool.find(
      (c) => verbStart - c.end <= 2 && !c.possessive && (c.kind !== 'org' || !pool.some((p) => p.kind === 'person')),
    );
    if (adjacent) speaker = adjacent;
    // "David Sacks, a venture investor who has called …", "lawmakers of both parties who accused …":
    // a relative clause's verb belongs to the person or group "who" stands for, the last one before it
    const rel = RELATIVE_WHO.exec(outside.slice(clauseStart, verbStart));
    if (rel) {
      const whoAt = clauseStart + rel.index;
      const antecedent = beforeSpeakers.filter((c) => c.end <= whoAt && !c.possessive && (c.kind === 'person' || c.kind === 'group')).pop();
      if (antecedent) speaker = antecedent;
    }
  } else if (immediateAfter && INVERTIBLE.has(verb) && immediateAfter.via !== 'pronoun') {
    // ("… says he misses the traffic": a pronoun after the verb opens the content)
    // "said OpenAI CEO Sam Altman": the person the organisation and title introduce
    const titled = speakers.find(
      (c) =>
        c.kind === 'person' &&
        c.start > immediateAfter.end &&
        /^\s+(?:[\p{L}-]+\s+){0,3}$/u.test(outside.slice(immediateAfter.end, c.start)) &&
        /\b(?:CEO|CFO|CTO|COO|chief|executive|president|founder|co-founder|head|chair(?:man|woman)?|director|scientist|researcher|analyst|spokes(?:person|man|woman))\s+$/i.test(
          outside.slice(immediateAfter.end, c.start),
        ),
    );
    speaker = immediateAfter.kind === 'org' && titled ? titled : immediateAfter;
  }
  return speaker;
}

/**
 * "…, the two firms said on Tuesday." / "…, people familiar with the matter said": a short
 * trailing clause names the source; whatever it names (or nothing the pack knows) is the speaker.
 */
function trailingFrame(
  outside: string,
  speakers: Candidate[],
  verb: string,
  verbStart: number,
  verbEnd: number,
  strong: boolean,
  before: string,
  inverted: boolean,
): Frame | undefined {
  const lastComma = before.lastIndexOf(',');
  const tail = lastComma >= 0 ? outside.slice(lastComma + 1, verbStart) : '';
  // (a participle clause after the source's setting is no content: "…, the company said on Friday, valuing it at …")
  const rest = outside.slice(verbEnd).replace(/,\s+\p{Ll}+ing\b.*$/su, '');
  const trailing =
    lastComma > 20 &&
    !inverted &&
    wordsBetween(outside, lastComma + 1, verbStart) <= 5 &&
    !/[”"]/.test(tail) &&
    !/\b(?:that|which|who|whom)\b/i.test(tail) &&
    // "…, and said demand …": a second verb of the sentence's subject, not a trailing source
    !/^\s*(?:and|but|or|then|also|later|and later|and also)\s*$/i.test(tail) &&
    wordsBetween(rest, 0, rest.length) <= 8 &&
    !/\bthat\b|[:“”"‘’]/.test(rest) &&
    !/\b(?:is|are|was|were|has|have|had|will|would|can|could)\b/.test(rest) &&
    // "In an interview with the Times, the president-elect said Mattis changed …": a setting, then the content
    !(
      wordsBetween(rest, 0, rest.length) > 3 &&
      /^\s*(?:In|At|During|On|After|Before|Speaking|Asked|Writing|Earlier|Later|Last|Since)\b[^,]{0,80}$/.test(outside.slice(0, lastComma))
    );
  if (!trailing) return undefined;
  const inTail = speakers.filter((c) => c.start > lastComma && c.end <= verbStart);
  const speaker = inTail.find((c) => !c.possessive) ??
    inTail[0] ?? { start: lastComma + 1, end: verbStart, id: null, kind: 'group', via: 'unknown', possessive: false };
  return { verb, verbStart, verbEnd, speaker, strong, contentStart: 0, contentEnd: lastComma, colon: false };
}

/** Where a verb's reported content lies, and whether it follows a colon. */
function contentSpan(
  outside: string,
  speaker: Candidate,
  verb: string,
  verbStart: number,
  verbEnd: number,
  clauseStart: number,
): { contentStart: number; contentEnd: number; colon: boolean } {
  const colonAt = outside.slice(verbEnd, verbEnd + 70).search(/:(?:\s*\S|\s*$)/);
  const colon =
    colonAt >= 0 &&
    (COLON_VERBS.test(verb) || (NEAR_COLON_VERBS.test(verb) && colonAt <= 12)) &&
    !/[.;]/.test(outside.slice(verbEnd, verbEnd + colonAt));
  let contentStart: number;
  let contentEnd: number;
  if (speaker.start > verbEnd) {
    // "…, said X" or "according to X, …": the content is the rest of the sentence
    contentStart = 0;
    contentEnd = outside.length;
    if (verb === 'according to') {
      const comma = outside.indexOf(',', speaker.end);
      if (comma >= 0 && verbStart < 5) contentStart = comma + 1;
      else contentEnd = verbStart;
    } else contentEnd = clauseStart > 0 ? verbStart : verbStart;
  } else {
    contentStart = colon ? verbEnd + colonAt + 1 : verbEnd;
    contentEnd = outside.length;
    // "…, a spokeswoman for the union said at a press conference last week.": only a setting after
    // the verb, the content is the clause before the speaker
    const rest = outside.slice(verbEnd);
    const commaBefore = outside.lastIndexOf(',', speaker.start);
    if (
      !colon &&
      commaBefore > 20 &&
      wordsBetween(outside, verbEnd, outside.length) <= 8 &&
      /^\s*(?:(?:on|in|at|during|after|before|last|this|late|early|earlier|via|through|to)\b|[.!?]?\s*$)/.test(rest) &&
      !/\b(?:that|is|are|was|were|will|would|has|have|had|can|could)\b|[:“”"]/.test(rest)
    ) {
      contentStart = 0;
      contentEnd = commaBefore;
    }
  }
  return { contentStart, contentEnd, colon };
}

/** Frames a speaker makes without a verb: a possessive view, a headline colon, a signed quotation. */
function speakerFrames(outside: string, c: Candidate, frames: Frame[]): void {
  // "Huang's prediction that …", "Altman's claim that …": a person's (or organisation's) reported view
  if (c.possessive) {
    const m = POSSESSIVE_VIEW.exec(outside.slice(c.end, c.end + 60));
    if (m) {
      const verbEnd = c.end + m[0].length;
      const predictive = /^(?:prediction|forecast|promise|estimate|projection|pledge)$/i.test(m[1]);
      frames.push({
        verb: predictive ? 'predicted' : 'claimed',
        verbStart: c.end,
        verbEnd,
        speaker: { ...c, possessive: false },
        strong: true,
        contentStart: verbEnd,
        contentEnd: outside.length,
        colon: false,
      });
    }
    return;
  }
  // "Nvidia CEO: AI will …", "Altman: …" — a headline's speaker and a colon
  // (a person only: "Meta: the company that …" is a kicker, not Meta speaking)
  if (c.start <= 2 && /^\s{0,2}:\s*\S/.test(outside.slice(c.end)) && c.kind === 'person') {
    const colonAt = outside.indexOf(':', c.end) + 1;
    frames.push({
      verb: 'colon',
      verbStart: c.end,
      verbEnd: colonAt,
      speaker: c,
      strong: true,
      contentStart: colonAt,
      contentEnd: outside.length,
      colon: true,
    });
  }
  // "“We are not trying to out-scale anyone”: Acme's Jo Smith on small models" — a headline's quotation
  // and its speaker after a colon, then what the interview is about
  const lead = /[”"]\s*:\s*(?:\p{Lu}[\p{L}\p{N}.&-]*(?:\s\p{Lu}[\p{L}\p{N}.&-]*){0,2}[’']s\s+)?$/u.exec(
    outside.slice(Math.max(0, c.start - 50), c.start),
  );
  if (lead && c.kind === 'person' && /^(?:\s+on\s|\s*$)/.test(outside.slice(c.end))) {
    frames.push(quotationThenSpeaker('colon', Math.max(0, c.start - 50) + lead.index + 1, c));
  }
  // "“…” —Jo Smith": a quotation signed with a dash
  const before = outside.slice(Math.max(0, c.start - 6), c.start);
  if (/[”"]\s*[—–-]\s*$/.test(before) && (c.kind === 'person' || c.kind === 'org')) {
    frames.push(quotationThenSpeaker('dash', Math.max(0, c.start - 6) + before.search(/[”"]\s*[—–-]\s*$/) + 1, c));
  }
}

/** A quotation that ends at `at`, then a mark (a dash, a colon) and its speaker `c`. */
function quotationThenSpeaker(verb: string, at: number, c: Candidate): Frame {
  return { verb, verbStart: at, verbEnd: c.start, speaker: c, strong: true, contentStart: 0, contentEnd: at, colon: false };
}

/** "As he put it: …" and "In his words, …" */
function asPutFrames(outside: string, speakers: Candidate[], frames: Frame[]): void {
  const asPut =
    /\b(?:[Aa]s|[Ii]n)\s+(?:([Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir)|((?:the\s+)?[A-Z][\p{L}-]+(?:[’']s)?(?:\s+[A-Z][\p{L}-]+(?:[’']s)?){0,3}))\s+(?:put|puts|said|says|wrote|writes|noted|argued|explained|reported|reports|told|tells|(?:own\s+)?words)(?:\s+it)?\b[^:.]{0,60}?(:)?/gu;
  for (let m = asPut.exec(outside); m; m = asPut.exec(outside)) {
    if (frames.some((f) => f.verbStart >= m!.index && f.verbStart < m!.index + m![0].length && f.speaker.start >= m!.index)) continue;
    const speaker = speakers.find((c) => c.start >= m!.index && c.end <= m!.index + m![0].length);
    if (!speaker) continue;
    const colon = Boolean(m[3]);
    const end = m.index + m[0].length;
    frames.push({
      verb: 'put it',
      verbStart: m.index,
      verbEnd: end,
      speaker,
      strong: true,
      contentStart: colon ? end : 0,
      contentEnd: colon ? outside.length : m.index,
      colon,
    });
  }
}
