// Runs generator-shaped work in slices of a few milliseconds, giving the page the main thread in
// between: scheduler.yield() where the browser has it (the continuation keeps its priority),
// else a MessageChannel round trip (not clamped like nested setTimeout), else setTimeout(0).

export interface SliceRunner {
  /** Drives `steps` to completion, yielding to the page whenever a slice has used its budget. */
  run<T>(steps: Generator<void, T, void>, label?: string): Promise<T>;
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
  let slices = 1;
  const longestStep = { label: '', ms: 0, index: 0 };
  let sliceStart = now();

  async function pause(): Promise<void> {
    longest = Math.max(longest, now() - sliceStart);
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
    async run<T>(steps: Generator<void, T, void>, label = 'work'): Promise<T> {
      for (let index = 0; ; index++) {
        const t0 = now();
        const step = steps.next();
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
  };
}
