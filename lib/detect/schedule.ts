// Runs generator-shaped work in slices of a few milliseconds, giving the page the main thread in
// between: scheduler.yield() where the browser has it (the continuation keeps its priority),
// else a MessageChannel round trip (not clamped like nested setTimeout), else setTimeout(0).

/**
 * What a step generator gets back from `yield` when a SliceRunner drives it: true while the
 * current slice has time left. A step can then do as many small pieces as fit, instead of a fixed
 * amount that is too little when the code is fast and too much while it is still cold. Driven by
 * hand (`next()` without an argument) a step does one fixed piece.
 */
export type HasTime = () => boolean;

/** Work in steps: the generator yields between steps and reads a HasTime (or undefined) back. */
export type Steps<T> = Generator<void, T, HasTime | undefined>;

export interface SliceRunner {
  /** Drives `steps` to completion, yielding to the page whenever a slice has used its budget. */
  run<T>(steps: Steps<T> | Generator<void, T, void>, label?: string): Promise<T>;
  /** Gives the page the main thread once. */
  pause(): Promise<void>;
  /** Gives the page the main thread first unless at least `ms` of this slice's budget is left (before a piece of work that cannot be split). */
  ensure(ms: number): Promise<void>;
  /** Longest slice so far, in ms (diagnostics). */
  readonly longestSliceMs: number;
  /** Longest single step between two yields of a generator, and whose it was (diagnostics). */
  readonly longestStep: { label: string; ms: number; index: number };
  /** Slices so far. */
  readonly slices: number;
  /** Time spent working, summed over slices (the rest of the wall-clock time went to the page). */
  readonly busyMs: number;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface SliceOptions {
  /** Work per slice, ms (default 8: half a frame, well under the 50 ms long-task line). */
  budgetMs?: number;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
  /** Checked between slices; when true the work stops with Cancelled. */
  isCancelled?: () => boolean;
}

export function defaultYield(scope: typeof globalThis = globalThis): () => Promise<void> {
  const scheduler = (scope as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return () => scheduler.yield!();
  if (typeof scope.MessageChannel === 'function') {
    const channel = new scope.MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(0);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export function createSliceRunner(options: SliceOptions = {}): SliceRunner {
  const budget = options.budgetMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? defaultYield();
  let longest = 0;
  let busy = 0;
  let slices = 1;
  const longestStep = { label: '', ms: 0, index: 0 };
  let sliceStart = now();
  const hasTime: HasTime = () => now() - sliceStart < budget;

  async function pause(): Promise<void> {
    const took = now() - sliceStart;
    longest = Math.max(longest, took);
    busy += took;
    await yieldToPage();
    slices++;
    if (options.isCancelled?.()) throw new Cancelled();
    sliceStart = now();
  }

  return {
    pause,
    async ensure(ms: number) {
      if (now() - sliceStart > budget - ms) await pause();
    },
    // The slice clock runs from the runner's creation or the last pause, across run() calls.
    async run<T>(work: Steps<T> | Generator<void, T, void>, label = 'work'): Promise<T> {
      // generators that ignore what `yield` returns take it all the same
      const steps = work as Steps<T>;
      for (let index = 0; ; index++) {
        const t0 = now();
        const step = steps.next(hasTime);
        const took = now() - t0;
        if (took > longestStep.ms) {
          longestStep.ms = took;
          longestStep.label = label;
          longestStep.index = index;
        }
        if (step.done) {
          longest = Math.max(longest, now() - sliceStart);
          return step.value;
        }
        if (now() - sliceStart >= budget) await pause();
      }
    },
    get longestSliceMs() {
      return longest;
    },
    get longestStep() {
      return { ...longestStep };
    },
    get slices() {
      return slices;
    },
    get busyMs() {
      // the slice in progress counts up to now
      return busy + (now() - sliceStart);
    },
  };
}
