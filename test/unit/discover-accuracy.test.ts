// Precision of discovered names on the labelled articles (test/fixtures/discover-labelled).
import { describe, expect, it } from 'vitest';
import { formatScore, measureDiscovery } from '../fixtures/discover-labelled/measure';

describe('name discovery on the labelled articles', () => {
  it('finds new names with precision of at least 0.90', () => {
    const all = measureDiscovery('all');
    const holdout = measureDiscovery('holdout');
    console.log(formatScore('discovered names, all labelled articles', all));
    console.log(formatScore('discovered names, held-out articles', holdout));
    for (const a of all.articles) if (a.falsePositives.length) console.log(`  wrong in ${a.file}: ${a.falsePositives.join(', ')}`);
    expect(all.articles.length).toBeGreaterThanOrEqual(26);
    // the non-AI controls are silenced by the relevance gate
    expect(all.articles.filter((a) => a.file.startsWith('c')).every((a) => a.gated)).toBe(true);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.6);
  });
});
