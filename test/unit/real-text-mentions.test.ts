// Mentions on real saved pages, labelled blind (test/fixtures/real-labelled): precision and recall
// of the CLI pipeline (forced past the gate; the gate is measured on the real-page counts), overall
// and per type. A prediction matches a label when the spans overlap and the types agree (and the
// entity ids, when both have one); optional labels count neither way.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { annotateText } from '../../lib/pipeline/annotate';
import { newMentionTally, tallyMentions } from './marked-labels';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = process.env.BACKSTORY_SHARED_FIXTURES ?? path.resolve(ROOT, '../shared/fixtures');
// BACKSTORY_REAL_LABELLED: other folders of page files (colon-separated), e.g. a labeller's copy
const LABEL_DIRS = (process.env.BACKSTORY_REAL_LABELLED ?? path.join(ROOT, 'test/fixtures/real-labelled/pages')).split(':');

// Floors a little under what the pipeline reached on the first 8 labelled pages (0.818 / 0.468 with this
// branch's pack; 0.914 / 0.688 with the extended pack): a guard against regressions, not the targets.
const FLOOR = { precision: 0.78, recall: 0.44 };

interface Label {
  start: number;
  end: number;
  type: 'model' | 'org' | 'person';
  entityId: string | null;
  name: string;
  optional?: boolean;
}

interface PageFile {
  page: string;
  text: { length: number; sha1: string };
  scope: string[];
  mentions?: Label[];
}

function pageFiles(): { file: string; data: PageFile }[] {
  const out: { file: string; data: PageFile }[] = [];
  for (const dir of LABEL_DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const data = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as PageFile;
      if (data.scope.includes('mentions')) out.push({ file: name, data });
    }
  }
  return out;
}

/** The article text as the CLI and the page-text script extract it. */
function pageText(html: string): string {
  const window = new Window({
    url: 'http://127.0.0.1/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const text = extractText(doc).text;
  window.close();
  return text;
}

describe('mentions on blind-labelled real pages', () => {
  const files = pageFiles();
  const haveShared = fs.existsSync(SHARED);
  if (!haveShared || !files.length) {
    console.log(
      !haveShared
        ? `real-text mentions: ${SHARED} is missing here (CI and the shared workspace have it); not measured`
        : `real-text mentions: no labelled pages with scope "mentions" in ${LABEL_DIRS.join(', ')}; not measured`,
    );
  }

  it('finds the labelled names with precision and recall above the floors', () => {
    if (!haveShared || !files.length) return;
    // BACKSTORY_PACK_DIR measures against a pack being written elsewhere
    const detector = createDetector(compileAliasTable(loadPackFromDir(process.env.BACKSTORY_PACK_DIR || undefined)));
    const types = ['model', 'org', 'person'] as const;
    const tally = newMentionTally();
    const misses: string[] = [];
    const wrong: string[] = [];
    for (const { file, data } of files) {
      const text = pageText(fs.readFileSync(path.join(SHARED, data.page), 'utf8'));
      const sha1 = crypto.createHash('sha1').update(text).digest('hex');
      // the labels index exactly this text: a changed extraction must be noticed, not scored
      expect(sha1, `${file}: extracted text differs from the labelled one`).toBe(data.text.sha1);
      const labels = data.mentions ?? [];
      const predicted = annotateText(text, detector, { force: true }).mentions;
      tallyMentions(
        tally,
        labels,
        predicted,
        (l) => misses.push(`${file}: missed ${l.type} "${text.slice(l.start, l.end)}" (${l.entityId ?? l.name})`),
        (m) => wrong.push(`${file}: false ${m.type} "${m.text}" (${m.entityId})`),
      );
    }
    const ratio = (a: number, b: number) => (b ? a / b : 1);
    const lines = ([...types, 'all'] as const).map((t) => {
      const x = tally[t];
      return `  ${t.padEnd(7)} precision ${ratio(x.tp, x.tp + x.fp).toFixed(3)} (${x.tp}/${x.tp + x.fp})  recall ${ratio(x.found, x.wanted).toFixed(3)} (${x.found}/${x.wanted})`;
    });
    console.log(
      `real-text mentions, ${files.length} pages:\n${lines.join('\n')}\n${[...misses, ...wrong].map((s) => `  ${s}`).join('\n')}`,
    );
    expect(ratio(tally.all.tp, tally.all.tp + tally.all.fp)).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(ratio(tally.all.found, tally.all.wanted)).toBeGreaterThanOrEqual(FLOOR.recall);
  });
});
