// Claim extraction speed on a 5,000-word article (the sample articles, repeated), against
// detection on the same text in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { createDetector } from '../../lib/detect/detector';
import { extractText } from '../../lib/detect/extract';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { createClaimExtractor } from '../../lib/claims/pipeline';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORDS = 5_000;
const RUNS = 9;

function sampleText(name: string): string {
  const raw = fs.readFileSync(path.join(ROOT, 'assets/samples', name), 'utf8');
  if (!name.endsWith('.html')) return raw;
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  const doc = new window.DOMParser().parseFromString(raw, 'text/html') as unknown as Document;
  return extractText(doc).text;
}

function article(): string {
  const parts = ['deepseek-r1.txt', 'deepseek-costs.html', 'frontier-race.html'].map(sampleText);
  const blocks: string[] = [];
  let words = 0;
  for (let i = 0; words < WORDS; i++) {
    const part = parts[i % parts.length];
    blocks.push(part);
    words += part.split(/\s+/).filter(Boolean).length;
  }
  return blocks.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<Record<string, number | string | boolean>> {
  const pack = loadPackFromDir();
  const detector = createDetector(compileAliasTable(pack));
  const extract = createClaimExtractor(pack);
  const text = article();
  const words = text.split(/\s+/).filter(Boolean).length;
  const detectMs: number[] = [];
  const claimMs: number[] = [];
  let claims = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    let t = performance.now();
    const { mentions } = detector.detect(text, { force: true });
    const detected = performance.now() - t;
    t = performance.now();
    claims = extract(text, mentions).length;
    const extracted = performance.now() - t;
    if (i >= 2) {
      detectMs.push(detected);
      claimMs.push(extracted);
    }
  }
  const claimsMs = median(claimMs);
  const detectionMs = median(detectMs);
  return {
    claimsArticleWords: words,
    claimsFound: claims,
    claimsMs: claimsMs,
    claimsWordsPerMs: words / claimsMs,
    claimsDetectMs: detectionMs,
    claimsVsDetect: claimsMs / detectionMs,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await run());
}
