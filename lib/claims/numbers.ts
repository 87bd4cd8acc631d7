// Numbers with units, normalised so claims can be compared: "$60-65B" → 60e9..65e9 USD,
// "1.3 million GPUs", "2GW+" (a lower bound), "~1GW" (approximate), "1 billion people", "40%".
import type { ClaimNumber } from './types';

const WORD_VALUES: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  'a hundred': 100,
  'one hundred': 100,
  'a dozen': 12,
  dozen: 12,
  'half a': 0.5,
  'a thousand': 1000,
};
// Numbers of several words: "one hundred and fifty", "eight hundred", "twenty-five" (read by wordsValue)
const UNIT_WORDS = 'one|two|three|four|five|six|seven|eight|nine';
const TEEN_WORDS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS_WORDS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const COMPOUND_WORDS =
  `(?:${UNIT_WORDS}|a)\\s+hundred(?:(?:\\s+and)?\\s+(?:(?:${TENS_WORDS})(?:-(?:${UNIT_WORDS}))?|${TEEN_WORDS}|${UNIT_WORDS})(?![\\p{L}-]))?` +
  `|(?:${TENS_WORDS})-(?:${UNIT_WORDS})`;
const WORDS = `${COMPOUND_WORDS}|a dozen|half a|a thousand|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|one|two|three|four|five|six|seven|eight|nine|ten|an|a`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;
const SCALE_WORDS = `thousand|million|billion|trillion|mln|mn|bn|tn`;
const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  t: 1e12,
};
const CURRENCY = String.raw`US\$|USD\s?|HK\$|A\$|C\$|\$|€|£|¥|₹|RMB\s?`;
const CURRENCY_UNITS: Record<string, string> = {
  us$: 'USD',
  usd: 'USD',
  $: 'USD',
  hk$: 'HKD',
  a$: 'AUD',
  c$: 'CAD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  rmb: 'CNY',
};

// One number, a scale, an optional range and a "+" (attached single-letter scales: "$5.6M", "671B").
const NUMBER_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,])(?<cur>${CURRENCY})?(?<a>${DIGITS}|(?:${WORDS})(?=\s))` +
    String.raw`(?:(?<sa1>[kKmMbBtT])(?![\p{L}\p{N}])|\s?(?<sa2>${SCALE_WORDS})(?![\p{L}]))?` +
    String.raw`(?:\s?(?<sep>[-–—]|to|or)\s?(?<cur2>${CURRENCY})?(?<b>${DIGITS}|(?:${WORDS})(?=\s))` +
    String.raw`(?:(?<sb1>[kKmMbBtT])(?![\p{L}\p{N}])|\s?(?<sb2>${SCALE_WORDS})(?![\p{L}]))?)?(?<plus>\+)?`,
  'giu',
);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?';
const DATE_RE = new RegExp(
  String.raw`\b(?:(?<m1>${MONTH_RE})\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y1>(?:19|20)\d\d))?|(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?<m2>${MONTH_RE})(?:,?\s+(?<y2>(?:19|20)\d\d))?|(?<m3>${MONTH_RE})\s+(?<y3>(?:19|20)\d\d))\b`,
  'g',
);

// What follows a number and names its unit (up to two words in between: "50,000 Nvidia processors").
const FILLER = String.raw`(?:(?:[A-Z][\w.-]*|H\d+s?|[Aa]dvanced|graphics|total|active|paying|new|monthly|weekly|daily|registered|more|additional|high-end|cutting-edge|specialised|specialized|AI|computing|input|output|of)\s+){0,2}`;
const UNIT_PATTERNS: [RegExp, string][] = [
  [/^\s?(?:GW|gigawatts?)\b/i, 'GW'],
  [/^\s?(?:MW|megawatts?)\b/i, 'MW'],
  [/^\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)/i, 'percent'],
  [/^\s?(?:x|×)(?![\p{L}])/u, 'x'],
  [/^\s?times\b/i, 'x'],
  [
    new RegExp(
      String.raw`^\s+${FILLER}(?:GPUs?|chips?|processors?|accelerators?|graphics cards|TPUs?|H100s|H800s|H20s|A100s|B200s|GB200s|superchips?)\b`,
    ),
    'GPU',
  ],
  [new RegExp(String.raw`^\s+${FILLER}(?:GPU[- ]hours?|hours of (?:GPU |computing |compute )?(?:time|compute|computing))\b`), 'GPU-hours'],
  [new RegExp(String.raw`^\s+${FILLER}(?:parameters?|params)\b`), 'parameters'],
  [new RegExp(String.raw`^\s+${FILLER}(?:users?|people|customers|subscribers|members|visitors|downloads|developers)\b`), 'users'],
  [new RegExp(String.raw`^\s+${FILLER}tokens?\b`), 'tokens'],
  [new RegExp(String.raw`^\s+${FILLER}(?:employees|staff|workers|researchers|engineers)\b`), 'employees'],
  [/^\s+(?:dollars)\b/i, 'USD'],
  [/^\s+(?:yuan|renminbi)\b/i, 'CNY'],
  [/^\s+(?:euros?)\b/i, 'EUR'],
  [/^\s+(?:pounds sterling|pounds)\b/i, 'GBP'],
  [/^\s+(?:years?)\b/i, 'years'],
  [/^\s+(?:months?)\b/i, 'months'],
  [/^\s+(?:weeks?)\b/i, 'weeks'],
  [/^\s+(?:days?)\b/i, 'days'],
  [/^\s+(?:hours?)\b/i, 'hours'],
];

const APPROX_BEFORE =
  /(?:\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|\bclose to|\bsome|\ban estimated|\bestimated|\bcirca|~|≈|\bjust under|\bjust over|\bmore or less|\ban? (?:reported|rumou?red)|\breportedly)\s*$/i;
const AT_LEAST_BEFORE =
  /(?:\bmore than|\bover|\bat least|\bupwards of|\bin excess of|\bnorth of|\babove|\bexceeding|\bno fewer than|\bno less than|\bupward of)\s*$/i;
const AT_MOST_BEFORE =
  /(?:\bup to|\bas much as|\bas many as|\bas high as|\bless than|\bfewer than|\bunder|\bno more than|\bat most|\bbelow)\s*$/i;
const AT_LEAST_AFTER = /^\s*(?:\+|or more\b|and up\b|plus\b)/i;

function parseValue(s: string): number {
  const lower = s.toLowerCase().replace(/\s+/g, ' ');
  if (lower in WORD_VALUES) return WORD_VALUES[lower];
  if (/^[a-z -]+$/.test(lower)) return wordsValue(lower);
  return Number(lower.replace(/,/g, ''));
}

/** "one hundred and fifty" → 150, "eight hundred" → 800, "twenty-five" → 25. */
function wordsValue(words: string): number {
  let total = 0;
  for (const w of words.split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'hundred') total = (total || 1) * 100;
    else if (w in WORD_VALUES) total += WORD_VALUES[w];
    else return Number.NaN;
  }
  return total;
}

/** The rounding step a figure was written to: "5.6" → 0.1, "2,000" → 1000, "6" → 1. */
function roundingStep(s: string): number {
  const digits = s.replace(/,/g, '');
  if (!/^\d*\.?\d+$/.test(digits)) return 1;
  const dot = digits.indexOf('.');
  if (dot >= 0) return 10 ** -(digits.length - dot - 1);
  // "2,000" was probably rounded to the hundred; "60" is probably exact
  const trailing = /0*$/.exec(digits)![0].length;
  return 10 ** Math.max(0, Math.min(trailing, digits.length - 1) - 1);
}

export interface FoundNumber extends ClaimNumber {
  /** offsets into the sentence */
  start: number;
  end: number;
  /** rounding half-width, in the normalised unit */
  tolerance: number;
}

function scaleOf(letter?: string, word?: string): number {
  const key = (letter ?? word ?? '').toLowerCase();
  return key ? (SCALES[key] ?? 1) : 1;
}

function isYear(n: number, raw: string): boolean {
  return /^(?:19|20)\d\d$/.test(raw) && n >= 1900 && n <= 2100;
}

/** Finds and normalises the numbers in one sentence (offsets relative to the sentence). */
export function findNumbers(sentence: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);

  findDates(sentence, out, taken);

  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(sentence); m; m = NUMBER_RE.exec(sentence)) {
    if (!m[0].trim()) {
      NUMBER_RE.lastIndex++;
      continue;
    }
    const found = figureAt(sentence, m, out[out.length - 1], overlaps);
    if (!found) continue;
    taken.push([found.start, found.end]);
    out.push(found);
  }
  findFolds(sentence, out, overlaps);
  findVagueSums(sentence, out, overlaps);
  return out.sort((x, y) => x.start - y.start);
}

/** Dates ("May 5, 2025"): each takes its span; only those with a year are kept. */
function findDates(sentence: string, out: FoundNumber[], taken: [number, number][]): void {
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(sentence); m; m = DATE_RE.exec(sentence)) {
    const g = m.groups!;
    const monthName = (g.m1 ?? g.m2 ?? g.m3 ?? '').toLowerCase().replace('.', '');
    const month = MONTHS.findIndex((name) => name.startsWith(monthName.slice(0, 3))) + 1;
    const year = Number(g.y1 ?? g.y2 ?? g.y3 ?? 0);
    const day = Number(g.d1 ?? g.d2 ?? 0);
    if (!month || (day && (day < 1 || day > 31))) continue;
    // "May 5" is a date, but "may" the verb is not: require a capital M for "May".
    if (monthName === 'may' && !/^May/.test(m[0])) continue;
    taken.push([m.index, m.index + m[0].length]);
    if (!year) continue; // a day without a year cannot be compared across articles
    const from = year * 10000 + month * 100 + (day || 1);
    const to = year * 10000 + month * 100 + (day || 31);
    out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], min: from, max: to, unit: 'date', tolerance: 0 });
  }
}

/** One figure matched by NUMBER_RE, normalised, or none when it says too little on its own. */
function figureAt(
  sentence: string,
  m: RegExpExecArray,
  previous: FoundNumber | undefined,
  overlaps: (a: number, b: number) => boolean,
): FoundNumber | undefined {
  const g = m.groups!;
  const start = m.index;
  const end = m.index + m[0].length;
  if (overlaps(start, end)) return undefined;
  const isWordA = !/\d/.test(g.a);
  let scaleA = scaleOf(g.sa1, g.sa2);
  const hasB = g.b !== undefined;
  let scaleB = hasB ? scaleOf(g.sb1, g.sb2) : scaleA;
  // "$60-65B": the scale written once applies to both ends; "60 billion to 65 billion" has both.
  if (hasB && scaleA === 1 && scaleB !== 1) scaleA = scaleB;
  if (hasB && scaleB === 1 && scaleA !== 1 && !(g.sb1 || g.sb2)) scaleB = scaleA;
  const after = sentence.slice(end, end + 80);
  const written = writtenUnit(g, after, end, scaleA, scaleB);
  const { unit, unitEnd, currency } = written;
  scaleA = written.scaleA;
  scaleB = written.scaleB;
  const rawA = g.a;
  const rawB = g.b;
  const a = parseValue(rawA);
  const b = hasB ? parseValue(rawB) : a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  // Word numbers ("a", "two") count only with a scale or unit: "two years", "a billion people".
  if (isWordA && scaleA === 1 && !unit) return undefined;
  // "a choice", "an engineer": the article is a number only before a scale ("a billion people")
  if (/^an?$/i.test(rawA) && scaleA === 1) return undefined;
  const before = sentence.slice(Math.max(0, start - 40), start);
  let min = a * scaleA;
  let max = b * scaleB;
  if (max < min) [min, max] = [max, min];
  let resolvedUnit = unit;
  if (!resolvedUnit) {
    if (isYear(a, rawA) && (!hasB || isYear(b, rawB)) && scaleA === 1 && !currency) resolvedUnit = 'year';
    else if (scaleA !== 1 || min >= 10) resolvedUnit = 'count';
    else return undefined; // small bare numbers ("3", "one") say little on their own
  }
  if (resolvedUnit === 'MW') {
    min /= 1000;
    max /= 1000;
    resolvedUnit = 'GW';
  }
  // "hundreds of thousands": vague, skip; "tens of billions of dollars" is handled below.
  if (resolvedUnit === 'count' && /\b(?:hundreds|thousands|tens|dozens)\s+of\s*$/i.test(before)) return undefined;
  const step = Math.max(roundingStep(rawA.replace(/^\./, '0.')) * scaleA, hasB ? roundingStep(rawB) * scaleB : 0);
  const found: FoundNumber = {
    start,
    end: Math.max(end, unitEnd),
    raw: '',
    min,
    max,
    unit: resolvedUnit,
    tolerance: resolvedUnit === 'year' || resolvedUnit === 'date' ? 0 : step / 2,
  };
  markModifiers(found, sentence, g, before, after, start, unitEnd, resolvedUnit);
  // "up from 400 million": a bare figure compared with the one before it shares its unit
  if (
    resolvedUnit === 'count' &&
    previous &&
    previous.unit !== 'year' &&
    previous.unit !== 'date' &&
    /\b(?:up|down|rising|falling|compared) (?:from|with|to)\s*$|\bfrom\s*$/i.test(before)
  ) {
    found.unit = previous.unit;
  }
  found.raw = sentence.slice(found.start, found.end).trim();
  return found;
}

/** The unit written after a figure or its currency; a per-token price rescales both ends. */
function writtenUnit(
  g: Record<string, string>,
  after: string,
  end: number,
  scaleA: number,
  scaleB: number,
): { unit: string | undefined; unitEnd: number; currency: string | undefined; scaleA: number; scaleB: number } {
  let unit: string | undefined;
  let unitEnd = end;
  for (const [re, name] of UNIT_PATTERNS) {
    const um = re.exec(after);
    if (um) {
      unit = name;
      unitEnd = end + um[0].length;
      break;
    }
  }
  const currency = g.cur ?? g.cur2;
  if (currency) unit = CURRENCY_UNITS[currency.trim().toLowerCase()] ?? 'USD';
  // "$0.55 per million input tokens": a price per token volume.
  if (currency) {
    const per =
      /^\s*(?:per|a|for every|for each)\s+(?:(million|thousand|billion|1M|1K)\s+)?(?:(?:input|output|generated)\s+)?tokens?\b/i.exec(after);
    if (per) {
      unit = `${unit}/1M tokens`;
      unitEnd = end + per[0].length;
      const per1 = (per[1] ?? '').toLowerCase();
      const divisor = per1 === 'thousand' || per1 === '1k' ? 1e-3 : per1 === 'billion' ? 1e3 : 1;
      scaleA /= divisor;
      scaleB /= divisor;
    }
  }
  return { unit, unitEnd, currency, scaleA, scaleB };
}

/** "about", "at least", "more than", "up to", "+": the figure's modifiers, which join its span. */
function markModifiers(
  found: FoundNumber,
  sentence: string,
  g: Record<string, string>,
  before: string,
  after: string,
  start: number,
  unitEnd: number,
  resolvedUnit: string,
): void {
  if (APPROX_BEFORE.test(before)) found.approx = true;
  const atLeastBefore = AT_LEAST_BEFORE.exec(before);
  const duration = ['years', 'months', 'weeks', 'days', 'hours'].includes(resolvedUnit);
  if (g.plus || AT_LEAST_AFTER.test(after) || AT_LEAST_AFTER.test(sentence.slice(unitEnd, unitEnd + 10)) || (atLeastBefore && !duration))
    found.atLeast = true;
  const atMostBefore = AT_MOST_BEFORE.exec(before);
  if (atMostBefore && !found.atLeast && !duration) found.atMost = true;
  // the modifier belongs to the figure as written: "more than 1.3 million GPUs"
  const modifier = duration ? undefined : (atLeastBefore ?? atMostBefore ?? APPROX_BEFORE.exec(before))?.[0];
  if (modifier && /\S/.test(modifier)) start -= modifier.length;
  found.start = Math.max(0, start);
  if (AT_LEAST_AFTER.test(sentence.slice(unitEnd, unitEnd + 10)) && sentence[unitEnd] === '+') found.end = unitEnd + 1;
}

/** "tenfold", "a 3-fold rise": a ratio */
function findFolds(sentence: string, out: FoundNumber[], overlaps: (a: number, b: number) => boolean): void {
  const fold = /\b(?:(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold|(\d+(?:\.\d+)?)-fold)\b/gi;
  for (let m = fold.exec(sentence); m; m = fold.exec(sentence)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const value = m[1] ? WORD_VALUES[m[1].toLowerCase()] : Number(m[2]);
    if (!value) continue;
    const approx = APPROX_BEFORE.test(sentence.slice(Math.max(0, m.index - 40), m.index));
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      raw: m[0],
      min: value,
      max: value,
      unit: 'x',
      tolerance: 0,
      ...(approx ? { approx: true } : {}),
    });
  }
}

/** "tens of billions of dollars" / "hundreds of billions": vague orders of magnitude. */
function findVagueSums(sentence: string, out: FoundNumber[], overlaps: (a: number, b: number) => boolean): void {
  const vague = /\b(tens|hundreds)\s+of\s+(millions|billions|trillions)(\s+of\s+dollars)?/gi;
  for (let m = vague.exec(sentence); m; m = vague.exec(sentence)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const scale = SCALES[m[2].toLowerCase().replace(/s$/, '')];
    const factor = m[1].toLowerCase() === 'tens' ? 10 : 100;
    const dollars =
      Boolean(m[3]) ||
      (/^\s*(?:in|on|for|of)\s/.test(sentence.slice(m.index + m[0].length)) && /\$|dollar|spend|invest|cost/i.test(sentence));
    if (!dollars) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      raw: m[0],
      min: factor * scale * 2,
      max: factor * scale * 9.9,
      unit: 'USD',
      approx: true,
      tolerance: 0,
    });
  }
}

// ————— metric guessing —————

/** Metrics that measure the same kind of thing; numbers within a family can be compared. */
export const METRIC_FAMILIES: Record<string, string> = {
  'training-cost': 'model-cost',
  'hardware-spend': 'model-cost',
  users: 'users',
  'monthly-users': 'users',
  'weekly-users': 'users',
  'daily-users': 'users',
};

export function metricFamily(metric: string | undefined): string | undefined {
  if (!metric) return undefined;
  return METRIC_FAMILIES[metric] ?? metric;
}

// Money: the nearest cue in the same clause decides what the figure measures.
const MONEY_CUES: [RegExp, string][] = [
  [/\bcapex\b|\bcapital (?:expenditures?|spending|investment)|\binfrastructure\b|\bdata cent(?:re|er)s?\b/gi, 'capex'],
  [
    /\btrain(?:ed|ing|s)?\b|\bto build\b|\bbuilt\b|\bdevelop(?:ed|ing|ment)?\b|\bthe (?:real |true |full |total )?bill\b/gi,
    'training-cost',
  ],
  [/\bhardware\b|\bservers?\b|\bchips?\b|\bGPUs?\b|\bclusters?\b/gi, 'hardware-spend'],
  [/\bvalu(?:ed|ation|ing|es)\b|\bworth\b|\bmarket (?:value|cap(?:itali[sz]ation)?)\b/gi, 'valuation'],
  [
    /\braised?\b|\braising\b|\bfunding\b|\bround\b|\binvest(?:ed|ment|s)? in\b|\bbacked\b|\bstake\b|\bpledged?\b|\bcommit(?:ted|ment)\b/gi,
    'funding',
  ],
  [/\brevenue\b|\bsales\b|\bannuali[sz]ed\b|\brun[- ]rate\b|\bturnover\b|\bearn(?:s|ed|ings)?\b/gi, 'revenue'],
  [/\bper (?:month|year|user|seat|hour)\b|\bsubscription\b|\bpric(?:e|es|ed|ing)\b|\bcharg(?:es|ed|ing)\b|\ba month\b/gi, 'price'],
  [/\b(?:a|one-off|one-time) charge\b|\bwrite-?down\b|\bimpairment\b/gi, 'charge'],
  [/\bacqui(?:red?|sition)\b|\bbought\b|\bbuy(?:s|ing)?\b|\bdeal\b|\btakeover\b/gi, 'acquisition'],
  [/\bwip(?:ed|ing)\b|\blost\b|\bloss\b|\bshares? fell\b|\bsell-?off\b/gi, 'market-value-change'],
  [/\bspend(?:s|ing)?\b|\bspent\b|\binvest(?:s|ed|ing|ment)?\b|\bcost(?:s|ing)?\b|\bbudget\b/gi, 'spending'],
];

function nearestCue(sentence: string, at: number, end: number, cues: [RegExp, string][]): string | undefined {
  // limit to the clause around the number: stop at ";" and at sentence-internal colons
  const left = Math.max(sentence.lastIndexOf(';', at), sentence.lastIndexOf(':', at)) + 1;
  let right = sentence.length;
  for (const ch of [';', ':']) {
    const i = sentence.indexOf(ch, end);
    if (i >= 0 && i < right) right = i;
  }
  const clause = sentence.slice(left, right);
  let best: { metric: string; distance: number; order: number } | undefined;
  cues.forEach(([re, metric], order) => {
    re.lastIndex = 0;
    for (let m = re.exec(clause); m; m = re.exec(clause)) {
      const s = left + m.index;
      const e = s + m[0].length;
      const distance = e <= at ? at - e : s >= end ? s - end : 0;
      if (!best || distance < best.distance || (distance === best.distance && order < best.order)) best = { metric, distance, order };
    }
  });
  return best && best.distance <= 90 ? best.metric : undefined;
}

/** Guesses what a number measures from its unit and the words around it. */
export function guessMetric(sentence: string, n: FoundNumber): string | undefined {
  const near = sentence.slice(Math.max(0, n.start - 80), Math.min(sentence.length, n.end + 80));
  switch (n.unit) {
    case 'GPU':
      return 'gpus';
    case 'GPU-hours':
      return 'compute-hours';
    case 'GW':
      return /\bdata cent(?:re|er)s?\b|\bcampus\b|\bsite\b|\bfacility\b/i.test(sentence.slice(n.end, n.end + 40))
        ? 'data-center-gw'
        : 'compute-gw';
    case 'parameters':
      return 'parameters';
    case 'users':
      if (/\bmonthly\b/i.test(near)) return 'monthly-users';
      if (/\bweekly\b/i.test(near)) return 'weekly-users';
      if (/\bdaily\b/i.test(near)) return 'daily-users';
      if (/\bdownloads?\b|\bdevelopers\b|\bcustomers\b/i.test(sentence.slice(n.start, n.end + 20))) return undefined;
      return 'users';
    case 'tokens':
      return /\bcontext\b|\bwindow\b/i.test(near) ? 'context-window' : undefined;
    case 'percent':
      if (/\bstake\b|\bownership\b/i.test(near)) return 'stake';
      if (/\bshares?\b|\bstock\b/i.test(near)) return 'share-price-change';
      if (/\bof (?:the )?code\b/i.test(near)) return 'ai-written-code';
      if (/\bmarket share\b/i.test(near)) return 'market-share';
      if (/\bbenchmark|\bscore[sd]?\b|\baccuracy\b|\bAIME\b|\bMMLU\b|\bSWE-bench\b|\bGPQA\b/i.test(near)) return 'benchmark-score';
      return undefined;
    case 'employees':
      return 'headcount';
    case 'USD/1M tokens':
    case 'CNY/1M tokens':
    case 'EUR/1M tokens':
      return 'price';
    case 'USD':
    case 'EUR':
    case 'GBP':
    case 'CNY':
    case 'JPY':
    case 'HKD':
    case 'INR':
    case 'AUD':
    case 'CAD': {
      // a "$6 million AI" / "$5.6M model": the price tag of the model itself
      if (/^[’'"”]?\s*(?:AI|model|chatbot|system)\b/.test(sentence.slice(n.end, n.end + 12))) return 'training-cost';
      const metric = nearestCue(sentence, n.start, n.end, MONEY_CUES);
      if (metric === 'spending' && /\b(?:this|next|the) year\b|\bin 20\d\d\b|\bannual/i.test(sentence)) return 'capex';
      return metric === 'spending' ? undefined : metric;
    }
    default:
      return undefined;
  }
}

// ————— comparing numbers —————

function interval(n: ClaimNumber & { tolerance?: number }): [number, number] {
  const width = n.tolerance ?? 0;
  const rel = n.approx ? 0.12 : 0.02;
  let lo = n.min - width - Math.abs(n.min) * rel;
  let hi = n.max + width + Math.abs(n.max) * rel;
  if (n.atLeast) hi = Infinity;
  if (n.atMost) lo = -Infinity;
  return [lo, hi];
}

/** Reconstructs a rounding tolerance for a stored number from its raw text when it has one. */
export function toleranceOf(n: ClaimNumber & { tolerance?: number }): number {
  if (typeof n.tolerance === 'number') return n.tolerance;
  if (!n.raw) return 0;
  const m = /(\d[\d,]*(?:\.\d+)?)/.exec(n.raw);
  if (!m || !n.min) return 0;
  const value = Number(m[1].replace(/,/g, ''));
  if (!value) return 0;
  const scale = n.min / value;
  return (roundingStep(m[1]) * (Number.isFinite(scale) && scale > 0 ? scale : 1)) / 2;
}

/** Two figures in the same unit agree when they overlap once rounding, "about" and "more than" are allowed for. */
export function numbersAgree(a: ClaimNumber & { tolerance?: number }, b: ClaimNumber & { tolerance?: number }): boolean {
  if (a.unit !== b.unit) return false;
  const [alo, ahi] = interval({ ...a, tolerance: toleranceOf(a) });
  const [blo, bhi] = interval({ ...b, tolerance: toleranceOf(b) });
  return alo <= bhi && blo <= ahi;
}

/**
 * Compares the figures of two claims for the same metric family: 'agree' when some pair agrees,
 * 'disagree' when comparable pairs exist and none agree, 'none' when nothing is comparable.
 */
export function compareNumbers(a: ClaimNumber[], b: ClaimNumber[], family?: string): 'agree' | 'disagree' | 'none' {
  let comparable = false;
  for (const x of a) {
    if (x.unit === 'date' || x.unit === 'year' || x.unit === 'count') continue;
    for (const y of b) {
      if (x.unit !== y.unit) continue;
      if (family && x.metric && y.metric && metricFamily(x.metric) !== family && metricFamily(y.metric) !== family) continue;
      if (family && ((x.metric && metricFamily(x.metric) !== family) || (y.metric && metricFamily(y.metric) !== family))) continue;
      comparable = true;
      if (numbersAgree(x, y)) return 'agree';
    }
  }
  return comparable ? 'disagree' : 'none';
}

const SHORT_SCALES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function shortValue(v: number): string {
  for (const [scale, suffix] of SHORT_SCALES) {
    if (Math.abs(v) >= scale) return `${Number((v / scale).toFixed(2))}${suffix}`;
  }
  return String(Number(v.toFixed(2)));
}

/** Compact display: "$60B–$65B", "1.3M GPUs+", "~1 GW", "40%". */
export function formatNumber(n: ClaimNumber): string {
  const prefix = n.approx ? '~' : n.atMost ? '≤' : '';
  const suffix = n.atLeast ? '+' : '';
  if (n.unit === 'date') {
    const fmt = (v: number) =>
      `${Math.floor(v / 10000)}-${String(Math.floor(v / 100) % 100).padStart(2, '0')}-${String(v % 100).padStart(2, '0')}`;
    return n.min === n.max ? fmt(n.min) : n.raw;
  }
  if (n.unit === 'year') return n.min === n.max ? String(n.min) : `${n.min}–${n.max}`;
  const money = /^(USD|EUR|GBP)(\/1M tokens)?$/.exec(n.unit);
  if (money) {
    const sym = { USD: '$', EUR: '€', GBP: '£' }[money[1]]!;
    const range = n.min === n.max ? `${sym}${shortValue(n.min)}` : `${sym}${shortValue(n.min)}–${sym}${shortValue(n.max)}`;
    return `${prefix}${range}${suffix}${money[2] ? ' per 1M tokens' : ''}`;
  }
  const range = n.min === n.max ? shortValue(n.min) : `${shortValue(n.min)}–${shortValue(n.max)}`;
  if (n.unit === 'percent') return `${prefix}${range}%${suffix}`;
  if (n.unit === 'x') return `${prefix}${range}×${suffix}`;
  if (n.unit === 'GW') return `${prefix}${range} GW${suffix}`;
  if (n.unit === 'count') return `${prefix}${range}${suffix}`;
  const unitName = n.unit === 'GPU' ? (n.min === 1 && n.max === 1 ? 'GPU' : 'GPUs') : n.unit;
  return `${prefix}${range}${suffix} ${unitName}`;
}
