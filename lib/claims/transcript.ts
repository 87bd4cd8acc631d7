// Interview and podcast transcripts: paragraphs that open with a speaker label ("HASSABIS: …",
// "Q: … / A: …", "Lisa Su: ‘…’"). Every sentence of such a paragraph is that speaker's speech.
import type { Candidate } from './attribution';
import type { Sentence } from './segment';

export interface TranscriptLine {
  /** who speaks the paragraph (null: the interviewer, a host or someone the pack does not know) */
  speaker: Candidate | null;
  /** the label as written, e.g. "GOMEZ", "Q", "Lisa Su" */
  label: string;
  /** absolute offset where the spoken words begin (after "LABEL: ") */
  contentStart: number;
  /** a line of a running transcript (unlabelled paragraphs after it carry on the answer), not a headline's "Name: ‘…’" */
  running: boolean;
}

// "GOMEZ:", "DEMIS HASSABIS:", "[00:12:31] Q:"; at most four words in capitals
const CAPS_LABEL = /^(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?([A-Z][A-Z’'.-]*(?:\s+[A-Z][A-Z’'.-]*){0,3})\s*:\s+(?=\S)/;
// "Lisa Su: …", "AMD’s Lisa Su: ‘…’": a name in ordinary case before a colon
const NAME_LABEL = /^((?:[\p{Lu}][\p{L}\d.’'-]*\s+){0,4}[\p{Lu}][\p{L}.’'-]*)\s*:\s+(?=\S)/u;
// Capitalised labels that are kickers and section marks, not speakers.
const NOT_SPEAKERS = new Set([
  'UPDATE',
  'UPDATED',
  'BREAKING',
  'EXCLUSIVE',
  'WATCH',
  'LISTEN',
  'READ',
  'READ MORE',
  'RELATED',
  'SEE ALSO',
  'MORE',
  'ALSO',
  'NOTE',
  'EDITOR’S NOTE',
  "EDITOR'S NOTE",
  'CORRECTION',
  'CLARIFICATION',
  'ANALYSIS',
  'OPINION',
  'COMMENT',
  'PHOTO',
  'VIDEO',
  'AUDIO',
  'LIVE',
  'TLDR',
  'FACT CHECK',
  'DISCLOSURE',
  'SOURCE',
  'SOURCES',
  'CREDIT',
  'WHY IT MATTERS',
  'THE BIG PICTURE',
  'WHAT',
  'WHY',
  'HOW',
  'WHEN',
  'WHERE',
  'WHO',
  'BOTTOM LINE',
  'KEY POINTS',
  'SUMMARY',
  'TAKEAWAY',
  'BACKGROUND',
  'CONTEXT',
  'AI',
  'US',
  'UK',
  'EU',
]);
// "00:09 Graham Teller", "[01:21] Speaker A": a video transcript's timestamp and speaker, alone on their line;
// the words follow in the next paragraph
const STAMP_LABEL = /^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})\s*$/u;
const INTERVIEWER_LABELS = new Set(['Q', 'QUESTION', 'INTERVIEWER', 'HOST', 'MODERATOR']);
const ANSWER_LABELS = new Set(['A', 'ANSWER']);
const QUOTE_OPENING = /^["“‘«]/;

function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[’'.-]/g, ' ')
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface PersonSeen {
  /** the pack's id, or null for someone the pack does not know (found by the name the page gives) */
  id: string | null;
  name: string | null;
  count: number;
  first: number;
  keys: Set<string>;
}

/**
 * Finds the transcript paragraphs. `mentions[i]` are the candidates of sentence i (relative
 * offsets); `names` gives each person's name in the pack, so "HASSABIS" finds Demis Hassabis.
 */
export function findTranscript(sentences: Sentence[], mentions: Candidate[][], names?: Map<string, string>): Map<number, TranscriptLine> {
  type Raw = {
    block: number;
    sentence: number;
    label: string;
    contentStart: number;
    caps: boolean;
    person?: Candidate;
    quoted: boolean;
    stamped?: boolean;
  };
  const raws: Raw[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (!s.blockStart) continue;
    const stamp = STAMP_LABEL.exec(s.text);
    const next = sentences[i + 1];
    if (stamp && next && next.block !== s.block && next.blockStart) {
      raws.push({
        block: next.block,
        sentence: i + 1,
        label: stamp[1],
        contentStart: next.start,
        caps: false,
        quoted: false,
        stamped: true,
      });
      continue;
    }
    const caps = CAPS_LABEL.exec(s.text);
    if (caps && /[A-Z]{1}/.test(caps[1]) && !NOT_SPEAKERS.has(caps[1].trim())) {
      raws.push({
        block: s.block,
        sentence: i,
        label: caps[1].trim(),
        contentStart: s.start + caps[0].length,
        caps: true,
        quoted: QUOTE_OPENING.test(s.text.slice(caps[0].length)),
      });
      continue;
    }
    const named = NAME_LABEL.exec(s.text);
    if (named) {
      const labelEnd = named[1].length;
      // the label must end with a person the pack knows: "Lisa Su:", not "Kimi K2:" or "The key points:"
      const person = mentions[i].find((c) => c.kind === 'person' && c.id && c.end === labelEnd && !c.possessive);
      const quoted = QUOTE_OPENING.test(s.text.slice(named[0].length));
      if (person)
        raws.push({ block: s.block, sentence: i, label: named[1], contentStart: s.start + named[0].length, caps: false, person, quoted });
      // someone the pack does not know ("Kim Park: …"): a speaker only if the same label opens other paragraphs
      else if (/^[\p{Lu}][\p{Ll}’'-]+(?:\s+[\p{Lu}][\p{Ll}’'-]+){1,2}$/u.test(named[1]) && !mentions[i].some((c) => c.start < labelEnd)) {
        raws.push({ block: s.block, sentence: i, label: named[1], contentStart: s.start + named[0].length, caps: false, quoted });
      }
    }
  }
  // an unknown name label must recur, and sit among other speakers' lines
  const recurring = new Map<string, number>();
  for (const r of raws) if (!r.caps && !r.person) recurring.set(r.label, (recurring.get(r.label) ?? 0) + 1);
  for (let k = raws.length - 1; k >= 0; k--) {
    const r = raws[k];
    const times = recurring.get(r.label) ?? 0;
    if (!r.caps && !r.person && !r.stamped && (times < 2 || raws.length - times < 1)) raws.splice(k, 1);
  }
  const out = new Map<number, TranscriptLine>();
  if (!raws.length) return out;
  const labelled = raws.length;
  const hasQuestions = raws.some((r) => r.caps && INTERVIEWER_LABELS.has(r.label));
  const hasAnswers = raws.some((r) => r.caps && ANSWER_LABELS.has(r.label));

  // people mentioned so far, with the names they can be called by in capitals
  const seen = new Map<string, PersonSeen>();
  let cursor = 0;
  const absorb = (upTo: number) => {
    for (; cursor < upTo; cursor++) {
      for (const c of mentions[cursor]) {
        if (c.kind !== 'person' || (!c.id && !c.name) || c.via === 'pronoun' || c.possessive) continue;
        // people the pack does not know count too ("HARROW:" is the Lena Harrow the article introduced)
        const key = c.id ?? `name:${c.name}`;
        let p = seen.get(key);
        if (!p) {
          const name = (c.id ? names?.get(c.id) : null) ?? c.name ?? null;
          p = { id: c.id, name, count: 0, first: cursor, keys: new Set() };
          seen.set(key, p);
          if (name) addKeys(p.keys, name);
        }
        p.count++;
        addKeys(p.keys, sentences[cursor].text.slice(c.start, c.end).replace(/[’']s$/, ''));
      }
    }
  };
  let interviewee: PersonSeen | null | undefined;

  for (const r of raws) {
    absorb(r.sentence);
    let speaker: Candidate | null = null;
    const s = sentences[r.sentence];
    const labelCandidate = (p: PersonSeen): Candidate => ({
      start: 0,
      end: r.label.length,
      id: p.id,
      kind: 'person',
      via: p.id ? 'mention' : 'unknown',
      possessive: false,
      // the name, not the label's letters ("A:" is the interviewee)
      name: p.name,
    });
    if (r.person) {
      // a name in ordinary case is a speaker in a transcript, or when a quotation follows ("Lisa Su: ‘We are…’")
      if (!r.quoted && labelled < 2) continue;
      speaker = r.person;
    } else if (r.stamped) {
      // the name the article introduced, or the label's own name; "Speaker A" is no one named
      const who = resolveLabel(r.label, seen);
      speaker = who
        ? labelCandidate(who)
        : /^Speaker\b/.test(r.label)
          ? null
          : { start: 0, end: r.label.length, id: null, kind: 'person', via: 'unknown', possessive: false, name: r.label };
    } else if (!r.caps) {
      speaker = null;
    } else if (INTERVIEWER_LABELS.has(r.label)) {
      if (r.label.length <= 1 && !hasAnswers) continue;
      speaker = null;
    } else if (ANSWER_LABELS.has(r.label)) {
      if (r.label.length <= 1 && !hasQuestions) continue;
      if (interviewee === undefined) interviewee = mostMentioned(seen);
      speaker = interviewee ? labelCandidate(interviewee) : null;
    } else {
      const who = resolveLabel(r.label, seen);
      // a lone capitalised label is a speaker only when it names someone; several make a transcript
      if (!who && labelled < 2) continue;
      speaker = who ? labelCandidate(who) : null;
    }
    // (a headline "Nvidia CEO: …" opening the page does not run on into the paragraphs after it)
    const running = !(r.person && r.quoted) && labelled >= 2 && (r.caps || r.sentence > 0);
    out.set(s.block, { speaker, label: r.label, contentStart: r.contentStart, running });
    // the timestamp line itself says nothing: a line with no words, so it carries no one's answer on
    if (r.stamped) {
      const stamp = sentences[r.sentence - 1];
      out.set(stamp.block, { speaker: null, label: r.label, contentStart: stamp.end, running });
    }
  }
  return out;
}

function addKeys(keys: Set<string>, name: string): void {
  const full = normalise(name);
  if (!full) return;
  keys.add(full);
  const words = full.split(' ');
  if (words.length > 1) keys.add(words[words.length - 1]);
}

function resolveLabel(label: string, seen: Map<string, PersonSeen>): PersonSeen | null {
  const key = normalise(label);
  let best: PersonSeen | null = null;
  for (const p of seen.values()) {
    if (!p.keys.has(key)) continue;
    if (!best || p.count > best.count) best = p;
  }
  return best;
}

/** The person the interview is with: the most mentioned before the questions start (the first named on a tie). */
function mostMentioned(seen: Map<string, PersonSeen>): PersonSeen | null {
  let best: PersonSeen | null = null;
  for (const p of seen.values()) if (!best || p.count > best.count || (p.count === best.count && p.first < best.first)) best = p;
  return best;
}
