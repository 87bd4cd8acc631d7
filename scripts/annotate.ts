// npm run --silent annotate -- [--json] [--with-text] [--force] [--quotes] FILE...
// Runs the same lib/ pipeline as the content script on .txt and .html files.
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { createDetector } from '../lib/detect/detector';
import { compileAliasTable } from '../lib/kb/alias-table';
import { loadPackFromDir } from '../lib/kb/node-pack';
import { annotateDocument, annotateText, type Annotation } from '../lib/pipeline/annotate';
import { createClaimExtractor, createQuoteLister } from '../lib/claims/pipeline';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const files = args.filter((a) => !a.startsWith('--'));
const known = new Set(['--json', '--with-text', '--force', '--quotes', '--help']);
const unknown = [...flags].filter((f) => !known.has(f));

if (flags.has('--help') || !files.length || unknown.length) {
  if (unknown.length) console.error(`Unknown option: ${unknown.join(' ')}`);
  console.error('Usage: npm run --silent annotate -- [--json] [--with-text] [--force] [--quotes] FILE.txt|FILE.html ...');
  process.exit(flags.has('--help') ? 0 : 2);
}

const pack = loadPackFromDir();
const detector = createDetector(compileAliasTable(pack));
const claims = createClaimExtractor(pack);
const quotes = createQuoteLister(pack);
const force = flags.has('--force');
let failed = false;

function parseHtml(html: string): Document {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function annotateFile(file: string): Annotation {
  const content = fs.readFileSync(file, 'utf8');
  if (/\.html?$/i.test(file)) return annotateDocument(parseHtml(content), detector, { force, claims });
  return annotateText(content, detector, { force, claims });
}

for (const file of files) {
  let result: Annotation;
  try {
    result = annotateFile(file);
  } catch (err) {
    failed = true;
    const message = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    if (flags.has('--json')) console.log(JSON.stringify({ file, error: message }));
    else console.error(`${file}: ${message}`);
    continue;
  }
  if (flags.has('--json')) {
    const out: Record<string, unknown> = {
      file,
      relevance: result.relevance,
      gated: result.gated,
      mentions: result.mentions.map(({ start, end, text, entityId, name, type, discovered, linkedTo }) => ({
        start,
        end,
        text,
        entityId,
        name,
        type,
        ...(discovered ? { discovered } : {}),
        ...(linkedTo ? { linkedTo } : {}),
      })),
      claims: result.claims.map(({ start, end, text, kind, subjects, speaker, speakerName, numbers, links }) => ({
        start,
        end,
        text,
        kind,
        subjects,
        speaker,
        speakerName: speakerName ?? null,
        numbers,
        links,
      })),
    };
    // every quotation and reported statement with its speaker, whoever it is (not gated: attribution works on any page)
    if (flags.has('--quotes')) out.quotes = quotes(result.text, detector.detect(result.text, { force: true }).mentions);
    if (flags.has('--with-text')) out.text = result.text;
    console.log(JSON.stringify(out));
  } else {
    console.log(
      `\n${path.basename(file)}  relevance ${result.relevance.toFixed(2)}${result.gated ? '  (gated: not about AI; --force scans anyway)' : ''}`,
    );
    const counts = new Map<string, { name: string; type: string; n: number; first: number }>();
    for (const m of result.mentions) {
      const row = counts.get(m.entityId) ?? { name: m.discovered ? `${m.name} (discovered)` : m.name, type: m.type, n: 0, first: m.start };
      row.n++;
      counts.set(m.entityId, row);
    }
    if (!counts.size) console.log('  no mentions');
    for (const [id, row] of [...counts].sort((a, b) => b[1].n - a[1].n)) {
      console.log(`  ${row.type.padEnd(7)} ${row.name.padEnd(32)} ${String(row.n).padStart(3)}×  ${id}`);
    }
    if (result.claims.length) {
      console.log(`  claims: ${result.claims.length}`);
      for (const c of result.claims.slice(0, 10)) {
        console.log(`    [${c.kind}] ${c.text.replace(/\s+/g, ' ').slice(0, 110)}${c.text.length > 110 ? '…' : ''}`);
      }
    }
  }
}
process.exit(failed ? 1 : 0);
