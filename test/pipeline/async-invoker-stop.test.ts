// Stopping the twin's Lambda invoker: what is running finishes before the emulators close (a
// request reaching a closed dynalite throws outside any promise: a CI run failed on it), and an
// event waiting to be retried is not retried once stopped. Real timers, small delays.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncInvoker } from '../../lambdas/local/async-invoker.js';
import { silentLogger } from '../../lambdas/log.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('AsyncInvoker.stop', () => {
  it('idle() after stop() waits for the running invocation', async () => {
    let finished = false;
    const invoker = new AsyncInvoker<{ n: number }>(
      async () => {
        await sleep(150);
        finished = true;
      },
      { dlqDir: '/nonexistent-dlq', retryDelaysMs: [], concurrency: 2, log: silentLogger },
    );
    invoker.invoke({ n: 1 }, false);
    invoker.stop();
    await invoker.idle(5_000);
    expect(finished).toBe(true);
  });

  it('idle(timeout) gives up on an invocation that does not end', async () => {
    const invoker = new AsyncInvoker<{ n: number }>(() => new Promise(() => undefined), {
      dlqDir: '/nonexistent-dlq',
      retryDelaysMs: [],
      concurrency: 1,
      log: silentLogger,
    });
    invoker.invoke({ n: 1 }, false);
    invoker.stop();
    const started = Date.now();
    await invoker.idle(100);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an event waiting for its retry is not retried once stopped, and stays queued on disk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'vd-invoker-'));
    let calls = 0;
    const invoker = new AsyncInvoker<{ n: number }>(
      () => {
        calls++;
        return Promise.reject(new Error('dynamo unavailable'));
      },
      {
        dlqDir: join(dir, 'dlq'),
        queueDir: join(dir, 'queue'),
        retryDelaysMs: [200],
        concurrency: 1,
        log: silentLogger,
      },
    );
    invoker.invoke({ n: 1 });
    await sleep(50);
    invoker.stop();
    await invoker.idle(5_000);
    await sleep(50);
    expect(calls).toBe(1);
    expect((await readdir(join(dir, 'queue'))).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });
});
