import { describe, expect, it } from 'vitest';
import { HttpError, parseRetryAfter } from '../../lib/live/http';
import { createScheduler } from '../../lib/live/scheduler';
import { recordingSleep } from './live-fakes';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('request scheduler', () => {
  it('keeps one request in flight per key: a second caller shares the first answer', async () => {
    const scheduler = createScheduler();
    const gate = deferred<string>();
    let calls = 0;
    const task = () => {
      calls++;
      return gate.promise;
    };
    const a = scheduler.run('wp|Q1', task);
    const b = scheduler.run('wp|Q1', task);
    expect(scheduler.inFlight()).toBe(1);
    gate.resolve('summary');
    expect(await Promise.all([a, b])).toEqual(['summary', 'summary']);
    expect(calls).toBe(1);
    expect(scheduler.stats().deduplicated).toBe(1);
    // once settled, the key can be fetched again
    await scheduler.run('wp|Q1', async () => 'again');
    expect(scheduler.inFlight()).toBe(0);
  });

  it('never runs more than the concurrency cap at once', async () => {
    const scheduler = createScheduler({ concurrency: 2 });
    const gates = Array.from({ length: 6 }, () => deferred<number>());
    let running = 0;
    let peak = 0;
    const runs = gates.map((g, i) =>
      scheduler.run(`k${i}`, async () => {
        running++;
        peak = Math.max(peak, running);
        const v = await g.promise;
        running--;
        return v;
      }),
    );
    await Promise.resolve();
    expect(running).toBe(2);
    for (const [i, g] of gates.entries()) g.resolve(i);
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(scheduler.stats().peakConcurrency).toBe(2);
  });

  it('backs off exponentially on server errors and network failures, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const scheduler = createScheduler({ sleep, baseDelayMs: 500, maxAttempts: 4 });
    const failures: unknown[] = [new HttpError(503, 'unavailable'), new TypeError('Failed to fetch'), new HttpError(502, 'bad gateway')];
    let calls = 0;
    const value = await scheduler.run('k', async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(4);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(scheduler.stats().retries).toBe(3);
  });

  it('honours Retry-After on 429 and pauses every other request until then', async () => {
    let clock = 0;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    const scheduler = createScheduler({ sleep, now: () => clock, baseDelayMs: 100 });
    let first = true;
    const limited = scheduler.run('a', async () => {
      if (first) {
        first = false;
        throw new HttpError(429, 'too many requests', parseRetryAfter('7'));
      }
      return 'a';
    });
    expect(await limited).toBe('a');
    expect(waits).toEqual([7000]);
    // the pause is shared: a request for another key during the pause waits for its end
    clock = 3000;
    waits.length = 0;
    expect(await scheduler.run('b', async () => 'b')).toBe('b');
    expect(waits).toEqual([4000]);
  });

  it('gives up after maxAttempts and does not retry client errors', async () => {
    const { sleep, waits } = recordingSleep();
    const scheduler = createScheduler({ sleep, maxAttempts: 3, baseDelayMs: 10 });
    let calls = 0;
    await expect(
      scheduler.run('down', async () => {
        calls++;
        throw new HttpError(500, 'boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);

    calls = 0;
    await expect(
      scheduler.run('missing', async () => {
        calls++;
        throw new HttpError(404, 'not found');
      }),
    ).rejects.toThrow('not found');
    expect(calls).toBe(1);
  });

  it('caps the backoff delay', async () => {
    let clock = 0;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    const scheduler = createScheduler({ sleep, now: () => clock, maxAttempts: 3, maxDelayMs: 5000 });
    let calls = 0;
    await scheduler.run('k', async () => {
      if (calls++ === 0) throw new HttpError(429, 'slow down', 3_600_000);
      return 1;
    });
    expect(waits).toEqual([5000]);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
