// Quotes, speakers and claims measured on real article text (test/fixtures/real-labelled): pages
// from ../shared/fixtures labelled blind by two people, offsets into the text the CLI extracts.
// Attribution is measured apart from the entity gate: every quote on any page (politics, business,
// sport…), with its speaker by name. Claims are measured on the pages labelled for them (AI news).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { createClaimExtractor, createQuoteLister, type PageQuote } from '../../lib/claims/pipeline';
import type { PageClaim } from '../../lib/claims/types';
import { sameSpeaker } from './same-speaker';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = process.env.BACKSTORY_SHARED_FIXTURES ?? path.resolve(ROOT, '../shared/fixtures');
// more than one folder of label files may be given (":"-separated), e.g. while the set is being written
const LABEL_DIRS = (process.env.BACKSTORY_REAL_LABELLED ?? path.join(ROOT, 'test/fixtures/real-labelled/pages')).split(':');

interface LabelledQuote {
  start: number;
  end: number;
  speaker: string | null;
  speakerType?: string;
  form?: string;
}
interface LabelledClaim {
  start: number;
  end: number;
  kind: string;
  speaker: string | null;
  speakerEntityId?: string | null;
  subjects?: string[];
}
interface LabelledPage {
  file: string;
  page: string;
  text: { length: number; sha1: string };
  scope: string[];
  labeller?: string;
  /** only this part of the text is labelled (the article body): claims outside it are not scored */
  region?: { start: number; end: number };
  claims?: LabelledClaim[];
  quotes?: LabelledQuote[];
}

function loadPages(): LabelledPage[] {
  const pages: LabelledPage[] = [];
  for (const dir of LABEL_DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs
      .readdirSync(dir)
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      pages.push({ ...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Omit<LabelledPage, 'file'>), file: f });
    }
  }
  return pages;
}

/** The article text exactly as `npm run page-text` (and the CLI) extracts it. */
function pageText(file: string): string {
  const window = new Window({
    url: 'http://127.0.0.1/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  const doc = new window.DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'text/html') as unknown as Document;
  const text = extractText(doc).text;
  void window.happyDOM.close();
  return text;
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function best<T extends { start: number; end: number }>(items: T[], target: { start: number; end: number }): T | undefined {
  let found: T | undefined;
  let most = 0;
  for (const item of items) {
    const o = overlap(item, target);
    if (o > most) {
      most = o;
      found = item;
    }
  }
  return found;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

describe('quotes and claims on real article text', () => {
  const pages = loadPages();
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const extract = createClaimExtractor(pack);
  const listQuotes = createQuoteLister(pack);

  it('finds the labelled quotes with their speakers, and the labelled claims', () => {
    if (!pages.length) {
      console.log(
        `real-text claims: no labelled pages in ${LABEL_DIRS.join(', ')} — nothing measured (the set lives in test/fixtures/real-labelled/pages)`,
      );
      return;
    }
    const problems: string[] = [];
    const stale: string[] = [];
    let missing = 0;
    const misses: string[] = [];
    const q = { labelled: 0, found: 0, speakers: 0, ours: 0, oursMatched: 0, pages: 0 };
    const c = { labelled: 0, found: 0, kinds: 0, ours: 0, oursMatched: 0, quotes: 0, speakers: 0, pages: 0 };
    for (const page of pages) {
      const file = path.join(SHARED, page.page);
      if (!fs.existsSync(file)) {
        missing++;
        problems.push(
          `${page.file}: ${file} is missing (the saved pages are expected in ../shared/fixtures next to the project); not measured`,
        );
        continue;
      }
      const text = pageText(file);
      const sha1 = crypto.createHash('sha1').update(text).digest('hex');
      if (sha1 !== page.text.sha1 || text.length !== page.text.length) {
        stale.push(page.file);
        problems.push(
          `${page.file}: the extracted text differs from the labelled one (sha1 ${sha1}, length ${text.length}); its offsets do not hold, not measured`,
        );
        continue;
      }
      if (page.scope.includes('attribution') && page.quotes) {
        q.pages++;
        const mentions = detector.detect(text, { force: true }).mentions;
        const ours = listQuotes(text, mentions);
        for (const l of page.quotes) {
          q.labelled++;
          const match = best(ours, l);
          const where = `${page.file} ${l.start}-${l.end}`;
          if (!match) {
            misses.push(
              `${where}: quote missed (${l.form}, ${l.speaker}): ${text.slice(l.start, Math.min(l.end, l.start + 80)).replace(/\s+/g, ' ')}`,
            );
            continue;
          }
          q.found++;
          if (sameSpeaker(l.speaker, match.speakerName)) q.speakers++;
          else
            misses.push(
              `${where}: speaker ${match.speakerName} ≠ ${l.speaker}: ${text.slice(l.start, Math.min(l.end, l.start + 70)).replace(/\s+/g, ' ')}`,
            );
        }
        for (const o of ours) {
          q.ours++;
          if (page.quotes.some((l) => overlap(l, o) > 0)) q.oursMatched++;
          else
            misses.push(
              `${page.file} ${o.start}-${o.end}: extra ${o.form} quote (${o.speakerName}): ${o.text.slice(0, 70).replace(/\s+/g, ' ')}`,
            );
        }
      }
      if (page.scope.includes('claims') && page.claims) {
        c.pages++;
        // claims measured apart from the relevance gate (the reader's "scan this page anyway"): these
        // tech pages are labelled for claims whether or not the gate calls them AI news
        const detection = detector.detect(text, { force: true });
        const region = page.region;
        const ours: PageClaim[] = extract(text, detection.mentions).filter(
          (o) => !region || (o.start < region.end && o.end > region.start),
        );
        for (const l of page.claims) {
          c.labelled++;
          const match = best(ours, l);
          if (!match) {
            misses.push(
              `${page.file} ${l.start}-${l.end}: claim missed [${l.kind}]: ${text.slice(l.start, Math.min(l.end, l.start + 80)).replace(/\s+/g, ' ')}`,
            );
            continue;
          }
          c.found++;
          if (match.kind === l.kind) c.kinds++;
          if (l.kind === 'quote') {
            c.quotes++;
            if (sameSpeaker(l.speaker, match.speakerName)) c.speakers++;
            else misses.push(`${page.file} ${l.start}-${l.end}: claim speaker ${match.speakerName} ≠ ${l.speaker}`);
          }
        }
        for (const o of ours) {
          c.ours++;
          if (page.claims.some((l) => overlap(l, o) > 0)) c.oursMatched++;
          else misses.push(`${page.file} ${o.start}-${o.end}: extra claim [${o.kind}]: ${o.text.slice(0, 70).replace(/\s+/g, ' ')}`);
        }
      }
    }
    const lines = [
      `real-text set: ${pages.length} labelled pages`,
      `attribution (${q.pages} pages): quote recall ${pct(q.found, q.labelled)} (${q.found}/${q.labelled}), speaker right ${pct(q.speakers, q.found)} (${q.speakers}/${q.found}), our quotes overlapping a labelled one ${pct(q.oursMatched, q.ours)} (${q.oursMatched}/${q.ours})`,
      `claims (${c.pages} pages): precision ${pct(c.oursMatched, c.ours)} (${c.oursMatched}/${c.ours}), recall ${pct(c.found, c.labelled)} (${c.found}/${c.labelled}), kind agrees ${pct(c.kinds, c.found)}, quote speakers ${pct(c.speakers, c.quotes)} (${c.speakers}/${c.quotes})`,
      ...problems.map((p) => `  ! ${p}`),
      ...(process.env.BACKSTORY_REAL_MISSES
        ? misses.map((m) => `  ${m}`)
        : [`  (${misses.length} misses; BACKSTORY_REAL_MISSES=1 lists them)`]),
    ];
    console.log(lines.join('\n'));
    // a page or two labelled on other text is the label's problem; many means the extraction changed
    expect(stale.length, `labels no longer match the extracted text: ${stale.join(', ')}`).toBeLessThanOrEqual(
      Math.max(2, Math.floor((pages.length - missing) / 4)),
    );
    // floors a little below what was measured when they were set (see the commit messages; claims 90.2% / 67.6%);
    // the claims pages are mostly about tech companies the pack does not hold, found as companies the page shows at work
    if (q.labelled >= 20) {
      expect(q.found / q.labelled).toBeGreaterThanOrEqual(0.85);
      expect(q.speakers / Math.max(1, q.found)).toBeGreaterThanOrEqual(0.79);
    }
    if (c.labelled >= 20) {
      expect(c.oursMatched / Math.max(1, c.ours)).toBeGreaterThanOrEqual(0.86);
      expect(c.found / c.labelled).toBeGreaterThanOrEqual(0.62);
    }
  }, 120_000); // some thirty saved pages parsed and extracted

  it('names the speaker in the page’s fullest form and marks unnamed sources (own sentences)', () => {
    const quotes = (text: string): PageQuote[] => listQuotes(text, detector.detect(text, { force: true }).mentions);
    const speakerOf = (text: string, snippet: string) => quotes(text).find((x) => x.text.includes(snippet))?.speakerName;
    const story =
      'Senator Maria Delgado wants the bill rewritten.\n“We will not vote for this in its current form,” Delgado said on Tuesday.';
    expect(speakerOf(story, 'not vote for this')).toBe('Maria Delgado');
    expect(speakerOf('The plant will close in March, a spokesman said.', 'plant will close')).toBe('unnamed');
    expect(speakerOf('“The numbers are wrong,” officials said.', 'numbers are wrong')).toBe('unnamed');
    expect(speakerOf('Rates will stay high through the summer, according to Harlow Capital, a research firm.', 'Rates will stay')).toBe(
      'Harlow Capital',
    );
    // a descriptor between the verb and the name; a description after the name
    expect(
      speakerOf('“The lift has been broken for a month,” said tenant Oskar Lindqvist, pointing at the stairs.', 'lift has been broken'),
    ).toBe('Oskar Lindqvist');
    expect(speakerOf('“Nobody asked us,” says the bakery’s former manager Ruth Okafor.', 'Nobody asked us')).toBe('Ruth Okafor');
    // a described person is unnamed; a noun for an organisation named before is that organisation
    expect(speakerOf('“He will carry the state easily,” a Nevada Democrat said.', 'carry the state')).toBe('unnamed');
    const district =
      'The Brookfield Unified School District closed 40 schools on Monday.\nThe district said the buildings would reopen once inspections were complete.';
    expect(speakerOf(district, 'buildings would reopen')).toBe('Brookfield Unified School District');
    // the attribution in the next sentence when the segmenter splits after "!”"; a paragraph that
    // continues the quotation after the attribution closing the one before
    expect(speakerOf('“Great meeting with the governors today!” Hollis tweeted on Monday.', 'Great meeting')).toBe('Hollis');
    const continued =
      'Mayor Ines Carvalho defended the budget.\n“We cut what we could,” Carvalho said at the hearing.\n“What is left pays for buses and schools.”';
    expect(speakerOf(continued, 'pays for buses')).toBe('Ines Carvalho');
    // the name in an appositive when the head names no one; never a name inside the speaker's description
    expect(
      speakerOf('As my neighbour, the retired judge Amos Fell, often points out, most disputes are about fences.', 'disputes are about'),
    ).toBe('Amos Fell');
    expect(speakerOf('Dana Whitfield, who ran Harbor Mills for a decade, said the plant would need new owners.', 'plant would need')).toBe(
      'Dana Whitfield',
    );
    // an attribution between two parts of one quotation, with an unnamed or a described source
    expect(
      speakerOf('“If the pumps fail,” said one flood engineer, pointing at the levee, “then the whole district goes under.”', 'pumps fail'),
    ).toBe('unnamed');
    expect(
      speakerOf('“Nine in ten tenants never get a hearing,” wrote economist Priya Raman in her study of the courts.', 'Nine in ten'),
    ).toBe('Priya Raman');
    // a quotation signed by a name and a role, no verb; a name opening the clause a colon closes
    expect(
      speakerOf('“The survey is the largest we have run,” Tomas Ferreira, research director at the institute.', 'largest we have run'),
    ).toBe('Tomas Ferreira');
    expect(
      speakerOf(
        'Mei Lin Ho, a senior analyst at a consultancy, shared her reading of the figures: “Small firms are hiring again.”',
        'hiring again',
      ),
    ).toBe('Mei Lin Ho');
    expect(
      speakerOf('HARBOR REPORT — The Ledger’s Ana Ruiz and Colm Byrne: “Port traffic fell for a third month.”', 'Port traffic'),
    ).toMatch(/Ruiz$/);
    // a long organisation-and-title name before the person's own
    expect(
      speakerOf(
        'National Association of Letter Carriers President Rosa M. Quill, who also sits on the board, warned against “a rushed vote that nobody has read.”',
        'rushed vote',
      ),
    ).toMatch(/Quill$/);
  });
});
