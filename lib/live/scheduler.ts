// Polite requests: one in flight per key, a small concurrency cap, exponential backoff on errors
// and a shared pause after a 429 (Wikimedia's limits are per client, not per page).
import { HttpError, isRetryable } from './http';

export interface SchedulerOptions {
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface SchedulerStats {
  /** task attempts started */
  attempts: number;
  /** attempts that failed and were retried */
  retries: number;
  /** calls answered by a request already in flight */
  deduplicated: number;
  /** most attempts running at the same time */
  peakConcurrency: number;
}

export interface Scheduler {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  inFlight(): number;
  stats(): SchedulerStats;
}

export const DEFAULT_CONCURRENCY = 2;

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;

  const pending = new Map<string, Promise<unknown>>();
  const waiting: (() => void)[] = [];
  let active = 0;
  let cooldownUntil = 0;
  const stats: SchedulerStats = { attempts: 0, retries: 0, deduplicated: 0, peakConcurrency: 0 };

  async function acquire(): Promise<void> {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    stats.peakConcurrency = Math.max(stats.peakConcurrency, active);
  }

  function release(): void {
    active--;
    waiting.shift()?.();
  }

  async function attempt<T>(task: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      let delay = 0;
      await acquire();
      try {
        const wait = cooldownUntil - now();
        if (wait > 0) await sleep(wait);
        stats.attempts++;
        return await task();
      } catch (err) {
        if (n >= maxAttempts || !isRetryable(err)) throw err;
        const retryAfter = err instanceof HttpError ? err.retryAfterMs : undefined;
        delay = Math.min(maxDelay, retryAfter ?? baseDelay * 2 ** (n - 1));
        if (err instanceof HttpError && err.status === 429) cooldownUntil = Math.max(cooldownUntil, now() + delay);
        stats.retries++;
      } finally {
        release();
      }
      // the slot is free while this one waits, so other keys keep moving (unless a 429 paused everyone)
      await sleep(delay);
    }
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const existing = pending.get(key);
      if (existing) {
        stats.deduplicated++;
        return existing as Promise<T>;
      }
      const promise = attempt(task).finally(() => pending.delete(key));
      pending.set(key, promise);
      return promise;
    },
    inFlight: () => pending.size,
    stats: () => ({ ...stats }),
  };
}
