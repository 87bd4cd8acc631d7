// Text that makes pattern matchers blow up: long capitalised tokens (identifiers, base64 in a code
// sample, a 100 KB "word"). A regex with nested optional parts once took 30 s on a 60-character
// token and froze the background for every tab; these tests would hang (and time out) again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimExtractor } from '../../lib/claims/pipeline';
import { createDetector } from '../../lib/detect/detector';
import { discoverNames } from '../../lib/discover/discover';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { loadPackFromDir } from '../../lib/kb/node-pack';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../../assets/pack'));

const around = (token: string) =>
  `Elena Marsh, the chief executive of Calloway Systems, said the startup called Brightline Labs would train models on ${token} data. ` +
  `OpenAI said o1 would reach 90% of developers by 2027, and Sam Altman agreed.`;

const TOKENS: [string, string][] = [
  ['a 60-character camel-case token', 'Ab'.repeat(30)],
  ['a long identifier', 'ThisIsAVeryLongCamelCaseIdentifierFromACodeSampleInTheArticleBody'],
  ['base64 in the text', 'QUkgbW9kZWxzIGFyZSBldmVyeXdoZXJlLCBhbmQgdGhleSBrZWVwIGdldHRpbmcgYmlnZ2Vy'.repeat(40)],
  ['a 100 KB word', 'Ab'.repeat(50_000)],
  ['a long hyphenated run', `${'Mercer-Island-'.repeat(2_000)}based`],
];

describe.each(TOKENS)('%s', (_name, token) => {
  const text = around(token);

  it('name discovery finishes and still finds the names around it', () => {
    const names = discoverNames(text, [], []).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['Elena Marsh']));
  }, 5_000);

  it('detection and claim extraction finish and still find what is around it', () => {
    const detected = createDetector(compileAliasTable(pack)).detect(text, { force: true });
    expect(detected.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['OpenAI', 'Sam Altman']));
    const claims = createClaimExtractor(pack)(text, detected.mentions);
    expect(claims.some((c) => c.text.includes('90%'))).toBe(true);
  }, 10_000);
});
