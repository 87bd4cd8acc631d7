// Host names of URLs, in the two forms Backstory shows and compares.

/** "https://News.Example.com/x" → "news.example.com": what site switches and suppressions key on. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** "https://www.reuters.com/x" → "reuters.com": the site as a reader names it ('' for no URL). */
export function siteOf(url: string): string {
  return hostOf(url).replace(/^www\./, '');
}
