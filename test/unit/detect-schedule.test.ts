// The slice runner: work runs until the budget is used, then the page gets the thread back.
import { describe, expect, it } from 'vitest';
import { Cancelled, createSliceRunner, type HasTime } from '../../lib/detect/schedule';

function* work(steps: number, onStep: () => void): Generator<void, number, void> {
  for (let i = 0; i < steps; i++) {
    onStep();
    yield;
  }
  return steps;
}

describe('createSliceRunner', () => {
  it('yields to the page whenever a slice has used its budget, and no more often', async () => {
    let clock = 0;
    let yields = 0;
    const runner = createSliceRunner({ budgetMs: 8, now: () => clock, yieldToPage: async () => void yields++ });
    // each step costs 3 ms: a slice holds three steps (9 ms ≥ 8) before yielding
    const result = await runner.run(
      work(12, () => (clock += 3)),
      'test',
    );
    expect(result).toBe(12);
    expect(yields).toBe(4);
    expect(runner.slices).toBe(5);
    expect(runner.longestSliceMs).toBe(9);
    expect(runner.longestStep).toMatchObject({ label: 'test', ms: 3 });
  });

  it('tells each step whether its slice has time left, so a step fills the slice with small pieces', async () => {
    let clock = 0;
    let yields = 0;
    const runner = createSliceRunner({ budgetMs: 8, now: () => clock, yieldToPage: async () => void yields++ });
    const piecesPerStep: number[] = [];
    // 20 pieces of 1 ms; each step does pieces while the runner says there is time
    function* pieces(): Generator<void, number, HasTime | undefined> {
      let left = 20;
      let hasTime: HasTime | undefined;
      while (left > 0) {
        let n = 0;
        do {
          clock += 1;
          left--;
          n++;
        } while (left > 0 && hasTime?.());
        piecesPerStep.push(n);
        hasTime = yield;
      }
      return piecesPerStep.length;
    }
    await runner.run(pieces());
    // the first step runs before any answer (one piece), then steps of 8 ms fill each slice
    expect(piecesPerStep).toEqual([1, 7, 8, 4]);
    expect(runner.longestSliceMs).toBe(8);
    expect(runner.busyMs).toBe(20);
    expect(yields).toBe(2);
  });

  it('stops with Cancelled when the work is no longer wanted', async () => {
    let clock = 0;
    let wanted = true;
    const runner = createSliceRunner({ budgetMs: 1, now: () => clock, yieldToPage: async () => {}, isCancelled: () => !wanted });
    const steps = work(10, () => {
      clock += 2;
      if (clock > 6) wanted = false;
    });
    await expect(runner.run(steps)).rejects.toBeInstanceOf(Cancelled);
  });

  it('uses a real yield by default and finishes', async () => {
    const runner = createSliceRunner({ budgetMs: 0 });
    expect(await runner.run(work(3, () => {}))).toBe(3);
    expect(runner.slices).toBeGreaterThanOrEqual(3);
  });
});
