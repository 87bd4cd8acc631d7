// pageTextSteps: the page text for anchoring, walked in slices, is the same text pageText reads at once.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { pageText, pageTextSteps } from '../../lib/anchor/text';
import { createSliceRunner } from '../../lib/detect/schedule';

function page(paragraphs: number): Document {
  const win = new Window({ url: 'https://news.example/long' });
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph ${i} has <em>some</em> text.</p>`).join('');
  win.document.body.innerHTML = `<article>${body}<script>skipped()</script></article>`;
  return win.document as unknown as Document;
}

describe('pageTextSteps', () => {
  it('yields between pieces on a long page and ends with the same text, nodes and offsets as pageText', async () => {
    const doc = page(600);
    let clock = 0;
    let pauses = 0;
    // each hasTime() check advances a fake clock, so the runner's budget runs out after a few checks
    const runner = createSliceRunner({ budgetMs: 3, now: () => clock++, yieldToPage: async () => void pauses++ });
    const sliced = await runner.run(pageTextSteps(doc));
    const whole = pageText(doc);
    expect(pauses).toBeGreaterThan(5);
    expect(sliced.text).toBe(whole.text);
    expect(sliced.starts).toEqual(whole.starts);
    expect(sliced.nodes).toEqual(whole.nodes);
    expect(whole.text).toContain('Paragraph 599 has some text.');
    expect(whole.text).not.toContain('skipped');
  });
});
