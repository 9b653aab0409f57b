// Lambda's asynchronous invocation, locally: events queue up, a failed invocation is retried
// twice after a delay, and a final failure is written to a dead-letter directory (the on-failure
// destination) from which it can be redriven. Concurrency is bounded to keep memory bounded.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';

export interface AsyncInvokerOptions {
  dlqDir: string;
  /** Delays before each retry; Lambda retries an async event twice. */
  retryDelaysMs: number[];
  concurrency: number;
  log: Logger;
}

export class AsyncInvoker<E> {
  private readonly queue: E[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly fn: (event: E) => Promise<unknown>,
    private readonly opts: AsyncInvokerOptions,
  ) {}

  invoke(event: E): void {
    if (this.stopped) return;
    this.queue.push(event);
    this.pump();
  }

  /** Resolves when no event is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  /** Re-invokes every dead-lettered event once; those that fail again go back to the DLQ. */
  async redrive(): Promise<number> {
    let names: string[];
    try {
      names = (await readdir(this.opts.dlqDir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return 0;
    }
    for (const name of names) {
      const path = join(this.opts.dlqDir, name);
      const entry = JSON.parse(await readFile(path, 'utf8')) as { event: E };
      await rm(path);
      this.invoke(entry.event);
    }
    return names.length;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.opts.concurrency && this.queue.length > 0) {
      const event = this.queue.shift() as E;
      this.running++;
      void this.run(event).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async run(event: E): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.fn(event);
        return;
      } catch (err) {
        if (this.stopped) return;
        const delay = this.opts.retryDelaysMs[attempt];
        if (delay === undefined) {
          await this.deadLetter(event, err);
          return;
        }
        this.opts.log.warn('async invocation failed, retrying', {
          attempt: attempt + 1,
          delayMs: delay,
          error: String(err),
        });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async deadLetter(event: E, err: unknown): Promise<void> {
    await mkdir(this.opts.dlqDir, { recursive: true });
    const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
    await writeFile(
      join(this.opts.dlqDir, name),
      JSON.stringify({ event, error: String(err), at: new Date().toISOString() }),
    );
    this.opts.log.error('event dead-lettered', { file: name, error: String(err) });
  }
}
