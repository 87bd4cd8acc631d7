// Attribution for any speaker, in any domain: "X said (that) …", "…, X said", "…, said X, a …",
// "according to X, …", with X a name, a pronoun or a noun phrase ("a spokesman", "the company",
// "officials"). Used when the entity-based frames (attribution.ts) find no speaker the pack or the
// role cues know. Offsets are relative to the sentence; quoted words are blanked out beforehand.

// Reporting verbs (past and present): said and its kin, and verbs that report a view or a finding.
export const REPORTING_VERBS = `said|says|stated|states|told|tells|added|adds|argued|argues|wrote|writes|noted|notes|explained|explains|insisted|insists|warned|warns|claimed|claims|acknowledged|acknowledges|admitted|admits|conceded|concedes|stressed|stresses|maintained|maintains|contended|contends|testified|testifies|predicted|predicts|forecast|forecasts|indicated|indicates|suggested|suggests|reported|reports|announced|announces|confirmed|confirms|estimated|estimates|recalled|recalls|observed|observes|pointed out|points out|countered|counters|replied|replies|responded|responds|asserted|asserts|declared|declares|cautioned|cautions|ruled|rules|found|finds|concluded|concludes|complained|complains|alleged|alleges|agreed|agrees|emphasi[sz]ed|emphasi[sz]es|tweeted|tweets|posted|posts|wrote|recounted|recounts|described|describes|disclosed|discloses|revealed|reveals|projected|projects|expects|expected|believes|believed|thinks|thought|worries|worried|fears|feared|hopes|hoped|promised|promises|vowed|vows|pledged|pledges|denied|denies|disputed|disputes|questioned|questions|urged|urges|asked|asks|called|calls|referred`;
// Who can speak: a pronoun, a determiner phrase, or a capitalised name (with "of", "for", "and" inside).
const PRONOUN = `he|she|they|we|I|it`;
const DETERMINED = String.raw`(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ff]our|[Ss]ome|[Ss]everal|[Mm]any|[Mm]ost|[Oo]ther|[Bb]oth|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our)\s+(?:[\p{L}’'.-]+\s+){0,5}?[\p{L}-]+(?:\s+(?:for|of|at)\s+(?:the\s+)?\p{Lu}[\p{L}’'.&-]*(?:\s+\p{Lu}[\p{L}’'.&-]*){0,5})?`;
const CAPITALISED = String.raw`\p{Lu}[\p{L}’'.&-]*(?:\s+(?:\p{Lu}[\p{L}’'.&-]*|of|for|and|de|van|von|der|la|le|da|bin|al)){0,10}`;
const SUBJECT = String.raw`(?:(?:${PRONOUN})\b|${DETERMINED}|${CAPITALISED})`;
const ADVERBS = String.raw`(?:(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|\p{Ll}+ly|often|usually|sometimes|has|have|had|also|previously|later|then|once|repeatedly|publicly|privately|recently|earlier|further|simply|separately|flatly|first|never|always|would|will|had|twice|again|already|just|long|even|still|now)\s+)*`;
// an audience (after "told" and the like: "said the board had …" is content) or a setting after the verb: "told reporters on Friday", "said in a statement"
const AFTER_VERB = String.raw`(?:\s+(?:today|yesterday|tonight|again|publicly|privately|repeatedly|separately|later|earlier|recently))?(?:(?<=\b(?:told|tells|warned|assured|reminded|informed)(?:\s+\p{Ll}+)?)\s+(?:reporters|me|him|her|them|us|investors|analysts|lawmakers|the\s+(?:press|media|committee|board|court|jury|audience|crowd|panel|hearing|conference|newspaper|paper|magazine|station|network|outlet|agency)|[\p{Lu}][\p{L}.-]+(?:\s+[\p{Lu}][\p{L}.-]+)*))?(?:\s+(?:on|in|at|last|this|during|after|before|earlier|late|early|via|through|by)\s+[^,;:.]{1,50}?)?`;

// "Jo Smith, a former official, said …", "as my friend, the organiser Jo Smith, points out, …"
const FORWARD = new RegExp(
  String.raw`(?:^|[,;:—–]\s*|\b(?:and|but|while|[Aa]s|because|so|though|although|when)\s+|\b(?:that|which)\s+(?=(?:it|they)\s))(${SUBJECT}(?:,\s+[^,;:.“”"]{1,90},)?)\s+${ADVERBS}(${REPORTING_VERBS})\b${AFTER_VERB}(?:,\s*|\s+)(?:that\s+|to\s+(?:be\s+)?)?(?=[\p{L}\p{N}"“‘$€£])`,
  'gu',
);
const TRAILING = new RegExp(
  String.raw`(?:,\s*|[”"’]\s*)(?:(${SUBJECT})\s+${ADVERBS}(${REPORTING_VERBS})\b[^.;:!?“”"]{0,200}?|(${REPORTING_VERBS})\s+((?:(?:[\p{Ll}-]+|\p{Lu}[\p{L}.-]*[’']s)\s+){0,5}?${SUBJECT})(?=[,.!?]|\s*$)(?:,[^.;:!?“”"]{0,200}?)?)[.!?]?\s*$`,
  'u',
);
// an attribution right after a closing quotation mark, the quotation going on after it:
// "“If you're exposed,” said one bank security chief, referring to …, “then …”"
const AFTER_CLOSE = new RegExp(
  String.raw`[”"’]\s*,?\s*(?:(${SUBJECT})\s+${ADVERBS}(${REPORTING_VERBS})|(${REPORTING_VERBS})\s+((?:(?:[\p{Ll}-]+|\p{Lu}[\p{L}.-]*[’']s)\s+){0,5}?${SUBJECT}))\b`,
  'u',
);
// an attribution opening the sentence after a quotation: "“…!” Trump tweeted on Monday, …" split after "!”"
export const OPENING_SAID = new RegExp(String.raw`^(${SUBJECT})\s+${ADVERBS}(${REPORTING_VERBS})\b`, 'u');
const INSERTED = new RegExp(String.raw`^([^,]{3,120}?),\s+(${SUBJECT})\s+${ADVERBS}(${REPORTING_VERBS})\b[^,]{0,40},\s+(?=\S)`, 'u');
// "AP: “…”", "Smith, in a statement: “…”" — a name and a colon before a quotation
const COLON_LEAD = new RegExp(String.raw`(?:^|[—–]\s*)(${CAPITALISED})(?:,[^,:]{1,60})*\s*:\s*[“"‘]`, 'u');
// "Jo Smith, an analyst at Acme, shared her view on the findings: “…”" — a name opens the clause the colon closes
const NAMED_CLAUSE_COLON = new RegExp(
  String.raw`^(${CAPITALISED})(?:,[^:“”"]{1,120}?,)?\s+(?:\p{Ll}[\p{L}’'-]*\s+){1,8}?[^:“”".]{0,40}:\s*[“"‘]`,
  'u',
);
// "“…,” Jo Smith, senior adviser at Acme." — a quotation signed by a name and a role, no verb
const NAME_ROLE_AFTER_CLOSE = new RegExp(
  String.raw`[”"]\s*,?\s*(${CAPITALISED}),\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,4}(?:adviser|advisor|director|chief|officer|president|professor|analyst|spokes(?:person|man|woman)|manager|head|founder|executive|economist|scientist|researcher|minister|secretary|chair(?:man|woman)?|lead|engineer)\b`,
  'u',
);
const VERB_FIRST_COLON = new RegExp(
  String.raw`^(?:Asked|Said|Says|Added|Adds|Wrote|Writes|Countered|Replied|Quipped|Explained)\s+(${SUBJECT})(?:,[^:“”"]{1,80})?\s*:`,
  'u',
);
const GENERIC_SAID =
  /(?:^|[,;(]\s*|\b(?:and|but|while|so)\s+)((?:[\p{L}\p{N}%()’'.-]+\s+){0,8}?[\p{L}\p{N}%)’'.-]+)\s+(?:have\s+|has\s+|had\s+)?(said|say|says|told\s+(?:us|me|him|her|them|reporters))\s+(?:that\s+)?(?=(?:he|she|they|it|we|I|there|the|a|an|its|their|his|her|\p{Lu})\b)/u;
// ("according to the Education Department": the whole name after the article, not "the Education")
const ACCORDING = new RegExp(String.raw`\b[Aa]ccording to\s+((?:[Tt]he\s+)?${CAPITALISED}|${SUBJECT})`, 'u');
// "…, per The Information." — an outlet or a filing credited at the end of the sentence
const PER_SOURCE = new RegExp(String.raw`,\s+per\s+((?:[Tt]he\s+)?${CAPITALISED}?)\.?\s*$`, 'u');
// "Per a report from The Information, OpenAI plans …", "Per Bloomberg, …" — the source opening the sentence
const PER_OPENING = new RegExp(
  String.raw`^(?:Per|Citing)\s+(?:(?:a|an|the)\s+(?:\p{Ll}+\s+){0,2}?(?:report|story|filing|memo|note|post|statement)\s+(?:from|by|in)\s+)?((?:The\s+)?${CAPITALISED}?),\s+`,
  'u',
);
// Verbs that report a speaker's view only with a content clause ("called for", "asked for" are not speech).
const NEEDS_THAT =
  /^(?:ruled|rules|found|finds|called|calls|referred|asked|asks|urged|urges|described|describes|hopes|hoped|fears|feared|worries|worried|thinks|thought|believes|believed|expects|expected|questioned|questions|disputed|disputes|denied|denies|promised|promises|vowed|vows|pledged|pledges|posted|posts|projects|projected)$/;
// Words that begin sentences or clauses and are not speakers.
const NOT_SUBJECTS =
  /^(?:The|A|An|This|That|These|Those|It|There|Here|What|Which|Who|When|Where|Why|How|If|As|But|And|Or|So|Yet|In|On|At|For|From|With|After|Before|Since|Until|While|Although|Though|Because|Meanwhile|However|Still|Also|Now|Then|Last|Next|Earlier|Later|Today|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

export interface Said {
  /** who, as written ("Pelosi", "a spokesman", "he"), and where (relative to the sentence) */
  subject: string;
  subjectStart: number;
  verb: string;
  /** the reported content, relative to the sentence (the whole sentence when it cannot be told) */
  contentStart: number;
  contentEnd: number;
}

function usable(subject: string, verb: string, hasThat: boolean): boolean {
  const first = subject.split(/\s+/)[0];
  if (subject.split(/\s+/).length === 1 && NOT_SUBJECTS.test(first)) return false;
  if (/^(?:it)$/i.test(subject) && !hasThat) return false;
  if (NEEDS_THAT.test(verb) && !hasThat) return false;
  return true;
}

/** "According to X, …", "…, according to X.", "…, per The Information.": a source credited by name. */
function creditedSource(text: string): Said | null {
  const according = ACCORDING.exec(text);
  if (according) {
    const start = according.index;
    const end = start + according[0].length;
    const before = text.slice(0, start).replace(/[\s,]+$/, '');
    // "According to X, …" or "…, according to X."
    const contentStart = before.length < 3 ? text.indexOf(',', end) + 1 || end : 0;
    const contentEnd = before.length < 3 ? text.length : before.length;
    return {
      subject: according[1],
      subjectStart: start + according[0].length - according[1].length,
      verb: 'according to',
      contentStart,
      contentEnd,
    };
  }
  const opening = PER_OPENING.exec(text);
  if (opening)
    return {
      subject: opening[1],
      subjectStart: opening.index + opening[0].indexOf(opening[1]),
      verb: 'according to',
      contentStart: opening[0].length,
      contentEnd: text.length,
    };
  const per = PER_SOURCE.exec(text);
  if (per && per.index > 10)
    return {
      subject: per[1].replace(/\.$/, ''),
      subjectStart: per.index + per[0].indexOf(per[1]),
      verb: 'according to',
      contentStart: 0,
      contentEnd: per.index,
    };
  return null;
}

/** The attribution in a sentence (quoted words blanked out), or null. */
const SAYING = new RegExp(
  String.raw`^\s*(${SUBJECT})\s+(?:(?:also|then|later|quickly)\s+)?\p{Ll}+(?:ed|ied)\b[^,;:“”"]{0,60},\s+(saying|adding|arguing|noting|warning|insisting|claiming|replying|responding|writing|telling)\s+(?:(?:to\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,2}\s+)?(?:that\s+)?(?=[\p{L}\p{N}“"‘])`,
  'u',
);
const PUBLISHED =
  /^(?:(?:its|their|quarterly|annual|strong|weak|record|better|worse)[\p{L}-]*\s+){0,3}(?:results|earnings|revenue|sales|profits?|losses?|a\s+(?:loss|profit|drop|rise|decline|jump))\b/u;
// a phrase that sets the scene before the subject, not reported content
const SETTING =
  /^\s*(?:In|At|During|On|After|Before|Speaking|Asked|Writing|Interviewed|Earlier|Later|Last|This|Since|Throughout)\b[^,]{0,80}$/;

export function findSaid(outside: string): Said | null {
  const text = outside;
  const credited = creditedSource(text);
  if (credited) return credited;
  // "Asked a Pennsylvania Republican: “…”", "Added Jo Smith: “…”" — the verb first, then who, then a colon
  const verbFirst = VERB_FIRST_COLON.exec(text);
  if (verbFirst)
    return {
      subject: verbFirst[1],
      subjectStart: verbFirst.index + verbFirst[0].indexOf(verbFirst[1]),
      verb: 'colon',
      contentStart: verbFirst.index + verbFirst[0].length,
      contentEnd: text.length,
    };
  const colon = COLON_LEAD.exec(text);
  if (colon && !NOT_SUBJECTS.test(colon[1])) {
    const at = colon.index + colon[0].indexOf(colon[1]);
    return { subject: colon[1], subjectStart: at, verb: 'colon', contentStart: colon.index + colon[0].length - 1, contentEnd: text.length };
  }
  const trailing = TRAILING.exec(text);
  if (trailing) {
    const subject = trailing[1] ?? trailing[4];
    const verb = trailing[2] ?? trailing[3];
    // "said resident Jo Smith", "says Acme's former manager Jo Smith": the name; "said a spokesman" stays whole
    const bare =
      trailing[4] && !/^(?:the|a|an|one|another|two|three|some|several)\s/i.test(trailing[4])
        ? trailing[4].replace(/^(?:(?:[\p{Ll}-]+|\p{Lu}[\p{L}.-]*[’']s)\s+)+(?=\p{Lu})/u, '')
        : subject;
    // ("…, a choice many users have found compelling": "found" reports only with a content clause)
    // "In another statement, the sheriff said the camps were unsafe": a clause after the verb is the content, not a tail
    const words = (t: string) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    const afterVerb = text.slice(trailing.index + trailing[0].indexOf(verb) + verb.length);
    const finite = /^\s+that\b|\b(?:is|are|was|were|would|will|had|has|have|could|can|should|may|might)\b/;
    const contentAfter =
      (words(afterVerb) > 3 && words(afterVerb) > words(text.slice(0, trailing.index)) && finite.test(afterVerb)) ||
      // "In an interview with the Times, the president-elect said Mattis changed …": a setting before the
      // subject is no content; the clause after the verb is
      (words(afterVerb) > 3 && SETTING.test(text.slice(0, trailing.index))) ||
      // "…, said today that the forms would be simplified": a clause is not a speaker after the verb
      Boolean(trailing[4] && finite.test(` ${trailing[4]}`));
    if (usable(bare, verb, !NEEDS_THAT.test(verb)) && trailing.index > 10 && !contentAfter) {
      return { subject: bare, subjectStart: trailing.index + trailing[0].indexOf(bare), verb, contentStart: 0, contentEnd: trailing.index };
    }
  }
  const afterClose = AFTER_CLOSE.exec(text);
  if (afterClose) {
    const subject = afterClose[1] ?? afterClose[4];
    const verb = afterClose[2] ?? afterClose[3];
    let bare =
      afterClose[4] && !/^(?:the|a|an|one|another|two|three|some|several)\s/i.test(afterClose[4])
        ? afterClose[4].replace(/^(?:(?:[\p{Ll}-]+|\p{Lu}[\p{L}.-]*[’']s)\s+)+(?=\p{Lu})/u, '')
        : subject;
    let at = afterClose.index + afterClose[0].lastIndexOf(bare);
    // "said former Treasury official Jo Smith": an organisation and a role before the name; the name speaks
    const named = afterClose[4]
      ? /^\s+(?:[\p{Ll}-]+\s+){1,3}?(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){1,3})(?=[,.;]|\s*$)/u.exec(
          text.slice(afterClose.index + afterClose[0].length),
        )
      : null;
    if (
      named &&
      /(?:^|\s)(?:official|officer|adviser|advisor|executive|chief|director|head|spokes(?:man|woman|person)|analyst|economist|researcher|manager|engineer|president|chair(?:man|woman)?|founder|member|staffer|strategist|lawmaker|aide|leader|minister|secretary|governor|senator|representative)\s+$/.test(
        named[0].slice(0, named[0].length - named[1].length),
      )
    ) {
      bare = named[1];
      at = afterClose.index + afterClose[0].length + named[0].length - named[1].length;
    }
    if (usable(bare, verb, !NEEDS_THAT.test(verb)))
      return { subject: bare, subjectStart: at, verb, contentStart: 0, contentEnd: afterClose.index + 1 };
  }
  const signed = NAME_ROLE_AFTER_CLOSE.exec(text);
  if (signed && !NOT_SUBJECTS.test(signed[1]))
    return {
      subject: signed[1],
      subjectStart: signed.index + signed[0].indexOf(signed[1]),
      verb: 'signed',
      contentStart: 0,
      contentEnd: signed.index + 1,
    };
  const inserted = INSERTED.exec(text);
  if (inserted && usable(inserted[2], inserted[3], true)) {
    return {
      subject: inserted[2],
      subjectStart: inserted.index + inserted[1].length + inserted[0].slice(inserted[1].length).indexOf(inserted[2]),
      verb: inserted[3],
      contentStart: 0,
      contentEnd: text.length,
    };
  }
  FORWARD.lastIndex = 0;
  for (let m = FORWARD.exec(text); m; m = FORWARD.exec(text)) {
    const subject = m[1];
    const verb = m[2];
    const hasThat =
      /\bthat\s+$/.test(m[0]) ||
      /,\s*$/.test(m[0]) ||
      /^(?:said|says|told|tells|added|adds|argued|argues|wrote|writes|noted|notes|explained|insisted|warned|claimed|claims|acknowledged|admitted|conceded|stressed|maintained|contended|testified|predicted|predicts|forecast|indicated|suggested|reported|announced|confirmed|estimated|recalled|observed|pointed out|countered|replied|responded|asserted|declared|cautioned|concluded|complained|alleged|agreed)$/.test(
        verb,
      );
    if (!usable(subject, verb, hasThat && /\bthat\s+$/.test(m[0]) ? true : hasThat)) continue;
    const contentStart = m.index + m[0].length;
    if (text.length - contentStart < 12) continue;
    // ("reported results on Wednesday": figures published, not words)
    if (/^report/.test(verb) && PUBLISHED.test(text.slice(contentStart)) && !/\b(?:said|says|added|told)\b/.test(text.slice(contentStart)))
      continue;
    return { subject, subjectStart: m.index + m[0].indexOf(subject), verb, contentStart, contentEnd: text.length };
  }
  const clause = NAMED_CLAUSE_COLON.exec(text);
  if (clause && !NOT_SUBJECTS.test(clause[1].split(/\s+/)[0]))
    return { subject: clause[1], subjectStart: 0, verb: 'colon', contentStart: clause[0].length - 1, contentEnd: text.length };
  // any subject, "said" and a clause: "47 percent said Kaine …", "Over half of respondents said …",
  // "the 31-year-old filmmaker says he …", "Fed policymakers have said Trump’s …"
  const generic = GENERIC_SAID.exec(text);
  if (generic) {
    const phrase = generic[1].trim().replace(/^(?:and|but|while|so)\s+/, '');
    const words = phrase.split(/\s+/);
    let subject = phrase;
    if (words.length > 1 && !/^(?:the|a|an|one|his|her|their|its)$/i.test(words[0])) {
      const name = /(\p{Lu}[\p{L}’'.-]*(?:\s+(?:\p{Lu}[\p{L}’'.-]*|and))*)$/u.exec(phrase);
      // a name at the end speaks; a share of respondents, "people close to him" and the like are unnamed
      subject = name && !NOT_SUBJECTS.test(name[1]) ? name[1] : 'people';
    }
    if (words.length === 1 && NOT_SUBJECTS.test(phrase)) return null;
    // "49% said …", "a third said …": a share of those asked
    if (words.length === 1 && /^[\d.,]+%?$/.test(phrase)) subject = 'people';
    const contentStart = generic.index + generic[0].length;
    if (text.length - contentStart >= 12)
      return {
        subject,
        subjectStart: subject === 'people' ? generic.index + generic[0].indexOf(phrase) : generic.index + generic[0].indexOf(subject),
        verb: generic[2],
        contentStart,
        contentEnd: text.length,
      };
  }
  // "The professor disagreed, saying most developers would …": the sentence's subject, its content after the participle
  const participle = SAYING.exec(text);
  if (participle && usable(participle[1], 'said', true) && text.length - participle[0].length >= 12)
    return {
      subject: participle[1],
      subjectStart: participle.index + participle[0].indexOf(participle[1]),
      verb: participle[2],
      contentStart: participle[0].length,
      contentEnd: text.length,
    };
  return null;
}

const UNNAMED_NOUNS =
  /^(?:officials?|analysts?|experts?|critics?|sources?|investigators?|police|authorities|researchers?|residents?|witness(?:es)?|prosecutors?|aides?|advis[eo]rs?|people|persons?|insiders?|observers?|economists?|executives?|employees?|workers?|staff(?:ers)?|members?|respondents?|participants?|users?|customers?|developers?|engineers?|lawmakers|legislators|democrats?|republicans?|activists?|protesters?|neighbou?rs?|friends?|associates?|allies|supporters|opponents|spokes(?:man|woman|person|people)|representatives?|leaders?|organi[sz]ers?|scientists?|doctors?|teachers?|students?|parents?|traders?|investors?|bankers?|diplomats?|strategists?|operatives?|donors?|voters?|surveys?|study|studies|reports?|polls?|accounts|scholars|senators|officers)$/i;

/** Is this subject an unnamed source ("a spokesman", "officials", "one person familiar with …")? */
export function isUnnamedSubject(subject: string): boolean {
  const words = subject.trim().split(/\s+/);
  if (/^(?:they|we|I)$/i.test(subject.trim())) return true;
  if (/^(?:the|a|an|one|another|two|three|four|some|several|many|most|other|both|their|his|her|its)$/i.test(words[0])) {
    // no capitalised name inside ("a Google spokesperson" speaks for Google)
    return !words.slice(1).some((w) => /^\p{Lu}/u.test(w));
  }
  return words.length === 1 && UNNAMED_NOUNS.test(words[0]);
}
