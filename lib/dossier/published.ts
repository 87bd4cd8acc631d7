// The article's publication date as the page declares it (Open Graph / schema.org / <time>), for
// dating what it says. Read-only DOM access; no page text leaves the browser.

const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

function valid(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^\d{4}-\d{2}/.test(v) || !Number.isFinite(Date.parse(v))) return undefined;
  return v.slice(0, 40);
}

/** ISO date string or undefined. */
export function publishedDateOf(doc: Document): string | undefined {
  for (const selector of META_SELECTORS) {
    const found = valid(doc.querySelector(selector)?.getAttribute('content'));
    if (found) return found;
  }
  // schema.org JSON-LD: the first datePublished in a small script
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 5)) {
    const text = script.textContent ?? '';
    if (text.length > 200_000) continue;
    const m = /"datePublished"\s*:\s*"([^"]{4,40})"/.exec(text);
    const found = valid(m?.[1]);
    if (found) return found;
  }
  return valid(doc.querySelector('article time[datetime], time[pubdate][datetime]')?.getAttribute('datetime'));
}
