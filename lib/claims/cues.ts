// Word cues for the kinds of claim: predictions, comparisons and checkable facts.

const PREDICTION = /\b(?:(?:is|are|was|were|be|remains?|remained)\s+["“‘]?(?:[\w-]+\s+){0,4}?(?:years|months|decades)\s+away|will(?! be watching)|won[’']t|shall|expects?|expected to|expecting|plans? to|planning to|planned to|aims? to|aiming to|intends? to|is (?:set|poised|on track|going|due|slated|expected) to|are (?:set|poised|on track|going|due|slated|expected) to|(?:is|are|was|were) forecast to|forecasts? that|forecasting|predicts?|predicted|predicting|projects that|projected to|anticipates?|by (?:the end of )?(?:20\d\d|next year|the end of the (?:year|decade))|within (?:the next |a |the )?(?:few |two |three |five |ten |\w+ )?(?:months|years|decades?)|next (?:year|month|decade)|could (?:arrive|reach|come|happen|be here)|would (?:arrive|reach|launch|be released)|pledg(?:es|ed) to|promis(?:es|ed) to|vow(?:s|ed) to|hopes? to)\b/i;

// Verbs that compare, unambiguous on their own ("than" needs a comparative before it).
const COMPARISON_STRONG = /\b(?:outperform\w*|outscor\w*|outpac\w*|outsell\w*|surpass\w*|overt(?:ake|akes|aking|ook|aken)|(?:is|are|was|were|be) (?:on (?:a )?par|neck and neck) with|on (?:a )?par with|as (?:good|capable|strong|fast|cheap|accurate|smart) as|comparable (?:to|with)|keeps? pace with|kept pace with|catch(?:es|ing)? up (?:with|to)|caught up with|a (?:small |tiny )?fraction of (?:the )?(?:cost|price|what)|compared (?:with|to)|versus|vs\.?|\d+(?:x|×|-fold)\s+(?:cheaper|faster|more|less|larger|bigger|smaller)|times (?:cheaper|faster|more|less|larger|bigger|smaller|as (?:much|many|fast|cheap))|(?:beat|beats|beating|beaten)\b|(?:retaken|regained|taken|took|holds?|held|extended|lost|ceded) (?:the|its) lead\b|(?:far|much|significantly|considerably|vastly|substantially|dramatically|slightly|well) (?:more|less|fewer|bigger|smaller|larger|higher|lower|cheaper|faster|better|worse) than\b|(?:topped|tops|topping|leads|led|climbed to the top of|rose to the top of) (?:[\w-]+ ){0,3}(?:leaderboards?|charts?|rankings?)\b|(?:trail|trails|trailed|trailing|lags?|lagged|lagging) (?:behind )?(?:[\w-]+ ){0,4}by\b)/i;
// Verbs that compare only when an entity follows ("rivals OpenAI's o1", not "Meta's rivals").
const COMPARISON_WITH_OBJECT = /\b(?:match(?:es|ed|ing)?|rival(?:s|led|ed|ling|ing)?|trail(?:s|ed|ing)?|lags?|lagged|lagging|ahead of|behind|(?<!on )tops?|topped|topping|leads?|edges? out|edged out|equals?|equalled)\s+/gi;
// "…er than": a comparison when what follows "than" is named or counted ("cheaper than o1", "more than rivals spend" is not).
const THAN = /\b(?:better|worse|cheaper|costlier|faster|slower|larger|bigger|smaller|stronger|weaker|smarter|higher|lower|more|less|fewer)\s+(?:[\p{L}-]+\s+){0,3}?than\s+/giu;
const QUANTIFIED_THAN = /\b(?:\d+(?:\.\d+)?\s*(?:%|per ?cent|x|×|times)|(?:two|three|four|five|six|seven|eight|nine|ten|a hundred) times)\s+(?:[\p{L}-]+\s+){0,3}?(?:better|worse|cheaper|faster|slower|more|less|higher|lower|larger|smaller)\b[^.]*?\bthan\b/iu;
// Superlatives and rankings: check-worthy when no number says more.
const SUPERLATIVE = /\b(?:the (?:best|largest|biggest|fastest|cheapest|strongest|most \w+|leading|top|world[’']s \w+est)[\s-]+(?!of\b|in\b|to\b)\p{L}|(?:best|largest|biggest|fastest|cheapest)[- ](?:known|selling|funded|performing)|top of the (?:\w+ )?(?:charts?|leaderboards?|rankings?)|number one|no\.\s?1|record\b|on record)/iu;

// Checkable events and relations: who made, bought, funded, released, banned what.
const FACT_VERBS = /\b(?:visited|attended|met with|tested|evaluated|chose|picked|selected|settled on|showed|shows|demonstrated|demoed|presented|raises|launches|releases|unveils|buys|acquires|hires|sues|invests|wins|loses|cuts|signs|opens|closes|ships|bans|blocks|fines|quits|joins|leaves|(?:led|backed|owned|funded|bought|acquired|founded|built|made|developed) by|found(?:ed|s)|relaunch(?:ed|es)|chairs|chaired|relies on|depends on|reports|reported|manufactures?|makes|allows?|allowed|rewr(?:ite|ote|itten)|restrict(?:ing)|climb(?:ed|ing)|describes?|described|co-?founded|launch(?:ed|es)|releas(?:ed|es)|unveil(?:ed|s)|introduc(?:ed|es)|publish(?:ed|es)|open[- ]sourced|acquir(?:ed|es)|bought|merg(?:ed|es)|invest(?:ed|s)|raised|funds|funded|bankrolls?|backs|backed|owns|owned|spun (?:off|out)|grew out of|trained|built|developed|designed|hired|appointed|named|joined|left|quit|resign(?:ed|s)|fired|ousted|sued|banned|restrict(?:ed|s)|block(?:ed|s)|approv(?:ed|es)|fined|licens(?:ed|es)|partner(?:ed|s) with|signed|settled|went online|shipped|ships|runs|charges|lists|offers|displays|declines to|refused to|accused|alleged|disclosed|reported|revealed|admitted|confirmed|denied|rolled out|deployed|integrated|acquisition|deal|lawsuit|investigat(?:ed|ing|ion)|export (?:controls|rules|restrictions)|is based in|headquartered|valued|became|was (?:founded|created|released|launched|built|trained)|has (?:released|launched|built|trained|raised))\b/i;

// "had no plans to change", "does not expect": a denial, not a forecast
const NEGATED_PLAN = /\b(?:no|not any) (?:plans?|intention) to\b|\b(?:does|do|did)(?: not|n[’']t) (?:plan|intend)\b/gi;

export function hasPrediction(text: string): boolean {
  return PREDICTION.test(text.replace(NEGATED_PLAN, ' '));
}

/**
 * An explicit comparison: a comparative verb or "…er than", or a verb like "matches"/"rivals"
 * followed closely by a named entity (entityStarts are offsets of mentions in `text`).
 */
export function hasComparison(text: string, entityStarts: number[], options: { than?: boolean } = {}): boolean {
  if (COMPARISON_STRONG.test(text)) return true;
  if (hasObjectComparison(text, entityStarts)) return true;
  // a person's "…er than" counts when it is quantified: "30 to 40 per cent better than Nvidia GPUs"
  if (options.than === false && !QUANTIFIED_THAN.test(text)) return false;
  THAN.lastIndex = 0;
  for (let m = THAN.exec(text); m; m = THAN.exec(text)) {
    const end = m.index + m[0].length;
    if (/^more\s+than\s+$/i.test(m[0]) || /^less\s+than\s+$/i.test(m[0]) || /^fewer\s+than\s+$/i.test(m[0])) continue; // "more than 1.3 million"
    if (entityStarts.some((s) => s >= end && s - end <= 25)) return true;
    if (/^(?:(?:those|that|the ones?) (?:of|from) |its |their |the |an? )?(?:[\p{L}-]+\s+){0,2}?(?:rivals?|competitors?|peers|American|US|Chinese|OpenAI|Google|\$?\d)/iu.test(text.slice(end, end + 40))) return true;
  }
  return false;
}

// "performs at roughly 60 per cent of an Nvidia H100"
const SHARE_OF = /\b\d+(?:\.\d+)?\s*(?:%|per ?cent)\s+of\s+(?:an?\s+|the\s+|that of\s+)?/gi;

function hasObjectComparison(text: string, entityStarts: number[]): boolean {
  SHARE_OF.lastIndex = 0;
  for (let m = SHARE_OF.exec(text); m; m = SHARE_OF.exec(text)) {
    const end = m.index + m[0].length;
    if (entityStarts.some((s) => s >= end && s - end <= 3) && /\b(?:perform|run|match|deliver|speed|fast|capab|power|as (?:good|fast))/i.test(text)) return true;
  }
  COMPARISON_WITH_OBJECT.lastIndex = 0;
  for (let m = COMPARISON_WITH_OBJECT.exec(text); m; m = COMPARISON_WITH_OBJECT.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    // "Meta’s rivals", "the lead": a noun, not a comparison; "who leads Google DeepMind" runs it
    if (/(?:[’']s|\bthe|\bits|\btheir|\bhis|\bher|\ba|\bour|\bwho|\bwhich|\bthat)\s+$/i.test(before)) continue;
    const end = m.index + m[0].length;
    if (entityStarts.some((s) => s >= end && s - end <= 12)) return true;
  }
  return false;
}

export function hasSuperlative(text: string): boolean {
  return SUPERLATIVE.test(text);
}

/** A superlative whose noun phrase names an entity: "the most advanced Nvidia processor". */
export function hasEntitySuperlative(text: string, entityStarts: number[]): boolean {
  const re = /\bthe (?:most \w+|\w+est|best|largest|biggest|leading)\s+/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (entityStarts.some((s) => s >= end && s - end <= 3)) return true;
  }
  return false;
}

export function hasFactVerb(text: string): boolean {
  return FACT_VERBS.test(text);
}

/** What a comparison is about when it has no number: parity or leads on benchmarks. */
export function comparisonMetric(text: string): string | undefined {
  if (/\b(?:match(?:es|ed)?|rival(?:s|led)?|on (?:a )?par|keeps? pace|kept pace|comparable|as (?:good|capable|strong|smart) as|catch(?:es)? up|caught up|beat(?:s|ing)?|outperform\w*|surpass\w*|ahead of|tops?|leading)\b/i.test(text) &&
    /\b(?:benchmarks?|tests?|maths?|math|coding|code|reasoning|performance|leaderboard|scores?|capab\w+|state-of-the-art|model)\b/i.test(text)) {
    return 'benchmark-parity';
  }
  if (/\bfraction of (?:the )?cost\b|\bcost(?:ing)? (?:far )?less to (?:build|train)\b/i.test(text)) return 'training-cost';
  return undefined;
}
