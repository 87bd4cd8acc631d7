// Model names newer than the pack. AI news names versions no pack lists yet ("GPT-6", "Gemini 3.5
// Flash", "DeepSeek-R2", "Kimi K3"). The pack's own versioned names teach the grammar: each family
// stem ("GPT-", "Qwen", "Claude", "DeepSeek-"), the tier words that go before or after a version
// ("Opus 4.5", "2.5 Flash"), version letters ("R1", "K2", "o3"), and the suffixes real names carry
// ("-Instruct", "70B", "-0528"). A stem followed by such a version becomes one model mention over
// the whole name: the pack's model when the name is one it knows with a size or mode added
// ("Qwen3-32B", "Gemini 2.5 Pro Preview"), else a new version, linked to the nearest model the
// pack knows in that family and marked `newVersion`. Names the pack lists itself are the
// detector's to judge (its context rules stay in force).
import { STOP_WORDS } from '../discover/stop-words';
import type { AliasTable } from '../kb/alias-table';
import { asciiFirst } from './ascii-regexp';
import type { HasTime } from './schedule';
import type { Mention } from './types';

// Separators inside model names: hyphens and dashes, spaces, the middle dot of "DALL·E".
const SEP_CLASS = '[-\\u2010-\\u2014 \\u00A0\\u00B7]';
const SEP_SPLIT = new RegExp(`(${SEP_CLASS}+)`, 'u');
const SEP_AT = new RegExp(`${SEP_CLASS}{1,2}`, 'uy');
const SEP_RUN = new RegExp(`${SEP_CLASS}+`, 'gu');
const HYPHENISH = /[-\u2010-\u2014]/;
// A version: an optional letter ("R1", "K2", "o3", "V3.2"), one or two digits and up to two dotted
// parts, an optional lower-case letter ("4o", "3n"). Years and sizes ("2025", "70B") are not versions.
const VERSION = /^([A-Za-z]?)(\d{1,2}(?:\.\d{1,2}){0,2})([a-z]?)$/;
// A stem word glued to its version ("Qwen3", "SmolLM2", "FLUX.1", "Ray2")
const GLUED = asciiFirst(/^(\p{L}[\p{L}]*\p{L})\.?(\d{1,2}(?:\.\d{1,2}){0,2})([a-z]?)$/u);
// Sizes and active parameters ("70B", "120b", "8x7B", "A22B", "E4B"); dates after a hyphen ("0528", "05")
const SIZE = /^(?:\d{1,4}(?:\.\d{1,2})?[BbMT]|\d{1,2}x\d{1,3}[Bb]|[AE]\d{1,3}(?:\.\d)?[Bb])$/;
// (and API snapshot dates, "claude-sonnet-4-5-20250929")
const DATE = /^(?:\d{2,4}|20\d{6})$/;
const WORD = asciiFirst(/^\p{L}[\p{L}+]*$/u);
// Words that name a release or mode of the same model, not another model ("-Instruct", "Preview")
const MODES = new Set('preview latest exp experimental instruct chat it base beta hf thinking instant'.split(' '));
// Tier and release words seen in model names even where the pack has no example of them yet
const GENERIC = new Set(
  `pro flash mini nano ultra lite turbo instant large small medium base chat coder codex vision preview thinking
  omni math plus max fast exp experimental instruct reasoning audio image video voice realtime air latest heavy
  next it`.split(/\s+/),
);
/** How far past a stem the version may start (tier words between: "Claude Opus 4.5", "Grok Code Fast 1"). */
const TAIL_WINDOW = 40;

interface Identity {
  letter: string;
  version: number[];
  /** the letter after the number ("4o", "3n"): another model than the plain number */
  end: string;
  /** mode words (lower case, sorted): the same model in another mode ("thinking"), unless the pack says otherwise */
  modes: string[];
  /** tier words (lower case, sorted): what makes it a different model of the family ("pro", "opus") */
  tiers: string[];
}

interface Member {
  entity: number;
  identity: Identity;
}

interface Group {
  /** the stem as the pack writes it (one or more spellings: "OLMo", "Olmo") */
  surfaces: Set<string>;
  insensitive: boolean;
  /** an ordinary word, or an alias the pack marks ambiguous: needs support on the page */
  weak: boolean;
  /** version letters in use, lower case ('' for plain numbers) and the highest major per letter */
  maxMajor: Map<string, number>;
  endLetters: Set<string>;
  /** tier words that may stand between stem and version ("opus", "large", "llama") */
  pretiers: Set<string>;
  /** every tier word of the family (before or after its versions) */
  tiers: Set<string>;
  /** versions written with no tier word before them ("Claude 4", not only "Claude Opus 4") */
  bare: boolean;
  /** made only of the pack's short forms ("Sonnet 4.5"): a version counts only with the family or its maker on the page */
  short: boolean;
  members: Member[];
  names: Set<string>;
  /** entities whose presence on the page vouches for the family: its models and their "@" context (makers) */
  support: Set<number>;
}

interface VersionInfo {
  groups: Map<string, Group>;
  /** suffix words as the pack writes them, by lower case */
  vocab: Map<string, Set<string>>;
  /** every alias and name, squashed (lower case, no separators): names the pack lists itself */
  /** every alias and name, squashed (lower case, no separators): the entity, or -1 for an ambiguous alias */
  exact: Lookup;
  /** identity key -> entity */
  identities: Lookup;
  entityIndex: Map<string, number>;
  pattern: RegExp | null;
  /** families that share a model ("ChatGPT 5.2" and "GPT-5.2"): another way to write the same versions */
  siblings: Map<string, string[]>;
}

const infos = new WeakMap<AliasTable, VersionInfo>();

function squash(text: string): string {
  return text.toLowerCase().replace(SEP_RUN, '');
}

function parseVersion(s: string): number[] {
  const parts = s.split('.').map(Number);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  return parts;
}

function identityKey(group: string, id: Identity, modes: readonly string[] = []): string {
  return `${group}|${id.letter}|${id.version.join('.')}${id.end}|${id.tiers.join(' ')}|${modes.join(' ')}`;
}

interface ParsedAlias {
  stem: string;
  pretiers: string[];
  identity: Identity;
  endLetter: string;
  /** words after the version, and whether a space (not a hyphen) came before */
  suffixWords: { word: string; spaced: boolean }[];
}

/** "Claude Opus 4.5" → stem Claude, tier opus, version 4.5; null for names without a stem and a version. */
function parseAlias(text: string): ParsedAlias | null {
  const parts = text.split(SEP_SPLIT);
  const words: string[] = [];
  const seps: string[] = [];
  for (let i = 0; i < parts.length; i++) (i % 2 ? seps : words).push(parts[i]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let letter = '';
    let num = '';
    let end = '';
    let lead: string | null = null;
    const v = VERSION.exec(w);
    if (v && i > 0) [, letter, num, end] = v;
    else {
      const g = GLUED.exec(w);
      if (!g) continue;
      [, lead, num, end] = g;
    }
    const stem = i === 0 ? lead! : words[0];
    if (!stem || stem.length < 2 || !/^\p{L}/u.test(stem)) return null;
    const pretiers = words.slice(1, i).map((x) => x.toLowerCase());
    if (i > 0 && lead) pretiers.push(lead.toLowerCase());
    if (pretiers.some((p) => !WORD.test(p))) return null;
    const suffixWords: { word: string; spaced: boolean }[] = [];
    const tiers = [...pretiers];
    const modes: string[] = [];
    for (let j = i + 1; j < words.length; j++) {
      const s = words[j];
      if (SIZE.test(s) || DATE.test(s)) continue;
      if (!WORD.test(s)) continue;
      // how the pack writes a word after a space ("GPT-5 mini"); after a hyphen any case goes
      suffixWords.push({ word: s, spaced: !HYPHENISH.test(seps[j - 1] ?? '') });
      if (!MODES.has(s.toLowerCase())) tiers.push(s.toLowerCase());
      else modes.push(s.toLowerCase());
    }
    return {
      stem,
      pretiers,
      identity: {
        letter: letter.toLowerCase(),
        version: parseVersion(num),
        end,
        tiers: [...new Set(tiers)].sort(),
        modes: [...new Set(modes)].sort(),
      },
      endLetter: end,
      suffixWords,
    };
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the families and their grammar from the pack's model names, once per table. */
export function prepareVersions(table: AliasTable): VersionInfo {
  const steps = prepareVersionsSteps(table);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Items handled between two chances to yield while the families are built (a page does it on its first AI page only). */
const PREPARE_STEP = 150;

type Learning = Group & { sensitiveVotes: number; insensitiveVotes: number };

interface PackNames {
  exact: Map<string, number>;
  entityIndex: Map<string, number>;
  /** words the pack uses alone as an unambiguous name, and as an ambiguous one or a short form */
  firm: Set<string>;
  ambiguous: Set<string>;
  /** per entity: the entities its aliases' "@" context names (its maker, its family) */
  contextOf: Map<number, number[]>;
}

function* prepareVersionsSteps(table: AliasTable): Generator<void, VersionInfo, unknown> {
  const cached = infos.get(table);
  if (cached) return cached;
  const names = yield* readPackNames(table);
  const { groups, vocab, identities } = yield* learnFamilies(table, names.contextOf);
  yield;
  const families = addFamilyEntities(table, groups, names);
  const kept = new Map<string, Group>();
  for (const [key, g] of groups) {
    // a family is two versioned names at least, or one and the family itself ("Sora" and "Sora 2"):
    // a lone versioned name says nothing of how the next is written
    if (!families.has(key) && g.names.size < 2) continue;
    g.insensitive = g.insensitiveVotes > g.sensitiveVotes;
    // a stem that is an ordinary capitalised word, or a name the pack calls ambiguous, needs support
    const plainWord = [...g.surfaces].every((w) => /^\p{Lu}\p{Ll}+$/u.test(w));
    g.weak = names.ambiguous.has(key) || (plainWord && !names.firm.has(key));
    const { sensitiveVotes: _s, insensitiveVotes: _i, ...group } = g;
    kept.set(key, group);
  }
  yield;
  const info: VersionInfo = {
    groups: kept,
    vocab,
    exact: names.exact,
    identities,
    entityIndex: names.entityIndex,
    pattern: stemPattern(kept),
    siblings: siblingFamilies(kept),
  };
  infos.set(table, info);
  return info;
}

/** The pack's names as the grammar needs them: squashed spellings, which words are safe alone, "@" context. */
function* readPackNames(table: AliasTable): Generator<void, PackNames, unknown> {
  const exact = new Map<string, number>();
  const entityIndex = new Map<string, number>();
  table.entities.forEach((e, i) => {
    if (!exact.has(squash(e.name))) exact.set(squash(e.name), i);
    entityIndex.set(e.id, i);
  });
  const firm = new Set<string>();
  const ambiguous = new Set<string>();
  const contextOf = new Map<number, number[]>();
  for (let i = 0; i < table.aliases.length; i++) {
    if (i % PREPARE_STEP === PREPARE_STEP - 1) yield;
    const a = table.aliases[i];
    const key = squash(a.text);
    // an ambiguous alias is the detector's to judge (its context rules); an unambiguous one names its entity
    if (a.ambiguous || a.shortForm) exact.set(key, -1);
    else if (!exact.has(key)) exact.set(key, a.entity);
    // a stem that is a safe name alone is safe; "Claude", "Falcon" are not
    (a.ambiguous || a.shortForm ? ambiguous : firm).add(a.text.toLowerCase());
    for (const c of a.context) {
      const e = c.startsWith('@') ? entityIndex.get(c.slice(1)) : undefined;
      if (e === undefined) continue;
      const list = contextOf.get(a.entity) ?? [];
      list.push(e);
      contextOf.set(a.entity, list);
    }
  }
  return { exact, entityIndex, firm, ambiguous, contextOf };
}

function newGroup(): Learning {
  return {
    surfaces: new Set(),
    insensitive: false,
    weak: false,
    maxMajor: new Map(),
    endLetters: new Set(),
    pretiers: new Set(),
    tiers: new Set(),
    bare: false,
    members: [],
    names: new Set(),
    support: new Set(),
    short: true,
    sensitiveVotes: 0,
    insensitiveVotes: 0,
  };
}

/** Families from the pack's versioned model names: stems, tiers, version letters, suffix words, and each name's identity. */
function* learnFamilies(
  table: AliasTable,
  contextOf: Map<number, number[]>,
): Generator<void, { groups: Map<string, Learning>; vocab: Map<string, Set<string>>; identities: Map<string, number> }, unknown> {
  const groups = new Map<string, Learning>();
  const vocab = new Map<string, Set<string>>();
  const identities = new Map<string, number>();
  const coreFromModes = new Set<string>();
  const named: { text: string; entity: number; caseSensitive: boolean; short: boolean }[] = [];
  table.entities.forEach((e, i) => {
    if (e.type === 'model') named.push({ text: e.name, entity: i, caseSensitive: true, short: false });
  });
  for (const a of table.aliases) {
    // short forms ("Sonnet 4.5", "Gen-4") make families too, that count only beside their family or maker
    if (table.entities[a.entity].type === 'model')
      named.push({ text: a.text, entity: a.entity, caseSensitive: a.caseSensitive, short: a.shortForm });
  }
  for (let i = 0; i < named.length; i++) {
    if (i % PREPARE_STEP === PREPARE_STEP - 1) yield;
    const n = named[i];
    const p = parseAlias(n.text);
    if (!p) continue;
    const key = p.stem.toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = newGroup()));
    g.surfaces.add(p.stem);
    if (!n.short) g.short = false;
    if (n.caseSensitive) g.sensitiveVotes++;
    else g.insensitiveVotes++;
    const major = p.identity.version[0];
    g.maxMajor.set(p.identity.letter, Math.max(major, g.maxMajor.get(p.identity.letter) ?? 0));
    if (p.endLetter) g.endLetters.add(p.endLetter);
    if (p.pretiers.length) g.pretiers.add(p.pretiers.join(' '));
    else g.bare = true;
    for (const t of p.identity.tiers) g.tiers.add(t);
    g.members.push({ entity: n.entity, identity: p.identity });
    g.names.add(identityKey(key, p.identity));
    g.support.add(n.entity);
    for (const c of contextOf.get(n.entity) ?? []) g.support.add(c);
    // by its modes too ("Gemini 2.0 Flash Thinking" is its own model); without them, a name the pack writes with none wins
    const full = identityKey(key, p.identity, p.identity.modes);
    if (!identities.has(full)) identities.set(full, n.entity);
    const core = identityKey(key, p.identity);
    if (!identities.has(core) || (!p.identity.modes.length && coreFromModes.has(core))) {
      identities.set(core, n.entity);
      if (p.identity.modes.length) coreFromModes.add(core);
      else coreFromModes.delete(core);
    }
    for (const { word, spaced } of p.suffixWords) {
      const set = vocab.get(word.toLowerCase()) ?? new Set<string>();
      // (a lower-case word after a space only when it is a tier or mode: "GPT-5 mini", not "… distilled models")
      if (spaced && (/^\p{Lu}/u.test(word) || GENERIC.has(word.toLowerCase()) || MODES.has(word.toLowerCase()))) set.add(word);
      vocab.set(word.toLowerCase(), set);
    }
  }
  for (const w of GENERIC) if (!vocab.has(w)) vocab.set(w, new Set());
  return { groups, vocab, identities };
}

/**
 * Family entities: the entity the pack calls by a stem ("Llama", "Grok", "Phi") and its "@" context (its
 * maker) vouch for the family; a model named by one unambiguous word with no version listed ("Devstral",
 * "Molmo") is a family of its own, "Devstral 2" its next version (plain numbers, up to 9). Returns the stems that have one.
 */
function addFamilyEntities(table: AliasTable, groups: Map<string, Learning>, names: PackNames): Set<string> {
  const families = new Set<string>();
  for (const a of table.aliases) {
    const g = groups.get(a.text.toLowerCase());
    if (!g || table.entities[a.entity].type !== 'model') continue;
    families.add(a.text.toLowerCase());
    g.support.add(a.entity);
    for (const c of names.contextOf.get(a.entity) ?? []) g.support.add(c);
  }
  for (const a of table.aliases) {
    const key = a.text.toLowerCase();
    if (table.entities[a.entity].type !== 'model' || a.ambiguous || a.shortForm || groups.has(key)) continue;
    if (!/^\p{L}[\p{L}\p{N}]{3,}$/u.test(a.text) || /\d$/.test(a.text) || names.ambiguous.has(key)) continue;
    const g = newGroup();
    g.surfaces.add(a.text);
    g.maxMajor.set('', 7);
    g.bare = true;
    g.short = false;
    g.members.push({ entity: a.entity, identity: { letter: '', version: [0], end: '', tiers: [], modes: [] } });
    g.support = new Set([a.entity, ...(names.contextOf.get(a.entity) ?? [])]);
    if (a.caseSensitive) g.sensitiveVotes++;
    else g.insensitiveVotes++;
    groups.set(key, g);
    families.add(key);
  }
  return families;
}

/**
 * One pattern for every stem (one pass over the page), case-blind and grouped by first letter (far
 * faster than a plain alternation, or one with the Unicode flag); the case is checked after a match.
 */
function stemPattern(kept: Map<string, Group>): RegExp | null {
  const byFirst = new Map<string, string[]>();
  for (const key of [...kept.keys()].sort((a, b) => b.length - a.length)) {
    const rest = byFirst.get(key[0]) ?? [];
    rest.push(escapeRegExp(key.slice(1)));
    byFirst.set(key[0], rest);
  }
  const alternatives = [...byFirst].map(([first, rest]) => `${escapeRegExp(first)}(?:${rest.join('|')})`);
  // a digit must follow within a few words (the version), on the same line
  return alternatives.length ? new RegExp(`(?:${alternatives.join('|')})(?=[^\\n]{0,${TAIL_WINDOW}}?\\d)`, 'gi') : null;
}

/** Families that share a model ("ChatGPT 5.2" and "GPT-5.2"): two ways to write the same versions. */
function siblingFamilies(kept: Map<string, Group>): Map<string, string[]> {
  const groupsOf = new Map<number, string[]>();
  for (const [key, g] of kept) for (const m of g.members) groupsOf.set(m.entity, [...(groupsOf.get(m.entity) ?? []), key]);
  const siblings = new Map<string, string[]>();
  for (const [key, g] of kept) {
    const set = new Set(g.members.flatMap((m) => groupsOf.get(m.entity) ?? []));
    set.delete(key);
    if (set.size) siblings.set(key, [...set]);
  }
  return siblings;
}

interface Candidate {
  start: number;
  end: number;
  group: Group;
  key: string;
  identity: Identity;
  /** a size, a date or a hyphen-joined mode word came after the version ("-8B", "-0528", "-Instruct"): only model names have those */
  marked: boolean;
}

// a stem does not start inside a word, a domain, a handle or a hyphenated compound
const BEFORE = asciiFirst(/[\p{L}\p{N}_.@#\-\u2010-\u2014]/u);
const AFTER_WORD = asciiFirst(/[\p{L}\p{N}_]/u);
const TOKEN = /[\p{L}\p{N}+]+(?:\.\d+[\p{L}\p{N}]*)*/uy;

// a no-break space, or General Punctuation (curly quotes, dashes): never a letter or number
const NO_WORD_CODE = (c: number): boolean => c === 0xa0 || (c >= 0x2000 && c <= 0x206f);

/** Whether an ASCII code is a letter or digit. */
function asciiWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * stickyAt(TOKEN, text, at), read character by character while the token is ASCII (the Unicode
 * pattern, which costs ms to compile on a cold page, runs only for a token with a character beyond it).
 */
function tokenAt(text: string, at: number): string {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && !NO_WORD_CODE(c)) return stickyAt(TOKEN, text, at);
    if (!asciiWordCode(c) && c !== 0x2b) break;
    i++;
  }
  if (i === at) return '';
  // (…"."-digits-word characters, as often as they come)
  while (text.charCodeAt(i) === 0x2e && isDigitAt(text, i + 1)) {
    i += 2;
    while (isDigitAt(text, i)) i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c > 0x7f && !NO_WORD_CODE(c)) return stickyAt(TOKEN, text, at);
      if (!asciiWordCode(c)) break;
      i++;
    }
  }
  return text.slice(at, i);
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

/** The separator run or token starting at `at` (sticky patterns: no copies of the text). */
function stickyAt(re: RegExp, text: string, at: number): string {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? '';
}

/** The name that starts with stem text[start, stemEnd): version, tiers and suffixes, or null. */
function parseTail(text: string, start: number, stemEnd: number, key: string, g: Group, info: VersionInfo): Candidate | null {
  const window = text.slice(stemEnd, stemEnd + TAIL_WINDOW + 40);
  // a case-sensitive stem in lower case is only an API name: all lower case, hyphen-joined ("gemini-3.5-flash")
  const apiName = start < stemEnd && !g.insensitive && !g.surfaces.has(text.slice(start, stemEnd));
  if (apiName && !/^-[\p{Ll}\d]/u.test(window)) return null;
  let p = 0;
  const pretiers: string[] = [];
  let identity: Identity | null = null;
  let end = 0;
  let swapped = false;
  // 1. tier words before the version, then the version
  for (let k = 0; k < 4 && !identity; k++) {
    const sep = stickyAt(SEP_AT, window, p);
    const tok = tokenAt(window, p + sep.length);
    if (!tok) return null;
    const at = p + sep.length;
    const v = VERSION.exec(tok);
    const glued = !v && pretiers.length < 3 ? GLUED.exec(tok) : null;
    if (v && (sep || /\d/.test(tok[0]) || k === 0)) {
      const [, letter, num, endLetter] = v;
      if (!sep && letter && k === 0 && !/\d/.test(tok[0])) {
        // "DeepSeekR2": a letter glued to the stem is only a version where the family writes it so
        if (!g.maxMajor.has(letter.toLowerCase())) return null;
      }
      if (!sep && pretiers.length) return null;
      const l = letter.toLowerCase();
      const max = g.maxMajor.get(l);
      if (max === undefined) return null;
      const version = parseVersion(num);
      if (version[0] > max + 2) return null;
      if (endLetter && !g.endLetters.has(endLetter)) return null;
      identity = { letter: l, version, end: endLetter, tiers: [], modes: [] };
      end = at + tok.length;
      // an API name writes the minor version after a hyphen: "claude-opus-4-1", "claude-3-7-sonnet"; so
      // do leaderboards, capitalised ("Claude-Opus-4-5-Thinking"), when the whole name is hyphen-joined
      const joined = apiName || (HYPHENISH.test(window[0] ?? '') && !/[ \u00A0]/.test(window.slice(0, end)));
      const minor = joined && version.length === 1 ? /^-(\d)(?![\p{L}\p{N}]|\.\d)/u.exec(window.slice(end)) : null;
      if (minor) {
        identity.version = parseVersion(`${num}.${minor[1]}`);
        end += minor[0].length;
      }
    } else if (glued && sep && g.pretiers.has([...pretiers, glued[1].toLowerCase()].join(' '))) {
      const [, lead, num, endLetter] = glued;
      const max = g.maxMajor.get('');
      if (max === undefined || parseVersion(num)[0] > max + 2 || (endLetter && !g.endLetters.has(endLetter))) return null;
      pretiers.push(lead.toLowerCase());
      identity = { letter: '', version: parseVersion(num), end: endLetter, tiers: [], modes: [] };
      end = at + tok.length;
    } else {
      // a tier word before the version: only words the family puts there, after a separator
      if (!sep || !WORD.test(tok) || (/^\p{Ll}/u.test(tok) && !apiName)) return null;
      const next = [...pretiers, tok.toLowerCase()].join(' ');
      if (![...g.pretiers].some((t) => t === next || t.startsWith(`${next} `))) {
        // "Gemini Flash 2.0": a tier the family writes after its versions, put before; only for a model the pack knows
        if (pretiers.length || swapped || !g.tiers.has(next) || !/^\p{Lu}/u.test(tok)) return null;
        swapped = true;
      }
      pretiers.push(tok.toLowerCase());
      p = at + tok.length;
    }
  }
  if (!identity) return null;
  if (pretiers.length && !swapped && !g.pretiers.has(pretiers.join(' '))) return null;
  if (!pretiers.length && !g.bare) return null;
  // the version ends the token: not "Llama 3,000", "GPT-4.1.2x", "Claude 3D"
  const after = window.slice(end, end + 2);
  if (after && (AFTER_WORD.test(after[0]) || (/[.,]/.test(after[0]) && /\d/.test(after[1] ?? '')))) return null;
  const tiers = [...pretiers];
  const modes: string[] = [];
  let marked = false;
  // 2. suffixes: sizes, dates, tier and mode words ("3.5 Flash", "-R1-0528", "3.1 70B Instruct")
  p = end;
  for (let k = 0; k < 5; k++) {
    const sep = stickyAt(SEP_AT, window, p);
    if (!sep) break;
    const tok = tokenAt(window, p + sep.length);
    if (!tok) break;
    const hyphen = HYPHENISH.test(sep);
    let ok = false;
    // (a thinking or context budget after a hyphen too: "-Thinking-32K")
    if (SIZE.test(tok) || (hyphen && (DATE.test(tok) || /^\d{1,3}[Kk]$/.test(tok)))) ok = marked = true;
    else if (WORD.test(tok)) {
      const lower = tok.toLowerCase();
      const surfaces = info.vocab.get(lower);
      // joined by a hyphen any case goes ("-mini", "-Instruct"); after a space, as the pack writes it or capitalised
      if (surfaces && (hyphen || surfaces.has(tok) || /^\p{Lu}/u.test(tok))) {
        ok = true;
        if (!MODES.has(lower)) tiers.push(lower);
        else {
          modes.push(lower);
          if (hyphen) marked = true;
        }
      }
    }
    if (!ok) break;
    const tokEnd = p + sep.length + tok.length;
    const next = window.slice(tokEnd, tokEnd + 1);
    if (next && AFTER_WORD.test(next)) break;
    p = end = tokEnd;
  }
  identity.tiers = [...new Set(tiers)].sort();
  identity.modes = [...new Set(modes)].sort();
  if (apiName && (/\p{Lu}/u.test(window.slice(0, end)) || /[ \u00A0]/.test(window.slice(0, end)))) return null;
  if (swapped && knownIdentity(info, key, identity) === undefined) return null;
  return { start, end: stemEnd + end, group: g, key, identity, marked };
}

/** The pack's model a name is, with its modes ("Gemini 2.0 Flash Thinking"), one of them, or none ("Qwen3-32B-Instruct"). */
function knownIdentity(info: VersionInfo, key: string, identity: Identity): number | undefined {
  const tries = [identity.modes, ...identity.modes.map((m) => [m]), []];
  // its own family first, then one that shares a model with it ("ChatGPT 5" is GPT-5)
  for (const family of [key, ...(info.siblings.get(key) ?? [])]) {
    for (const modes of tries) {
      const e = info.identities.get(identityKey(family, identity, modes));
      if (e !== undefined) return e;
    }
  }
  return undefined;
}

/** The pack's model nearest to a new version: same tier words and version letter first, then the closest version below. */
function nearest(c: Candidate): number {
  const { group, identity } = c;
  let best = -1;
  let bestScore = -Infinity;
  const v = identity.version[0] + (identity.version[1] ?? 0) / 100;
  for (const m of group.members) {
    const id = m.identity;
    const shared = id.tiers.filter((t) => identity.tiers.includes(t)).length;
    const differ = id.tiers.length + identity.tiers.length - 2 * shared;
    const kv = id.version[0] + (id.version[1] ?? 0) / 100;
    const distance = kv <= v ? v - kv : 2 * (kv - v) + 1;
    const score = (id.letter === identity.letter ? 1000 : 0) + 10 * shared - 4 * differ - distance;
    if (score > bestScore) {
      bestScore = score;
      best = m.entity;
    }
  }
  return best;
}

/**
 * Adds versioned model names to the detector's mentions (sorted, non-overlapping), replacing the
 * family word or maker the detector saw inside them. `present` says whether the page names an entity.
 */
export function versionMentions(text: string, mentions: Mention[], table: AliasTable, present: (entity: number) => boolean): Mention[] {
  const steps = versionSteps(text, mentions, table, present);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Characters scanned between two chances to yield (a few hundred microseconds of matching). */
const SCAN_CHUNK = 1 << 16;

/** versionMentions() in steps: the page scans a long text between slices of other work. */
export function* versionSteps(
  text: string,
  mentions: Mention[],
  table: AliasTable,
  present: (entity: number) => boolean,
): Generator<void, Mention[], HasTime | undefined> {
  // built on the first page that needs it (most pages are not about AI and never do), in steps
  const info = infos.get(table) ?? (yield* prepareVersionsSteps(table));
  const re = info.pattern;
  if (!re) return mentions;
  const candidates: Candidate[] = [];
  let hasTime: HasTime | undefined;
  for (let from = 0; from < text.length; ) {
    do {
      // a piece of the text, with room after it for a stem's lookahead: matches must start inside the piece
      const to = Math.min(text.length, from + SCAN_CHUNK);
      const piece = from === 0 && to === text.length ? text : text.slice(from, to + TAIL_WINDOW + 20);
      re.lastIndex = 0;
      for (let m = re.exec(piece); m && m.index < to - from; m = re.exec(piece)) {
        const start = from + m.index;
        if (start > 0 && BEFORE.test(text[start - 1])) continue;
        const key = m[0].toLowerCase();
        const g = info.groups.get(key);
        // as the pack writes the stem, in any case where it writes it so, or all lower case (API names)
        if (!g || !(g.insensitive || g.surfaces.has(m[0]) || m[0] === key)) continue;
        const c = parseTail(text, start, start + m[0].length, key, g, info);
        if (c) candidates.push(c);
      }
      from = to;
    } while (from < text.length && (hasTime?.() ?? false));
    if (from < text.length) hasTime = yield;
  }
  const supported = (g: Group) => {
    for (const e of g.support) if (present(e)) return true;
    return false;
  };
  stemlessCandidates(text, mentions, table, info, supported, present, candidates);
  if (!candidates.length) return familyTiers(text, mentions, info);
  candidates.sort((a, b) => a.start - b.start);
  const out = mentions.slice();
  let changed = false;
  for (const c of candidates) {
    // a name the pack lists: an ambiguous one is the detector's to judge (with its context rules), an
    // unambiguous one its entity (written "Grok3" for "Grok 3", or after its maker: "Google Gemini 2.5 Pro")
    let exact = info.exact.get(squash(text.slice(c.start, c.end)));
    const { group, identity } = c;
    if (exact === -1) {
      // an ambiguous name is the detector's to judge, as the pack writes it; written another way ("Veo2"
      // for "Veo 2") the detector never sees it: the family or its maker on the page vouches for it
      if (aliasSurfaces(table).has(text.slice(c.start, c.end).toLowerCase()) || !supported(group)) continue;
      exact = undefined;
    }
    if (group.short && !supported(group)) continue;
    if (group.weak && exact === undefined) {
      // "Falcon 9", "Step 4": an ordinary word with a number is a version only with its family on the page,
      // or when the name itself says so (a tier word of the family, a dotted version, a version letter, a size)
      const strong = c.marked || identity.tiers.some((t) => group.tiers.has(t)) || identity.version.length > 1 || identity.letter !== '';
      if (!strong && !supported(group)) continue;
    }
    let start = c.start;
    // mentions the name overlaps: inside it (the family word, the maker) go; one running past it keeps its place
    const lo = firstEndingAfter(out, start);
    if (lo < out.length && out[lo].start < start) {
      const m = out[lo];
      const e = info.entityIndex.get(m.entityId);
      // "Google Gemini" + " 3.5": a family name the pack wrote with its maker grows into the version
      if (m.type === 'model' && m.end <= c.end && e !== undefined && group.support.has(e)) start = m.start;
      else continue;
    }
    let hi = lo;
    while (hi < out.length && out[hi].start < c.end) hi++;
    if (hi > lo && out[hi - 1].end > c.end) continue;
    if (hi - lo === 1 && out[lo].start === start && out[lo].end === c.end) continue;
    let known = exact ?? knownIdentity(info, c.key, identity);
    // "Llama 3.2 Vision", "Grok-3 Reasoning": tier words the family never uses, after a version the pack
    // knows, are a variant of that model, not a new version
    if (known === undefined && identity.tiers.length && identity.tiers.every((t) => !group.tiers.has(t)))
      known = knownIdentity(info, c.key, { ...identity, tiers: [] });
    const span = text.slice(start, c.end);
    let mention: Mention;
    if (known !== undefined) {
      // a name the pack knows, with a size, date or mode added ("Qwen3-32B", "GPT-5 Thinking")
      const e = table.entities[known];
      mention = { start, end: c.end, text: span, entityId: e.id, name: e.name, type: e.type };
    } else {
      const link = nearest(c);
      if (link < 0) continue;
      const e = table.entities[link];
      mention = { start, end: c.end, text: span, entityId: e.id, name: span.replace(/\s+/g, ' '), type: 'model', newVersion: true };
    }
    out.splice(lo, hi - lo, mention);
    changed = true;
  }
  return familyTiers(text, changed ? out : mentions, info);
}

/**
 * A version with no stem: a version letter some family writes alone ("R2", "V3.1", "o5", "M2") or a plain
 * number before a capitalised tier word of some family ("2.5 Flash"). Not inside a word, a domain, a path or
 * a hyphenated compound, not a sum of money. Built from the pack (only its letters and tier words: a page
 * has many numbers before capitalised words), case-sensitive and without the Unicode flag where it can.
 */
function stemlessPattern(letters: Iterable<string>, tiers: Iterable<string>): RegExp {
  const letterClass = [...letters].join('');
  const tierWords = [...tiers].map((t) => escapeRegExp(t[0].toUpperCase() + t.slice(1))).join('|');
  const version = '\\d{1,2}(?:\\.\\d{1,2})?';
  const alternatives = [
    letterClass ? `[${letterClass}]${version}` : '',
    tierWords ? `${version}(?=[ \\u00A0](?:${tierWords})(?![\\p{L}\\p{N}]))` : '',
  ]
    .filter(Boolean)
    .join('|');
  // (what may come before is checked apart, STEMLESS_BEFORE: a leading lookbehind is tried at every position of the page)
  // (ASCII-first: it scans the whole of every AI page, and most pages are plain)
  return asciiFirst(new RegExp(`(?:${alternatives || '(?!)'})(?![\\p{L}\\p{N}_]|[.,]\\d)`, 'gu'));
}
const STEMLESS_BEFORE = asciiFirst(/[\p{L}\p{N}_.,@#/$€£\-\u2010-\u2014]/u);
// the word before, capitalised (with a possessive): it names something ("Apple M4", "Cloudflare R2", "Apple's M2", "DeepSeek's R2")
const OTHER_NAME_BEFORE = asciiFirst(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}.+-]*)(?:['’]s?)?[ \u00A0]$/u);

/** Whether a mention of the family or its maker ends at `end` (the name before a stemless version). */
function supportBefore(mentions: readonly Mention[], end: number, backs: (e: number) => boolean, info: VersionInfo): boolean {
  const i = firstEndingAfter(mentions, end - 1);
  const m = mentions[i];
  if (!m || m.end !== end) return false;
  const e = info.entityIndex.get(m.entityId);
  return e !== undefined && backs(e);
}

const surfaceSets = new WeakMap<AliasTable, Set<string>>();

/** Every alias as the pack writes it (lower case): the names the detector itself matches. */
function aliasSurfaces(table: AliasTable): Set<string> {
  let set = surfaceSets.get(table);
  if (!set) {
    set = new Set(table.aliases.map((a) => a.text.toLowerCase()));
    surfaceSets.set(table, set);
  }
  return set;
}

interface BareLetters {
  /** version letter as written -> the families that write it alone */
  letters: Map<string, Set<string>>;
  /** the stemless versions these letters and the families' tier words allow */
  pattern: RegExp;
  /** family -> the organisation its stem names ("MiniMax"): named on the page, it vouches for the family */
  makers: Map<string, number>;
}

/** Version letters as the pack writes them alone ("R1", "V3", "K2", "o3"), and the families that do. */
const bareLetters = new WeakMap<AliasTable, BareLetters>();

function lettersWrittenAlone(table: AliasTable, info: VersionInfo): BareLetters {
  const cached = bareLetters.get(table);
  if (cached) return cached;
  const out = new Map<string, Set<string>>();
  const makers = new Map<string, number>();
  const familyOf = new Map<number, string[]>();
  for (const [key, g] of info.groups) for (const m of g.members) familyOf.set(m.entity, [...(familyOf.get(m.entity) ?? []), key]);
  const add = (letter: string, key: string) => {
    if (!info.groups.get(key)!.maxMajor.has(letter.toLowerCase())) return;
    const set = out.get(letter) ?? new Set<string>();
    set.add(key);
    out.set(letter, set);
  };
  const orgNames = new Map<string, number>();
  for (const a of table.aliases) if (table.entities[a.entity].type === 'org') orgNames.set(a.text.toLowerCase(), a.entity);
  for (const a of table.aliases) {
    if (table.entities[a.entity].type !== 'model') continue;
    // written alone in the pack ("R1", "K2", "o3")…
    const m = /^([A-Za-z])\d{1,2}(?:\.\d{1,2})?(?:$|[-\u2010-\u2014 ])/.exec(a.text);
    if (m) for (const key of familyOf.get(a.entity) ?? []) add(m[1], key);
    // …or after a stem that is its maker's name ("MiniMax-M1", "DeepSeek-R1"): the maker named, "M2" is enough
    const w = /^(\p{L}[\p{L}\p{N}]*)[-\u2010-\u2014 ]([A-Za-z])\d{1,2}(?:\.\d{1,2})?(?:$|[-\u2010-\u2014 ])/u.exec(a.text);
    const key = w?.[1].toLowerCase();
    if (w && key && orgNames.has(key) && info.groups.has(key)) {
      add(w[2], key);
      makers.set(key, orgNames.get(key)!);
    }
  }
  const tiers = new Set<string>();
  for (const g of info.groups.values()) if (g.bare) for (const t of g.tiers) if (/^[a-z]+$/.test(t)) tiers.add(t);
  const result = { letters: out, makers, pattern: stemlessPattern(out.keys(), tiers) };
  bareLetters.set(table, result);
  return result;
}

/**
 * Versions with no stem, once their family or its maker is on the page: a version letter the pack
 * itself writes alone for the family ("R2" after DeepSeek, "o5" after OpenAI, "V3.2-Exp"), or a plain
 * number with a tier word that names a model the pack knows ("2.5 Flash" in a Gemini story). One
 * family only: a letter or a name two families on the page could own goes to neither.
 */
function stemlessCandidates(
  text: string,
  mentions: readonly Mention[],
  table: AliasTable,
  info: VersionInfo,
  supported: (g: Group) => boolean,
  present: (entity: number) => boolean,
  candidates: Candidate[],
): void {
  const { letters, makers, pattern: STEMLESS } = lettersWrittenAlone(table, info);
  let families: [string, Group][] | null = null;
  STEMLESS.lastIndex = 0;
  for (let m = STEMLESS.exec(text); m; m = STEMLESS.exec(text)) {
    const start = m.index;
    if (start > 0 && STEMLESS_BEFORE.test(text[start - 1])) continue;
    // inside a name the detector found ("Gemini 2.5 Pro"): nothing to add
    const covering = mentions[firstEndingAfter(mentions, start)];
    if (covering && covering.start < start) continue;
    const letter = /\p{L}/u.test(m[0][0]) ? m[0][0] : '';
    let keys: Iterable<string>;
    if (letter) {
      const set = letters.get(letter);
      if (!set) continue;
      keys = set;
    } else {
      families ??= [...info.groups].filter(([, g]) => g.bare && g.tiers.size && supported(g));
      // (most numbers before a capitalised word are not models: the word must be a tier of a family on the page)
      const word = /^[ \u00A0](\p{L}+)/u.exec(text.slice(STEMLESS.lastIndex, STEMLESS.lastIndex + 24))?.[1].toLowerCase();
      const owners = word ? families.filter(([, g]) => g.tiers.has(word)) : [];
      if (!owners.length) continue;
      keys = owners.map(([k]) => k);
    }
    let before = OTHER_NAME_BEFORE.exec(text.slice(Math.max(0, start - 30), start));
    // a capitalised function word ("The R2", "In V3") names nothing
    if (before && STOP_WORDS.has(before[1].toLowerCase())) before = null;
    let found: Candidate | null = null;
    let count = 0;
    for (const key of keys) {
      const g = info.groups.get(key)!;
      const maker = makers.get(key);
      // (an ordinary-word family, "Gemini", "ERNIE", is fine here: its models or maker are on the page)
      if (!supported(g) && !(maker !== undefined && present(maker))) continue;
      // a name right before it must be the family's or its maker's ("DeepSeek's V3.1"), not another's ("Apple's M2")
      const backs = (e: number) => g.support.has(e) || e === maker;
      if (before && !supportBefore(mentions, start - before[0].length + before[1].length, backs, info)) continue;
      const c = parseTail(text, start, start, key, g, info);
      if (!c) continue;
      // a plain number says nothing alone: only a model the pack knows, by number and tier ("2.5 Pro")
      if (!letter && (!c.identity.tiers.length || knownIdentity(info, key, c.identity) === undefined)) continue;
      found = c;
      count++;
    }
    if (!found || count !== 1) continue;
    // the detector already found this very name ("R1", "K2" as the pack writes them), or a name running
    // into it: nothing to add (most candidates on a page about DeepSeek are its own "R1"s)
    const seen = mentions[firstEndingAfter(mentions, start)];
    if (seen && seen.start < found.end && (seen.start < start || (seen.start === start && seen.end === found.end))) continue;
    candidates.push(found);
  }
}

/**
 * "Claude Opus", "Gemini Ultra": a family the detector named, followed by a tier word the family puts
 * before its versions, is one mention over both words (of the family: no version says which model).
 */
function familyTiers(text: string, mentions: Mention[], info: VersionInfo): Mention[] {
  let out = mentions;
  for (let i = 0; i < out.length; i++) {
    const m = out[i];
    if (m.type !== 'model' || m.newVersion) continue;
    const g = info.groups.get(m.text.toLowerCase());
    if (!g?.pretiers.size) continue;
    let p = m.end;
    let words = '';
    let end = -1;
    for (let k = 0; k < 2; k++) {
      const sep = stickyAt(SEP_AT, text, p);
      if (sep !== ' ' && sep !== '\u00A0') break;
      const tok = tokenAt(text, p + 1);
      if (!tok || !/^\p{Lu}\p{Ll}+$/u.test(tok)) break;
      words = words ? `${words} ${tok.toLowerCase()}` : tok.toLowerCase();
      if (![...g.pretiers].some((t) => t === words || t.startsWith(`${words} `))) break;
      p += 1 + tok.length;
      if (g.pretiers.has(words)) end = p;
    }
    if (end < 0 || (i + 1 < out.length && out[i + 1].start < end)) continue;
    // the tier word does not run on into another word or a number ("Claude Opus-like", "Claude Opus 5" is a version)
    const after = text.slice(end, end + 2);
    if (/^[\p{L}\p{N}_]|^[-\u2010-\u2014][\p{L}\p{N}]|^[ \u00A0]\d/u.test(after)) continue;
    if (out === mentions) out = mentions.slice();
    out[i] = { ...m, end, text: text.slice(m.start, end) };
  }
  return out;
}

function firstEndingAfter(list: readonly Mention[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- Learned once, in the background ----
// A fresh page used to learn the families from the pack itself (reading every alias, parsing every
// model name: several ms of cold code on each tab). The background learns them when it compiles the
// detector and stores them with it (lib/detect/packed-cache.ts) as plain data; a page installs that
// and builds each lookup only when the matching first asks for it (the stem pattern: on AI pages only).

interface PackedGroup {
  key: string;
  surfaces: string[];
  insensitive: boolean;
  weak: boolean;
  maxMajor: [string, number][];
  endLetters: string[];
  pretiers: string[];
  tiers: string[];
  bare: boolean;
  short: boolean;
  /** per member: entity|letter|version|end|tiers|modes (few strings parse far faster than many small objects) */
  members: string[];
  names: string[];
  support: number[];
}

/** What VersionInfo asks of its name tables (a page may read them from sorted arrays, no Map built). */
interface Lookup {
  get(key: string): number | undefined;
}

/** Keys and values side by side; `sorted`: the keys in code-unit order (a page then searches them as they are). */
interface PackedPairs {
  keys: string[];
  values: number[];
  sorted?: boolean;
}

/** The families and their grammar (VersionInfo) in a JSON-safe form, learned from one alias table. */
export interface PackedVersions {
  groups: PackedGroup[];
  vocab: [string, string[]][];
  /** keys and values side by side (two arrays parse faster than thousands of pairs) */
  exact: PackedPairs;
  identities: PackedPairs;
  siblings: [string, string[]][];
  /** the stem pattern's source (flags 'gi'), null without families */
  pattern: string | null;
  /** the version letters written alone (lettersWrittenAlone): absent in entries stored before them */
  bare?: PackedBareLetters;
}

interface PackedBareLetters {
  letters: [string, string[]][];
  makers: [string, number][];
  /** the stemless pattern's source and flags */
  pattern: [string, string];
}

/** Learns the families of `table` (the background, once per table) in the form pages install with usePackedVersions(). */
export function packVersions(table: AliasTable): PackedVersions {
  const info = prepareVersions(table);
  return {
    groups: [...info.groups].map(([key, g]) => ({
      key,
      surfaces: [...g.surfaces],
      insensitive: g.insensitive,
      weak: g.weak,
      maxMajor: [...g.maxMajor],
      endLetters: [...g.endLetters],
      pretiers: [...g.pretiers],
      tiers: [...g.tiers],
      bare: g.bare,
      short: g.short,
      members: g.members.map(({ entity, identity: id }) =>
        [entity, id.letter, id.version.join('.'), id.end, id.tiers.join(' '), id.modes.join(' ')].join('|'),
      ),
      names: [...g.names],
      support: [...g.support],
    })),
    vocab: [...info.vocab].map(([word, surfaces]) => [word, [...surfaces]]),
    exact: sortedPairs(info.exact),
    identities: sortedPairs(info.identities),
    siblings: [...info.siblings],
    pattern: info.pattern?.source ?? null,
    bare: packBareLetters(lettersWrittenAlone(table, info)),
  };
}

function packBareLetters(bare: BareLetters): PackedBareLetters {
  return {
    letters: [...bare.letters].map(([letter, keys]) => [letter, [...keys]]),
    makers: [...bare.makers],
    pattern: [bare.pattern.source, bare.pattern.flags],
  };
}

function isPackedBareLetters(value: unknown): value is PackedBareLetters {
  const p = value as Partial<PackedBareLetters> | null | undefined;
  return !!p && Array.isArray(p.letters) && Array.isArray(p.makers) && Array.isArray(p.pattern) && p.pattern.length === 2;
}

/** A property computed on first read, then kept as a plain value. */
function lazy<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
  });
}

function unpackMember(text: string): Member {
  const [entity, letter, version, end, tiers, modes] = text.split('|');
  const words = (w: string) => (w ? w.split(' ') : []);
  return {
    entity: Number(entity),
    identity: { letter, version: version.split('.').map(Number), end, tiers: words(tiers), modes: words(modes) },
  };
}

function zipMap(pairs: PackedPairs): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < pairs.keys.length; i++) map.set(pairs.keys[i], pairs.values[i]);
  return map;
}

function sortedPairs(lookup: Lookup): PackedPairs {
  // (installed from packed pairs already: those)
  if (!(lookup instanceof Map)) return (lookup as unknown as { pairs: PackedPairs }).pairs;
  const map = lookup as Map<string, number>;
  const keys = [...map.keys()].sort();
  return { keys, values: keys.map((k) => map.get(k)!), sorted: true };
}

/**
 * A lookup over sorted pairs by binary search: a page asks it a few times per version candidate, and
 * building a Map of thousands of names first cost more than all its questions (profiled: ~1 ms a page).
 */
function pairLookup(pairs: PackedPairs): Lookup & { pairs?: PackedPairs } {
  if (!pairs.sorted) return zipMap(pairs);
  const { keys, values } = pairs;
  return {
    pairs,
    get(key: string): number | undefined {
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      return keys[lo] === key ? values[lo] : undefined;
    },
  };
}

function isPackedVersions(value: unknown): value is PackedVersions {
  const p = value as Partial<PackedVersions> | null | undefined;
  return (
    !!p &&
    Array.isArray(p.groups) &&
    Array.isArray(p.vocab) &&
    Array.isArray(p.exact?.keys) &&
    Array.isArray(p.identities?.keys) &&
    Array.isArray(p.siblings) &&
    (p.pattern === null || typeof p.pattern === 'string')
  );
}

/**
 * Installs families learned by packVersions() from this same table (the stored detector's), so
 * versionSteps() uses them instead of learning them on the page. Returns false (nothing installed)
 * when `packed` is missing or malformed: the page then learns them itself on its first AI page.
 */
export function usePackedVersions(table: AliasTable, packed: unknown): boolean {
  if (infos.has(table)) return true;
  if (!isPackedVersions(packed)) return false;
  const info = {} as VersionInfo;
  lazy(info, 'groups', () => {
    const groups = new Map<string, Group>();
    for (const g of packed.groups) {
      const group: Group = {
        surfaces: new Set(g.surfaces),
        insensitive: g.insensitive,
        weak: g.weak,
        maxMajor: new Map(g.maxMajor),
        endLetters: new Set(g.endLetters),
        pretiers: new Set(g.pretiers),
        tiers: new Set(g.tiers),
        bare: g.bare,
        short: g.short,
        members: [],
        names: new Set(g.names),
        support: new Set(g.support),
      };
      // a family's members are read only when one of its versions is judged (most families: never on a page)
      lazy(group, 'members', () => g.members.map(unpackMember));
      groups.set(g.key, group);
    }
    return groups;
  });
  lazy(info, 'vocab', () => new Map(packed.vocab.map(([word, surfaces]) => [word, new Set(surfaces)])));
  lazy(info, 'exact', () => pairLookup(packed.exact));
  lazy(info, 'identities', () => pairLookup(packed.identities));
  lazy(info, 'entityIndex', () => new Map(table.entities.map((e, i) => [e.id, i])));
  lazy(info, 'siblings', () => new Map(packed.siblings));
  lazy(info, 'pattern', () => (packed.pattern === null ? null : new RegExp(packed.pattern, 'gi')));
  infos.set(table, info);
  // the letters written alone too (read on AI pages only: the objects are made then)
  const bare = packed.bare;
  if (isPackedBareLetters(bare) && !bareLetters.has(table)) {
    const made = {} as BareLetters;
    lazy(made, 'letters', () => new Map(bare.letters.map(([letter, keys]) => [letter, new Set(keys)])));
    lazy(made, 'makers', () => new Map(bare.makers));
    lazy(made, 'pattern', () => asciiFirst(new RegExp(bare.pattern[0], bare.pattern[1])));
    bareLetters.set(table, made);
  }
  return true;
}
