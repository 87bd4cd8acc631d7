// Claims for a page: sentences that make a checkable claim about a detected entity, classified,
// attributed, with their numbers normalised, ranked by check-worthiness and linked to tracked claims.
// DOM-free: the content script's background, the CLI and the tests all run this.
import type { Mention } from '../detect/types';
import type { Pack } from '../kb/schema';
import type { ClaimExtractor } from '../pipeline/annotate';
import { findFrames, findUnknowns, mentionCandidates, OTHER_PERSON, ReferenceTracker, type Candidate, type Frame } from './attribution';
import {
  comparisonMetric,
  hasComparison,
  hasEntitySuperlative,
  hasFactVerb,
  hasPrediction,
  hasRankingClaim,
  hasSuperlative,
  isCourtesy,
  isNotAClaim,
} from './cues';
import { findNumbers, guessMetric, type FoundNumber } from './numbers';
import { findQuotes, outsideQuotes, type SentenceQuotes } from './quotes';
import { hardBreaksOnly, splitSentences, type Sentence } from './segment';
import { findTranscript, type TranscriptLine } from './transcript';
import { findSaid, isUnnamedSubject, OPENING_SAID, type Said } from './speakers';
import { isFirstName, PageGenders, pronounGender } from './gender';
import { indexTrackedClaims, linkTracked, type TrackedIndex } from './link';
import type { ClaimNumber, PageClaim } from './types';

export interface ExtractOptions {
  /** keep at most this many claims, best first (default 80) */
  maxClaims?: number;
  /** organisation id → its current chief executive's id, so "Nvidia's chief executive" is a person */
  leaders?: Map<string, string>;
  /** person id → name, so a transcript's "HASSABIS:" is Demis Hassabis */
  personNames?: Map<string, string>;
  /** person id → the organisation they lead, for "we" in their answers */
  personOrgs?: Map<string, string>;
}

const TITLE_AFTER_ORG = /^(?:’s|'s)?\s+(?:co-?founder and |founder and )?(?:chief executive(?: officer)?|CEO|boss)\b/;
const COMPANY_TITLE = /\b[Tt]he (?:company|firm|lab|start-?up|group)(?:’s|'s) (?:chief executive(?: officer)?|CEO|boss)\b/g;

/** "Nvidia's chief executive", "the company's CEO": the organisation's current leader, as a person. */
function leaderCandidates(
  text: string,
  mentions: Candidate[],
  currentOrg: string | null | undefined,
  leaders: Map<string, string> | undefined,
  names?: Map<string, string>,
): Candidate[] {
  if (!leaders?.size) return [];
  const out: Candidate[] = [];
  for (const c of mentions) {
    if (c.kind !== 'org' || !c.id) continue;
    const m = TITLE_AFTER_ORG.exec(text.slice(c.end, c.end + 40));
    const leader = m ? leaders.get(c.id) : undefined;
    if (m && leader)
      out.push({
        start: c.start,
        end: c.end + m[0].length,
        id: leader,
        kind: 'person',
        via: 'mention',
        possessive: false,
        name: names?.get(leader),
      });
  }
  if (currentOrg && leaders.has(currentOrg)) {
    COMPANY_TITLE.lastIndex = 0;
    for (let m = COMPANY_TITLE.exec(text); m; m = COMPANY_TITLE.exec(text)) {
      const leader = leaders.get(currentOrg)!;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        id: leader,
        kind: 'person',
        via: 'mention',
        possessive: false,
        name: names?.get(leader),
      });
    }
  }
  return out;
}

// "a Huawei executive", "one OpenAI researcher": someone at the organisation, not the organisation (a spokesperson speaks for it)
const STAFF_AFTER_ORG =
  /^(?:[’']s)?\s+(?:senior\s+|former\s+|top\s+)?(?:executive|engineer|employee|researcher|manager|insider|official|director|scientist|staffer|veteran|board member|investor|adviser|advisor)\b/;

function staffCandidates(text: string, mentions: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of mentions) {
    if (c.kind !== 'org') continue;
    const m = STAFF_AFTER_ORG.exec(text.slice(c.end, c.end + 40));
    if (m && /\b(?:a|an|one|another|two|three|several|some)\s+$/i.test(text.slice(Math.max(0, c.start - 12), c.start))) {
      // (an unnamed source: "an OpenAI executive said" is no one by name; a spokesperson speaks for the organisation)
      out.push({ start: c.start, end: c.end + m[0].length, id: null, kind: 'group', via: 'unknown', possessive: false });
    }
  }
  return out;
}

/**
 * A surname alone, after the page has named that person in full ("Henna Lindqvist told …" then
 * "Lindqvist rejected that."): the same person, though no role or speech verb sits next to it.
 */
function surnameCandidates(text: string, taken: Candidate[], surnames: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  if (!surnames.size) return out;
  for (const m of text.matchAll(/(?<![\p{L}’'-])\p{Lu}[\p{L}’'-]+/gu)) {
    const word = m[0].replace(/[’']s$/, '');
    if (!surnames.has(word)) continue;
    const start = m.index;
    const end = start + word.length;
    if (taken.some((c) => start < c.end && end > c.start)) continue;
    // part of a longer name ("Kaplan" in "Jared Kaplan" is found as the whole name)
    if (/\p{Lu}[\p{L}’'-]*\s+$/u.test(text.slice(Math.max(0, start - 20), start)) || /^\s+\p{Lu}/u.test(text.slice(end, end + 3))) continue;
    out.push({ start, end, id: null, kind: 'person', via: 'unknown', possessive: /^[’']s/.test(text.slice(end, end + 2)), name: word });
  }
  return out;
}

/** Surnames of the people named in full in these candidates (two words or more, not an office). */
function noteSurnames(candidates: Candidate[], surnames: Set<string>): void {
  for (const c of candidates) {
    if (c.kind !== 'person' || !c.name) continue;
    const words = c.name.split(/\s+/);
    if (words.length < 2 || words.length > 4) continue;
    const last = words[words.length - 1];
    if (/^\p{Lu}[\p{Ll}’'-]+$/u.test(last)) surnames.add(last);
  }
}

/** Current chief executives from the pack's role relations (roles with an end date are over). */
export function leadersFromPack(pack: Pick<Pack, 'entities'>): Map<string, string> {
  const leaders = new Map<string, { id: string; start: string }>();
  for (const e of pack.entities) {
    if (e.type !== 'person') continue;
    for (const r of e.relations ?? []) {
      // "co-founder and CEO", not "CEO of Applications" (a division's chief)
      if (r.type !== 'role' || r.end || !/(?:\bCEO|chief executive(?: officer)?)$/i.test((r.role ?? '').trim())) continue;
      const prior = leaders.get(r.target);
      if (!prior || (r.start ?? '') > prior.start) leaders.set(r.target, { id: e.id, start: r.start ?? '' });
    }
  }
  return new Map([...leaders].map(([org, v]) => [org, v.id]));
}

interface SentenceInfo {
  index: number;
  s: Sentence;
  quotes: SentenceQuotes;
  mentions: Candidate[];
  refs: Candidate[];
  unknowns: Candidate[];
  frames: Frame[];
  outside: string;
  /** speaker of the quotation, colon passage or transcript line this sentence belongs to (undefined: not speech) */
  speech?: { speaker: Candidate | null; transcript?: TranscriptLine };
}

const NON_STATEMENT =
  /\b(?:has|have|had|did|does|do) not (?:yet )?(?:said|say|disclosed|disclose|commented|comment|responded|respond|replied|reply|confirmed|confirm|revealed|reveal)\b|\b(?:declined|refused) to (?:comment|say|disclose|confirm|elaborate)\b|\bwould not (?:comment|say|disclose|confirm|elaborate)\b|\bcould not be reached\b|\bdid not (?:immediately )?respond\b/i;

/** A clause with a speech frame before ", but … did not say …": the sentence still reports something. */
function statesBeforeDenial(info: SentenceInfo): boolean {
  const at = info.s.text.search(NON_STATEMENT);
  const boundary = info.s.text.slice(0, at).search(/(?:,\s*(?:but|and|though|although|while)|;)\s+[^,;]*$/);
  if (boundary < 0) return false;
  return info.frames.some(
    (f) => f.verbEnd <= boundary && f.speaker.kind !== 'model' && wordCount(info.s.text.slice(f.contentStart, boundary)) >= 3,
  );
}

function found_significant(text: string): boolean {
  return findNumbers(text).some(isSignificant);
}

const SIGNIFICANT_UNITS = new Set(['GPU', 'GW', 'users', 'parameters', 'percent', 'tokens', 'GPU-hours', 'x', 'employees']);

function isSignificant(n: FoundNumber): boolean {
  if (SIGNIFICANT_UNITS.has(n.unit)) return true;
  if (/^[A-Z]{3}(?:\/1M tokens)?$/.test(n.unit)) return true; // money
  if (n.unit === 'count') return n.min >= 1000;
  return false;
}

function speakerId(c: Candidate | null | undefined): string | null {
  if (!c?.id) return null;
  return c.kind === 'person' || c.kind === 'org' ? c.id : null;
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

// a speech verb anywhere outside the quotation: "…,” a spokesperson said", "…,” the company announced"
const SPEECH_VERB =
  /\b(?:said|says|told|tells|wrote|writes|added|adds|announced|announces|posted|tweeted|explained|noted|argued|insisted|warned|replied|responded|declared|stated|continued|recalled|quipped|joked|according to)\b/i;

/** Assigns each sentence the quotation (or colon-introduced passage, or transcript line) it belongs to and that passage's speaker. */
function attributeSpeech(infos: SentenceInfo[], transcript: Map<number, TranscriptLine>): Map<number, Candidate | null> {
  const speakers = new Map<number, Candidate | null>();
  // "GOMEZ: …", "A: …": every sentence of the paragraph is the labelled speaker's
  if (transcript.size) {
    const labelledBlocks = [...transcript.keys()].sort((a, b) => a - b);
    let current: { line: TranscriptLine; block: number } | undefined;
    for (const info of infos) {
      const line = transcript.get(info.s.block);
      if (line) current = { line, block: info.s.block };
      if (!line) {
        // an unlabelled paragraph between two running lines, close to the last, carries on its answer
        const next = labelledBlocks.find((b) => b > info.s.block);
        if (!current?.line.running || next === undefined || !transcript.get(next)!.running || info.s.block - current.block > 3) continue;
      }
      const own = line ?? { ...current!.line, contentStart: info.s.start };
      info.speech = { speaker: own.speaker, transcript: own };
    }
  }
  const byQuotation = new Map<number, SentenceInfo[]>();
  for (const info of infos) {
    if (info.speech?.transcript) continue;
    for (const span of info.quotes.spans) {
      const list = byQuotation.get(span.quotation) ?? [];
      if (list[list.length - 1] !== info) list.push(info);
      byQuotation.set(span.quotation, list);
    }
  }
  for (const [quotation, members] of byQuotation) {
    let speaker: Candidate | null | undefined;
    // a frame in the sentences of the quotation itself: "X said: “…”", "“…,” said X", "“…,” he said. “…”"
    for (const info of members) {
      // ("… and “cowering …,” as NPR’s Debbie Elliot reported": the one the words are credited to, not the sentence's subject)
      const frame =
        info.frames.find(
          (f) =>
            f.speaker.kind !== 'model' &&
            (f.verb === 'put it' || /\bas\s+(?:the\s+)?(?:\p{Lu}[\p{L}’'-]*\s+){1,4}$/u.test(info.outside.slice(0, f.verbStart))),
        ) ?? info.frames.find((f) => f.strong && f.speaker.kind !== 'model');
      if (frame) {
        speaker = frame.speaker;
        break;
      }
    }
    const first = members[0];
    const index = first.index;
    // "He wrote in a post on Friday:" on its own line, then the quotation
    if (speaker === undefined && index > 0) {
      const previous = infos[index - 1];
      const frame = previous.frames.find((f) => f.strong && f.colon);
      if (frame && /:\s*$/.test(previous.s.text)) speaker = frame.speaker;
    }
    // a block quotation followed by "— Name"
    const last = members[members.length - 1];
    const next = infos[last.index + 1];
    if (speaker === undefined && next && next.s.blockStart && /^[—–-]\s*\S/.test(next.s.text)) {
      speaker =
        next.mentions.find((c) => c.kind === 'person' || c.kind === 'org') ?? next.unknowns.find((c) => c.kind === 'person') ?? null;
    }
    // "“…,” Huang told reporters. “Huawei is a formidable company.”" — a new quotation right after an
    // attributed one in the same paragraph continues the same speaker
    if (speaker === undefined && index > 0) {
      const previous = infos[index - 1];
      if (previous.s.block === first.s.block && previous.speech && previous.quotes.coverage > 0 && first.quotes.coverage >= 0.6)
        speaker = previous.speech.speaker;
    }
    // "…,” the company announced", "…,” a spokesperson said": a weaker verb, or a source the pack does not know
    if (speaker === undefined) {
      for (const info of members) {
        const frame = info.frames.find((f) => f.speaker.kind === 'person' || f.speaker.kind === 'org');
        if (frame) {
          speaker = frame.speaker;
          break;
        }
      }
    }
    if (speaker === undefined && members.some((info) => SPEECH_VERB.test(info.outside))) speaker = null;
    // direct speech without attribution (a pull quote, a quotation that carries on) is still speech
    if (speaker === undefined && first.quotes.coverage >= 0.6 && first.s.text.slice(0, 2).search(/["“‘«]/) >= 0) speaker = null;
    if (speaker === undefined) continue;
    speakers.set(quotation, speaker);
    for (const info of members) {
      const span = info.quotes.spans.find((sp) => sp.quotation === quotation);
      if (!span || info.quotes.quotation !== quotation || info.quotes.coverage < 0.4) continue;
      // direct speech stands on its own (opens the sentence, or follows a colon); a quoted phrase
      // inside reported speech ("said AGI was “five to ten years away”") is judged as reported speech
      const lead = info.s.text.slice(0, span.start - info.s.start);
      if (lead.length <= 2 || /:\s*["“‘«]?\s*$/.test(lead)) info.speech = { speaker };
    }
  }
  // "As he put it: Llama 4 will…" — unquoted speech after a colon runs to the end of the paragraph
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    const frame = info.frames.find((f) => f.strong && f.colon) ?? answerFrame(info) ?? leadInFrame(info);
    if (!frame) continue;
    // "In a memo to staff, Wang wrote:" closing its paragraph: the next paragraph is the speech, quoted or not
    if (/:\s*$/.test(info.s.text) && info.s.blockEnd) {
      const next = infos[i + 1];
      if (next && !next.speech && !next.quotes.spans.length && frame.speaker.kind !== 'group') {
        for (let j = i + 1; j < infos.length && infos[j].s.block === next.s.block; j++) {
          if (!infos[j].speech) infos[j].speech = { speaker: frame.speaker };
        }
      }
      continue;
    }
    const afterColon = info.outside.slice(frame.contentStart).trim();
    if (!afterColon || info.quotes.coverage >= 0.4) continue;
    info.speech = { speaker: frame.speaker };
    for (let j = i + 1; j < infos.length && infos[j].s.block === info.s.block; j++) {
      const next = infos[j];
      if (next.speech || next.frames.some((f) => f.strong)) break;
      next.speech = { speaker: frame.speaker };
    }
  }
  return speakers;
}

// "Huang's answer: …", "Her verdict was blunt: …": a person's words introduced by a noun and a colon
const ANSWER_NOUN =
  /^(?:[’']s)?\s+(?:(?:short|blunt|simple|one-word|own)\s+)?(?:answer|response|reply|verdict|view|message|advice|take|explanation|pitch|argument|warning|prediction|promise|conclusion|summary|assessment)(?:\s+(?:was|is)(?:\s+(?:blunt|simple|short|clear))?)?\s*:/i;

/** "He was blunt about the timeline:" closing its paragraph: a person introduces what follows. */
function leadInFrame(info: SentenceInfo): Frame | undefined {
  const text = info.s.text;
  if (!/:\s*$/.test(text) || !info.s.blockEnd || wordCount(text) > 16) return undefined;
  const first = [...info.mentions, ...info.unknowns, ...info.refs].sort((a, b) => a.start - b.start)[0];
  if (first?.kind !== 'person' || first.possessive || wordCount(text.slice(0, first.start)) > 2) return undefined;
  const end = text.length;
  return {
    verb: 'lead-in',
    verbStart: first.end,
    verbEnd: end,
    speaker: first,
    strong: true,
    contentStart: end,
    contentEnd: end,
    colon: true,
  };
}

function answerFrame(info: SentenceInfo): Frame | undefined {
  const speakers = [...info.mentions, ...info.unknowns, ...info.refs].filter((c) => c.kind === 'person' && c.possessive);
  for (const c of speakers) {
    const m = ANSWER_NOUN.exec(info.outside.slice(c.end, c.end + 60));
    if (!m) continue;
    const colonEnd = c.end + m[0].length;
    return {
      verb: 'answer',
      verbStart: c.end,
      verbEnd: colonEnd,
      speaker: { ...c, possessive: false },
      strong: true,
      contentStart: colonEnd,
      contentEnd: info.outside.length,
      colon: true,
    };
  }
  return undefined;
}

interface Classified {
  kind: PageClaim['kind'];
  speaker: Candidate | null;
}

// a quoted clause, not a quoted phrase: a subject pronoun, a finite verb or a contraction
const CLAUSE_CUE =
  /\b(?:I|we|you|they|he|she|it|will|would|is|are|was|were|am|have|has|had|can|could|should|must|do|does|did)\b|\p{L}[’'](?:s|re|ll|ve|d|m)\b/u;

/** "Huang said “every company will have an AI factory”": a full quoted clause of four words or more is direct speech. */
function quotesClause(info: SentenceInfo, frame: Frame): boolean {
  return info.quotes.spans.some((span) => {
    const start = span.start - info.s.start;
    if (start < frame.verbEnd) return false; // after the verb: "said “…”", "told reporters that “…”"
    const words = info.s.text.slice(start, span.end - info.s.start);
    return wordCount(words) >= 4 && CLAUSE_CUE.test(words);
  });
}

/** A headline: a paragraph of one short line with no full stop (the title, a standfirst, a digest's item). */
function isHeadline(info: SentenceInfo): boolean {
  const text = info.s.text;
  return info.s.blockStart && info.s.blockEnd && !/[.!?:]["”’)]?$/.test(text) && wordCount(text) <= 16;
}

function classify(info: SentenceInfo, numbers: FoundNumber[], entityStarts: number[]): Classified | null {
  const text = info.s.text;
  const significant = numbers.some(isSignificant);
  // direct speech is a quote whatever it says (precedence: quote > prediction > comparison > quantity > other)
  if (info.speech) return { kind: 'quote', speaker: info.speech.speaker };
  const entityEnds = [...info.mentions, ...info.refs].map((c) => c.end);
  const frame = info.frames.find((f) => f.strong && f.speaker.kind !== 'model') ?? info.frames.find((f) => f.speaker.kind !== 'model');
  if (frame) {
    if (frame.strong && quotesClause(info, frame)) return { kind: 'quote', speaker: frame.speaker.kind === 'group' ? null : frame.speaker };
    // the reported words as written (quoted phrases included: "AGI was “five to ten years away”")
    const content = info.s.text.slice(frame.contentStart, frame.contentEnd);
    const inContent = entityStarts.filter((s) => s >= frame.contentStart && s < frame.contentEnd).map((s) => s - frame.contentStart);
    const contentNumbers = numbers.filter((n) => n.start >= frame.contentStart && n.end <= frame.contentEnd + 1);
    const speaker = frame.speaker;
    // "X expects / plans …" is X's prediction; "said it would …" is a reported one
    if (speaker.kind === 'group') {
      // "…, sources say": unnamed sourcing for a statement, judged on what it states
      if (frame.contentStart === 0) return classifyByCues(info, text, significant, entityStarts);
      // "Investors feared that …": what unnamed people think is not checkable unless it carries a figure
      // (or their own words: "an OpenAI executive said the offers were “a sign of panic, not strategy”")
      if (!significant) return info.quotes.spans.length && info.speech ? { kind: 'quote', speaker: null } : null;
    } else if (PREDICTIVE_VERBS.test(frame.verb) || REPORTED_FUTURE.test(content)) {
      return { kind: 'prediction', speaker };
    }
    const endsInContent = entityEnds.filter((e) => e > frame.contentStart && e <= frame.contentEnd).map((e) => e - frame.contentStart);
    if (hasPrediction(content, endsInContent)) return { kind: 'prediction', speaker };
    // a person's reported view stays a quote unless it pits named things against each other ("matches", "beats");
    // an organisation's comparison is a comparison, and so is its claim to the top ("its Y is the strongest open model")
    // (an organisation's statement is judged whole: "For comparison, TSMC reported revenue of …")
    if (
      speaker.kind === 'person'
        ? inContent.length > 0 && hasComparison(content, inContent, { than: false })
        : hasComparison(content, inContent) ||
          hasComparison(text, entityStarts) ||
          hasRankingClaim(content, endsInContent, { figures: contentNumbers.some(isSignificant) })
    ) {
      return { kind: 'comparison', speaker };
    }
    if (frame.strong && speaker.kind === 'person') return { kind: 'quote', speaker };
    if (contentNumbers.some(isSignificant) || significant) return { kind: 'quantity', speaker };
    // an organisation's reported statement without quotation marks is a sourced fact, not a quote
    // what unnamed analysts or investors think is not checkable unless it carries a figure
    // ("Vidyard announced significant updates …": a company's announcement is an event, named in the pack or not)
    if (speaker.kind === 'group' || !speaker.id)
      return (hasFactVerb(content) || (speaker.kind === 'org' && ANNOUNCED.test(frame.verb))) && speaker.kind !== 'group'
        ? { kind: 'other', speaker: null }
        : null;
    if (hasFactVerb(text) || frame.strong) return { kind: 'other', speaker };
    return null;
  }
  return classifyByCues(info, text, significant, entityStarts);
}

// Headlines with no verb to assert anything: "X’s second act", "X on Y, Z and leaving W" (an interview's teaser).
const VERBLESS_HEADLINE =
  /^(?:[\p{Lu}][\p{L}\d.’'-]*\s+){1,4}(?:(?:AI|chief|boss|executive|founder|co-founder|head|CEO|veteran|pioneer)\s+){0,2}on\s|^[\p{Lu}][^’']{0,40}[’']s\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+$/u;

function classifyHeadline(info: SentenceInfo, text: string, significant: boolean, entityStarts: number[]): Classified | null {
  const entityEnds = [...info.mentions, ...info.refs].map((c) => c.end);
  // short and verb-poor: a forecast needs a forward-looking verb ("forecasts", "will", "on track to"), not a
  // date alone ("delays Siri until next year"); then the figures; then comparisons and facts
  if (hasPrediction(text, entityEnds, { timeFrames: false })) return { kind: 'prediction', speaker: null };
  // headline future: "Microsoft to invest $80 billion in data centres"
  const subjectEnds = info.mentions
    .filter((m) => /^(?:[\p{Lu}\d][\p{L}\d.-]*(?:[’']s)?\s+){0,3}$/u.test(text.slice(0, m.start)))
    .map((m) => m.end);
  if (subjectEnds.some((e) => /^(?:[’']s\s+[\p{L}\d-]+(?:\s+[\p{L}\d-]+)?)?\s+to\s+(?!be\b)\p{Ll}{2,}/u.test(text.slice(e, e + 50))))
    return { kind: 'prediction', speaker: null };
  if (significant) return { kind: 'quantity', speaker: null };
  if (hasComparison(text, entityStarts) || hasRankingClaim(text, entityEnds) || hasEntitySuperlative(text, entityStarts))
    return { kind: 'comparison', speaker: null };
  if (hasFactVerb(text)) return { kind: 'other', speaker: null };
  // a title that opens with a name states something about it: "Google brings Gemini to more products"
  if (
    info.s.block <= 3 &&
    !text.includes(':') &&
    wordCount(text) >= 4 &&
    info.mentions.some((m) => m.start === 0) &&
    !VERBLESS_HEADLINE.test(text)
  ) {
    return { kind: 'other', speaker: null };
  }
  return null;
}

function classifyByCues(info: SentenceInfo, text: string, significant: boolean, entityStarts: number[]): Classified | null {
  if (isHeadline(info)) return classifyHeadline(info, text, significant, entityStarts);
  const entityEnds = [...info.mentions, ...info.refs].map((c) => c.end);
  if (hasPrediction(text, entityEnds)) return { kind: 'prediction', speaker: null };
  if (hasComparison(text, entityStarts) || hasRankingClaim(text, entityEnds, { figures: significant }))
    return { kind: 'comparison', speaker: null };
  if (significant) return { kind: 'quantity', speaker: null };
  if ((hasSuperlative(text) && hasFactVerb(text)) || hasEntitySuperlative(text, entityStarts)) return { kind: 'comparison', speaker: null };
  if (hasFactVerb(text)) return { kind: 'other', speaker: null };
  // "Vidyard announced significant updates …" with no frame (a company the pack lacks is no speaker candidate)
  if (ANNOUNCED_IN_TEXT.test(text)) return { kind: 'other', speaker: null };
  return null;
}

const ANNOUNCED = /^(?:announced|announces|unveiled|unveils)$/;
const ANNOUNCED_IN_TEXT = /\b(?:announced|unveiled)\s+(?:a|an|the|its|their|new|significant|major|plans|updates?|changes)\b/;

// "said it would cost …" is a reported forecast; "would welcome", "would rather", "would not comment" are not
const REPORTED_FUTURE =
  /(?<!\b(?:that|which|who)\s)\bwould\b(?!\s+(?:have|rather|like|love|prefer|welcome|support|consider|be (?:happy|glad|open|willing)|not (?:comment|say|disclose|confirm|elaborate)))/;
const PREDICTIVE_VERBS = /^(?:expects|expected|plans|hopes|predicted|forecast|forecasts|projected)$/; // not "predicts": "a system which predicts protein structures"

const KIND_WEIGHT: Record<PageClaim['kind'], number> = { quote: 3, comparison: 3, prediction: 3, quantity: 2.6, other: 1.2 };

function scoreClaim(claim: PageClaim, info: SentenceInfo): number {
  let score = KIND_WEIGHT[claim.kind];
  const significant = claim.numbers.filter((n) => n.unit !== 'year' && n.unit !== 'date' && n.unit !== 'count');
  score += Math.min(significant.length, 3) * 0.6;
  score += Math.min(claim.numbers.filter((n) => n.metric).length, 3) * 0.4;
  if (claim.metric) score += 0.3;
  score += Math.min(claim.subjects.length, 3) * 0.3;
  if (claim.speaker) score += 0.6;
  const words = wordCount(info.s.text);
  if (words > 60) score -= 0.5;
  if (words < 6) score -= 0.5;
  return Math.round(score * 100) / 100;
}

// a photo credit or a caption control: "Jo Smith/Getty Images", "hide caption", "Photo: Reuters"
const CREDIT =
  /^(?:.{0,60}\/\s*(?:Getty Images|AFP|AP|Reuters|Bloomberg|EPA|Shutterstock|Alamy)\b|hide caption|toggle caption|Enlarge this image|(?:Photo|Photograph|Image|Credit)s?\s*:)/i;

/** Blocks that are photo captions: short, unquoted, right before (or after) a credit line. */
function captionBlocks(sentences: { block: number; text: string }[]): Set<number> {
  const firstOf = new Map<number, string>();
  const textOf = new Map<number, string>();
  for (const s of sentences) {
    if (!firstOf.has(s.block)) firstOf.set(s.block, s.text.trim());
    textOf.set(s.block, (textOf.get(s.block) ?? '') + s.text);
  }
  const blocks = [...firstOf.keys()].sort((a, b) => a - b);
  const out = new Set<number>();
  blocks.forEach((b, i) => {
    const text = textOf.get(b)!;
    if (CREDIT.test(firstOf.get(b)!)) {
      out.add(b);
      return;
    }
    if (text.length > 300 || /["“”]/.test(text)) return;
    const near = [blocks[i + 1], blocks[i - 1]].filter((x) => x !== undefined).map((x) => firstOf.get(x)!);
    if (near.some((t) => CREDIT.test(t))) out.add(b);
  });
  return out;
}

interface Analysis {
  infos: SentenceInfo[];
  /** speaker of each speech quotation (by its id), null when it is speech with no one named */
  quotationSpeakers: Map<number, Candidate | null>;
  /** blocks that are photo captions or credits */
  captions: Set<number>;
}

/** Sentences with their quotes, candidates, speech frames and the speech each belongs to. */
function analyse(text: string, mentions: Mention[], options: ExtractOptions): Analysis {
  const packPeople = options.personNames?.size ? new Map([...options.personNames].map(([id, name]) => [name, id])) : undefined;
  const sentences = splitSentences(text);
  const quotes = findQuotes(text, sentences);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const tracker = new ReferenceTracker(new PageGenders(text));
  const captions = captionBlocks(sentences);
  const infos: SentenceInfo[] = [];
  // surnames of the people named in full so far, so a later bare surname is that person
  const surnames = new Set<string>();
  let cursor = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    while (cursor < sorted.length && sorted[cursor].end <= s.start) cursor++;
    const inside: Mention[] = [];
    for (let j = cursor; j < sorted.length && sorted[j].start < s.end; j++) if (sorted[j].end <= s.end) inside.push(sorted[j]);
    const plainMentions = mentionCandidates(s.text, s.start, inside);
    const mentionCands = [
      ...plainMentions,
      ...leaderCandidates(s.text, plainMentions, tracker.org, options.leaders, options.personNames),
    ].sort((a, b) => a.start - b.start);
    const found = [...findUnknowns(s.text, mentionCands), ...staffCandidates(s.text, mentionCands)];
    const unknowns = [...found, ...surnameCandidates(s.text, [...mentionCands, ...found], surnames)].sort((a, b) => a.start - b.start);
    noteSurnames([...mentionCands, ...found], surnames);
    // a person the detector missed but the pack knows by that exact name ("Mark “Zuck” Zuckerberg")
    if (packPeople) for (const u of unknowns) if (u.kind === 'person' && u.name && packPeople.has(u.name)) u.id = packPeople.get(u.name)!;
    // a photo caption names people the story's "he" and "she" do not mean
    // names inside a quotation are the speaker's subject, not the story's: "the company" after
    // "“DeepSeek is …,” an Nvidia spokesperson said" is Nvidia
    const spoken = (c: Candidate) => quotes[i].spans.some((q) => c.start >= q.start - s.start && c.end <= q.end - s.start);
    const refs = captions.has(s.block)
      ? []
      : tracker.walk(
          s.text,
          mentionCands.filter((c) => !spoken(c)),
          unknowns.filter((c) => !spoken(c)),
        );
    const outside = outsideQuotes(s, quotes[i].spans);
    const candidates = [...mentionCands, ...unknowns, ...refs].sort((a, b) => a.start - b.start);
    const frames = candidates.length ? findFrames(outside, candidates) : [];
    infos.push({ index: i, s, quotes: quotes[i], mentions: mentionCands, refs, unknowns, frames, outside });
  }
  const quotationSpeakers = attributeSpeech(
    infos,
    findTranscript(
      sentences,
      infos.map((info) => [...info.mentions, ...info.unknowns]),
      options.personNames,
    ),
  );
  return { infos, quotationSpeakers, captions };
}

/** Finds the claims in `text` about the entities in `mentions` (offsets into `text`). */
export function extractClaims(text: string, mentions: Mention[], options: ExtractOptions = {}, tracked?: TrackedIndex): PageClaim[] {
  // a new version's own id is the nearest known model, not itself (createClaimExtractor maps it to its maker)
  if (mentions.some((m) => m.newVersion)) mentions = mentions.filter((m) => !m.newVersion);
  // (no name the pack knows: claims can still be about organisations the page shows at work, on a forced scan;
  // a cheap look for one first, so a long page with none costs nothing)
  if (!text || (!mentions.length && !mayShowUnknownOrg(text))) return [];
  const { infos } = analyse(text, mentions, options);
  const names = new PageNames(text);
  const claims: PageClaim[] = [];
  const quotationOf = new Map<PageClaim, number>();
  const subjectsOf = (info: SentenceInfo): string[] => {
    const subjects: string[] = [];
    for (const c of [...info.mentions, ...info.refs].sort((a, b) => a.start - b.start)) {
      if (c.id && !subjects.includes(c.id)) subjects.push(c.id);
    }
    return subjects;
  };
  // quotations that hold a claim somewhere: every sentence of one is part of that claim ("“We built it in four
  // months. Nobody thought it could be done. … It was worth it,” Musk said." is one claim, not its last sentence)
  const quotationsWithClaims = new Set<number>();
  const pageOrgs = unknownOrganisations(text, infos);
  for (const info of infos) {
    if (!info.speech || info.speech.transcript || info.quotes.quotation < 0) continue;
    const previous = infos[info.index - 1];
    // (and the next quotation of the same speaker in the paragraph: "“…,” Altman said. “…”")
    const continues =
      previous?.speech &&
      previous.s.block === info.s.block &&
      quotationsWithClaims.has(previous.quotes.quotation) &&
      (previous.speech.speaker?.id ?? previous.speech.speaker?.name) === (info.speech.speaker?.id ?? info.speech.speaker?.name);
    if (continues || subjectsOf(info).length || namedSpeech(info, infos, pageOrgs)) quotationsWithClaims.add(info.quotes.quotation);
  }
  // the subjects of each sentence that made a claim, for the sentences that refer back to it
  const claimSubjects = new Map<number, string[]>();
  for (const info of infos) {
    const s = info.s;
    const subjects = subjectsOf(info);
    const item = listItem(info, infos);
    // (a sentence that continues a claim about a company the pack lacks refers to it though it has no subjects)
    const referred = subjects.length ? null : referredSubjects(info, infos, claimSubjects, item);
    if (referred) subjects.push(...referred);
    const line = info.speech?.transcript;
    // the spoken words of a transcript line, without "GOMEZ: "
    const spoken = line && s.start < line.contentStart ? s.text.slice(line.contentStart - s.start) : s.text;
    if (line) {
      if (/\?["”’]?$/.test(s.text) || isCourtesy(spoken)) continue;
      // "I'd still say five to ten years": an answer that names no one is about its speaker (and "we", their
      // organisation); short replies ("We don't need to.") say nothing checkable
      const speakerId = line.speaker?.id;
      if (!subjects.length && speakerId && (spoken.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length >= 5) {
        const org = /\b(?:we|our|us|ours)\b/i.test(spoken) ? options.personOrgs?.get(speakerId) : undefined;
        subjects.push(org ?? speakerId);
      }
    }
    // "We will spend $60B …" in a chief executive's quotation: "we" is the organisation they lead (only
    // with a figure: "We expect many more applications" names nothing checkable)
    const quoted = !line && info.speech?.speaker?.kind === 'person' ? info.speech.speaker.id : null;
    if (quoted && !subjects.length && /\b(?:we|our|us)\b/i.test(s.text) && found_significant(s.text)) {
      const org = options.personOrgs?.get(quoted);
      if (org && !subjects.includes(org)) subjects.push(org);
    }
    // a named speaker's own words (quoted, or reported with said/argued/wrote …) are a claim even when they
    // name nothing the pack knows: "“Every demo works,” said Priyanka Desai, who runs a start-up"
    const inQuotation = !!info.speech && !info.speech.transcript && quotationsWithClaims.has(info.quotes.quotation);
    if (!subjects.length && !referred && !namedSpeech(info, infos, pageOrgs) && !inQuotation && !aboutUnknownOrg(info, pageOrgs, infos))
      continue;
    if (wordCount(spoken) < 4) continue;
    if (/\?["”’]?$/.test(s.text) && info.quotes.coverage < 0.4) continue;
    // "X has not said …", "did not respond", "declined to comment": nothing is asserted
    // (unless an earlier clause states something: "X said it would ship next year, but did not say where")
    if (NON_STATEMENT.test(s.text) && info.quotes.coverage < 0.4 && !found_significant(s.text) && !statesBeforeDenial(info)) continue;
    // "Mensch explained why …:" introduces the quotation in the next paragraph; the quotation is the claim
    if (
      /:$/.test(s.text) &&
      s.blockEnd &&
      (info.frames.some(
        (f) => f.colon || (f.strong && f.contentStart >= f.verbEnd && !info.outside.slice(f.contentStart).replace(/[\s:]/g, '').length),
      ) ||
        leadInFrame(info))
    )
      continue;
    const found = findNumbers(s.text);
    // opinion and rhetoric ("Perhaps X is right that …", "Anyone who has used X will understand …") unless someone said it
    if (!info.speech && isNotAClaim(s.text, { significant: found.some(isSignificant) })) continue;
    const entityStarts = info.mentions.map((m) => m.start);
    // a list item has no verb of its own: its figure, or the named thing it lists, is what the lead-in announces
    const classified =
      classify(info, found, entityStarts) ??
      (item && found.some(isSignificant) ? { kind: 'quantity' as const, speaker: null } : null) ??
      // (not a name and its gloss: "– GPT-5, for the hardest tasks" under "comes in three sizes:")
      (item && info.mentions.some((m) => m.start > LIST_MARK.exec(s.text)![0].length + 1)
        ? { kind: 'other' as const, speaker: null }
        : null);
    if (!classified) continue;
    claimSubjects.set(info.index, subjects);
    const numbers: ClaimNumber[] = found.map((n) => {
      const out: ClaimNumber = { min: n.min, max: n.max, unit: n.unit, raw: n.raw };
      if (n.approx) out.approx = true;
      if (n.atLeast) out.atLeast = true;
      if (n.atMost) out.atMost = true;
      const metric = guessMetric(s.text, n);
      if (metric) out.metric = metric;
      return out;
    });
    const mainNumber = numbers.find((n) => n.metric && n.unit !== 'year' && n.unit !== 'date');
    const metric =
      classified.kind === 'comparison'
        ? (comparisonMetric(s.text) ?? mainNumber?.metric)
        : (mainNumber?.metric ?? (classified.kind === 'quote' || classified.kind === 'prediction' ? comparisonMetric(s.text) : undefined));
    const claim: PageClaim = {
      start: s.start,
      end: s.end,
      text: s.text,
      kind: classified.kind,
      subjects,
      speaker: speakerId(classified.speaker),
      speakerName: classified.speaker ? names.of(classified.speaker, info.s.text) : null,
      numbers,
      links: [],
      score: 0,
    };
    if (metric) claim.metric = metric;
    claim.score = scoreClaim(claim, info);
    claims.push(claim);
    // a sentence of a quotation (not a transcript line): its claim joins the quotation's other sentences
    if (info.speech && !info.speech.transcript && info.quotes.quotation >= 0 && classified.kind === 'quote')
      quotationOf.set(claim, info.quotes.quotation);
  }
  const merged = mergeQuotations(text, claims, quotationOf);
  merged.sort((a, b) => b.score - a.score || a.start - b.start);
  const kept = merged.slice(0, options.maxClaims ?? 80);
  // link only what is kept (linking is the costly part); a link makes a claim more worth checking
  if (tracked) {
    for (const claim of kept) {
      // a quotation of several sentences may carry several checkable figures: up to two links each
      claim.links = linkTracked(claim, tracked, 2 * (parts.get(claim) ?? 1));
      if (claim.links.length) claim.score = Math.round((claim.score + 1) * 100) / 100;
    }
    kept.sort((a, b) => b.score - a.score || a.start - b.start);
  }
  return kept;
}

// an item of a bulleted or numbered list ("• A context window of 500,000 tokens", "1. Pricing cut by half")
const LIST_MARK = /^\s*(?:[•▪◦‣●■]|[-–*]\s|\d{1,2}[.)]\s)/u;

/** A bulleted list item whose list is introduced by a lead-in ending in a colon ("Key changes in the release:"). */
function listItem(info: SentenceInfo, infos: SentenceInfo[]): SentenceInfo | null {
  if (!info.s.blockStart || !LIST_MARK.test(info.s.text)) return null;
  for (let k = info.index - 1; k >= 0 && k >= info.index - 12; k--) {
    const before = infos[k];
    if (before.s.blockStart && LIST_MARK.test(before.s.text)) continue;
    return /:$/.test(before.s.text.trim()) && before.s.blockEnd ? before : null;
  }
  return null;
}

// "The figure leaves out …", "That valuation …", "The deal …", "The process cost over $100 million" (a training run
// just described): a sentence about the figure, deal or undertaking just reported
const REFERS_BACK =
  /^(?:The|That|This|Those|These)\s+(?:figures?|numbers?|totals?|estimates?|sums?|amounts?|valuations?|prices?|deal|round|raise|investment|stake|acquisition|purchase|contract|agreement|forecasts?|projections?|results?|scores?|process|training run|run)\b/;

// "That is almost three times the $61.5 billion it was valued at in March": the figure just reported, compared
const THAT_IS = /^(?:That|This)\s+(?:is|was|would be|marks|puts)\b/;
// (a segment's figures too: "Data-center revenue, which is most of the total, rose …", "Gaming brought in $4.3 billion")
const IMPLICIT_SUBJECT =
  /^(?:(?:Its|Quarterly|Annual|Annualised|Annualized|Net|Total|Operating|Gross|Adjusted)\s+)?(?:[\p{L}-]+\s+)?(?:revenue|sales|profit|net income|income|earnings|shares|stock|(?:gross |operating )?margins?|market value|capital expenditure|capex|spending)(?:,\s[^,;]{1,80},)?\s+(?:rose|fell|grew|jumped|climbed|dropped|slipped|increased|decreased|declined|surged|were|was|reached|hit|came in|totalled|totaled|of)\b|^(?:A|An|The)\s+(?:new\s+)?(?:\p{Lu}[\p{L}\d-]*\s+){0,3}(?:subscription|plan|tier)\b|^\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?\s+(?:brought in|generated|contributed)\s+[$€£]/iu;

/**
 * Subjects a sentence naming nothing takes from the claim it continues: a list item from its lead-in (or the
 * claim just before the lead-in: "Anthropic released Claude Opus 4.1. Key changes in the release:"), a
 * sentence opening with "The figure …" from the claim just before it.
 */
function referredSubjects(
  info: SentenceInfo,
  infos: SentenceInfo[],
  claimSubjects: Map<number, string[]>,
  item: SentenceInfo | null,
): string[] | null {
  if (item) {
    const own = [...item.mentions, ...item.refs].filter((c) => c.id).map((c) => c.id!);
    if (own.length) return [...new Set(own)];
    // the claim just before the lead-in, or a sentence or two earlier ("Alibaba released Qwen3 … The smaller models
    // run on a laptop. What’s new:")
    for (let k = item.index - 1; k >= 0 && k >= item.index - 3; k--) {
      const subjects = claimSubjects.get(k);
      if (subjects) return subjects;
    }
    return null;
  }
  // "The ridesharing firm has extended …", "It has faced more than a dozen lawsuits", "… the company is offering …":
  // the company of the claim just before, when the name itself is not repeated (a company the pack lacks included)
  if (DESCRIBED_SUBJECT.test(info.s.text) || (info.index > 0 && THE_COMPANY.test(info.s.text))) {
    // the company opening the sentence just before, claim or not ("Lyft isn’t waiting … The ridesharing firm has
    // extended …"), else the claim before, else a company the sentence before names further in
    const previous = infos[info.index - 1];
    const orgs = previous && previous.s.block >= info.s.block - 1 ? previous.mentions.filter((m) => m.id && m.kind === 'org') : [];
    const description = !/^(?:(?:And|But|So|Meanwhile|Now),?\s+)?It/.test(info.s.text);
    if (description && orgs.length && orgs[0].start - previous.s.start <= 2) return [orgs[0].id!];
    const before = previousClaim(info, infos, claimSubjects);
    if (before) return before;
    if (description && orgs.length) return [orgs[0].id!];
  }
  // "Revenue rose 56% to $46.7bn", "Shares fell 3%", "A SuperGrok Heavy subscription costs $300 a month": the
  // company's figures, with the company left implicit (earnings and pricing copy), only with the figure
  const implicit = (IMPLICIT_SUBJECT.test(info.s.text) || THAT_IS.test(info.s.text)) && found_significant(info.s.text);
  if (!REFERS_BACK.test(info.s.text) && !implicit) return null;
  return previousClaim(info, infos, claimSubjects);
}

/** The subjects of the nearest claim among the two sentences before (a one-line paragraph may sit between: "That is a fraction …"). */
function previousClaim(info: SentenceInfo, infos: SentenceInfo[], claimSubjects: Map<number, string[]>): string[] | null {
  for (let k = info.index - 1; k >= 0 && k >= info.index - 2 && infos[k].s.block >= info.s.block - 2; k--) {
    const subjects = claimSubjects.get(k);
    if (subjects) return subjects;
  }
  return null;
}

// a company referred to by a description or a pronoun opening the sentence ("The ridesharing firm has …", "The
// start-up is set to …", "It has faced …", "Its apps …"); not "It is clear that …"
const DESCRIBED_SUBJECT =
  /^(?:(?:And|But|So|Meanwhile|Now),?\s+)?(?:The\s+(?:[\p{Ll}-]+\s+){0,2}(?:company|firm|start-?up|lab|chipmaker|maker|business|giant|platform|provider|service|program|programme|apps?|tool)\b(?!\s+(?:of|for)\b)|It\s+(?:has|had|also|now|then|later|still|plans|expects|says|said|reported|offers|makes|sells|runs|owns|was founded|launched|released|raised|added)\b|Its\s+\p{Ll})/u;
// "… the company is offering …" anywhere in the sentence
const THE_COMPANY = /\bthe (?:company|firm|start-?up)\b(?![’']s\s+(?:rivals?|competitors?))/;

// a company's doings: what makes a capitalised name opening a sentence an organisation at work
const COMPANY_VERBS =
  /^(?:[’']s\s+[\p{L}-]+\s+)?(?:has\s+|have\s+|also\s+|now\s+)?(?:announced|announces|launched|launches|introduced|introduces|unveiled|unveils|released|releases|raised|raises|acquired|acquires|reported|reports|offers|makes|builds|sells|shipped|ships|hired|expanded|extends|extended|partnered|plans|is offering|is launching|is adding|added|adds|owns|operates|opened|cut|cuts|priced|prices|charges|forecasts|forecast|expects|bought|buys|sold|posted|told|tells)\b/u;

const SENTENCE_NAME_VERB = new RegExp(
  String.raw`(?:^|[.!?]["”’]?\s+)(\p{Lu}[\p{L}\d&.-]*(?:[^\S\n]+\p{Lu}[\p{L}\d&.-]*){0,2})[^\S\n]*(?=\S)(?:${COMPANY_VERBS.source.slice(1, -2)})\b`,
  'gmu',
);

/** Whether some capitalised name opens a sentence with a company's verb and comes back on the page (unknownOrganisations, cheaply). */
function mayShowUnknownOrg(text: string): boolean {
  SENTENCE_NAME_VERB.lastIndex = 0;
  for (let m = SENTENCE_NAME_VERB.exec(text); m; m = SENTENCE_NAME_VERB.exec(text)) {
    if (NOT_ORG_WORDS.test(m[1].split(/\s+/)[0])) continue;
    // named somewhere else on the page too
    const at = m.index + m[0].indexOf(m[1]);
    if (text.indexOf(m[1]) !== at || text.indexOf(m[1], at + 1) >= 0) return true;
  }
  // or introduced as a company ("the chief executive of Corvid Labs", "Paris start-up Corvane") and named again
  for (const x of text.matchAll(ORG_INTRO)) {
    const name = x[1] ?? x[2] ?? x[3] ?? x[4];
    if (!NOT_ORG_WORDS.test(name.split(/\s+/)[0]) && text.split(name).length - 1 >= 2) return true;
  }
  return false;
}

/**
 * Organisations the pack does not know that the page shows at work, named at least twice and at least once
 * opening a sentence with a company's verb ("Vidyard announced …", "Lyft has extended …"); never a person.
 */
function unknownOrganisations(text: string, infos: SentenceInfo[]): Set<string> {
  const out = new Set<string>();
  const people = new Set<string>();
  // ("Orrin Labs" taken for a person's name is a company)
  for (const info of infos)
    for (const c of [...info.unknowns, ...info.mentions])
      if (c.kind === 'person' && c.name && !ORG_SUFFIX.test(c.name)) for (const w of c.name.split(/\s+/)) people.add(w);
  const consider = (info: SentenceInfo, name: string, at: number) => {
    if (info.mentions.some((c) => c.start < at + name.length && c.end > at)) return;
    if (name.split(/\s+/).some((w) => people.has(w) || NOT_ORG_WORDS.test(w)) || isFirstName(name.split(/\s+/)[0])) return;
    let n = counts.get(name);
    if (n === undefined) counts.set(name, (n = text.split(name).length - 1));
    if (n >= 2) out.add(name);
  };
  const counts = new Map<string, number>();
  const verbAt = (t: string, at: number) => {
    COMPANY_VERB_AT.lastIndex = at;
    return COMPANY_VERB_AT.test(t);
  };
  for (const info of infos) {
    const t = info.s.text;
    // (an adverb opening the sentence is not part of the name: "Eventually T-Mobile expanded …")
    const m = /^\s*(?:\p{Lu}\p{Ll}+ly,?\s+)?(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})(?=(?:[’']s)?\s)/u.exec(t);
    if (m && verbAt(t, m[0].length)) consider(info, m[1], m[0].length - m[1].length);
    // inside a sentence, a capitalised name is a name: "That’s because AT&T owns DirecTV"
    for (const x of t.matchAll(NAME_THEN_VERB)) {
      if (verbAt(t, x.index + x[0].length)) consider(info, x[1], x.index + x[0].length - x[1].length);
    }
    // introduced as a company: "Paris start-up Corvane", "Corvane, a chip start-up", "Corvane, founded in 2023"
    for (const x of t.matchAll(ORG_INTRO)) {
      const name = x[1] ?? x[2] ?? x[3] ?? x[4];
      consider(info, name, x.index + x[0].indexOf(name));
    }
  }
  return out;
}
// COMPANY_VERBS at a given offset, after any spaces (sticky: no copy of the rest of the sentence)
const COMPANY_VERB_AT = new RegExp(String.raw`\s*${COMPANY_VERBS.source.slice(1)}`, 'uy');
const ORG_SUFFIX =
  /\s(?:Labs?|AI|Inc\.?|Corp\.?|Technologies|Technology|Systems|Robotics|Research|Capital|Ventures|Partners|Networks|Semiconductor|Software|Dynamics|Intelligence)$/;
const NAME_THEN_VERB = /(?<=(?<![\p{L}\d&.-])\p{Ll}[\p{L}’'-]*[,;]?\s)(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})(?=\s)/gu;
const ORG_INTRO =
  /\b(?:start-?up|chipmaker|company|firm|developer|maker|provider)\s+(\p{Lu}[\p{L}\d&-]+(?:\s+\p{Lu}[\p{L}\d&-]+)?)(?=[\s,’'])|(?:^|[\s(])(\p{Lu}[\p{L}\d&-]+(?:\s+\p{Lu}[\p{L}\d&-]+)?),\s+(?:(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:start-?up|company|firm|chipmaker|maker|provider|developer)\b|(?:founded|set up|started|launched)\s+(?:in|by|two|three|four|five|last|a)\b)|\b(?:chief executive|CEO|co-?founder|founder|president|chairman|spokes(?:person|woman|man)|chief [a-z]+ officer)\s+(?:of|at)\s+(\p{Lu}[\p{L}\d&-]+(?:\s+\p{Lu}[\p{L}\d&-]+)?)(?=[\s,.;’'])|(?<![\p{L}\d])(\p{Lu}[\p{L}\d&-]+\s+(?:Labs?|AI|Technologies|Robotics|Semiconductor|Systems|Networks|Dynamics))(?![\p{L}\d])/gu;
const NOT_ORG_WORDS =
  /^(?:The|A|An|This|That|These|Those|It|Its|He|She|They|We|I|His|Her|Their|Our|In|On|At|For|But|And|So|If|When|While|After|Before|As|Last|Next|Some|Many|Most|Users|Customers|Developers|Employers|Viewers|Analysts|Investors|Critics|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** A sentence whose subject is one of the page's unknown organisations ("Vidyard has also introduced new mobile apps"). */
function aboutUnknownOrg(info: SentenceInfo, pageOrgs: Set<string>, infos?: SentenceInfo[]): boolean {
  if (!pageOrgs.size) return false;
  // (asked again for the sentences near each quotation: kept per page and sentence)
  let seen = aboutOrgMemo.get(pageOrgs);
  if (!seen) aboutOrgMemo.set(pageOrgs, (seen = new Map()));
  const key = infos ? info.index : -1 - info.index;
  let answer = seen.get(key);
  if (answer === undefined) seen.set(key, (answer = computeAboutUnknownOrg(info, pageOrgs, infos)));
  return answer;
}
const aboutOrgMemo = new WeakMap<Set<string>, Map<number, boolean>>();

function computeAboutUnknownOrg(info: SentenceInfo, pageOrgs: Set<string>, infos?: SentenceInfo[]): boolean {
  // "The company will raise its prices …" on a page about one such company, with no company the pack knows just before
  if (
    infos &&
    pageOrgs.size === 1 &&
    (DESCRIBED_SUBJECT.test(info.s.text) || THE_COMPANY.test(info.s.text)) &&
    !infos.slice(Math.max(0, info.index - 3), info.index + 1).some((i) => i.mentions.some((m) => m.id && m.kind === 'org'))
  )
    return true;
  const m = /^\s*(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})(?=(?:[’']s)?[\s,])/u.exec(info.s.text);
  if (m && pageOrgs.has(m[1])) return true;
  // named elsewhere in the sentence ("Key changes to Vidyard’s platform include …", "With this release, Vidyard has
  // launched …"): the blind-labelled real pages count these (real-text claims 68% / 19% → 75% / 27%)
  // (or by the first word of its name: "Halcyon’s shares rose 6%" after "Halcyon Semiconductor forecast …")
  return [...pageOrgs].some(
    (name) =>
      wordAt(info.s.text, name) || (/\s/.test(name) && name.split(/\s+/)[0].length >= 4 && wordAt(info.s.text, name.split(/\s+/)[0])),
  );
}

/** The name as a whole word in the text. */
function wordAt(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (!/[\p{L}\d]/u.test(text[i - 1] ?? ' ') && !/[\p{L}\d]/u.test(text[i + name.length] ?? ' ')) return true;
  }
  return false;
}

/** Speech by someone named (a person or an organisation, in the pack or not), not an unnamed source or a transcript line. */
function namedSpeech(info: SentenceInfo, infos: SentenceInfo[], pageOrgs: Set<string>): boolean {
  // someone the pack does not know (a pack speaker's words about nothing named were judged before: "We expect many more")
  const named = (c: Candidate | null | undefined) =>
    !!c && (c.kind === 'person' || c.kind === 'org') && !c.id && !!c.name && /^\p{Lu}/u.test(c.name) && !/\s(?:of|for)$/.test(c.name);
  // speaking in a passage about an entity the pack knows: this paragraph or the one before names one
  const near = infos
    .slice(Math.max(0, info.index - 4), info.index + 2)
    .filter((i) => i.s.block >= info.s.block - 1 && i.s.block <= info.s.block);
  // (or about a company the page shows at work: "… what AT&T Entertainment CEO John Stankey said …:")
  // (a company the pack lacks, in this paragraph or the two before, "the company" included: an earnings call's executives)
  const nearOrg =
    pageOrgs.size > 0 &&
    infos
      .slice(Math.max(0, info.index - 8), info.index + 2)
      .some((i) => i.s.block >= info.s.block - 2 && i.s.block <= info.s.block && aboutUnknownOrg(i, pageOrgs, infos));
  if (!nearOrg && !near.some((i) => i.mentions.some((m) => m.id && m.kind !== 'person'))) return false;
  if (info.speech) return !info.speech.transcript && named(info.speech.speaker) && info.quotes.coverage >= 0.4;
  const frame = info.frames.find((f) => f.strong && f.speaker.kind !== 'model');
  return !!frame && named(frame.speaker) && wordCount(info.s.text.slice(frame.contentStart, frame.contentEnd)) >= 5;
}

/** How many sentence claims a merged quotation claim was made of. */
const parts = new WeakMap<PageClaim, number>();

/**
 * One continuous quotation of several sentences, with its attribution, is one claim: the claims of its
 * sentences (same quotation, same speaker) become one spanning them, with their subjects and figures.
 */
function mergeQuotations(text: string, claims: PageClaim[], quotationOf: Map<PageClaim, number>): PageClaim[] {
  const byStart = [...claims].sort((a, b) => a.start - b.start);
  const out: PageClaim[] = [];
  let run: PageClaim[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) {
      const first = run[0];
      const last = run[run.length - 1];
      const claim: PageClaim = {
        ...first,
        end: last.end,
        text: text.slice(first.start, last.end),
        subjects: [...new Set(run.flatMap((c) => c.subjects))],
        numbers: run.flatMap((c) => c.numbers),
        links: [],
        score: Math.max(...run.map((c) => c.score)),
      };
      const metric = run.find((c) => c.metric)?.metric;
      if (metric) claim.metric = metric;
      else delete claim.metric;
      parts.set(claim, run.length);
      out.push(claim);
    }
    run = [];
  };
  for (const claim of byStart) {
    const quotation = quotationOf.get(claim);
    const previous = run[run.length - 1];
    const before = previous ? quotationOf.get(previous) : undefined;
    if (
      previous &&
      quotation !== undefined &&
      before !== undefined &&
      // the same quotation, or the next one right after it in the paragraph ("“…,” Huang said. “…”"): one utterance
      (before === quotation || (!/\n/.test(text.slice(previous.end, claim.start)) && !/\S/.test(text.slice(previous.end, claim.start)))) &&
      previous.speaker === claim.speaker &&
      previous.speakerName === claim.speakerName
    ) {
      run.push(claim);
      continue;
    }
    flush();
    run = [claim];
  }
  flush();
  return out;
}

/** The extractor the CLI and the background use: extraction plus links to the pack's tracked claims. */
export function createClaimExtractor(pack: Pack, options: ExtractOptions = {}): ClaimExtractor {
  const index = indexTrackedClaims(pack.trackedClaims, pack.entities);
  const leaders = options.leaders ?? leadersFromPack(pack);
  const withLeaders: ExtractOptions = {
    ...options,
    leaders,
    personNames: options.personNames ?? new Map(pack.entities.filter((e) => e.type === 'person').map((e) => [e.id, e.name])),
    personOrgs: options.personOrgs ?? new Map([...leaders].map(([org, person]) => [person, org])),
  };
  const makers = new Map<string, string>();
  for (const e of pack.entities) {
    const maker = e.type === 'model' ? e.relations?.find((r) => r.type === 'maker')?.target : undefined;
    if (maker) makers.set(e.id, maker);
  }
  return (text, mentions) => extractClaims(text, newVersionsAsMakers(mentions, makers), withLeaders, index);
}

/**
 * A model version the pack does not know yet ("DeepSeek-R2", "Llama 5") is linked to the nearest model the pack
 * knows, which it is not: a claim about it is about its maker (DeepSeek, Meta), so the mention stands for the
 * maker; a new version whose family has no maker in the pack makes no claim.
 */
function newVersionsAsMakers(mentions: Mention[], makers: Map<string, string>): Mention[] {
  if (!mentions.some((m) => m.newVersion)) return mentions;
  const out: Mention[] = [];
  for (const m of mentions) {
    const maker = m.newVersion ? makers.get(m.entityId) : undefined;
    if (!m.newVersion) out.push(m);
    else if (maker) {
      const { newVersion: _, ...rest } = m;
      out.push({ ...rest, entityId: maker });
    }
  }
  return out;
}

// ————— who said it, for any speaker —————

export interface PageQuote {
  /** offsets into the text: a direct quotation with its marks, or the reported clause */
  start: number;
  end: number;
  text: string;
  form: 'direct' | 'reported' | 'mixed';
  /** entity id when the speaker is in the pack */
  speaker: string | null;
  /** the speaker's name, in its fullest form on the page ("Pelosi" → "Nancy Pelosi"); "unnamed" for an unnamed source; null when not attributed */
  speakerName: string | null;
  speakerType: 'person' | 'org' | 'unnamed' | null;
}

// Titles dropped from the front of a name ("Sen. Chuck Schumer" → "Chuck Schumer").
const NAME_TITLES =
  /^(?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms|Prof|Lt|Col|Capt|Sgt|Adm|Rev|Hon|Pres|St)\.?|President|Senator|Representative|Governor|Secretary|Minister|Chancellor|Judge|Justice|Mayor|Speaker|Chairman|Chairwoman|Chair|Director|Commissioner|Ambassador|Pope|King|Queen|Prince|Princess|Sir|Dame|Lord|Lady|Professor|Doctor|General|Colonel|Captain|Detective|Officer|Sheriff|Coach|Chief|Executive|Former|Vice|Deputy|Attorney|State|House|Senate|Republican|Democratic|Democrat|Mr|Mrs|Ms)\s+/;
// a capitalised word (or initial), then an optional particle ("van", "de"), on one line
const NAME_WORD = String.raw`\p{Lu}(?:[\p{L}’'-]*\p{L}|\.)[^\S\n]+(?:(?:de|da|van|von|der|del|bin|al|la|le|of|for)[^\S\n]+)?`;

// the words of a name before its last word, up to where that word starts (one compiled pattern for every name)
const NAME_WORDS_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${NAME_WORD}){1,6}$`, 'u');

/** Names the page gives people and organisations, so a short form resolves to the fullest one. */
class PageNames {
  private cache = new Map<string, string>();
  private index: Map<string, number[]> | null = null;
  constructor(private readonly text: string) {}

  /** Where a word (its letters) starts on the page: its first 200 uses. */
  private positions(word: string): number[] {
    if (!this.index) {
      this.index = new Map();
      const WORD = /(?<![\p{L}\p{N}])\p{L}+/gu;
      for (let m = WORD.exec(this.text); m; m = WORD.exec(this.text)) {
        const list = this.index.get(m[0]);
        if (!list) this.index.set(m[0], [m.index]);
        else if (list.length < 200) list.push(m.index);
      }
    }
    return this.index.get(word) ?? [];
  }

  /** The candidate's name: the pack's name, or the words of the text resolved to their fullest form; "unnamed" for unnamed sources. */
  of(c: Candidate, sentence: string): string | null {
    if (c.kind === 'group') return this.group(sentence.slice(c.start, c.end));
    const raw = c.name ?? (c.via === 'pronoun' ? null : sentence.slice(c.start, c.end));
    if (!raw) return c.via === 'pronoun' ? null : 'unnamed';
    if (c.id && c.name) return c.name; // the pack's name
    const name = raw.replace(/(?:’s|'s)$/, '').trim();
    if (!/^\p{Lu}/u.test(name)) return this.group(name);
    return this.fullest(name);
  }

  /** "a Google spokesperson" speaks for Google; "a spokesman", "officials", "people familiar with…" are unnamed. */
  private group(words: string): string {
    const org =
      /\b(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})(?:’s|'s)?\s+(?:spokes(?:person|man|woman)|representative|press office|statement)\b/u.exec(
        words,
      );
    if (org) return this.fullest(org[1]);
    // "…, NASA announced on Monday": a bare name in the trailing clause is the source
    const bare = words.trim();
    if (
      /^\p{Lu}[\p{L}\d&.-]*(?:\s+(?:\p{Lu}[\p{L}\d&.-]*|of|for|and)){0,5}$/u.test(bare) &&
      !isUnnamedSubject(bare) &&
      !/^(?:The|A|An|One|Some|Many|Most|Both|Officials|Analysts|Experts|Critics|Sources|People|Police)\b/.test(bare)
    )
      return this.fullest(bare);
    return 'unnamed';
  }

  /** "Pelosi" → "Nancy Pelosi" when the page has the longer form; titles dropped. */
  fullest(name: string): string {
    let clean = name.trim();
    for (let prev = ''; prev !== clean; ) {
      prev = clean;
      clean = clean.replace(NAME_TITLES, '');
    }
    if (!clean) return name;
    const cached = this.cache.get(clean);
    if (cached) return cached;
    const last = clean.split(/\s+/).pop()!;
    const escaped = last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let best = clean;
    // the longer forms end where the last word occurs: look only there (an index of the page's words,
    // built once), not over the whole page once per name
    const key = /^\p{L}+/u.exec(last)?.[0];
    const forms: string[] = [];
    if (key) {
      for (const at of this.positions(key)) {
        if (!this.text.startsWith(last, at) || /\p{L}/u.test(this.text[at + last.length] ?? '')) continue;
        // (a longer form needs a capitalised word or an initial right before, on the same line)
        if (
          !/(?:\p{Lu}[\p{L}’'-]*|\p{Lu}\.|\b(?:de|da|van|von|der|del|bin|al|la|le|of|for))[^\S\n]+$/u.test(
            this.text.slice(Math.max(0, at - 40), at),
          )
        )
          continue;
        const m = NAME_WORDS_BEFORE.exec(this.text.slice(Math.max(0, at - 160), at));
        if (m) forms.push(m[0] + last);
      }
    } else {
      const re = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${NAME_WORD}){1,6}${escaped}(?![\p{L}])`, 'gu');
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) forms.push(m[0]);
    }
    for (const form of forms) {
      let found = form;
      for (let prev = ''; prev !== found; ) {
        prev = found;
        found = found
          .replace(NAME_TITLES, '')
          .replace(
            /^(?:The|A|An|In|On|At|For|As|If|When|While|But|And|By|From|With|After|Before|Since|Like|Unlike|Said|Says|To|Of|Ask|Asked|Had|Has|Have|Was|Were|Is|Did|Does|Let|Meet|Tell|Told)\s+/,
            '',
          )
          // "Vexa CEO Dan Moro": an organisation and a title in capitals are not part of the name
          .replace(/^(?:\p{Lu}[\p{L}\d&.-]*\s+){0,3}(?:CEO|CFO|CTO|COO|CSO|CPO)\s+(?=\p{Lu}\p{Ll})/u, '');
      }
      // the longer form must contain the short one's words, in order ("Chuck Schumer" for "Schumer")
      if (found.split(/\s+/).length > best.split(/\s+/).length && found.endsWith(clean) && found.split(/\s+/).length <= 8) best = found;
    }
    this.cache.set(clean, best);
    return best;
  }
}

function speakerType(c: Candidate | null, name: string | null): PageQuote['speakerType'] {
  if (!c || !name) return null;
  if (name === 'unnamed') return 'unnamed';
  if (c.kind === 'group') return 'org'; // "a Google spokesperson": the organisation
  return c.kind === 'org' ? 'org' : 'person';
}

const OPEN_MARK = /["“‘«„]/;
const CLOSE_MARK = /["”’»]/;
// reporting verbs that carry someone's words (not "plans", "hopes", "expects": intentions, not speech)
const NOT_SPEECH_VERBS =
  /^(?:expects|expected|hopes|plans|believes|believed|thinks|called|calling|described|describes|praised|praises|criticised|criticized|dismissed|rejected|rejects|questioned|challenged|disputed|disputes)$/;

function overlapOf(q: { start: number; end: number }, start: number, end: number): number {
  return Math.max(0, Math.min(q.end, end) - Math.max(q.start, start));
}

// Person roles a nominal reference names ("the senator", "the actress", "the chief executive"), each
// with the forms an introduction may use; gendered ones also pick the last person of that gender.
const PERSON_ROLES: { re: RegExp; forms: string; gender?: 'm' | 'f' }[] = [
  { re: /\b(?:chief executive(?: officer)?|CEO)$/i, forms: `[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|CEO` },
  { re: /\bspokes(?:woman)$/i, forms: `[Ss]pokes(?:woman|person)`, gender: 'f' },
  { re: /\bspokes(?:man)$/i, forms: `[Ss]pokes(?:man|person)`, gender: 'm' },
  { re: /\bactress$/i, forms: `[Aa]ctress|[Ss]tar`, gender: 'f' },
  { re: /\bactor$/i, forms: `[Aa]ctor|[Ss]tar`, gender: 'm' },
  { re: /\bchairwoman$/i, forms: `[Cc]hair(?:woman)?`, gender: 'f' },
  { re: /\bchairman$/i, forms: `[Cc]hair(?:man)?`, gender: 'm' },
  { re: /\bcongresswoman$/i, forms: String.raw`[Cc]ongresswoman|Rep\.|[Rr]epresentative`, gender: 'f' },
  { re: /\bcongressman$/i, forms: String.raw`[Cc]ongressman|Rep\.|[Rr]epresentative`, gender: 'm' },
  ...[
    'senator',
    'sheriff',
    'president',
    'director',
    'researcher',
    'professor',
    'scientist',
    'analyst',
    'economist',
    'governor',
    'mayor',
    'minister',
    'secretary',
    'founder',
    'co-founder',
    'judge',
    'attorney',
    'lawyer',
    'coach',
    'singer',
    'author',
    'writer',
    'filmmaker',
    'composer',
    'commissioner',
    'lawmaker',
    'prosecutor',
    'detective',
    'chancellor',
    'ambassador',
    'investor',
    'engineer',
    'executive',
  ].map((r) => ({
    re: new RegExp(String.raw`\b${r}$`, 'i'),
    forms:
      r === 'senator'
        ? String.raw`[Ss]enator|Sen\.`
        : r === 'governor'
          ? String.raw`[Gg]overnor|Gov\.`
          : r === 'professor'
            ? String.raw`[Pp]rofessor|Prof\.`
            : `[${r[0].toUpperCase()}${r[0]}]${r.slice(1)}`,
  })),
];

const PLACE_WORDS =
  /^(?:United|U\.S\.|US|USA|UK|EU|America|American|China|Chinese|India|Indian|Japan|Europe|European|Russia|Britain|British|Germany|France|Canada|Washington|Beijing|London|Brussels|Moscow|Tokyo|Delhi|New|Los|San|California|Texas|Florida|Congress|Senate|House|White|Pentagon|Federal|State|National|North|South|East|West)$/;

/** The role a nominal reference names ("US President" → president), or null. */
function personRole(phrase: string): RegExp | null {
  // ("the president-elect": the president's role, as the page introduced him)
  const words = phrase
    .trim()
    .replace(/[’']s$/, '')
    .replace(/-elect$/i, '');
  if (!words || /,/.test(words)) return null;
  const role = PERSON_ROLES.find((r) => r.re.test(words));
  return role ? new RegExp(role.forms) : null;
}

interface Who {
  id: string | null;
  name: string | null;
  type: PageQuote['speakerType'];
}

const NOBODY: Who = { id: null, name: null, type: null };

/** What every step of listQuotes reads: the page, its sentences and the names it uses. */
interface QuoteContext {
  text: string;
  infos: SentenceInfo[];
  captions: Set<number>;
  names: PageNames;
  genders: PageGenders;
}

interface SpeakerResolver {
  fromCandidate(c: Candidate | null | undefined, sentence: string): Who;
  /** The subject of a generic attribution ("Pelosi", "a spokesman", "he", "the district") as a speaker. */
  fromSaid(said: Said, info: SentenceInfo): Who;
}

type BlockQuote = PageQuote & { block: number };
type MakeQuote = (start: number, end: number, form: PageQuote['form'], who: Who, block: number) => void;

interface DirectQuote {
  start: number;
  end: number;
  who: Who;
  mixed: boolean;
  block: number;
  lastBlock: number;
}

/** Turns a candidate, or the subject of an attribution, into a speaker named as the page names them. */
function speakerResolver(ctx: QuoteContext): SpeakerResolver {
  const { infos, captions, names, genders } = ctx;
  const fromCandidate = (c: Candidate | null | undefined, sentence: string): Who => {
    if (!c) return NOBODY;
    const name = names.of(c, sentence);
    return name ? { id: speakerId(c), name, type: speakerType(c, name) } : NOBODY;
  };
  /** The subject of a generic attribution ("Pelosi", "a spokesman", "he", "the district") as a speaker. */
  const fromSaid = (said: Said, info: SentenceInfo): Who => {
    // ("according to Gartner." reads the full stop into the name)
    const subject = said.subject
      .trim()
      .replace(/(?:’s|'s)$/, '')
      .replace(/(?<=\p{Ll}{2})\.$/u, '');
    // "His attorney said", "according to her father": someone unnamed, not the person the pronoun stands for
    if (/^(?:his|her|their|my|our)\s/i.test(subject) && OTHER_PERSON.test(subject.replace(/^\S+/, '') + ' '))
      return { id: null, name: 'unnamed', type: 'unnamed' };
    const ref = [...info.refs, ...info.mentions, ...info.unknowns].find((c) => c.start <= said.subjectStart && c.end > said.subjectStart);
    if (ref && ref.kind !== 'model' && (ref.id || ref.name)) return fromCandidate(ref, info.s.text);
    // "my friend, the organiser Jo Smith": the name in the appositive when the head names no one;
    // "Jo Smith, who co-founded Acme": the head, never a name inside the description
    const comma = subject.indexOf(',');
    if (comma > 0) {
      const head = subject.slice(0, comma).trim();
      const rest = subject
        .slice(comma + 1)
        .replace(/,\s*$/, '')
        .trim();
      // "The White House press secretary, Josh Earnest,": a described head, the name in the appositive
      const describedHead =
        /^(?:the|a|an|its|his|her|their)\s/i.test(head) && /^\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3}$/u.test(rest);
      const useHead = !describedHead && (/^\p{Lu}/u.test(head) || /^(?:he|she|it|they|we|I)$/i.test(head) || !/\p{Lu}/u.test(rest));
      return fromSaid(
        {
          ...said,
          subject: useHead ? head : rest,
          subjectStart: useHead ? said.subjectStart : said.subjectStart + said.subject.indexOf(rest),
        },
        info,
      );
    }
    const group = groupSpeaker(ctx, info, said.subjectStart, subject);
    if (group) return group;
    if (/^(?:he|she|it)$/i.test(subject)) {
      // the last person (or organisation, for "it") named before, in this paragraph or the ones just above
      const wanted = /^it$/i.test(subject) ? 'org' : 'person';
      for (let k = info.index; k >= 0 && k >= info.index - 6; k--) {
        const before = infos[k];
        if (captions.has(before.s.block)) continue;
        // "she" skips a man named after her (and "he" a woman)
        const gender = pronounGender(subject);
        const pool = [...before.mentions, ...before.unknowns, ...before.refs].filter(
          (c) =>
            c.kind === wanted &&
            (k < info.index || c.start < said.subjectStart) &&
            (c.id || c.name) &&
            (!gender || !c.name || (genders.of(c.name) ?? gender) === gender) &&
            // (a name inside a quotation is the speaker's subject, not the one "he" goes back to)
            !before.quotes.spans.some((q) => c.start >= q.start - before.s.start && c.end <= q.end - before.s.start),
        );
        if (pool.length) return fromCandidate(pool.sort((a, b) => b.start - a.start)[0], before.s.text);
        if (wanted === 'person') {
          const said2 = k < info.index ? findSaid(before.outside) : null;
          // "a spokeswoman for the union said …" then "she said": the spokeswoman again, for her organisation
          if (
            said2 &&
            /\bspokes(?:woman|man|person)\b/.test(said2.subject) &&
            !(gender === 'f' && /spokesman/.test(said2.subject)) &&
            !(gender === 'm' && /spokeswoman/.test(said2.subject))
          )
            return fromSaid(said2, before);
          if (said2 && /^\p{Lu}/u.test(said2.subject) && !isUnnamedSubject(said2.subject))
            return {
              id: null,
              name: names.fullest(said2.subject.replace(/^(?:[\p{Ll}-]+\s+|\p{Lu}[\p{L}.-]*[’']s\s+)+(?=\p{Lu})/u, '')),
              type: 'person',
            };
        }
      }
      return NOBODY;
    }
    const words = subject.split(/\s+/);
    // "the Los Angeles Unified School District": a name; "a Google spokesperson": the organisation
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w));
    const office = officeHolder(ctx, info, subject);
    if (office) return office;
    if (/^(?:a|an|one|another)$/i.test(words[0])) return indefiniteSpeaker(ctx, info, subject);
    const nominal = nominalSpeaker(ctx, info, subject, words);
    if (nominal) return nominal;
    if (/^(?:the|its|his|her|their)$/i.test(words[0]) && !/^\p{Lu}/u.test(words[words.length - 1])) {
      // "the company", "the commission": the organisation of that kind named last before
      const noun = words[words.length - 1].toLowerCase();
      // "the report said": a document speaks for its source, the outlet or organisation credited just before
      if (DOCUMENT_NOUNS.test(noun)) {
        const source = creditedBefore(ctx, info);
        if (source) return source;
      }
      const named = lastOrgNamed(ctx, info, noun);
      return named ? { id: null, name: named, type: 'org' } : { id: null, name: 'unnamed', type: 'unnamed' };
    }
    if (isUnnamedSubject(subject)) return { id: null, name: 'unnamed', type: 'unnamed' };
    if (!capitalised.length) return NOBODY;
    // "Ana Ruiz and Colm Byrne": the first named speaks for both
    const first = subject.split(/\s+and\s+(?=\p{Lu})/u)[0];
    // "Rosetta's former mission manager Gerhard Schwehm", "The Ledger’s Ana Ruiz": the name at the end
    const tailName = /(\p{Lu}[\p{L}’'.-]*(?:\s+(?:\p{Lu}[\p{L}’'.-]*|de|van|von|der|la|le|da|bin|al))*)$/u.exec(first);
    // (an outlet credited by "per" or "according to" keeps its article: "The Information", "The Ledger")
    const outlet = said.verb === 'according to' && /^The\s+\p{Lu}/u.test(first);
    if (outlet) return { id: null, name: names.fullest(first), type: 'org' };
    const name = (tailName ? tailName[1] : first)
      .replace(/^(?:The|the)\s+/, '')
      // "Vexa CEO Dan Moro": the organisation and the title before the name
      .replace(
        /^(?:\p{Lu}[\p{L}\d&.-]*\s+){1,3}(?:CEO|CFO|CTO|COO|CSO|CPO|Chief|President|Chairman|Chair|Founder|Co-founder)\s+(?=\p{Lu}\p{Ll})/u,
        '',
      )
      .replace(/^(?:\p{Lu}[\p{L}.&-]*\s+){0,3}\p{Lu}[\p{L}.&-]*[’']s\s+(?=\p{Lu})/u, '');
    return {
      id: null,
      name: names.fullest(name),
      type:
        words.length > 1 &&
        /\b(?:Department|Association|Commission|Company|Inc|Corp|District|Court|Union|Council|Committee|Agency|Office|Bank|Times|Post|Service|University|Administration|Team|Party|Ministry|Government)\b/.test(
          name,
        )
          ? 'org'
          : 'person',
    };
  };
  return { fromCandidate, fromSaid };
}

/** "they", "both", "the two airlines": the people or organisations just named, or null to read the subject otherwise. */
function groupSpeaker(ctx: QuoteContext, info: SentenceInfo, subjectStart: number, subject: string): Who | null {
  const { infos, names } = ctx;
  if (/^they$/i.test(subject)) {
    // "Jo Smith and Ana Ruiz rent a flat, but they say …": the two named; "Acme … they said": the organisation
    for (let k = info.index; k >= 0 && k >= info.index - 1; k--) {
      const sentence = k === info.index ? info.s.text.slice(0, subjectStart) : infos[k].s.text;
      const pair = /^(?:[^\p{L}]*)(\p{Lu}[\p{L}’'-]+\s+\p{Lu}[\p{L}’'-]+)\s+and\s+(\p{Lu}[\p{L}’'-]+\s+\p{Lu}[\p{L}’'-]+)\b/u.exec(
        sentence,
      );
      if (pair) return { id: null, name: `${names.fullest(pair[1])} and ${names.fullest(pair[2])}`, type: 'person' };
    }
    const orgs = organisationsBefore(ctx, info, subjectStart);
    if (orgs) return { id: null, name: orgs, type: 'org' };
    return { id: null, name: 'unnamed', type: 'unnamed' };
  }
  // "Alvarez said … Hutchins said … Both said …": the last two people named just before
  if (/^(?:both|the two)(?:\s+(?:men|women|senators|lawmakers|executives|founders|leaders))?$/i.test(subject)) {
    const people: string[] = [];
    for (let k = info.index; k >= 0 && k >= info.index - 2 && people.length < 2; k--) {
      const pool = [...infos[k].mentions, ...infos[k].unknowns, ...infos[k].refs]
        .filter((c) => c.kind === 'person' && (k < info.index || c.start < subjectStart))
        .sort((a, b) => b.start - a.start);
      for (const c of pool) {
        const name = names.of(c, infos[k].s.text);
        if (name && name !== 'unnamed' && !people.includes(name) && people.length < 2) people.push(name);
      }
    }
    if (people.length === 2) return { id: null, name: `${people[1]} and ${people[0]}`, type: 'person' };
  }
  // "Both airlines said …", "the two companies said …": the two organisations named just before
  if (
    /^(?:both|the two)\s+(?:\p{Ll}+\s+)?(?:companies|firms|airlines|labs|groups|sides|banks|carriers|startups|makers|chipmakers|agencies|governments|countries)$/iu.test(
      subject,
    )
  ) {
    const orgs = organisationsBefore(ctx, info, subjectStart);
    if (orgs && / and /.test(orgs)) return { id: null, name: orgs, type: 'org' };
    // "… a hub for both American Airlines and United Airlines. Both airlines said …": the two named anywhere just before
    const prev = infos[info.index - 1];
    const two = prev
      ? [
          ...new Set(
            [...prev.mentions, ...prev.unknowns].filter((c) => c.kind === 'org' && !c.possessive).map((c) => names.of(c, prev.s.text)),
          ),
        ]
      : [];
    if (two.length === 2 && two.every((n) => n && n !== 'unnamed')) return { id: null, name: two.join(' and '), type: 'org' };
    // (names the pack does not know: the two names of two words or more in that sentence)
    const multi = prev
      ? [...new Set((prev.s.text.match(/\p{Lu}[\p{L}&.’'-]*(?:\s+\p{Lu}[\p{L}&.’'-]*)+/gu) ?? []).map((n) => n.replace(/\.$/, '')))]
      : [];
    if (!two.length && multi.length === 2) return { id: null, name: multi.join(' and '), type: 'org' };
  }
  return null;
}

/** "A federal judge in San Francisco ruled …" then "Judge Miriam Osei wrote …": an office held by one person, named next. */
function officeHolder(ctx: QuoteContext, info: SentenceInfo, subject: string): Who | null {
  const { names } = ctx;
  const office =
    /^(?:a|an)\s+(?:[\p{Ll}-]+\s+){0,2}(judge|founder|co-founder|chief executive|governor|mayor|sheriff|chancellor)(?![’'\p{L}-])(?:\s+(?:in|of|at|for|from)\s.*)?$/iu.exec(
      subject,
    );
  if (office) {
    const role = personRole(office[1]);
    const named = role && lastPersonWithRole(ctx, info, role, 400);
    if (named) return { id: null, name: names.fullest(named), type: 'person' };
  }
  return null;
}

/** "the senator", "the US President", "the IMF report", "the commission staff": a role or an issuer named before. */
function nominalSpeaker(ctx: QuoteContext, info: SentenceInfo, subject: string, words: string[]): Who | null {
  const { names } = ctx;
  if (/^(?:the|its|his|her|their)$/i.test(words[0])) {
    // "the senator", "the actress", "the US President": the person last introduced with that role
    const role = personRole(words.slice(1).join(' '));
    if (role) {
      // (a role the page has not yet given anyone: the person it introduces with it next, "names used before")
      const named = lastPersonWithRole(ctx, info, role) ?? lastPersonWithRole(ctx, info, role, 400);
      // (the page's fullest form may carry the title: "US President Donald Trump", "President-elect Donald Trump")
      if (named)
        return {
          id: null,
          name: names
            .fullest(named)
            .replace(
              /^(?:\p{Lu}[\p{L}.]*\s+)?(?:President|Prime Minister|Vice President|Senator|Governor|Mayor|Chancellor)(?:-[Ee]lect)?\s+(?=\p{Lu})/u,
              '',
            ),
          type: 'person',
        };
    }
  }
  // "the IMF report says", "the Energy Commission staff reported": the organisation named inside;
  // "the commission staff reported": the commission named before
  const issuer =
    /^(?:the|its)\s+(.+?)\s+(?:staff|staffers|report|statement|filing|study|spokes(?:person|man|woman)|representatives?)$/i.exec(subject);
  if (issuer && !isFirstName(issuer[1].split(/\s+/)[0])) {
    if (/^\p{Lu}[\p{L}\d&.’'-]*(?:\s+\p{Lu}[\p{L}\d&.’'-]*){0,4}$/u.test(issuer[1]))
      return { id: null, name: names.fullest(issuer[1]), type: 'org' };
    if (/^\p{Ll}+$/u.test(issuer[1])) {
      const named = lastOrgNamed(ctx, info, issuer[1].toLowerCase());
      if (named) return { id: null, name: named, type: 'org' };
    }
  }
  return null;
}

/** "a Google spokesperson", "a spokeswoman for the commission": the organisation credited; "a spokesman", "one analyst": unnamed. */
function indefiniteSpeaker(ctx: QuoteContext, info: SentenceInfo, subject: string): Who {
  const { names } = ctx;
  const org =
    /(?<!^)(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*)*)(?:’s|'s)?\s+(?:spokes(?:person|man|woman)|representative|press office|press secretary|statement|filing)/u.exec(
      subject,
    );
  if (org) return { id: null, name: names.fullest(org[1]), type: 'org' };
  // "a spokesperson for Acme", "a spokeswoman for the commission": the organisation credited
  const forOrg = /^\S+\s+(?:spokes(?:person|man|woman)|representative)\s+(?:for|at|of)\s+(?:(the)\s+)?(.+)$/iu.exec(subject);
  if (forOrg && /^\p{Lu}/u.test(forOrg[2])) return { id: null, name: names.fullest(forOrg[2]), type: 'org' };
  // "a company spokesman", "a district representative": the organisation that noun stands for
  const nounOrg = /^(?:a|an|one)\s+(\p{Ll}+)\s+(?:spokes(?:person|man|woman)|representative)$/iu.exec(subject);
  if (nounOrg) {
    const named = lastOrgNamed(ctx, info, nounOrg[1].toLowerCase());
    if (named) return { id: null, name: named, type: 'org' };
  }
  if (forOrg?.[1]) {
    const named = lastOrgNamed(ctx, info, forOrg[2].split(/\s+/).pop()!.toLowerCase());
    if (named) return { id: null, name: named, type: 'org' };
  }
  return { id: null, name: 'unnamed', type: 'unnamed' };
}

const DOCUMENT_NOUNS = /^(?:report|story|article|filing|memo|letter|statement|study|paper|lawsuit|complaint|note|post|document|survey)$/;

/** The source credited in the sentences just before ("…, according to Bloomberg News.", "Per The Ledger, …", "Reuters reported"). */
function creditedBefore(ctx: QuoteContext, info: SentenceInfo): Who | null {
  const { infos, names } = ctx;
  for (let k = info.index - 1; k >= 0 && k >= info.index - 3; k--) {
    const said = findSaid(infos[k].outside);
    if (said && said.verb === 'according to' && /^(?:[Tt]he\s+)?\p{Lu}/u.test(said.subject))
      return { id: null, name: names.fullest(said.subject.replace(/\.$/, '').replace(/^the\s+/, '')), type: 'org' };
    const reported =
      /(?:^|[,;]\s*)((?:The\s+)?\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})\s+(?:reported|first reported|published|released)\b/u.exec(
        infos[k].outside,
      );
    if (reported) return { id: null, name: names.fullest(reported[1]), type: 'org' };
  }
  return null;
}

/** The organisations named in this sentence (before `until`) or, failing that, the one before: "A and B" for two. */
function organisationsBefore(ctx: QuoteContext, info: SentenceInfo, until: number): string | null {
  const { infos, names } = ctx;
  for (let k = info.index; k >= 0 && k >= info.index - 1; k--) {
    const found: string[] = [];
    // only organisations that open the sentence, as its subject ("Acme and Birch cut …"), not any named in passing
    const lead = infos[k].s.text.length - infos[k].s.text.trimStart().length;
    const orgs = [...infos[k].mentions, ...infos[k].unknowns].filter((c) => c.kind === 'org').sort((a, b) => a.start - b.start);
    if (!orgs.length || orgs[0].start > lead + 2) continue;
    for (const c of orgs) {
      if (c.possessive || (k === info.index && c.start >= until)) continue;
      const name = names.of(c, infos[k].s.text);
      if (name && name !== 'unnamed' && !found.includes(name)) found.push(name);
    }
    if (found.length === 1 || found.length === 2) return found.join(' and ');
    if (found.length) return null;
  }
  return null;
}

/**
 * The person last introduced with this role before (or in) this sentence: "sheriff Kyle Kirchmeier", "Emma Stone, the actress".
 * With `ahead`, the first one introduced in the next characters instead ("A federal judge ruled …" then "Judge Miriam Osei wrote …").
 */
function lastPersonWithRole(ctx: QuoteContext, info: SentenceInfo, role: RegExp, ahead = 0): string | null {
  const { text } = ctx;
  const end = info.s.start;
  const from = info.s.start + info.s.text.length;
  const window = ahead ? text.slice(from, from + ahead) : text.slice(Math.max(0, end - 6000), end);
  const NAME = String.raw`(\p{Lu}[\p{L}’'-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}’'-]+)){1,3})`;
  let best: { at: number; name: string } | null = null;
  const consider = (re: RegExp) => {
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const name = m[1].replace(/[’']s$/, '');
      if (NAME_TITLES.test(`${name} `) && name.split(/\s+/).length < 2) continue;
      // "Young Filmmaker": the role itself in capitals is a heading, not a name
      if (name.split(/\s+/).some((w) => role.test(w))) continue;
      if (!best || (ahead ? m.index < best.at : m.index > best.at)) best = { at: m.index, name };
    }
  };
  // role, then the name: "Morton County sheriff Kyle Kirchmeier", "actress Emma Stone"
  // ("President-elect Donald Trump", "co-founder Jo Smith")
  consider(new RegExp(String.raw`(?<![\p{L}])(?:[Cc]o-)?(?:${role.source})(?:-[Ee]lect)?[.,]?\s+${NAME}`, 'gu'));
  // the name, then the role: "Emma Stone, the actress", "Kyle Kirchmeier, a sheriff in …", "Stone, who plays …, is an actress"
  consider(
    new RegExp(
      String.raw`${NAME},?\s+(?:(?:who\s+is|is|was|,)\s+)?(?:the|a|an|its|their)\s+(?:[\p{L}’'.-]+\s+){0,4}?(?:co-)?(?:${role.source})\b`,
      'gu',
    ),
  );
  return best ? (best as { name: string }).name : null;
}

/** The last organisation before this sentence that a noun like "company" or "district" stands for. */
function lastOrgNamed(ctx: QuoteContext, info: SentenceInfo, noun: string): string | null {
  const { text, infos, names } = ctx;
  const window = text.slice(Math.max(0, info.s.start - 4000), info.s.start + info.s.text.length);
  // an organisation whose name ends in the noun: "the district" → "Los Angeles Unified School District"
  const word = noun.replace(/[^\p{L}-]/gu, '');
  if (!word) return null;
  const own = new RegExp(
    String.raw`(?:\p{Lu}[\p{L}.&’'-]*\s+(?:(?:of|for|and|the)\s+)?){1,6}${word[0].toUpperCase()}${word.slice(1)}\b`,
    'gu',
  );
  let last: string | null = null;
  for (let m = own.exec(window); m; m = own.exec(window)) last = m[0];
  if (last) return last.replace(/^(?:The|A|An|In|On|At|For|As|By|From|With)\s+/, '');
  const government = /^(?:government|administration)$/.test(noun);
  if (
    !government &&
    !/^(?:company|firm|group|organi[sz]ation|business|agency|department|regulator|watchdog|body|start-?up|lab|maker|giant|retailer|airline|carrier|bank)$/.test(
      noun,
    )
  )
    return null;
  for (let k = info.index; k >= 0 && k >= info.index - 12; k--) {
    const orgs = [...infos[k].mentions, ...infos[k].unknowns, ...infos[k].refs]
      .filter((c) => c.kind === 'org' && (c.name || c.id))
      .map((c) => names.of(c, infos[k].s.text));
    const org = orgs.filter((n) => n && (government || !PLACE_WORDS.test(n.split(/\s+/)[0]))).pop();
    if (org) return org;
  }
  // "…, according to the Education Department. The agency has said …": the source credited just before
  const credited = /^(?:agency|group|organi[sz]ation|body|regulator|watchdog)$/.test(noun) ? creditedBefore(ctx, info) : null;
  if (credited?.name) return credited.name;
  if (/^(?:agency|department|regulator|office|body|watchdog)$/.test(noun)) {
    const INSTITUTION =
      /(?:\p{Lu}[\p{L}.&’'-]*\s+(?:(?:of|for|and|the)\s+)?){1,5}(?:Department|Agency|Administration|Bureau|Office|Service|Authority|Ministry|Commission)\b/gu;
    let last: string | null = null;
    for (let m = INSTITUTION.exec(window); m; m = INSTITUTION.exec(window)) last = m[0];
    if (last) return names.fullest(last.replace(/^(?:The|A|An|In|On|At|For|As|By|From|With)\s+/, ''));
  }
  return orgLike(ctx, info, government);
}

/**
 * A name the pack and the role cues do not know, used as an organisation is: the subject of a
 * verb or an owner ("Boeing is in the early stages", "Vidyard makes", "Acme’s platform"), in the
 * sentences just before; never a name the page gives a person.
 */
function orgLike(ctx: QuoteContext, info: SentenceInfo, places: boolean): string | null {
  const { infos, genders, names } = ctx;
  const people = new Set<string>();
  for (let k = Math.max(0, info.index - 40); k <= info.index; k++)
    // ("Orrin Labs" taken for a person's name is a company)
    for (const c of [...infos[k].unknowns, ...infos[k].mentions])
      if (c.kind === 'person' && c.name && !ORG_SUFFIX.test(c.name)) for (const w of c.name.split(/\s+/)) people.add(w);
  const re =
    /(?:^|[.:;!?]\s+|\n\s*)(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})(?=(?:’s|'s)?\s+(?:is|was|has|had|makes|made|builds|built|sells|sold|said|says|announced|announces|launched|launches|offers|will|would|plans|reported|reports|posted|employs|owns|operates|runs|declined|pushed|raised|released|cut|hired|expects|forecast)\b|’s\s|'s\s)/gu;
  for (let k = info.index - 1; k >= 0 && k >= info.index - 8; k--) {
    let found: string | null = null;
    for (let m = re.exec(infos[k].s.text); m; m = re.exec(infos[k].s.text)) {
      const name = m[1];
      const words = name.split(/\s+/);
      if (
        words.some((w) => people.has(w)) ||
        // "Spending will pass …": a gerund opening the sentence is no organisation
        /^\p{Lu}\p{Ll}+ing$/u.test(words[0]) ||
        /^(?:The|A|An|This|That|These|Those|It|Its|He|She|They|We|I|His|Her|Their|Our|In|On|At|For|But|And|So|If|When|While|After|Before|As|Last|Next|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Mr|Mrs|Ms|Dr)$/.test(
          words[0],
        )
      )
        continue;
      if (genders.of(name)) continue;
      // a country or a city is a government's name, not a company's
      if (!places && PLACE_WORDS.test(words[0])) continue;
      found = name;
    }
    re.lastIndex = 0;
    // "…, according to Gartner.", "…, per The Information.": a source named at the end of the sentence
    const source = /,\s+(?:according to|per)\s+((?:The\s+)?\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3}?)\.?\s*$/u.exec(
      infos[k].s.text,
    );
    // (a name credited so, then called "the firm", is a firm, unless its first word is a first name)
    if (!found && source && !isFirstName(source[1].split(/\s+/)[0]) && !genders.of(source[1])) found = source[1].replace(/\.$/, '');
    // "…,” a Quill Compute spokesperson said": the organisation the spokesperson speaks for
    const spokes =
      /\b(?:[Aa]n?|[Tt]he)\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})(?:’s|'s)?\s+(?:spokes(?:person|man|woman)|representative)\b/u.exec(
        infos[k].s.text,
      );
    if (!found && spokes && !spokes[1].split(/\s+/).some((w) => people.has(w))) found = spokes[1];
    if (found) return names.fullest(found);
  }
  return null;
}

// "“…” That was how Satya Nadella put it." — the sentence after a quotation names who said it
const HOW_PUT =
  /^(?:That|This)\s+(?:was|is|’s|'s)\s+how\s+((?:\p{Lu}[\p{L}’'.-]*\s+){0,3}\p{Lu}[\p{L}’'.-]*|he|she|they)\s+(put it|puts it|described it|describes it|summed it up|sums it up|explained it|explains it)\b/u;

/** Direct speech: each quotation whole, from its opening mark to its closing one, with its speaker, in page order. */
function directQuotes(
  ctx: QuoteContext,
  quotationSpeakers: Map<number, Candidate | null>,
  { fromCandidate, fromSaid }: SpeakerResolver,
): DirectQuote[] {
  const { text, infos } = ctx;
  const extent = new Map<number, { start: number; end: number; members: SentenceInfo[] }>();
  for (const info of infos) {
    for (const span of info.quotes.spans) {
      const e = extent.get(span.quotation);
      if (!e) extent.set(span.quotation, { start: span.start, end: span.end, members: [info] });
      else {
        e.end = Math.max(e.end, span.end);
        if (!e.members.includes(info)) e.members.push(info);
      }
    }
  }
  const direct: DirectQuote[] = [];
  for (const [quotation, e] of extent) {
    const speaker = quotationSpeakers.get(quotation);
    let who: Who = NOBODY;
    let mixed = false;
    if (speaker) {
      const named = infos.find(
        (i) =>
          i.frames.some((f) => f.speaker === speaker) ||
          i.mentions.includes(speaker) ||
          i.unknowns.includes(speaker) ||
          i.refs.includes(speaker),
      );
      who = fromCandidate(speaker, (named ?? e.members[0]).s.text);
    }
    if (!who.name) {
      // a quoted clause inside reported speech ("said the plan was “dead on arrival”"): the frame's speaker
      for (const info of e.members) {
        const frame = info.frames.find((f) => f.speaker.kind !== 'model' && !NOT_SPEECH_VERBS.test(f.verb));
        if (frame) {
          who = fromCandidate(frame.speaker, info.s.text);
          mixed = info.quotes.coverage < 0.4;
          if (who.name) break;
        }
      }
    }
    if (!who.name) {
      // "“…,” said resident Jo Smith", "“…,” a spokesman said", "Smith told reporters: “…”"
      for (const info of e.members) {
        const said = findSaid(info.outside);
        if (said) {
          who = fromSaid(said, info);
          if (who.name) break;
        }
      }
    }
    if (!who.name) {
      // "“…!” Trump tweeted on Monday" when the segmenter split after the quotation
      const last = e.members[e.members.length - 1];
      const next = infos[last.index + 1];
      const opening = next && next.s.block === last.s.block ? (OPENING_SAID.exec(next.outside) ?? HOW_PUT.exec(next.outside)) : null;
      if (opening)
        who = fromSaid(
          {
            subject: opening[1],
            subjectStart: opening.index + opening[0].indexOf(opening[1]),
            verb: opening[2],
            contentStart: 0,
            contentEnd: 0,
          },
          next,
        );
    }
    const start = OPEN_MARK.test(text[e.start - 1] ?? '') ? e.start - 1 : e.start;
    const end = CLOSE_MARK.test(text[e.end] ?? '') ? e.end + 1 : e.end;
    direct.push({ start, end, who, mixed, block: e.members[0].s.block, lastBlock: e.members[e.members.length - 1].s.block });
  }
  direct.sort((a, b) => a.start - b.start);
  return direct;
}

/** Joins the parts of one utterance split by its attribution, and carries a speaker on to the unattributed quotations after theirs. */
function joinDirectQuotes(text: string, direct: DirectQuote[]): void {
  for (let i = 0; i < direct.length; i++) {
    const a = direct[i];
    const b = direct[i + 1];
    if (!b) break;
    // “First part,” she said, “second part.” — one utterance split by its attribution is one quote
    const gap = hardBreaksOnly(text.slice(a.end, b.start));
    const sameSpeaker = !a.who.name || !b.who.name || a.who.name === b.who.name;
    if (
      !gap.includes('\n') &&
      gap.length <= 80 &&
      sameSpeaker &&
      /^[\s,;:—–-]*[^.!?“”"]*?\b(?:said|says|added|adds|wrote|writes|told|continued|explained|noted|argued|insisted|went on|recalled|recalls)\b[^.!?“”"]*[,.:;—–-]?\s*$/.test(
        gap,
      )
    ) {
      a.end = b.end;
      if (!a.who.name) a.who = b.who;
      a.lastBlock = b.lastBlock;
      direct.splice(i + 1, 1);
      i--;
      continue;
    }
    // an unattributed quotation in the same paragraph as an attributed one, or opening the paragraph
    // right after one, carries on that speaker's words
    // (also after the attribution closing the paragraph before: "…,” Smith said in a release.⏎“As such, …”")
    const between = text.slice(a.end, b.start);
    const attributionOnly =
      between.trim().length <= 2 ||
      /^[\s,;:—–-]*[^.!?“”"\n]{0,100}?\b(?:said|says|added|adds|wrote|writes|told|tells|continued|explained|noted|argued|insisted|recalled|recalls|tweeted|posted|asked|replied)\b[^.!?“”"\n]{0,80}[.:]?\s*$/.test(
        hardBreaksOnly(between).replace(/\n\s*$/, ''),
      );
    if (!b.who.name && a.who.name && (b.block === a.lastBlock || (b.block === a.lastBlock + 1 && attributionOnly))) b.who = a.who;
  }
}

/** Speech without quotation marks: transcript answers, a colon lead-in’s paragraph. */
function unmarkedSpeech(infos: SentenceInfo[], { fromCandidate }: SpeakerResolver, make: MakeQuote): void {
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (!info.speech || info.quotes.spans.length) continue;
    let j = i;
    while (
      infos[j + 1] &&
      infos[j + 1].speech &&
      !infos[j + 1].quotes.spans.length &&
      infos[j + 1].speech!.speaker === info.speech.speaker &&
      infos[j + 1].s.block === info.s.block
    )
      j++;
    const line = info.speech.transcript;
    // an interviewer's question with no name ("Q: …") is not anyone's quote
    if (line && !line.speaker && /^(?:Q|QUESTION|INTERVIEWER|HOST|MODERATOR)$/.test(line.label)) {
      i = j;
      continue;
    }
    const start = line && info.s.start < line.contentStart ? line.contentStart : info.s.start;
    // (a transcript's timestamp line, "00:09 Name", has no words of its own)
    if (start < infos[j].s.end) make(start, infos[j].s.end, 'direct', fromCandidate(info.speech.speaker, info.s.text), info.s.block);
    i = j;
  }
}

/** Reported speech: "X said (that) …", "…, X said", "according to X, …". */
function reportedSpeech(infos: SentenceInfo[], { fromCandidate, fromSaid }: SpeakerResolver, out: BlockQuote[], make: MakeQuote): void {
  for (const info of infos) {
    if (info.speech || info.quotes.coverage >= 0.4) continue;
    const frame =
      info.frames.find((f) => f.strong && f.speaker.kind !== 'model' && !NOT_SPEECH_VERBS.test(f.verb)) ??
      info.frames.find((f) => f.speaker.kind !== 'model' && !NOT_SPEECH_VERBS.test(f.verb));
    const said = findSaid(info.outside);
    let a: number;
    let b: number;
    let who: Who;
    if (frame) {
      a = frame.contentStart;
      b = frame.contentEnd;
      who = fromCandidate(frame.speaker, info.s.text);
      if (!who.name && said) who = fromSaid(said, info);
      // "…, the report said": a trailing source the frame leaves unnamed may be a document with a known source
      else if (who.name === 'unnamed' && said && DOCUMENT_NOUNS.test(said.subject.split(/\s+/).pop() ?? '')) {
        const source = fromSaid(said, info);
        if (source.name) who = source;
      }
    } else if (said) {
      a = said.contentStart;
      b = said.contentEnd;
      who = fromSaid(said, info);
    } else continue;
    const slice = info.s.text.slice(a, b);
    // "told reporters that …", "told the committee on Monday that …": the audience is not the content
    // (and "said in a statement on Monday that …": the setting either)
    const audience = (
      frame && /^(?:told|tells)$/.test(frame.verb)
        ? /^[\s,]*(?:[\p{L}\p{N}’'.-]+\s+){1,10}?that\s+/u
        : /^[\s,]*(?:in|on|at|during|after|via|through|last|this|to|today|yesterday)\s+(?:[\p{L}\p{N}’'.-]+\s+){0,6}?that\s+/u
    ).exec(slice);
    a += audience ? audience[0].length : slice.length - slice.replace(/^[\s,:;—–-]*(?:that\s+)?/, '').length;
    const tail = info.s.text.slice(a, b);
    b = a + tail.replace(/[\s,.;:—–-]+$/, '').length;
    if (wordCount(info.s.text.slice(a, b)) < 3) continue;
    const start = info.s.start + a;
    const end = info.s.start + b;
    // a quoted fragment inside makes it mixed; the fragment's own entry is folded into this one
    // the words of a direct quotation already listed ("“Nobody asked us,” says …") are not reported speech too
    if (out.some((q) => q.form !== 'reported' && overlapOf(q, start, end) >= 0.5 * (end - start))) continue;
    const inside = out.filter((q) => q.form !== 'reported' && q.start >= start - 1 && q.end <= end + 1);
    for (const q of inside) out.splice(out.indexOf(q), 1);
    if (!who.name && inside[0]?.speakerName) who = { id: inside[0].speaker, name: inside[0].speakerName, type: inside[0].speakerType };
    make(start, Math.max(end, ...inside.map((q) => q.end)), inside.length ? 'mixed' : 'reported', who, info.s.block);
  }
}

// "— Sam Altman (@sama) November 18, 2023": the signature line of an embedded post
const POST_SIGNATURE =
  /^\s*[—–-]\s*(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})\s*\(@[\w.]+\)\s*(?:on\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\s+\d{4})?\s*$/u;

/** An embedded post: its text (the paragraph before a signature line) is a quotation by the signer, marks or not. */
function signedPosts(infos: SentenceInfo[], { fromCandidate }: SpeakerResolver, out: BlockQuote[], make: MakeQuote): void {
  for (const info of infos) {
    if (!info.s.blockStart || !POST_SIGNATURE.test(info.s.text)) continue;
    const signer = [...info.mentions, ...info.unknowns].find((c) => c.kind === 'person');
    const who = signer ? fromCandidate(signer, info.s.text) : NOBODY;
    const post = infos.filter((i) => i.s.block === info.s.block - 1);
    if (!who.name || !post.length) continue;
    const start = post[0].s.start;
    const end = post[post.length - 1].s.end;
    const existing = out.filter((q) => q.start < end && q.end > start);
    if (existing.length) {
      for (const q of existing)
        if (!q.speakerName) {
          q.speaker = who.id;
          q.speakerName = who.name;
          q.speakerType = who.type;
        }
      continue;
    }
    make(start, end, 'direct', who, post[0].s.block);
  }
}

// the words before "said:" that are no speaker ("It said:", "This is what was said:")
const NOT_SUBJECT_WORDS = /^(?:it|this|that|what|which|here|there)\b/i;

/**
 * A paragraph that is only a quotation, with no attribution, right after a paragraph whose last
 * sentence reports one named person's words ("Holt said the lab had misread …") or names one
 * person and no one else ("Its chair, Ruth Adler, did not hide her frustration."): that person's words.
 */
function attributeBareParagraphs(infos: SentenceInfo[], { fromCandidate, fromSaid }: SpeakerResolver, out: BlockQuote[]): void {
  for (const q of out) {
    if (q.form !== 'direct' || q.speakerName) continue;
    const members = infos.filter((i) => i.s.block === q.block);
    if (
      !members.length ||
      members[0].s.start < q.start - 1 ||
      members.some((i) => i.s.end > q.end + 2 && /\p{L}/u.test(i.s.text.slice(Math.max(0, q.end - i.s.start))))
    )
      continue;
    const previous = infos.filter((i) => i.s.block === q.block - 1);
    const last = previous[previous.length - 1];
    if (!last || last.quotes.spans.length) continue;
    // "One source said:" closing the paragraph before: that source's words, named or not
    const lead =
      /^\s*((?:[\p{L}\p{N}’'.-]+\s+){0,8}?[\p{L}\p{N}’'.-]+)\s+(?:said|says|wrote|writes|added|adds|explained|told\s+\p{L}+|on\s+\p{Ll}[\p{L}’'-]*(?:\s+\p{Ll}[\p{L}’'-]*){0,4})\s*:\s*$/u.exec(
        last.outside,
      );
    if (lead && !NOT_SUBJECT_WORDS.test(lead[1])) {
      const who = fromSaid(
        { subject: lead[1], subjectStart: lead.index + lead[0].indexOf(lead[1]), verb: 'colon', contentStart: 0, contentEnd: 0 },
        last,
      );
      if (who.name) {
        q.speaker = who.id;
        q.speakerName = who.name;
        q.speakerType = who.type;
        continue;
      }
    }
    const said = out.filter((o) => o.block === q.block - 1 && o.form === 'reported' && o.speakerName && o.speakerName !== 'unnamed').pop();
    if (said && said.end >= last.s.start) {
      q.speaker = said.speaker;
      q.speakerName = said.speakerName;
      q.speakerType = said.speakerType;
      continue;
    }
    const people = [...last.mentions, ...last.unknowns].filter((c) => c.kind === 'person' && !c.possessive && (c.id || c.name));
    // (an audience, "spoke to analysts", is not someone else who could be speaking)
    const others = [...last.mentions, ...last.unknowns].filter(
      (c) => c.kind !== 'person' && c.kind !== 'model' && c.kind !== 'group' && !c.possessive,
    );
    if (people.length === 1 && !others.length && new Set(people.map((c) => c.id ?? c.name)).size === 1) {
      const who = fromCandidate(people[0], last.s.text);
      q.speaker = who.id;
      q.speakerName = who.name;
      q.speakerType = who.type;
    }
  }
}

/**
 * Every quotation and reported statement in `text` with who said it, whoever that is (a person or
 * organisation in the pack or not, an unnamed source, or no one). `mentions` are the pack's entities
 * found in the text (may be empty: names are then found from the text alone).
 */
export function listQuotes(text: string, mentions: Mention[] = [], options: ExtractOptions = {}): PageQuote[] {
  if (!text) return [];
  const { infos, quotationSpeakers, captions } = analyse(text, mentions, options);
  const names = new PageNames(text);
  const genders = new PageGenders(text);
  const ctx: QuoteContext = { text, infos, captions, names, genders };
  const speakers = speakerResolver(ctx);
  const out: BlockQuote[] = [];
  const make = (start: number, end: number, form: PageQuote['form'], who: Who, block: number) => {
    out.push({ start, end, text: text.slice(start, end), form, speaker: who.id, speakerName: who.name, speakerType: who.type, block });
  };
  // direct speech: each quotation whole, from its opening mark to its closing one
  const direct = directQuotes(ctx, quotationSpeakers, speakers);
  joinDirectQuotes(text, direct);
  for (const d of direct) make(d.start, d.end, d.mixed ? 'mixed' : 'direct', d.who, d.block);
  // speech without quotation marks: transcript answers, a colon lead-in's paragraph
  unmarkedSpeech(infos, speakers, make);
  // reported speech: "X said (that) …", "…, X said", "according to X, …"
  reportedSpeech(infos, speakers, out, make);
  signedPosts(infos, speakers, out, make);
  out.sort((x, y) => x.start - y.start);
  attributeBareParagraphs(infos, speakers, out);
  return out.map(({ block: _block, ...q }) => q);
}

/** listQuotes with the pack's leaders and names (for "Nvidia's chief executive" and transcript labels). */
export function createQuoteLister(pack: Pack): (text: string, mentions: Mention[]) => PageQuote[] {
  const leaders = leadersFromPack(pack);
  const options: ExtractOptions = {
    leaders,
    personNames: new Map(pack.entities.filter((e) => e.type === 'person').map((e) => [e.id, e.name])),
    personOrgs: new Map([...leaders].map(([org, person]) => [person, org])),
  };
  return (text, mentions) => listQuotes(text, mentions, options);
}
