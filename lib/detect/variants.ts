// Page-scoped name variants: once a person is named in full, articles go on with a first name
// ("Sam"), a surname the pack has no short form for, or a nickname given in quotes inside the
// full name (Mark "Zuck" Zuckerberg, then "Zuck"). These are only safe on the page that named the
// person, after that name (a surname anywhere on it), and only when no one else on the page could own them.
import type { AliasTable } from '../kb/alias-table';
import { STOP_WORDS } from '../discover/stop-words';
import { asciiFirst, execAll } from './ascii-regexp';
import { bareVersions } from './bare-versions';
import type { Mention } from './types';

// First names that are also ordinary English words: alone they are too often the word.
const WORD_NAMES = new Set(
  `will mark bill grant rich hope faith guy frank rose sky amber art chip dean drew gene herb jack joy lane max miles pat
  penny ray rob sue wade warren young page cook gates jobs love king price rice stone wood bell hill white brown black
  green gray grey long short sharp strong may june april august dawn summer autumn win major angel christian
  chase cash buck hunter carter bishop sterling earl duke prince baron noble august hale fox`.split(/\s+/),
);

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'la', 'le', 'al', 'bin', 'ibn']);
const TWO_LETTER_WORDS = new Set('am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye'.split(' '));
// ("Fei-Fei", "Jae-yong": hyphenated parts may start with a capital)
const NAME_TOKEN = asciiFirst(/^\p{Lu}[\p{Ll}\p{M}'’]*(?:-\p{L}[\p{Ll}\p{M}'’]*)*\p{Ll}$/u);
// Mark "Zuck" Zuckerberg: a quoted nickname and the surname (found from the quote, which is rare:
// a pattern starting with a capitalised word tries every capital of the page), then the first name before it
// (or in brackets: Yuhuai "(Tony)" Wu)
// (or middle initials: "Geoffrey E. Hinton", no nickname then)
const QUOTED_NICKNAME = asciiFirst(
  /(?:["“‘'](\p{Lu}[\p{L}\p{M}.-]{1,20})["”’']|\((\p{Lu}[\p{L}\p{M}.-]{1,20})\)|\p{Lu}\.(?:[ \u00A0]?\p{Lu}\.)?)[ \u00A0](\p{Lu}[\p{L}\p{M}'’-]+)(?![\p{L}\p{N}])/gu,
);
// A cheap look for the same shapes first (no property classes to compile; it matches wherever
// QUOTED_NICKNAME does after a word and a space, as FIRST_BEFORE requires: a capital is A-Z or any
// character past U+00BF but General Punctuation (curly quotes, dashes: "smart”. In"), and a nickname's
// letters are neither spaces, quotes nor brackets, one or two UTF-16 units each): most pages have none
// before a capital (a capital before a full stop at a sentence's end, "OpenAI. When", follows a letter).
const MAYBE_QUOTED_NICKNAME =
  /[A-Za-z\u00C0-\u1FFF\u2070-\uFFFF'’-][ \u00A0](?:["“‘'][A-Z\u00C0-\u1FFF\u2070-\uFFFF][^\s"“”‘’']{1,40}["”’']|\([A-Z\u00C0-\u1FFF\u2070-\uFFFF][^\s()]{1,40}\)|[A-Z\u00C0-\u1FFF\u2070-\uFFFF]\.(?:[ \u00A0]?[A-Z\u00C0-\u1FFF\u2070-\uFFFF]\.)?)[ \u00A0][A-Z\u00C0-\u1FFF\u2070-\uFFFF]/;
const FIRST_BEFORE = asciiFirst(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}'’-]+)[ \u00A0]$/u);

interface Person {
  index: number;
  first: string;
  last: string;
  /** where the first full-name mention ends: first names and nicknames count only after it (a surname anywhere) */
  after: number;
  /** a surname with particles, capitalised ("Von der Leyen") */
  particle?: string;
}

interface TableInfo {
  /** every alias and name as written in the pack, and the entities it names */
  aliases: Map<string, Set<number>>;
  /** tier word ("Sonnet", "Opus", "Scout") -> the models named "<Family> … <Tier> <version>", and the family's entity */
  tiers: Map<string, { models: Set<number>; family: number }>;
  /** "First Last" (first and last word of a person's name) -> the person */
  people: Map<string, number>;
  /** alias text -> the people it names only as a short form ("Wu" of Eddie Wu) */
  personShort: Map<string, Set<number>>;
}

// Words that end model names but say nothing alone ("Gemini 2.5 Pro" … "Pro").
const GENERIC_TIERS = new Set(
  `pro flash mini nano ultra lite turbo instant large small medium base chat code coder vision preview thinking deep
  research search omni math plus max high low fast light distill distilled exp experimental instruct reasoning
  audio image video voice realtime edge air open`.split(/\s+/),
);

const tableInfos = new WeakMap<AliasTable, TableInfo>();
const entityIndexes = new WeakMap<AliasTable, Map<string, number>>();

/** entity id -> index in the table (once per table, not per text: read only) */
function entityIndexOf(table: AliasTable): Map<string, number> {
  let index = entityIndexes.get(table);
  if (!index) {
    index = new Map(table.entities.map((e, i) => [e.id, i]));
    entityIndexes.set(table, index);
  }
  return index;
}

/** Builds the tables nameVariants() needs for `table` ahead of the first page (a detector's build step). */
export function prepareVariants(table: AliasTable): void {
  tableInfo(table);
}

function tableInfo(table: AliasTable): TableInfo {
  let info = tableInfos.get(table);
  if (info) return info;
  const aliases = new Map<string, Set<number>>();
  const add = (text: string, e: number) => {
    let set = aliases.get(text);
    if (!set) aliases.set(text, (set = new Set()));
    set.add(e);
  };
  for (const [i, e] of table.entities.entries()) add(e.name, i);
  for (const a of table.aliases) add(a.text, a.entity);
  const tiers = new Map<string, { models: Set<number>; family: number }>();
  table.entities.forEach((e, i) => {
    if (e.type !== 'model') return;
    const parts = e.name.split(/\s+/);
    if (parts.length < 2) return;
    const rest = parts.slice(1).filter((w) => !/\d/.test(w));
    if (rest.length !== 1 || !asciiFirst(/^\p{Lu}\p{Ll}{3,}$/u).test(rest[0]) || GENERIC_TIERS.has(rest[0].toLowerCase())) return;
    // the family is an entity the pack calls by the first word ("Claude", "Llama")
    const family = [...(aliases.get(parts[0]) ?? [])].find((f) => table.entities[f].type === 'model');
    if (family === undefined) return;
    const tier = tiers.get(rest[0]) ?? { models: new Set<number>(), family };
    if (tier.family !== family) return;
    tier.models.add(i);
    tiers.set(rest[0], tier);
  });
  const people = new Map<string, number>();
  table.entities.forEach((e, i) => {
    if (e.type !== 'person') return;
    const parts = e.name.split(/\s+/);
    if (parts.length >= 2 && !people.has(`${parts[0]} ${parts[parts.length - 1]}`)) people.set(`${parts[0]} ${parts[parts.length - 1]}`, i);
  });
  const personShort = new Map<string, Set<number>>();
  for (const a of table.aliases) {
    if (!a.shortForm || table.entities[a.entity].type !== 'person') continue;
    let set = personShort.get(a.text);
    if (!set) personShort.set(a.text, (set = new Set()));
    set.add(a.entity);
  }
  info = { aliases, tiers, people, personShort };
  tableInfos.set(table, info);
  return info;
}

// a name does not start right after a letter, digit, apostrophe, dot or hyphen ("chat.Sam", "ex-Ilya")
const WORD_BEFORE = asciiFirst(/[\p{L}\p{N}_'’.-]/u);

const LETTER = asciiFirst(/\p{L}/u);
// (asked once per match)
const LETTER_OR_DIGIT = asciiFirst(/[\p{L}\p{N}]/u);
const NEXT_CAPITALISED = asciiFirst(/^[ \u00A0](\p{Lu}[\p{Ll}\p{M}]+)/u);
const CAPITALISED_BEFORE = asciiFirst(/(?<![\p{L}])(\p{Lu}[\p{Ll}\p{M}'’]*)[ \u00A0]$/u);
const PARTICLE_BEFORE = asciiFirst(/(?:^|[^\p{L}])(?:von|van|der|den|de|da|di|du|del|la|le|al|bin|ibn)[ \u00A0]$/iu);
const HEAD_WORD = asciiFirst(/^\p{Lu}[\p{Ll}\p{M}]{3,}$/u);
const CAPITAL_NEXT = asciiFirst(/^[ \u00A0]\p{Lu}/u);
const CAPITALS_NEXT = asciiFirst(/^[ \u00A0]\p{Lu}\p{Lu}/u);

/**
 * Whether `word` occurs as a whole word somewhere: not followed by a letter, not right after a
 * letter. (indexOf, not a regular expression per word: each \p{…} pattern is a compile of its own.)
 */
function wordAt(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; ) {
    const after = text.codePointAt(i + word.length);
    if (after !== undefined && LETTER.test(String.fromCodePoint(after))) {
      i = text.indexOf(word, i + 1);
      continue;
    }
    if (i === 0 || !LETTER.test(text[i - 1])) return true;
    i = text.indexOf(word, i + word.length);
  }
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isSentenceStart(text: string, offset: number): boolean {
  return /(?:^|[.!?:]["”’)]?\s+|\n\s*|["“]\s*)$/.test(text.slice(Math.max(0, offset - 4), offset));
}

/**
 * Extra person mentions on top of the detector's: quoted nicknames inside full names, then first
 * names, surnames and nicknames alone after the full name. Returns them in reading order.
 */
/** Name variants in one go (tests, the CLI): the page runs nameVariantSteps in time slices. */
export function nameVariants(text: string, mentions: Mention[], table: AliasTable): Mention[] {
  const steps = nameVariantSteps(text, mentions, table);
  let step = steps.next(true);
  while (!step.done) step = steps.next(true);
  return step.value;
}

/** The people the page names in full (two words or more), with where their first full mention ends. */
function fullNames(mentions: Mention[], table: AliasTable, entityIndex: Map<string, number>): Map<number, Person> {
  const people = new Map<number, Person>();
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    const index = entityIndex.get(m.entityId);
    if (index === undefined || people.has(index)) continue;
    // a full name: two words or more (the surname alone does not introduce a first name)
    if (!/\s/.test(m.text.trim())) continue;
    const raw = table.entities[index].name.split(/\s+/);
    const parts = raw.filter((w) => NAME_TOKEN.test(w));
    if (parts.length < 2) continue;
    // "von der Leyen": a surname with particles is not its last word alone
    const last = NAME_TOKEN.test(raw[raw.length - 2] ?? '') ? parts[parts.length - 1] : '';
    // …but the whole of it is, capitalised as a sentence starts it ("Von der Leyen was flanked by…")
    const p = raw.findIndex((w, k) => k > 0 && PARTICLES.has(w));
    const particle =
      p > 0 && raw.length - p >= 2
        ? raw
            .slice(p)
            .join(' ')
            .replace(/^\p{Ll}/u, (c) => c.toUpperCase())
        : undefined;
    people.set(index, { index, first: parts[0], last, after: m.end, particle });
  }
  return people;
}

/** A word two people on the page wear, as a first or last name, names neither ("Page" … "Larry Page"). */
function dropSharedWords(owners: Map<string, Set<number>>, people: Map<number, Person>): void {
  for (const [word, set] of owners) {
    if (set.size !== 1) continue;
    const person = people.get([...set][0]);
    if (!person) continue;
    for (const other of people.values()) if (other.index !== person.index && (other.first === word || other.last === word)) set.clear();
  }
}

/** Matches handled between two chances to yield: a 2 MB page has tens of thousands. */
const MATCHES_PER_STEP = 400;

export function* nameVariantSteps(text: string, mentions: Mention[], table: AliasTable): Generator<void, Mention[], unknown> {
  let sinceYield = 0;
  const entityIndex = entityIndexOf(table);
  const people = fullNames(mentions, table, entityIndex);
  const added: Mention[] = [];
  const taken = new Spans(mentions);
  const free = (start: number, end: number) => !taken.overlaps(start, end);

  // variant word -> people it could name (two people sharing a first name: neither)
  const owners = new Map<string, Set<number>>();
  const own = (word: string, person: number) => {
    let set = owners.get(word);
    if (!set) owners.set(word, (set = new Set()));
    set.add(person);
  };

  // Quoted nicknames: the whole "First 'Nick' Last" is a mention of the person whose name has that first and last word.
  const { people: byFirstLast } = tableInfo(table);
  for (const m of MAYBE_QUOTED_NICKNAME.test(text) ? execAll(QUOTED_NICKNAME, text) : []) {
    if (++sinceYield % MATCHES_PER_STEP === 0) yield;
    const nick = m[1] ?? m[2];
    const last = m[3];
    const before = FIRST_BEFORE.exec(text.slice(Math.max(0, m.index! - 40), m.index!));
    if (!before) continue;
    const first = before[1];
    const match = byFirstLast.get(`${first} ${last}`);
    if (match === undefined) continue;
    const start = m.index! - before[0].length;
    const end = m.index! + m[0].length;
    if (!free(start, end)) {
      // the detector may have taken a piece ("Zuckerberg" as a short form): the whole name replaces it
      for (let k = mentions.length - 1; k >= 0; k--) if (mentions[k].start >= start && mentions[k].end <= end) mentions.splice(k, 1);
      taken.removeWithin(start, end);
      if (!free(start, end)) continue;
    }
    const e = table.entities[match];
    added.push({ start, end, text: text.slice(start, end), entityId: e.id, name: e.name, type: e.type });
    taken.add(start, end);
    const person = people.get(match);
    if (!person || person.after > end) people.set(match, { index: match, first, last, after: end });
    if (nick) own(nick, match);
  }

  yield;
  modelTiers(text, mentions, table, entityIndex, taken, added);
  bareVersions(text, mentions, taken, added);
  dropVisas(text, mentions);
  modelOwners(text, mentions, table);
  modelHeads(text, mentions, table, entityIndex, taken, added);
  yield;
  orgHeads(text, mentions, table, entityIndex, taken, added);
  orgLists(text, mentions, table, taken, added);
  orgBeforeRole(text, table, taken, added);
  yield;
  if (!people.size) return finish(mentions, added);
  const aliases = tableInfo(table).aliases;
  // whether the page also writes a word in lower case (asked for the few candidate words only)
  const lowerCache = new Map<string, boolean>();
  const inLowerCase = (word: string) => {
    const lw = word.toLowerCase();
    let has = lowerCache.get(lw);
    if (has === undefined) lowerCache.set(lw, (has = wordAt(text, lw)));
    return has;
  };
  for (const p of people.values()) {
    for (const word of [p.first, p.last]) {
      // two letters only for a surname ("Wu", "Xu"), never an English word
      const tooShort = word.length < 3 && !(word === p.last && /^\p{Lu}\p{Ll}$/u.test(word) && !TWO_LETTER_WORDS.has(word.toLowerCase()));
      if (!word || tooShort || WORD_NAMES.has(word.toLowerCase()) || STOP_WORDS.has(word.toLowerCase())) continue;
      own(word, p.index);
    }
    if (p.particle) own(p.particle, p.index);
  }
  // A first or last name someone else on the page also wears ("Sam" of Sam Altman and of a
  // "Sam Rivera" the pack lacks) belongs to neither: look for it before another capitalised word.
  // One expression for all the words (each \p{…} class costs a compile of its own on a fresh page);
  // the next word is a lookahead, so one word's match never hides another's.
  const candidates = [...owners].filter(([, set]) => set.size === 1 && people.has([...set][0])).map(([word]) => word);
  if (candidates.length) {
    yield;
    const re = asciiFirst(new RegExp(`(?:${candidates.map(escapeRegExp).join('|')})(?=[ \\u00A0](\\p{Lu}[\\p{L}\\p{M}'’-]+))`, 'gu'));
    for (const m of execAll(re, text)) {
      if (++sinceYield % MATCHES_PER_STEP === 0) yield;
      const word = m[0];
      const set = owners.get(word)!;
      if (set.size !== 1) continue;
      const person = people.get([...set][0])!;
      if (m.index! > 0 && LETTER_OR_DIGIT.test(text[m.index! - 1])) continue;
      const next = m[1].replace(/['’]s$/u, '');
      if (word === person.first && next !== person.last && !table.entities[person.index].name.includes(` ${next} `)) set.clear();
    }
  }
  dropSharedWords(owners, people);

  // a word the pack gives some other entity is the detector's to judge, unless it is only the surname
  // of someone this page never names ("Wu" of Eddie Wu on a page about Yuhuai Wu)
  const { personShort } = tableInfo(table);
  const onPage = new Set(mentions.map((m) => m.entityId));
  const elsewhere = (w: string, e: number) => personShort.get(w)?.has(e) === true && !onPage.has(table.entities[e].id);
  const words = [...owners]
    .filter(([w, set]) => set.size === 1 && [...(aliases.get(w) ?? set)].every((e) => set.has(e) || elsewhere(w, e)))
    .map(([w]) => w);
  if (!words.length) return finish(mentions, added);
  // (no lookbehind: V8 scans for a literal start far faster; the character before is checked below)
  const re = asciiFirst(
    new RegExp(
      `(?:${words
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})(?![\\p{L}\\p{N}_]|[-‐][\\p{L}\\p{N}]|['’](?![sS](?![\\p{L}])))`,
      'gu',
    ),
  );
  yield;
  for (const m of execAll(re, text)) {
    if (++sinceYield % MATCHES_PER_STEP === 0) yield;
    if (m.index! > 0 && WORD_BEFORE.test(text[m.index! - 1])) continue;
    const word = m[0];
    const index = [...owners.get(word)!][0];
    const person = people.get(index)!;
    const start = m.index!;
    const end = start + word.length;
    // a first name or nickname only after the full name; a surname anywhere on the page, as headlines and
    // decks use it before the body introduces the person ("Musk tells jury …" above "Elon Musk told …")
    if ((start < person.after && word !== person.last) || !free(start, end)) continue;
    // part of another name: a capitalised word right before or after ("Sam Rivera", "Uncle Sam")
    const after = NEXT_CAPITALISED.exec(text.slice(end, end + 30));
    if (after && !STOP_WORDS.has(after[1].toLowerCase()) && after[1] !== person.last) continue;
    const before = CAPITALISED_BEFORE.exec(text.slice(Math.max(0, start - 30), start));
    if (
      before &&
      !STOP_WORDS.has(before[1].toLowerCase()) &&
      !isSentenceStart(text, start - before[0].length) &&
      before[1] !== person.first
    )
      continue;
    if (PARTICLE_BEFORE.test(text.slice(Math.max(0, start - 8), start))) continue;
    // a word the page also writes in lower case is only a name mid-sentence ("Cook said" vs "Cook the books")
    if (isSentenceStart(text, start) && inLowerCase(word)) continue;
    const e = table.entities[index];
    added.push({ start, end, text: word, entityId: e.id, name: e.name, type: e.type });
    taken.add(start, end);
  }
  return finish(mentions, added);
}

/**
 * "Sonnet", "Opus", "Haiku" alone in an article that named a Claude (any tier of the family, or the
 * family itself): the model of that tier the page has named most so far, else the family. Driven by the pack's
 * model names ("<Family> <version> <Tier>"), not by a list.
 */
function modelTiers(
  text: string,
  mentions: Mention[],
  table: AliasTable,
  entityIndex: Map<string, number>,
  taken: Spans,
  added: Mention[],
): void {
  const { tiers } = tableInfo(table);
  if (!tiers.size) return;
  const seen: { index: number; end: number }[] = [];
  const families = new Map<number, number>();
  for (const m of mentions) {
    if (m.type !== 'model') continue;
    const index = entityIndex.get(m.entityId);
    if (index === undefined) continue;
    seen.push({ index, end: m.end });
    if (!families.has(index)) families.set(index, m.end);
  }
  if (!seen.length) return;
  // a family is named once the family itself or any of its tiered models is, or any model the pack
  // names by the family word and a version ("Llama 4" before "Behemoth")
  const familyAt = new Map<number, number>();
  const { aliases } = tableInfo(table);
  const familyOf = (x: number) => {
    const first = table.entities[x].name.split(/[ -]/)[0];
    return [...(aliases.get(first) ?? [])];
  };
  for (const t of tiers.values()) {
    for (const x of [t.family, ...t.models]) {
      const at = families.get(x);
      if (at !== undefined && at < (familyAt.get(t.family) ?? Infinity)) familyAt.set(t.family, at);
    }
  }
  for (const [x, at] of families) {
    for (const f of familyOf(x)) {
      if (table.entities[f].type !== 'model' || f === x || !/\d/.test(table.entities[x].name)) continue;
      if (![...tiers.values()].some((t) => t.family === f)) continue;
      if (at < (familyAt.get(f) ?? Infinity)) familyAt.set(f, at);
    }
  }
  const words = [...tiers].filter(([, t]) => familyAt.has(t.family)).map(([w]) => w);
  if (!words.length) return;
  const re = asciiFirst(new RegExp(`(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_]|[-‐][\\p{L}\\p{N}]|[ \\u00A0]\\d)`, 'gu'));
  // (a tier with a version after it, "Sonnet 4", is the pack's short form to judge)
  // how often, and where last, each model was named before the word: matches come in reading order
  const counts = new Map<number, { n: number; last: number }>();
  let next = 0;
  for (const m of execAll(re, text)) {
    if (m.index! > 0 && WORD_BEFORE.test(text[m.index! - 1])) continue;
    const start = m.index!;
    const end = start + m[0].length;
    for (; next < seen.length && seen[next].end <= start; next++) {
      const c = counts.get(seen[next].index) ?? { n: 0, last: 0 };
      counts.set(seen[next].index, { n: c.n + 1, last: next });
    }
    if (taken.overlaps(start, end)) continue;
    const tier = tiers.get(m[0])!;
    // the model of this tier the page has named most so far (the article's subject, not the one it was
    // compared with last: "down from Opus 4.1" in a review of Opus 4.5), the last named on a tie
    let pick = -1;
    let best = { n: 0, last: -1 };
    for (const model of tier.models) {
      const c = counts.get(model);
      if (c && (c.n > best.n || (c.n === best.n && c.last > best.last))) {
        best = c;
        pick = model;
      }
    }
    // "Llama 4" named before "Behemoth": the tier of that version ("Llama 4 Behemoth")
    for (let k = lastEndingBy(seen, start); k >= 0 && pick < 0; k--) {
      const named = `${table.entities[seen[k].index].name} ${m[0]}`;
      for (const x of tier.models) if (table.entities[x].name === named) pick = x;
    }
    if (pick < 0) {
      const at = familyAt.get(tier.family);
      if (at === undefined || at > start) continue;
      pick = tier.family;
    }
    const e = table.entities[pick];
    added.push({ start, end, text: m[0], entityId: e.id, name: e.name, type: e.type });
    taken.add(start, end);
  }
}

/** "an o1 visa", "O-1 visas": a version letter and number before "visa" is the US visa class, never a model. */
function dropVisas(text: string, mentions: Mention[]): void {
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i];
    if (m.type === 'model' && /^[A-Za-z]-?\d$/.test(m.text) && /^[ \u00A0]visas?\b/i.test(text.slice(m.end, m.end + 7)))
      mentions.splice(i, 1);
  }
}

// the owner before a model word: "GitHub's ", "its "
const OWNER_POSSESSIVE = asciiFirst(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}]*)['’]s?[ \u00A0]$/u);
const OWNER_ITS = asciiFirst(/(?<![\p{L}])its[ \u00A0]$/u);

/**
 * "GitHub's Copilot", "GitHub opened its Copilot agent": a model word after its owner in the possessive
 * (or after "its", the owner named earlier in the sentence) is the model the pack names "<Owner> <Word>"
 * ("GitHub Copilot"), not the one the word alone names (Microsoft's Copilot). Rewrites the detector's
 * mention in place; spans do not change.
 */
function modelOwners(text: string, mentions: Mention[], table: AliasTable): void {
  const { aliases } = tableInfo(table);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.type !== 'model' || m.start < 3) continue;
    // both forms end "'s " / "’ " / "its " right before the word: a character test spares most mentions the Unicode patterns
    if (!SPACE_AT(text, m.start - 1)) continue;
    const c2 = text[m.start - 2];
    const mark = c2 === "'" || c2 === '’' || (c2 === 's' && (text[m.start - 3] === "'" || text[m.start - 3] === '’'));
    if (!mark && !text.startsWith('its', m.start - 4)) continue;
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    let owner: string | undefined;
    const possessive = OWNER_POSSESSIVE.exec(before);
    if (possessive) owner = possessive[1];
    else if (OWNER_ITS.test(before)) {
      // the organisation named last before it in the same sentence
      for (let k = i - 1; k >= 0; k--) {
        const o = mentions[k];
        if (/[.!?]\s/.test(text.slice(o.end, m.start))) break;
        if (o.type === 'org') {
          owner = o.text;
          break;
        }
      }
    }
    if (!owner) continue;
    const owned = [...(aliases.get(`${owner} ${m.text}`) ?? [])].filter((e) => table.entities[e].type === 'model');
    if (owned.length !== 1) continue;
    const e = table.entities[owned[0]];
    if (e.id !== m.entityId) mentions[i] = { ...m, entityId: e.id, name: e.name };
  }
}

// Heads of "<Maker> <Head>" model names that say nothing alone, besides the tier words
const MODEL_HEAD_GENERIC = new Set(`intelligence assistant core agent studio cloud labs platform`.split(/\s+/));

/** head word ("Nova") -> the model named "<Maker> <Head>" ("Amazon Nova") and its maker, or null when two share it */
const modelHeadTables = new WeakMap<AliasTable, Map<string, { model: number; maker: number } | null>>();

function modelHeadTable(table: AliasTable): Map<string, { model: number; maker: number } | null> {
  let heads = modelHeadTables.get(table);
  if (heads) return heads;
  heads = new Map();
  const { aliases } = tableInfo(table);
  const names: { text: string; entity: number }[] = table.entities.map((e, i) => ({ text: e.name, entity: i }));
  for (const a of table.aliases) names.push({ text: a.text, entity: a.entity });
  for (const { text, entity } of names) {
    if (table.entities[entity].type !== 'model') continue;
    const parts = text.split(' ');
    if (parts.length !== 2) continue;
    const [makerWord, head] = parts;
    if (!/^\p{Lu}\p{L}{3,}$/u.test(head) || aliases.has(head) || STOP_WORDS.has(head.toLowerCase())) continue;
    if (GENERIC_TIERS.has(head.toLowerCase()) || MODEL_HEAD_GENERIC.has(head.toLowerCase())) continue;
    const maker = [...(aliases.get(makerWord) ?? [])].find((o) => table.entities[o].type === 'org');
    if (maker === undefined) continue;
    const seen = heads.get(head);
    if (seen === undefined) heads.set(head, { model: entity, maker });
    else if (seen && seen.model !== entity) heads.set(head, null);
  }
  modelHeadTables.set(table, heads);
  return heads;
}

/** The tables of this module that depend on the pack alone, learned in the background (packed-cache.ts). */
export interface PackedVariants {
  /** modelHeadTable(): head, model, maker (model -1: two models share the head) */
  heads: [string, number, number][];
}

/** The pack-only tables of `table` in the form pages install with usePackedVariants(). */
export function packVariants(table: AliasTable): PackedVariants {
  return { heads: [...modelHeadTable(table)].map(([head, o]) => [head, o ? o.model : -1, o ? o.maker : -1]) };
}

/** Installs tables packVariants() learned from this same table; false (the page learns them) when `packed` is malformed. */
export function usePackedVariants(table: AliasTable, packed: unknown): boolean {
  if (modelHeadTables.has(table)) return true;
  const heads = (packed as Partial<PackedVariants> | null | undefined)?.heads;
  if (!Array.isArray(heads)) return false;
  modelHeadTables.set(table, new Map(heads.map(([head, model, maker]) => [head, model < 0 ? null : { model, maker }])));
  return true;
}

/**
 * "Nova" in a story that named Amazon or Amazon Nova: a model the pack names "<Maker> <Head>" goes
 * on by its head once the page named the model or its maker. Not where the page writes the word in
 * lower case, nor inside a longer capitalised name ("Nova Scotia", "Bossa Nova").
 */
function modelHeads(
  text: string,
  mentions: Mention[],
  table: AliasTable,
  entityIndex: Map<string, number>,
  taken: Spans,
  added: Mention[],
): void {
  const heads = modelHeadTable(table);
  if (!heads.size) return;
  const firstAt = new Map<number, number>();
  for (const m of mentions) {
    const index = entityIndex.get(m.entityId);
    if (index !== undefined && !firstAt.has(index)) firstAt.set(index, m.end);
  }
  for (const [head, owner] of heads) {
    if (!owner) continue;
    const after = Math.min(firstAt.get(owner.model) ?? Infinity, firstAt.get(owner.maker) ?? Infinity);
    if (after === Infinity || !wordAt(text, head) || wordAt(text, head.toLowerCase())) continue;
    const e = table.entities[owner.model];
    for (const m of text.matchAll(new RegExp(`${escapeRegExp(head)}(?![\\p{L}\\p{N}_]|[-‐][\\p{L}])`, 'gu'))) {
      const start = m.index!;
      const end = start + head.length;
      if (start < after || (start > 0 && WORD_BEFORE.test(text[start - 1])) || taken.overlaps(start, end)) continue;
      if (/^[ \u00A0]\p{Lu}/u.test(text.slice(end, end + 2))) continue;
      if (/(?:^|[^\p{L}])\p{Lu}\p{L}*[ \u00A0]$/u.test(text.slice(Math.max(0, start - 30), start))) continue;
      added.push({ start, end, text: head, entityId: e.id, name: e.name, type: e.type });
      taken.add(start, end);
    }
  }
}

// Words that end an organisation's name and say nothing alone ("Index Ventures" … "Index").
const ORG_GENERIC = new Set(
  `ventures capital partners labs lab ai technologies systems research robotics intelligence computing networks`.split(/\s+/),
);

/**
 * "Index" after "Index Ventures", "Thrive" after "Thrive Capital": an organisation the page named in
 * two words, the second generic, goes on by the first. Only after the full name, only when no other
 * pack name is that word, and never where the page also writes the word in lower case ("scale").
 */
function orgHeads(
  text: string,
  mentions: Mention[],
  table: AliasTable,
  entityIndex: Map<string, number>,
  taken: Spans,
  added: Mention[],
): void {
  const aliases = tableInfo(table).aliases;
  const heads = new Map<string, { index: number; after: number } | null>();
  for (const m of mentions) {
    if (m.type !== 'org') continue;
    const parts = m.text.split(/[ \u00A0]+/);
    if (parts.length !== 2 || !ORG_GENERIC.has(parts[1].toLowerCase())) continue;
    const head = parts[0];
    if (!HEAD_WORD.test(head) || aliases.has(head) || STOP_WORDS.has(head.toLowerCase())) continue;
    const index = entityIndex.get(m.entityId);
    if (index === undefined) continue;
    const seen = heads.get(head);
    if (seen === undefined) heads.set(head, { index, after: m.end });
    else if (seen && seen.index !== index) heads.set(head, null); // two organisations share it: neither
  }
  const owned = [...heads].filter(([, owner]) => owner).map(([head]) => head.toLowerCase());
  const occurring = occurringWords(text, owned);
  const live = [...heads]
    .filter(([head, owner]) => owner && !(occurring.has(head.toLowerCase()) && wordAt(text, head.toLowerCase())))
    .map(([head]) => head);
  if (!live.length) return;
  // one pass for all the heads (a long page names dozens): whole words only, so at most one matches at a place
  const re = asciiFirst(new RegExp(`(?:${live.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_]|[-‐][\\p{L}])`, 'gu'));
  for (const m of execAll(re, text)) {
    const head = m[0];
    const owner = heads.get(head)!;
    const e = table.entities[owner.index];
    const start = m.index!;
    const end = start + head.length;
    if (start < owner.after || (start > 0 && WORD_BEFORE.test(text[start - 1])) || taken.overlaps(start, end)) continue;
    // followed by another capitalised word it is some other name ("Index Fund Advisors")
    if (CAPITAL_NEXT.test(text.slice(end, end + 2)) && !CAPITALS_NEXT.test(text.slice(end, end + 3))) continue;
    added.push({ start, end, text: head, entityId: e.id, name: e.name, type: e.type });
    taken.add(start, end);
  }
}

/** a space or no-break space at `i` */
const SPACE_AT = (text: string, i: number): boolean => text[i] === ' ' || text[i] === '\u00A0';

// "Google DeepMind, OpenAI and Meta": the next (or previous) item of a list that runs on from an organisation
// (ASCII-first: most windows hold no letter beyond ASCII, and the Unicode patterns cost ms to compile)
const LIST_NEXT = asciiFirst(
  /^(?:,[ \u00A0](?:and[ \u00A0]|or[ \u00A0])?|[ \u00A0](?:and|or)[ \u00A0])(\p{Lu}(?:[\p{L}\p{N}.&-]*[\p{L}\p{N}])?(?:[ \u00A0]\p{Lu}(?:[\p{L}\p{N}.&-]*[\p{L}\p{N}])?){0,2})/u,
);
const LIST_PREV = asciiFirst(
  /(?<![\p{L}\p{N}])(\p{Lu}(?:[\p{L}\p{N}.&-]*[\p{L}\p{N}])?(?:[ \u00A0]\p{Lu}(?:[\p{L}\p{N}.&-]*[\p{L}\p{N}])?){0,2})(?:,[ \u00A0](?:and[ \u00A0])?|[ \u00A0]and[ \u00A0])$/u,
);

/**
 * An organisation the pack names by an ambiguous word ("Meta", "Apple", "Amazon") listed beside
 * organisations the detector found is one too: companies vouch for each other in a list.
 */
function orgLists(text: string, mentions: Mention[], table: AliasTable, taken: Spans, added: Mention[]): void {
  const aliases = tableInfo(table).aliases;
  /** the one organisation a name (or its first words) is the pack's alias for */
  const orgNamed = (name: string, fromEnd = false): { words: string; index: number } | null => {
    const parts = name.split(/[ \u00A0]/);
    for (let n = parts.length; n >= 1; n--) {
      const words = (fromEnd ? parts.slice(parts.length - n) : parts.slice(0, n)).join(' ');
      const set = aliases.get(words);
      if (!set) continue;
      const orgs = [...set].filter((e) => table.entities[e].type === 'org');
      return orgs.length === 1 && set.size === 1 ? { words, index: orgs[0] } : null;
    }
    return null;
  };
  const add = (start: number, found: { words: string; index: number }) => {
    const end = start + found.words.length;
    if (taken.overlaps(start, end) || (end < text.length && asciiFirst(/[\p{L}\p{N}]/u).test(text[end]))) return;
    const e = table.entities[found.index];
    added.push({ start, end, text: found.words, entityId: e.id, name: e.name, type: e.type });
    taken.add(start, end);
  };
  for (const m of mentions) {
    if (m.type !== 'org') continue;
    // a list goes on only after ", " or " and "/" or ": test those characters before running the Unicode patterns
    const c = text[m.end];
    const listNext =
      (c === ',' && SPACE_AT(text, m.end + 1)) ||
      (SPACE_AT(text, m.end) && (text.startsWith('and', m.end + 1) || text.startsWith('or', m.end + 1)));
    const listPrev = SPACE_AT(text, m.start - 1) && (text[m.start - 2] === ',' || text.startsWith('and', m.start - 4));
    const next = listNext ? LIST_NEXT.exec(text.slice(m.end, m.end + 60)) : null;
    const n = next && orgNamed(next[1]);
    if (n) add(m.end + next[0].length - next[1].length, n);
    const prev = listPrev ? LIST_PREV.exec(text.slice(Math.max(0, m.start - 60), m.start)) : null;
    const p = prev && orgNamed(prev[1], true);
    if (p && prev) add(m.start - prev[0].length + prev[1].length - p.words.length, p);
  }
}

// "Helsing co-chief executive", "Helsing's chief executive": a title that says the name before it runs a company
/** exported for the test of orgRoleMatches */
export const ORG_ROLE_AFTER = asciiFirst(
  /(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}\p{N}.&-]*[ \u00A0]){0,2}\p{Lu}[\p{L}\p{N}.&-]*?)(?:['’]s)?[ \u00A0](?:co-)?(?:chief executive|CEO|chief [a-z]+ officer|co-founder|cofounder|founder|chairman|chairwoman)[ \u00A0]\p{Lu}/gu,
);

// The titles alone, without Unicode classes; the longest title at a place first (the slice below must hold it)
const ROLE_TITLE = /chief [a-z]+ officer|chief executive|CEO|founder|chairman|chairwoman/g;

/** Whether a name before a title may hold this character (letters beyond ASCII all may: a superset is safe). */
function nameChar(code: number): boolean {
  return (
    code > 0x7f ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x20 ||
    code === 0x2e ||
    code === 0x26 ||
    code === 0x2d ||
    code === 0x27
  );
}

/**
 * The matches text.matchAll(ORG_ROLE_AFTER) gives, without running the Unicode pattern over the whole
 * page (it scanned every character of every AI page): found from each title, the pattern starts where
 * the run of name characters before it starts, first on a window that ends just after the title (a
 * cheap no), then, on a yes, on the whole text from there (the same match matchAll finds: none starts earlier).
 */
export function* orgRoleMatches(text: string): Generator<RegExpExecArray> {
  let from = 0;
  ROLE_TITLE.lastIndex = 0;
  for (let t = ROLE_TITLE.exec(text); t; t = ROLE_TITLE.exec(text)) {
    if (t.index < from) continue;
    // (at most three words before a title: a fourth space ends the run)
    let x = t.index;
    for (let spaces = 0; x > from; x--) {
      const c = text.charCodeAt(x - 1);
      if (!nameChar(c) || ((c === 0x20 || c === 0xa0) && ++spaces > 3)) break;
    }
    // (the window keeps two characters before: the lookbehind reads a whole surrogate pair)
    const w = Math.max(0, x - 2);
    ORG_ROLE_AFTER.lastIndex = x - w;
    if (!ORG_ROLE_AFTER.exec(text.slice(w, t.index + t[0].length + 3))) continue;
    ORG_ROLE_AFTER.lastIndex = x;
    const m = ORG_ROLE_AFTER.exec(text);
    if (!m) continue;
    from = m.index + m[0].length;
    ROLE_TITLE.lastIndex = Math.max(ROLE_TITLE.lastIndex, from);
    yield m;
  }
}

/** An organisation the pack names by an ambiguous word, right before the title of someone who runs it, is that organisation. */
function orgBeforeRole(text: string, table: AliasTable, taken: Spans, added: Mention[]): void {
  const aliases = tableInfo(table).aliases;
  for (const m of orgRoleMatches(text)) {
    const parts = m[1].split(/[ \u00A0]/);
    for (let n = parts.length; n >= 1; n--) {
      const words = parts.slice(parts.length - n).join(' ');
      const set = aliases.get(words);
      if (!set) continue;
      if (set.size !== 1 || table.entities[[...set][0]].type !== 'org') break;
      const start = m.index! + m[1].length - words.length;
      const end = start + words.length;
      if (!taken.overlaps(start, end)) {
        const e = table.entities[[...set][0]];
        added.push({ start, end, text: words, entityId: e.id, name: e.name, type: e.type });
        taken.add(start, end);
      }
      break;
    }
  }
}

/**
 * Which of these lower-case words occur in the text at all, in one pass (a long page has dozens:
 * one indexOf scan each was most of orgHeads). Every whole-word occurrence is found: the longest
 * word is tried first, and one starting inside another word's match follows a letter. Words beyond
 * ASCII (a mark is no letter) are all kept, for wordAt() to judge.
 */
function occurringWords(text: string, words: string[]): Set<string> {
  if (!words.length || words.some((w) => !/^[a-z]+$/.test(w))) return new Set(words);
  const found = new Set<string>();
  const re = new RegExp([...new Set(words)].sort((a, b) => b.length - a.length).join('|'), 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) found.add(m[0]);
  return found;
}

/** Index of the last entry whose `end` is at or before `at` (entries sorted by end), or -1. */
function lastEndingBy(list: readonly { end: number }[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The text spans already taken by a mention: sorted, never overlapping, so an overlap test is a binary
 * search (a page with tens of thousands of mentions asks it once per candidate word).
 */
class Spans {
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(mentions: readonly Mention[]) {
    for (const m of mentions) this.add(m.start, m.end);
  }

  /** the first span that ends after `at` */
  private firstEndingAfter(at: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i < this.starts.length && this.starts[i] < end;
  }

  add(start: number, end: number): void {
    const i = this.firstEndingAfter(start);
    if (i === this.starts.length && (i === 0 || this.ends[i - 1] <= start)) {
      this.starts.push(start);
      this.ends.push(end);
      return;
    }
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
  }

  removeWithin(start: number, end: number): void {
    let i = this.firstEndingAfter(start);
    while (i < this.starts.length && this.starts[i] < end) {
      if (this.starts[i] >= start && this.ends[i] <= end) {
        this.starts.splice(i, 1);
        this.ends.splice(i, 1);
      } else i++;
    }
  }
}

function finish(mentions: Mention[], added: Mention[]): Mention[] {
  if (!added.length) return mentions;
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}
