// When a prediction says it will come true, read from its wording: "in 2025", "by the end of the
// year", "within 18 months", "next year", "in three to six months". Relative phrases count from
// the article's date. Pure: no clock, no browser.
//
// Conventions (a target is a deadline, so a span resolves to its end):
// - a range ("three to six months", "2025–2026", "one to five years") takes its upper bound;
// - "early" → March, "mid" / "first half" → June, "second half" / "late" / "end of" → December,
//   quarters → their last month, seasons → summer Aug, spring May, autumn/fall Nov;
// - "this year" / "next year" / "in 2027" give a year only; "within N months" gives year and month;
// - "within N years" gives a year only (the article's year + N);
// - "by the end of the decade" → the decade's last year + 1 (2020s → 2030), "the next decade" → +10 years;
// - nothing datable ("soon", "one day", "eventually") → null.

export interface TargetDate {
  year: number;
  /** 1–12 when the wording names a month or a span that ends in one */
  month?: number;
  /** the words it was read from */
  phrase: string;
  /** read from a relative phrase ("next year", "within 18 months") rather than a stated year */
  relative: boolean;
}

export interface ArticleDate {
  year: number;
  /** 1–12 */
  month: number;
}

/** ms since epoch, an ISO date ("2025-01-26", "2025-01-26T08:00:00-08:00") or a Date → year and month (UTC). */
export function articleDateOf(value: number | string | Date): ArticleDate | null {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})/.exec(value.trim());
    if (m) return { year: Number(m[1]), month: Number(m[2]) };
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, 'twenty-four': 24, 'thirty-six': 36, dozen: 12, 'a dozen': 12,
  'a couple of': 2, 'a couple': 2, couple: 2, 'a few': 3, few: 3,
};
// "several" and "a handful of" are left vague on purpose: no date rather than a guessed one
const NUM = String.raw`(?:\d{1,3}(?:\.\d)?|a couple(?: of)?|a few|a dozen|twenty-four|thirty-six|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|an?)`;
const UNIT = String.raw`(days?|weeks?|months?|quarters?|years?|decades?)`;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;

function num(word: string): number {
  const w = word.toLowerCase().trim();
  if (/^\d/.test(w)) return Number(w);
  return SMALL[w] ?? NaN;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3))) + 1;
}

/** "early" / "mid" / "late" / "end of" / "first half"… → the month a span ends in */
function partMonth(part: string | undefined): number | undefined {
  if (!part) return undefined;
  const p = part.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^early summer$/.test(p)) return 6;
  if (/^late summer$/.test(p)) return 9;
  if (/^early spring$/.test(p)) return 3;
  if (/^late spring$/.test(p)) return 6;
  if (/^early (?:autumn|fall)$/.test(p)) return 9;
  if (/^(?:the )?(?:end|close)(?: of)?$|^late$|^(?:the )?(?:second|latter|back) half(?: of)?$|^(?:the )?last quarter(?: of)?$|^(?:the )?fourth quarter(?: of)?$|^q4$|^year-end$|^(?:the )?end-of$/.test(p)) return 12;
  if (/^early$|^(?:the )?(?:start|beginning)(?: of)?$|^(?:the )?first quarter(?: of)?$|^q1$/.test(p)) return 3;
  if (/^mid$|^(?:the )?middle(?: of)?$|^(?:the )?first half(?: of)?$|^(?:the )?second quarter(?: of)?$|^q2$/.test(p)) return 6;
  if (/^(?:the )?third quarter(?: of)?$|^q3$/.test(p)) return 9;
  if (/^(?:the )?summer(?: of)?$/.test(p)) return 8;
  if (/^(?:the )?spring(?: of)?$/.test(p)) return 5;
  if (/^(?:the )?(?:autumn|fall)(?: of)?$/.test(p)) return 11;
  if (/^(?:the )?winter(?: of)?$/.test(p)) return 12;
  return undefined;
}

function addMonths(from: ArticleDate, months: number): { year: number; month: number } {
  const index = from.year * 12 + (from.month - 1) + Math.round(months);
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

interface Candidate {
  index: number;
  target: Omit<TargetDate, 'phrase'>;
  phrase: string;
  /** the wording marks it as a deadline or a future time ("by", "within", "next") */
  future: boolean;
}

const PART = String.raw`(early|mid|late|the end of|end of|the close of|the start of|the beginning of|the middle of|the first half of|first half of|the second half of|second half of|the latter half of|the first quarter of|first quarter of|the second quarter of|second quarter of|the third quarter of|third quarter of|the fourth quarter of|fourth quarter of|the last quarter of|q[1-4]|the summer of|(?:early |late )?(?:summer|spring|autumn|fall|winter)|end)`;

type Rule = (text: string, at: ArticleDate) => Candidate[];

const HAS_DECADE = /decade/i;
const HAS_DIGITS = /\d{3}/;
const HAS_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const HAS_YEARISH = /year|summer|spring|autumn|fall|winter/i;
const HAS_SEASON = /summer|spring|autumn|fall/i;
const HAS_MONTH_OR_QUARTER = /month|quarter/i;
const HAS_UNIT = /(?:day|week|month|quarter|year|decade)s?\b/i;

function all(re: RegExp, text: string, make: (m: RegExpExecArray) => Omit<Candidate, 'index' | 'phrase'> | null): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(re)) {
    const made = make(m as RegExpExecArray);
    if (made) out.push({ ...made, index: m.index!, phrase: m[0].trim() });
  }
  return out;
}

const FUTURE_CUE = String.raw`(?:by|before|until|till|no later than|within|in|during|over|for|through|throughout|starting|from|as (?:early|soon) as|around|circa|about|targeting|target(?:ed|s)? for|set for|scheduled for|due (?:in|by)|slated for|arrive in|on track for)`;

const rules: Rule[] = [
  // "end of the decade", "by the end of this decade"
  (t, at) =>
    all(/\b(?:by |before |until )?(?:the )?end of (?:the|this) decade\b/gi, t, () => ({
      target: { year: Math.floor(at.year / 10) * 10 + 10, relative: true },
      future: true,
    })),
  // "within the next decade", "in the next ten years" handled by the N-unit rule; "over the next decade"
  (t, at) =>
    all(/\b(?:within|in|over|during) (?:the )?(?:next|coming) decade\b/gi, t, () => ({ target: { year: at.year + 10, relative: true }, future: true })),
  // "the early 2030s", "by the mid-2030s", "in the 2030s"
  (t) =>
    all(/\b(?:(by|before|in|during|until) )?(?:the )?(?:(early|mid|late)[- ])?(\d{3})0s\b/gi, t, (m) => {
      const decade = Number(m[3]) * 10;
      if (decade < 1990) return null;
      const part = m[2]?.toLowerCase();
      const year = part === 'early' ? decade + 3 : part === 'mid' ? decade + 5 : part === 'late' ? decade + 9 : m[1]?.toLowerCase() === 'by' ? decade : decade + 9;
      return { target: { year, relative: false }, future: true };
    }),
  // "2025 to 2026", "2025–26", "between 2026 and 2027", "2026 or 2027"
  (t) =>
    all(/\b(20\d{2}|19\d{2})\s*(?:-|–|—|to|or|and|through)\s*(20\d{2}|\d{2})\b(?!\s*(?:per ?cent|%))/gi, t, (m) => {
      const a = Number(m[1]);
      const b = m[2].length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
      if (b <= a || b - a > 30) return null;
      return { target: { year: b, relative: false }, future: true };
    }),
  // "by the end of 2025", "in early 2026", "in the second half of 2026", "Q3 2025", "mid-2027", "summer 2025"
  (t) =>
    all(new RegExp(String.raw`\b${PART}[- ](?:of )?(?:the year )?((?:19|20)\d{2})\b`, 'gi'), t, (m) => ({
      target: { year: Number(m[2]), month: partMonth(m[1].replace(/ of$/i, '')), relative: false },
      future: true,
    })),
  // "by June 2026", "in March 2025", "by September"
  (t, at) =>
    all(new RegExp(String.raw`\b(${FUTURE_CUE} )?(?:the end of |late |early |mid-)?${MONTH_RE}\.?(?: (\d{1,2})(?:st|nd|rd|th)?,?)?(?: ((?:19|20)\d{2}))?\b`, 'gi'), t, (m) => {
      const month = monthIndex(m[2]);
      if (!month) return null;
      // "may" and "march" are also verbs: only with a year or a deadline word
      if (!m[4] && !m[1]) return null;
      if (!m[4] && /^(?:may|mar)$/i.test(m[2]) && !/\b(?:by|before|until|in)\b/i.test(m[1] ?? '')) return null;
      if (!m[4] && !/^(?:by|before|until|till|no later than|in|during|from|starting|as early as|as soon as|around|targeting|set for|scheduled for|due by|due in|slated for)\b/i.test((m[1] ?? '').trim())) return null;
      const year = m[4] ? Number(m[4]) : month >= at.month ? at.year : at.year + 1;
      return { target: { year, month, relative: !m[4] }, future: true };
    }),
  // a bare year: "in 2025", "by 2030", "2027"
  (t, at) =>
    all(new RegExp(String.raw`\b(?:(${FUTURE_CUE}) )?(?:the (?:year )?)?((?:19|20|21)\d{2})\b(?!\s*(?:-|–|to|or|and|through)\s*\d)(?![\d,]*\s*(?:per ?cent|%|GPUs?|chips|people|users|employees|jobs))`, 'gi'), t, (m) => {
      const year = Number(m[2]);
      if (year < 1990 || year > at.year + 100) return null;
      return { target: { year, relative: false }, future: Boolean(m[1]) && year >= at.year };
    }),
  // "this year", "later this year", "by the end of the year", "by year-end", "next year", "early next year",
  // "the end of next year", "the second half of this year", "this summer", "next spring"
  (t, at) =>
    all(new RegExp(String.raw`\b(?:(?:by |before |until |in |during |for |over )?${PART}[- ]?)?(?:(this|next|the coming|the following|last) (year|summer|spring|autumn|fall|winter)|(?:the )?(year)(?:[- ]end)?(?! ago| of)|(year-end|end-of-year))\b`, 'gi'), t, (m) => {
      const part = m[1]?.replace(/ of$/i, '');
      const which = m[2]?.toLowerCase();
      const unit = (m[3] ?? m[4] ?? m[5] ?? '').toLowerCase();
      if (which === 'last') return null;
      if (unit === 'year' && !which) {
        // "the year" alone needs a part ("end of the year") or "year-end"
        if (!part && !/year[- ]end/i.test(m[0])) return null;
      }
      let year = at.year + (which === 'next' || which === 'the following' ? 1 : 0);
      if (which === 'the coming') year = at.year + 1;
      let month: number | undefined;
      if (unit === 'year-end' || unit === 'end-of-year' || /year[- ]end/i.test(m[0])) month = 12;
      else if (['summer', 'spring', 'autumn', 'fall', 'winter'].includes(unit)) {
        month = partMonth(unit);
        // "this summer" said in October means next summer
        if (which === 'this' && month !== undefined && month < at.month - 1) year += 1;
      } else month = partMonth(part);
      return { target: { year, month, relative: true }, future: true };
    }),
  // "by early summer", "in the spring": the coming one
  (t, at) =>
    all(/\b(by|before|in|during|until|from|this|for) (?:the )?((?:early |late |mid-?)?(?:summer|spring|autumn|fall))\b(?! (?:of )?(?:19|20)\d{2})/gi, t, (m) => {
      const month = partMonth(m[2].replace(/mid-?/i, ''));
      if (month === undefined) return null;
      // said after the season has passed: next year's
      const year = month < at.month ? at.year + 1 : at.year;
      return { target: { year, month, relative: true }, future: true };
    }),
  // "next month", "this month", "next quarter", "this quarter", "end of the quarter"
  (t, at) =>
    all(/\b(?:(?:by |before |in |within )?(?:the )?(?:end of )?)?(?:(this|next|the coming) (month|quarter)|the (quarter|month)(?= (?:ends?|is out))|(?<=end of the )(quarter|month))\b/gi, t, (m) => {
      const which = (m[1] ?? 'this').toLowerCase();
      const unit = (m[2] ?? m[3] ?? m[4]).toLowerCase();
      if (unit === 'month') {
        const d = addMonths(at, which === 'this' ? 0 : 1);
        return { target: { ...d, relative: true }, future: true };
      }
      const quarterEnd = Math.ceil(at.month / 3) * 3 + (which === 'this' ? 0 : 3);
      const d = addMonths({ year: at.year, month: 1 }, quarterEnd - 1);
      return { target: { ...d, relative: true }, future: true };
    }),
  // "within 18 months", "in three to six months", "over the next five years", "in the next 12-18 months",
  // "a year from now", "in a week or two", "over the coming years" (handled: no number → skipped)
  (t, at) =>
    all(
      new RegExp(String.raw`\b(within|in|over|during|inside|for|after|by|in about|in roughly|in around|in less than|in under|less than|no more than|up to)?\s*(?:the )?(?:next|coming|following)?\s*(?:about |roughly |around |approximately |some |another |just |only |perhaps |maybe |as (?:little|few) as )?(${NUM})(?:\s*(?:-|–|to|or)\s*(${NUM}))?\s+(?:more )?${UNIT}(?:\s*(?:or|to)\s*(${NUM})\s+${UNIT})?(?:'s)?(?:\s+(from now|away|time|out|hence|later|ahead))?`, 'gi'),
      t,
      (m) => {
        const cue = (m[1] ?? '').toLowerCase();
        const after = (m[7] ?? '').toLowerCase();
        const next = /\b(?:next|coming|following)\b/i.test(m[0]);
        if (!cue && !after && !next) return null;
        if (cue === 'for' && !next) return null; // "for two years" is a duration, not a deadline
        if (cue === 'after' && !next) return null;
        let n = num(m[3] ? m[3] : m[2]);
        // "a month or two months": the second figure, in its own unit
        if (m[5]) n = num(m[5]);
        const unit = (m[6] ?? m[4]).toLowerCase().replace(/s$/, '');
        // "in a week or two", "three to six months" → the upper figure
        if (!m[5] && m[3]) n = Math.max(num(m[2]), num(m[3]));
        if (!Number.isFinite(n)) return null;
        // "one year" said as "a year": SMALL maps it
        const months =
          unit === 'day' ? n / 30.44 : unit === 'week' ? (n * 7) / 30.44 : unit === 'month' ? n : unit === 'quarter' ? n * 3 : unit === 'year' ? n * 12 : n * 120;
        if (unit === 'year' || unit === 'decade' || (unit === 'day' && n >= 365)) {
          const years = unit === 'year' ? n : unit === 'decade' ? n * 10 : n / 365.25;
          // whole years: a year; fractional years ("1.5 years") resolve to a month
          if (Number.isInteger(years) || years >= 5) return { target: { year: at.year + Math.round(years), relative: true }, future: true };
        }
        const d = addMonths(at, months);
        return { target: { ...d, relative: true }, future: true };
      },
    ),
  // "next decade": the decade after the article's
  (t, at) => all(/\b(?:in |by |during )?the next decade\b/gi, t, () => ({ target: { year: at.year + 10, relative: true }, future: true })),
];

/** What each rule (in order) needs in the text before it is worth running. */
const RULE_NEEDS: RegExp[] = [HAS_DECADE, HAS_DECADE, HAS_DIGITS, HAS_DIGITS, HAS_DIGITS, HAS_MONTH, HAS_DIGITS, HAS_YEARISH, HAS_SEASON, HAS_MONTH_OR_QUARTER, HAS_UNIT, HAS_DECADE];

/**
 * The target date a prediction names, or null when its wording gives none. `articleDate` is the
 * article's publication date (else the date it was read): relative phrases count from it.
 */
export function parseTargetDate(sentence: string, articleDate: number | string | Date): TargetDate | null {
  const at = articleDateOf(articleDate);
  if (!at) return null;
  const text = sentence.replace(/[\u2010-\u2013]/g, '-').replace(/\s+/g, ' ');
  const found: Candidate[] = [];
  // a cheap test first: most sentences hold no word a rule could start from (thousands are parsed per view)
  rules.forEach((rule, i) => {
    if (RULE_NEEDS[i].test(text)) found.push(...rule(text, at));
  });
  if (!found.length) return null;
  // a phrase inside a longer one ("2025" in "the end of 2025") gives way to the longer one
  const kept = found.filter(
    (c) => !found.some((o) => o !== c && o.index <= c.index && o.index + o.phrase.length >= c.index + c.phrase.length && o.phrase.length > c.phrase.length),
  );
  // future-marked candidates first, in reading order; a past year ("in 2023, the lab…") is context, not a target
  const future = kept.filter((c) => c.future && (c.target.year > at.year || (c.target.year === at.year && (c.target.month ?? 12) >= at.month)));
  const pool = future.length ? future : kept.filter((c) => c.target.year >= at.year);
  if (!pool.length) return null;
  pool.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  // a date the plan moved to replaces the one it moved from
  const moved = pool.find((c) => /\b(?:pushed|moved|delayed|postponed|slipped|put off|pushed back)(?: back)? (?:to|until|into)\s*$/i.test(text.slice(Math.max(0, c.index - 40), c.index)));
  let best = moved ?? pool[0];
  // "next year, or within two years" / "2028 or 2029": an alternative joined by "or" is the outer deadline
  for (const c of pool) {
    if (c.index <= best.index) continue;
    const between = text.slice(best.index + best.phrase.length, c.index);
    if (!/^\s*,?\s*(?:or|to)\s*(?:\w+\s*){0,1}$/i.test(between)) break;
    if (targetEnd(c.target) > targetEnd(best.target)) best = c;
  }
  return { ...best.target, phrase: best.phrase };
}

/** The last day of a target (a year → 31 Dec, a month → its last day), as ms since epoch (UTC). */
export function targetEnd(target: Pick<TargetDate, 'year' | 'month'>): number {
  return target.month ? Date.UTC(target.year, target.month, 0, 23, 59, 59) : Date.UTC(target.year, 11, 31, 23, 59, 59);
}

/** "Dec 2025", "2026" */
export function formatTarget(target: Pick<TargetDate, 'year' | 'month'> | null | undefined): string {
  if (!target) return 'no date';
  if (!target.month) return String(target.year);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][target.month - 1]} ${target.year}`;
}
