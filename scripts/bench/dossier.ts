// Dossiers and predictions at scale, in real Chromium with the built extension: an entity with
// 2,000 claims in the reading history (target: its dossier's first screen rendered in < 100 ms),
// and 5,000 predictions in the Predictions view (target: a filter applied and rendered in < 50 ms).
// Baseline in the same run: a round trip of the cheapest message (getSettings) from the manager page.
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../test/e2e/harness';
import { median, p95, rng } from './_stats';

const CLAIMS = 2_000;
const PREDICTIONS = 5_000;

/** History records as lib/db/claim-history.ts stores them: 2,000 about DeepSeek, 5,000 predictions by 40 speakers. */
export function syntheticHistory(now: number) {
  const r = rng(7);
  const kinds = ['quote', 'quantity', 'comparison', 'prediction', 'other'];
  const speakers = [
    'liang-wenfeng',
    'sam-altman',
    'mark-zuckerberg',
    'jensen-huang',
    'dario-amodei',
    'elon-musk',
    'demis-hassabis',
    'yann-lecun',
    null,
  ];
  const whens = [
    'by the end of the year',
    'next year',
    'within 18 months',
    'in 2027',
    'by 2030',
    'in three to six months',
    'over the next five years',
    'one day',
  ];
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const page = Math.floor(i / 20);
    const cost = r() < 0.15;
    records.push({
      url: `https://site${page % 50}.example/story/${page}`,
      title: `Story ${page} about DeepSeek`,
      seenAt: now - Math.floor(r() * 80 * 86_400_000),
      published: now - Math.floor(r() * 400 * 86_400_000),
      text: `Claim ${i}: DeepSeek ${cost ? `spent about $${(1 + r() * 9).toFixed(1)} million training its model` : 'released a model that rivals its peers on reasoning benchmarks'} according to report ${i}.`,
      kind: kinds[Math.floor(r() * kinds.length)],
      subjects: ['deepseek', ...(r() < 0.3 ? ['deepseek-r1'] : [])],
      speaker: speakers[Math.floor(r() * speakers.length)],
      ...(cost
        ? {
            metric: 'training-cost',
            numbers: [{ min: 5e6, max: 5e6 * (1 + r() * 300), unit: 'USD', raw: '$5 million', metric: 'training-cost', approx: true }],
          }
        : { numbers: [] }),
    });
  }
  for (let i = 0; i < PREDICTIONS; i++) {
    const page = Math.floor(i / 10);
    const speaker = `person-${i % 40}`;
    records.push({
      url: `https://forecasts${page % 80}.example/piece/${page}`,
      title: `Forecast piece ${page}`,
      seenAt: now - Math.floor(r() * 80 * 86_400_000),
      published: now - Math.floor(r() * 900 * 86_400_000),
      text: `Prediction ${i}: the lab will ship a much larger model ${whens[Math.floor(r() * whens.length)]}, its chief said.`,
      kind: 'prediction',
      subjects: ['openai'],
      speaker: r() < 0.85 ? speaker : null,
      numbers: [],
    });
  }
  return records;
}

export async function run(): Promise<Record<string, number | string | boolean>> {
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#settings`);
    await page.waitForSelector('h1');
    // the background has opened the database at its current version: add the history from the same origin
    const now = await page.evaluate(() => Date.now());
    const records = syntheticHistory(now);
    await writeHistory(page, records);

    const timed = messenger(page);
    const { cold, coldAnswer } = await coldDossier(page, browser.extensionId);
    const { roundTrips, answers, timelines } = await messageTimes(timed);
    const { firstScreens, toPaint, toAnswer, rows } = await firstScreenTimes(page, browser.extensionId);
    const { total, filters, filterPaint } = await filterTimes(page, browser.extensionId, timed);

    const roundTrip = median(roundTrips);
    return {
      dossierClaims: CLAIMS,
      dossierAnswerMs: +median(answers).toFixed(1),
      dossierAnswerVsRoundTrip: +(median(answers) / roundTrip).toFixed(2),
      dossierFullTimelineMs: +median(timelines).toFixed(1),
      // the manager opened at the dossier (page ready → first screen), the first time after the history changed
      dossierColdFirstScreenAfterDomReadyMs: +cold.toFixed(1),
      dossierColdAnswerAfterDomReadyMs: +coldAnswer.toFixed(1),
      // the reader picks the entity → its first screen (card, disagreements, 25 timeline rows) in the DOM
      dossierFirstScreenMs: +median(firstScreens).toFixed(1),
      dossierFirstScreenP95Ms: +p95(firstScreens).toFixed(1),
      // of which: picked → the dossier's answer arrived in the page
      dossierFirstScreenAnswerMs: +median(toAnswer).toFixed(1),
      dossierFirstScreenToPaintMs: +median(toPaint).toFixed(1),
      dossierFirstScreenUnder100ms: median(firstScreens) < 100,
      dossierRenderedRows: rows,
      predictionsCount: total,
      // a filter clicked → the filtered list (by speaker and target date) in the DOM
      predictionsFilterMs: +median(filters).toFixed(1),
      predictionsFilterP95Ms: +p95(filters).toFixed(1),
      predictionsFilterToPaintMs: +median(filterPaint).toFixed(1),
      predictionsFilterUnder50ms: median(filters) < 50,
      dossierRoundTripMs: +roundTrip.toFixed(2),
      // the machine's load while measuring (the figures are wall-clock times)
      dossierLoadAverage: +(await import('node:os')).loadavg()[0].toFixed(1),
    };
  } finally {
    await browser.close();
  }
}

/** Writes the history records straight into the extension's IndexedDB, from a page of its origin. */
async function writeHistory(page: Page, records: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('backstory');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('claimHistory', 'readwrite');
      const store = tx.objectStore('claimHistory');
      for (const row of rows) store.add(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
}

/** A message sent from the page to the background, timed in the page. */
function messenger(page: Page) {
  return (type: string, payload: unknown) =>
    page.evaluate(
      async ([t, p]) => {
        const t0 = performance.now();
        const r = await (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } };
          }
        ).chrome.runtime.sendMessage({ type: t, payload: p });
        if (!r.ok) throw new Error(r.error);
        return { ms: performance.now() - t0, data: r.data as { timeline?: unknown[]; predictions?: unknown[] } };
      },
      [type, payload] as const,
    );
}

/** The first dossier opened after the history was written: its first screen and answer after DOM ready. */
async function coldDossier(page: Page, extensionId: string): Promise<{ cold: number; coldAnswer: number }> {
  // cold: the first dossier opened after the history was written (nothing kept from an earlier one)
  // (a query string makes it a new document, not a hash change of the settings page)
  await page.goto(`chrome-extension://${extensionId}/options.html?cold=1#dossier/deepseek`);
  await page.waitForFunction(() => performance.getEntriesByName('backstory:dossier-rendered').length > 0, null, { timeout: 60_000 });
  const cold = await page.evaluate(
    () =>
      performance.getEntriesByName('backstory:dossier-rendered')[0].startTime -
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  const coldAnswer = await page.evaluate(
    () =>
      performance.getEntriesByName('backstory:dossier-answer')[0].startTime -
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  return { cold, coldAnswer };
}

/** Round trips of the cheapest message, and the dossier's answer and full timeline as messages. */
async function messageTimes(
  timed: ReturnType<typeof messenger>,
): Promise<{ roundTrips: number[]; answers: number[]; timelines: number[] }> {
  const roundTrips: number[] = [];
  for (let i = 0; i < 15; i++) roundTrips.push((await timed('getSettings', {})).ms);
  const answers: number[] = [];
  const timelines: number[] = [];
  let timelineSize = 0;
  for (let i = 0; i < 6; i++) {
    // what the view asks: the dossier with its newest 25 claims, then the whole timeline
    const a = await timed('getDossier', { entityId: 'deepseek', timelineLimit: 25 });
    const t = await timed('getDossierTimeline', { entityId: 'deepseek' });
    timelineSize = (t.data as unknown[]).length;
    if (i > 0) {
      answers.push(a.ms);
      timelines.push(t.ms);
    }
  }
  if (timelineSize !== CLAIMS) throw new Error(`the dossier holds ${timelineSize} of ${CLAIMS} claims`);
  return { roundTrips, answers, timelines };
}

/** The dossier picked by the reader, alternating entities: to its answer, its first screen in the DOM, and paint. */
async function firstScreenTimes(
  page: Page,
  extensionId: string,
): Promise<{ firstScreens: number[]; toPaint: number[]; toAnswer: number[]; rows: number }> {
  // first screen: from asking for the dossier (the reader picks the entity) to its first screen in the DOM
  const firstScreens: number[] = [];
  const toPaint: number[] = [];
  const toAnswer: number[] = [];
  await page.goto(`chrome-extension://${extensionId}/options.html#dossier/openai`);
  await page.waitForFunction(() => performance.getEntriesByName('backstory:dossier-rendered').length > 0, null, { timeout: 30_000 });
  for (let i = 0; i < 8; i++) {
    const target = i % 2 ? 'openai' : 'deepseek';
    const t = await page.evaluate(async (id) => {
      // the reader looked at the previous dossier: its full timeline has arrived
      const waitUntil = performance.now() + 10_000;
      while (
        performance.getEntriesByName('backstory:dossier-timeline').length <
          performance.getEntriesByName('backstory:dossier-rendered').length &&
        performance.now() < waitUntil
      )
        await new Promise((r) => setTimeout(r, 5));
      const before = performance.getEntriesByName('backstory:dossier-rendered').length;
      const t0 = performance.now();
      location.hash = `#dossier/${id}`;
      while (performance.getEntriesByName('backstory:dossier-rendered').length === before) await new Promise((r) => setTimeout(r, 1));
      const rendered = performance.getEntriesByName('backstory:dossier-rendered').at(-1)!.startTime;
      const answered = performance.getEntriesByName('backstory:dossier-answer').at(-1)!.startTime;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { toDom: rendered - t0, toAnswer: answered - t0, toPaint: performance.now() - t0 };
    }, target);
    if (target === 'deepseek' && i > 0) {
      firstScreens.push(t.toDom);
      toPaint.push(t.toPaint);
      toAnswer.push(t.toAnswer);
    }
  }
  const rows = await page.locator('.timeline-item').count();
  return { firstScreens, toPaint, toAnswer, rows };
}

/** The Predictions view: each filter click to the re-rendered list, after a first round to warm up. */
async function filterTimes(
  page: Page,
  extensionId: string,
  timed: ReturnType<typeof messenger>,
): Promise<{ total: number; filters: number[]; filterPaint: number[] }> {
  // predictions: load once, then time each filter click to the re-rendered list
  await page.goto(`chrome-extension://${extensionId}/options.html#predictions`);
  await page.waitForSelector('.prediction', { timeout: 30_000 });
  const total = (await timed('listPredictions', {})).data.predictions?.length ?? 0;
  const filters: number[] = [];
  const filterPaint: number[] = [];
  const labels = ['Overdue', 'Due in 90 days', 'Decided', 'Open', 'All'];
  for (let round = 0; round < 4; round++) {
    for (const label of labels) {
      const t = await page.evaluate(async (name) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('.segmented .seg')].find((b) => b.textContent!.startsWith(name))!;
        const before = performance.getEntriesByName('backstory:predictions-rendered').length;
        const t0 = performance.now();
        button.click();
        while (performance.getEntriesByName('backstory:predictions-rendered').length === before) await new Promise((r) => setTimeout(r, 0));
        const rendered = performance.getEntriesByName('backstory:predictions-rendered').at(-1)!.startTime;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { toDom: rendered - t0, toPaint: performance.now() - t0 };
      }, label);
      if (round > 0) {
        filters.push(t.toDom);
        filterPaint.push(t.toPaint);
      }
    }
  }
  return { total, filters, filterPaint };
}
