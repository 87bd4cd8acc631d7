// Word cues for the kinds of claim: predictions, comparisons and checkable facts.

// Forward-looking words: a modal, a plan or a forecast verb makes a sentence a prediction whatever its tense.
const PREDICTION =
  /\b(?:(?:is|are|was|were|be|remains?|remained)\s+["“‘]?(?:[\w-]+\s+){0,4}?(?:years|months|decades)\s+away|will(?! be watching)|won[’']t|shall|expects?|expected to|expecting|plans? to|planning to|planned to|aims? to|aiming to|intends? to|is (?:set|poised|on track|going|due|slated|expected) to|are (?:set|poised|on track|going|due|slated|expected) to|(?:is|are|was|were) forecast to|forecasts? that|forecasting|predicts?|predicted|predicting|projects that|projected to|anticipates?|could (?:arrive|reach|come|happen|be here)|would (?:arrive|reach|launch|be released)|pledg(?:es|ed) to|promis(?:es|ed) to|vow(?:s|ed) to|hopes? to|(?:is|are) (?:also )?destined to|(?:is|are) (?:\w+ )?likely to|likely (?:spells|means|signals|marks) the end|on (?:track|course|pace) to|(?<!\bdata )(?:set|poised|slated) to (?!zero\b)|target(?:s|ing|ed)? (?:a |an )?(?:[$€£]|\d|(?:[\w-]+\s+){0,3}(?:by|in) 20\d\d\b)|expect(?:s|ed|ing)? (?:(?:that|the|its|their|this|those|these|such|it|them) )?(?:[\w-]+ ){0,3}?to (?:reach|rise|grow|fall|hit|top|exceed|be|increase|decline|double|triple|come|arrive|launch|ship|spend|generate|remain|keep)\b)\b/i;
// Time frames: forward-looking unless the clause they close is in the past ("passed $500m within two years").
const TIME_FRAME =
  /\b(?:by (?:the end of )?(?:20\d\d|next year|the end of the (?:year|decade))|within (?:the next |a |the )?(?:[\w-]+ ){0,3}?(?:months|years|decades?)|next (?:year|month|decade))\b/i;
const PAST_VERB =
  /\b(?:passed|reached|hit|crossed|topped|surpassed|exceeded|raised|grew|rose|fell|dropped|doubled|tripled|quadrupled|gained|added|signed|sold|shipped|hired|spent|earned|generated|booked|posted|recorded|took|attracted|drew|closed|secured|landed|became|ended|finished|launched|released|was|were|had|did|made|won|built|went|got|amassed|attained|achieved|climbed|jumped|soared|surged|overtook)\b|\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been|\w+ed|\w+en|grown|won|built|made|hit|reached|passed)\b/i;
const FORWARD_MODAL = /\b(?:will|would|could|may|might|shall|should|going to|to (?:reach|hit|top|pass|cross|double|triple))\b/i;
// Verbs of forecasting, when a named subject or "it" governs them ("Nvidia forecasts record quarter"; not "beat forecasts").
const FORECAST_VERB = /\b(?:forecasts|forecasted|projects|projected|guides|guided|sees)\b/g;
const FORECAST_SUBJECT =
  /(?:\b(?:it|he|she|they|company|firm|group|chipmaker|giant|lab|maker|start-?up|now|also|still)|[\p{Lu}\d][\p{L}\d.’'-]*)\s+$/u;
const NOT_FORECAST_SUBJECT =
  /\b(?:Street|analysts?[’']?|consensus|beat|beats|beating|topped|tops|missed|misses|exceeded|above|below|than)\s+$/i;
// A company's forecast as a noun: "raised its outlook", "cut its full-year guidance", "guidance of $54 billion".
const OUTLOOK =
  /\b(?:rais|lift|cut|lower|boost|trim|reaffirm|reiterat|maintain|issu|gave|give|provid|narrow|widen|upgrad|downgrad)\w*\s+(?:its|their|the|a)\s+(?:[\w-]+\s+){0,3}?(?:forecasts?|outlook|guidance|projections?|targets?)\b|\b(?:outlook|guidance|projections?)\s+(?:of|for|calls for|assumes|implies|points to|sees|anticipates|includes|excludes)\b/i;

// Verbs that compare, unambiguous on their own ("than" needs a comparative before it).
const COMPARISON_STRONG =
  /\b(?:outperform\w*|outscor\w*|outpac\w*|outsell\w*|surpass\w*|overt(?:ake|akes|aking|ook|aken)|(?:is|are|was|were|be) (?:on (?:a )?par|neck and neck) with|on (?:a )?par with|as (?:good|capable|strong|fast|cheap|accurate|smart) as|comparable (?:to|with)|keeps? pace with|kept pace with|catch(?:es|ing)? up (?:with|to)|caught up with|a (?:small |tiny )?fraction of (?:the )?(?:cost|price|what)|compared (?:with|to)|versus|vs\.?|\d+(?:x|×|-fold)\s+(?:cheaper|faster|more|less|larger|bigger|smaller)|times (?:cheaper|faster|more|less|larger|bigger|smaller|as (?:much|many|fast|cheap))|(?:beat|beats|beating|beaten)\b|(?:retaken|regained|taken|took|holds?|held|extended|lost|ceded) (?:the|its) lead\b|(?:far|much|significantly|considerably|vastly|substantially|dramatically|slightly|well) (?:more|less|fewer|bigger|smaller|larger|higher|lower|cheaper|faster) than\b|(?:topped|tops|topping|leads|led|climbed to the top of|rose to the top of) (?:[\w-]+ ){0,3}(?:leaderboards?|charts?|rankings?)\b|(?:trail|trails|trailed|trailing|lags?|lagged|lagging) (?:behind )?(?:[\w-]+ ){0,4}by\b|(?:^|[,;—–-]\s*|\b(?:but|and)\s+)(?:for|by|in) comparison\b)/i;
// Verbs that compare only when an entity follows ("rivals OpenAI's o1", not "Meta's rivals").
const COMPARISON_WITH_OBJECT =
  /\b(?:match(?:es|ed|ing)?|rival(?:s|led|ed|ling|ing)?|trail(?:s|ed|ing)?|lags?|lagged|lagging|ahead of|behind|(?<!on )tops?|topped|topping|leads?|edges? out|edged out|equals?|equalled|next to)\s+/gi;
// "OpenAI rival Anthropic", "its closest rival": the noun, not the verb
const RIVAL_NOUN_BEFORE =
  /(?:\p{Lu}[\p{L}\d.’'-]*|\b(?:closest|main|chief|biggest|key|smaller|larger|younger|older|fierce|nearest|direct|Chinese|American|European))\s+$/u;
// What a ratio or "compared with" is measured against, when it is the subject's own past: a change, not a comparison.
const OWN_PAST =
  /^[^.;]{0,60}?\b(?:a year (?:earlier|ago|before)|last (?:year|quarter|month)|the (?:previous|prior|same) (?:year|quarter|period|month)|(?:its|their) (?:own )?(?:previous|prior|earlier|last)\b|it (?:had|commanded|reported|posted|was|made|earned|raised)\b|in (?:January|February|March|April|May|June|July|August|September|October|November|December|(?:early |late )?20\d\d)\b|(?:a|one|two|three|six) (?:months?|years?) (?:earlier|ago|before))/i;
// "four times the rate of Google's", "twice the price of", "half the cost of": a ratio against something named
const RATIO =
  /\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred)\s+times\s+(?:the|that of|as \w+ as)\b|\b(?:twice|double|triple|half|a third of|a quarter of|a tenth of)\s+(?:the|that of|as \w+ as)\b/gi;
// "a fraction of the $15 that Anthropic asks", "a fraction of the cost": a price or cost set against a rival's
const FRACTION_OF = /\ba (?:small |tiny )?fraction of\b/gi;
// "…er than": a comparison when what follows "than" is named or counted ("cheaper than o1", "more than rivals spend" is not).
const THAN =
  /\b(?:better|worse|cheaper|costlier|faster|slower|larger|bigger|smaller|stronger|weaker|smarter|higher|lower|more|less|fewer)\s+(?:[\p{L}-]+\s+){0,3}?than\s+/giu;
const QUANTIFIED_THAN =
  /\b(?:\d+(?:\.\d+)?\s*(?:%|per ?cent|x|×|times)|(?:two|three|four|five|six|seven|eight|nine|ten|a hundred) times)\s+(?:[\p{L}-]+\s+){0,3}?(?:better|worse|cheaper|faster|slower|more|less|higher|lower|larger|smaller)\b[^.]*?\bthan\b/iu;
// Superlatives and rankings: check-worthy when no number says more.
const SUPERLATIVE =
  /\b(?:the (?:best|largest|biggest|fastest|cheapest|strongest|most \w+|leading|top|world[’']s \w+est)[\s-]+(?!of\b|in\b|to\b)\p{L}|(?:best|largest|biggest|fastest|cheapest)[- ](?:known|selling|funded|performing)|top of the (?:\w+ )?(?:charts?|leaderboards?|rankings?)|number one|no\.\s?1|record\b|on record)/iu;

// Checkable events and relations: who made, bought, funded, released, banned what. Built from the
// groups below (one alternation, matched as whole words); order does not matter, the pattern is only tested.
const FACT_VERB_GROUPS: Record<string, string[]> = {
  'Meetings, trials and choices': [
    'visited',
    'attended',
    'met with',
    'tested',
    'evaluated',
    'chose',
    'picked',
    'selected',
    'settled on',
    'showed',
    'shows',
    'demonstrated',
    'demoed',
    'presented',
  ],
  'Company events in the present tense (headlines)': [
    'raises',
    'launches',
    'releases',
    'unveils',
    'buys',
    'acquires',
    'hires',
    'sues',
    'invests',
    'wins',
    'loses',
    'cuts',
    'signs',
    'opens',
    'closes',
    'ships',
    'bans',
    'blocks',
    'fines',
    'quits',
    'joins',
    'leaves',
  ],
  'Who is behind it': [
    '(?:led|backed|owned|funded|bought|acquired|founded|built|made|developed) by',
    'found(?:ed|s)',
    'relaunch(?:ed|es)',
    'chairs',
    'chaired',
    'relies on',
    'depends on',
  ],
  'Reports and what a product does': [
    'reports',
    'reported',
    'manufactures?',
    'makes',
    'allows?',
    'allowed',
    'rewr(?:ite|ote|itten)',
    'restrict(?:ing)',
    'climb(?:ed|ing)',
    'describes?',
    'described',
    'co-?founded',
  ],
  'Releases, deals, money and people, in the past tense': [
    'launch(?:ed|es)',
    'releas(?:ed|es)',
    'unveil(?:ed|s)',
    'introduc(?:ed|es)',
    'publish(?:ed|es)',
    'open[- ]sourced',
    'acquir(?:ed|es)',
    'bought',
    'merg(?:ed|es)',
    'invest(?:ed|s)',
    'raised',
    'funds',
    'funded',
    'bankrolls?',
    'backs',
    'backed',
    'owns',
    'owned',
    'spun (?:off|out)',
    'grew out of',
    'trained',
    'built',
    'developed',
    'designed',
    'hired',
    'appointed',
    'named',
    'joined',
    'left',
    'quit',
    'resign(?:ed|s)',
    'fired',
    'ousted',
    'sued',
    'banned',
    'restrict(?:ed|s)',
    'block(?:ed|s)',
    'approv(?:ed|es)',
    'fined',
    'licens(?:ed|es)',
    'partner(?:ed|s) with',
    'signed',
    'settled',
  ],
  'Shipping and what a service offers': [
    'went online',
    'shipped',
    'ships',
    'runs',
    'charges',
    'lists',
    'offers',
    'displays',
    'declines to',
    'refused to',
  ],
  'Statements on the record': [
    'accused',
    'alleged',
    'disclosed',
    'reported',
    'revealed',
    'admitted',
    'confirmed',
    'denied',
    'rolled out',
    'deployed',
    'integrated',
  ],
  'Deals, lawsuits and regulation as nouns': [
    'acquisition',
    'deal',
    'lawsuit',
    'investigat(?:ed|ing|ion)',
    'export (?:controls|rules|restrictions)',
  ],
  'Where it is and what it is worth': ['is based in', 'headquartered', 'valued', 'became'],
  // seen in AI reporting: a lab's standing and availability, staff and testimony
  'Standing, availability and staff': [
    'dominat(?:e|es|ed)',
    'is (?:now )?(?:the )?default',
    'is (?:now |also )?available',
    'has lost',
    'took part',
    'spent (?:\\w+ )?(?:years|months|decades)',
    'does not train',
    'did not dispute',
    'disputed',
    'grill(?:s|ed)',
    'pressed',
    'testified',
  ],
  'Founding and building': [
    'was (?:founded|created|released|launched|built|trained)',
    'has (?:released|launched|built|trained|raised)',
    '(?:was|were|has been) (?:formed|established|set up|incorporated|spun (?:off|out)|created|started|born|educated|raised)',
    'formed',
    'established',
    'incorporated',
  ],
  Biography: [
    'grew up',
    'dropped out',
    'studied',
    'graduated',
    "did (?:his|her|their) (?:PhD|doctorate|degree|undergraduate|postdoc|master[’']?s)",
    "(?:earned|received|completed) (?:a|an|his|her|their) (?:PhD|doctorate|degree|master[’']?s)",
    'worked (?:at|for|on)',
    'taught',
    'served as',
    'co-?authored',
    'authored',
    'invented',
    'coined',
    'pioneered',
  ],
  'What a model or product is built on and uses': [
    'uses',
    'used',
    'employs',
    'employed',
    'is built on',
    'are built on',
    'built on',
    'is based on',
    'are based on',
    'runs on',
    'run on',
    'relies on',
    'combines',
    'supports',
  ],
  'Rules and obligations': [
    'obligations?',
    'requires?',
    'required',
    'prohibits?',
    'prohibited',
    'mandates?',
    'mandated',
    'exempts?',
    'exempted',
    '(?:takes?|took|taken) effect',
    '(?:came|comes|come|enters?|entered) into force',
    'appl(?:y|ies|ied) (?:to|from)',
  ],
  // seen in real reporting the rules missed: "Lyft extends free scooter rides", "has also promised stricter
  // cleaning", "is currently available in Austin …", "It has faced more than a dozen lawsuits"
  'Programmes, availability and legal trouble': [
    'extends',
    'extended',
    'expands',
    'expanded',
    'promised',
    'install(?:s|ed|ing)',
    '(?:is|are) (?:now |currently |also )?adding',
    '(?:is|are) (?:now |currently |also |only |widely )?available (?:in|to|on|for|from)',
    '(?:is|are) (?:now |also )?offering',
    "(?:changes|updates|features|improvements|additions) (?:to (?:[\\w’'-]+ ){1,3})?include",
    '(?:has|have|had) (?:already )?warned',
    'poured (?:[\\w$€£-]+ ){1,3}into',
    '(?:vocally |publicly |openly )?supported',
    'accuses',
    'alleges',
    'lawsuits',
    'fac(?:es|ed) (?:a|an|more than|at least|dozens of|hundreds of|\\d[\\d,]*) (?:[\\w-]+ ){0,2}(?:lawsuits?|suits?|charges?|fines?|claims|investigations?|probes?|complaints)',
  ],
  'Campaigns and controversy': [
    'lobbied',
    'lobbies',
    'campaigned',
    'signed up',
    'drew (?:criticism|complaints|scrutiny|praise|fire|attention|ridicule|backlash|a )',
    'has drawn',
    'complain(?:ed|s)',
    'backlash',
    'outcry',
    'sparked',
    'triggered',
    'prompted (?:complaints|criticism|an? )',
    'faced (?:criticism|complaints|questions|scrutiny|a |an )',
    'refused to (?:sign|join|pay|release|share|hand)',
  ],
};
const FACT_VERBS = new RegExp(String.raw`\b(?:${Object.values(FACT_VERB_GROUPS).flat().join('|')})\b`, 'i');

// "had no plans to change", "does not expect": a denial, not a forecast
const NEGATED_PLAN = /\b(?:no|not any) (?:plans?|intention) to\b|\b(?:does|do|did)(?: not|n[’']t) (?:plan|intend)\b/gi;

/**
 * A forward-looking statement: a modal or plan ("will", "expects", "on track to"), a forecast verb with a
 * subject (entityEnds: offsets where mentions end), a company outlook, or a time frame in a clause not in the past.
 */
export function hasPrediction(text: string, entityEnds: number[] = [], options: { timeFrames?: boolean } = {}): boolean {
  const t = text.replace(NEGATED_PLAN, ' ');
  if (PREDICTION.test(t) || OUTLOOK.test(t) || hasForecastVerb(t, entityEnds)) return true;
  if (options.timeFrames === false) return false;
  const frame = TIME_FRAME.exec(t);
  if (!frame) return false;
  // the clause the time frame closes: back to the last comma, semicolon or "and"
  const before = t.slice(0, frame.index);
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.search(/\band\s[^,;]*$/)) + 1;
  const clause = before.slice(clauseStart);
  return !(PAST_VERB.test(clause) && !FORWARD_MODAL.test(clause));
}

function hasForecastVerb(text: string, entityEnds: number[]): boolean {
  FORECAST_VERB.lastIndex = 0;
  for (let m = FORECAST_VERB.exec(text); m; m = FORECAST_VERB.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_FORECAST_SUBJECT.test(before)) continue;
    const subject = entityEnds.some((e) => m!.index - e >= 0 && m!.index - e <= 2) || FORECAST_SUBJECT.test(before);
    if (!subject) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 50);
    // "sees" forecasts only a figure or a record ("sees $54 billion quarter"), not "sees demand"
    if (m[0].toLowerCase() === 'sees' && !/^\s+(?:[\w-]+\s+){0,3}?(?:[$€£]|\d|record\b)/.test(after)) continue;
    if (/^\s*(?:[.,;:]|$|of\b|as\b|by\b)/.test(after)) continue;
    return true;
  }
  return false;
}

/**
 * An explicit comparison: a comparative verb or "…er than", or a verb like "matches"/"rivals"
 * followed closely by a named entity (entityStarts are offsets of mentions in `text`).
 */
export function hasComparison(text: string, entityStarts: number[], options: { than?: boolean } = {}): boolean {
  if (COMPARISON_STRONG.test(text)) return !comparesWithOwnPast(text);
  if (hasRatioComparison(text, entityStarts)) return true;
  if (hasObjectComparison(text, entityStarts)) return true;
  // a person's "…er than" counts when it is quantified: "30 to 40 per cent better than Nvidia GPUs"
  if (options.than === false && !QUANTIFIED_THAN.test(text)) return false;
  THAN.lastIndex = 0;
  for (let m = THAN.exec(text); m; m = THAN.exec(text)) {
    const end = m.index + m[0].length;
    if (/^more\s+than\s+$/i.test(m[0]) || /^less\s+than\s+$/i.test(m[0]) || /^fewer\s+than\s+$/i.test(m[0])) continue; // "more than 1.3 million"
    if (entityStarts.some((s) => s >= end && s - end <= 25)) return true;
    if (
      /^(?:(?:those|that|the ones?) (?:of|from) |its |their |the |an? )?(?:[\p{L}-]+\s+){0,2}?(?:rivals?|competitors?|peers|American|US|Chinese|OpenAI|Google|\$?\d)/iu.test(
        text.slice(end, end + 40),
      )
    )
      return true;
  }
  return false;
}

// "performs at roughly 60 per cent of an Nvidia H100"
const SHARE_OF = /\b\d+(?:\.\d+)?\s*(?:%|per ?cent)\s+of\s+(?:an?\s+|the\s+|that of\s+)?/gi;

/** "compared with $22 billion a year earlier", "versus the previous quarter": a change over time, not a comparison of named things. */
function comparesWithOwnPast(text: string): boolean {
  const m = /\b(?:compared (?:with|to)|versus|vs\.?|up from|down from)\s+/i.exec(text);
  if (!m) return false;
  // only when that is the sentence's only comparison
  const rest = text.replace(m[0], ' ');
  if (COMPARISON_STRONG.test(rest)) return false;
  return OWN_PAST.test(text.slice(m.index + m[0].length));
}

function hasRatioComparison(text: string, entityStarts: number[]): boolean {
  for (const re of [RATIO, FRACTION_OF]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      const after = text.slice(end, end + 60);
      // a name in what it is measured against makes it a comparison even with a date ("the pace of AMD's last year")
      if (entityStarts.some((s) => s >= end && s - end <= 50)) return true;
      if (OWN_PAST.test(after)) continue;
      if (/\b(?:rivals?|competitors?|peers|incumbents?|the industry|the market)\b/i.test(after)) return true;
      // "a fraction of the cost" without a name still sets a price against others'
      if (re === FRACTION_OF && /^\s*(?:the |what )?(?:cost|price|what)\b/i.test(after)) return true;
    }
  }
  return false;
}

function hasObjectComparison(text: string, entityStarts: number[]): boolean {
  SHARE_OF.lastIndex = 0;
  for (let m = SHARE_OF.exec(text); m; m = SHARE_OF.exec(text)) {
    const end = m.index + m[0].length;
    if (
      entityStarts.some((s) => s >= end && s - end <= 3) &&
      /\b(?:perform|run|match|deliver|speed|fast|capab|power|as (?:good|fast))/i.test(text)
    )
      return true;
  }
  COMPARISON_WITH_OBJECT.lastIndex = 0;
  for (let m = COMPARISON_WITH_OBJECT.exec(text); m; m = COMPARISON_WITH_OBJECT.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    // "Meta’s rivals", "the lead": a noun, not a comparison; "who leads Google DeepMind" runs it
    if (/(?:[’']s|\bthe|\bits|\btheir|\bhis|\bher|\ba|\bour|\bwho|\bwhich|\bthat)\s+$/i.test(before)) continue;
    if (/^(?:rival|match)\s/i.test(m[0]) && RIVAL_NOUN_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    const end = m.index + m[0].length;
    if (entityStarts.some((s) => s >= end && s - end <= 12)) return true;
  }
  return false;
}

const SUPERLATIVE_WORD = String.raw`(?:best|worst|largest|biggest|fastest|cheapest|strongest|weakest|smartest|highest|lowest|greatest|smallest|richest|most (?:widely )?[\p{L}-]+|top-ranked|highest-ranked|leading)`;
// Rankings stated outright: "one of the fastest-growing … ever", "the largest … in history". ("Its largest model yet"
// describes what was released: a fact, not a ranking.)
const RANKING = new RegExp(
  String.raw`\b(?:one of )?the ${SUPERLATIVE_WORD}(?:[\s-]+[\p{L}\d-]+){0,5}?\s+(?:ever\b|yet\b|to date\b|so far\b|in (?:[\p{Lu}][\p{L}]*\s+){0,3}history\b|on record\b|of all time\b)` +
    String.raw`|\bone of the ${SUPERLATIVE_WORD}|\bone of the (?:fastest|quickest|slowest)-(?:growing|selling|adopted)\b|\b(?:one of )?the world[’']s ${SUPERLATIVE_WORD}`,
  'giu',
);
// a ranking tacked on after the figures: "…, the largest financing on record", "…, making it one of the fastest"
const TACKED_ON = /,\s*(?:(?:making|which (?:makes|made)|and (?:is|was)) (?:it|them|him|her) )?$/i;
// "Kimi K2 is the strongest open model": a superlative predicated of something named (entityEnds: where mentions end).
const IS_SUPERLATIVE = new RegExp(
  String.raw`^\s*(?:is|was|remains|became|has become|is now|was now)\s+(?:now\s+|still\s+)?(?:the|its|their)\s+(?:${SUPERLATIVE_WORD}|first)\b`,
  'iu',
);

/**
 * A ranking claim: the sentence says something is the best, largest, fastest-growing… With
 * `figures`, a ranking tacked on after a comma ("…valued it at $300 billion, the largest financing on
 * record", "…passed $5 billion, making it one of the fastest ramps in history") leaves the sentence to
 * its figures: the ranking of named things counts when no figure carries the sentence.
 */
export function hasRankingClaim(text: string, entityEnds: number[] = [], options: { figures?: boolean } = {}): boolean {
  RANKING.lastIndex = 0;
  for (let m = RANKING.exec(text); m; m = RANKING.exec(text)) {
    if (!(options.figures && TACKED_ON.test(text.slice(Math.max(0, m.index - 40), m.index)))) return true;
  }
  if (entityEnds.some((e) => IS_SUPERLATIVE.test(text.slice(e, e + 60)))) return true;
  // "its new model is the strongest open model": a product noun or "it" as the subject; "The round is the largest for a
  // European AI hardware company this year" (a deal or site just reported)
  const subject =
    /\b(?:it|model|system|chip|processor|accelerator|app|assistant|chatbot|round|deal|raise|investment|valuation|acquisition|cluster|campus|data cent(?:re|er)|supercomputer|facility)(?=\s+(?:is|was|remains|became|has become)\s)/gi;
  for (let m = subject.exec(text); m; m = subject.exec(text)) if (IS_SUPERLATIVE.test(text.slice(m.index + m[0].length))) return true;
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
  if (
    /\b(?:match(?:es|ed)?|rival(?:s|led)?|on (?:a )?par|keeps? pace|kept pace|comparable|as (?:good|capable|strong|smart) as|catch(?:es)? up|caught up|beat(?:s|ing)?|outperform\w*|surpass\w*|ahead of|tops?|leading)\b/i.test(
      text,
    ) &&
    /\b(?:benchmarks?|tests?|maths?|math|coding|code|reasoning|performance|leaderboard|scores?|capab\w+|state-of-the-art|model)\b/i.test(
      text,
    )
  ) {
    return 'benchmark-parity';
  }
  if (/\bfraction of (?:the )?cost\b|\bcost(?:ing)? (?:far )?less to (?:build|train)\b/i.test(text)) return 'training-cost';
  return undefined;
}

// ————— sentences that are not claims however they are worded —————

// "Perhaps X is right that …", "X may have a point": the writer's hedged opinion of someone's view.
const HEDGED_OPINION =
  /\b(?:is|are|was|were|may be|might be|could be|may well be|might well be|will prove|may prove) (?:right|wrong|correct|mistaken|onto something)\b(?: (?:that|to|about|in)\b)?|\b(?:has|may have|might have) a point\b/i;
const HEDGE_OPENER = /^(?:Perhaps|Maybe|Arguably|Possibly|Conceivably)\b/;
// "Anyone who has used X for an afternoon will understand the appeal": a generic reader and a verb of knowing.
const RHETORICAL_GENERIC =
  /^(?:(?:Even so|Still|But|And|Yet|Of course|Surely|No doubt),?\s+)?(?:Anyone|Anybody|Everyone|Everybody|No one|Nobody|Whoever|Those|People|Developers|Users|Readers|Customers|Listeners|Viewers|Fans|Investors|Shareholders|Parents|Teachers|Programmers)\b[^.;]{0,120}?\b(?:will|would|should|can|could|must)\s+(?:(?:not|never|quickly|soon|instantly|immediately|already|probably|likely|surely)\s+)?(?:understand|know|recognise|recognize|appreciate|notice|see|agree|find|feel|remember|forgive|sympathi[sz]e|wonder|get it|want to (?:know|see|hear|understand)|be (?:surprised|familiar|forgiven|unsurprised|struck|relieved|disappointed))\b/i;
// A podcast or broadcast host introducing the show or its guest.
const HOST_INTRO =
  /\b(?:my|our|this (?:week|episode|month)[’']s|today[’']s|tonight[’']s) guests? (?:is|are|was|were)\b|\b(?:joins|joined|joining) (?:us|me)\b|\bwelcome (?:back )?to (?:the|our|this) (?:show|podcast|programme|program|episode|interview)\b|\b(?:on|in) (?:the|this|today[’']s) (?:show|podcast|episode)\b/i;
// Thanks and greetings in an interview.
const COURTESY =
  /\b(?:thank(?:s| you)(?: (?:so|very) much)?(?: for (?:having|joining|coming|being|your time)\b)?|good to (?:be|have) (?:here|you)|(?:great|good|fair) question|my pleasure|a pleasure|welcome back)\b/i;

/** Opinion or rhetoric with no checkable core: hedged agreement, a generic reader who "will understand", a host's introduction. */
export function isNotAClaim(text: string, options: { significant?: boolean } = {}): boolean {
  if (HOST_INTRO.test(text)) return true;
  if (RHETORICAL_GENERIC.test(text)) return true;
  if (HEDGED_OPINION.test(text)) return true;
  // "Perhaps the bigger risk is …": a hedged view, unless a figure carries it
  if (HEDGE_OPENER.test(text) && !options.significant && !FACT_VERBS.test(text)) return true;
  // advice to the reader ("But if you haven’t picked up an Echo yet, that doesn’t mean you can’t give Alexa a go";
  // "… it only makes sense to put one in the kitchen"), unless a figure carries it
  if (READER_ADVICE.test(text) && !options.significant) return true;
  return false;
}
const READER_ADVICE = /^(?:(?:But|And|So|Now),?\s+)?if you\b|\bit (?:only |just )?makes (?:perfect |good )?sense to\b/i;

/** Thanks, greetings and other courtesies of an interview line. */
export function isCourtesy(text: string): boolean {
  return COURTESY.test(text);
}
