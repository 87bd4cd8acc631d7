// npm run --silent page-text -- FILE.html [--sha1]
// Prints the article text Backstory extracts from a saved page (the text every offset in the
// labelled sets indexes), or its length and SHA-1 to pin a label file to that exact text.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Window } from 'happy-dom';
import { extractText } from '../lib/detect/extract';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Usage: npm run --silent page-text -- FILE.html [--sha1]');
  process.exit(2);
}
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
if (args.includes('--sha1'))
  console.log(JSON.stringify({ length: text.length, sha1: crypto.createHash('sha1').update(text).digest('hex') }));
else process.stdout.write(text);
