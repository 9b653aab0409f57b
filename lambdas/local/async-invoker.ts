// Lambda's asynchronous invocation, locally: events queue up, a failed invocation is retried
// twice after a delay, and a final failure is written to a dead-letter directory (the on-failure
// destination) from which it can be redriven. Concurrency is bounded to keep memory bounded.
// Like Lambda's internal queue, accepted events survive a crash: each is kept in `queueDir` until
// it has been handled or dead-lettered, and `resume()` invokes what an earlier process left.
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';

export interface AsyncInvokerOptions {
  dlqDir: string;
  /** Accepted, unfinished events (absent: kept in memory only). */
  queueDir?: string;
  /** Delays before each retry; Lambda retries an async event twice. */
  retryDelaysMs: number[];
  concurrency: number;
  log: Logger;
}

interface Queued<E> {
  event: E;
  file?: string;
}

export class AsyncInvoker<E> {
  private readonly queue: Queued<E>[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly fn: (event: E) => Promise<unknown>,
    private readonly opts: AsyncInvokerOptions,
  ) {}

  /** `durable: false` for events that are made again anyway (the sweeper's schedule). */
  invoke(event: E, durable = true): void {
    if (this.stopped) return;
    this.queue.push({ event, file: durable ? this.persist(event) : undefined });
    this.pump();
  }

  /** Invokes the events an earlier process accepted but did not finish. */
  async resume(): Promise<number> {
    const dir = this.opts.queueDir;
    if (!dir) return 0;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const event = await this.readEntry(join(dir, name));
      if (event === undefined) continue;
      this.queue.push({ event: event as E, file: join(dir, name) });
    }
    this.pump();
    return names.length;
  }

  /** Resolves when no event is queued or running (or after `timeoutMs`, when given). */
  idle(timeoutMs?: number): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (timeoutMs !== undefined) setTimeout(resolve, timeoutMs).unref();
    });
  }

  /** Stops taking events; queued ones stay in `queueDir` for the next process. */
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
    let redriven = 0;
    for (const name of names) {
      const path = join(this.opts.dlqDir, name);
      const event = await this.readEntry(path);
      if (event === undefined) continue;
      await rm(path);
      this.invoke(event as E);
      redriven++;
    }
    return redriven;
  }

  /** The `event` of a queue or DLQ file; a malformed file is set aside (`.bad`) with a warning. */
  private async readEntry(path: string): Promise<unknown> {
    try {
      const entry = JSON.parse(await readFile(path, 'utf8')) as { event?: unknown };
      if (entry && typeof entry === 'object' && entry.event && typeof entry.event === 'object') return entry.event;
      throw new Error('no event object in the file');
    } catch (err) {
      await rename(path, `${path}.bad`).catch(() => undefined);
      this.opts.log.warn('malformed event file set aside', { file: `${path}.bad`, error: String(err) });
      return undefined;
    }
  }

  private persist(event: E): string | undefined {
    const dir = this.opts.queueDir;
    if (!dir) return undefined;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify({ event }));
    return file;
  }

  private forget(item: Queued<E>): void {
    if (!item.file) return;
    try {
      unlinkSync(item.file);
    } catch {
      // already gone
    }
  }

  private pump(): void {
    while (!this.stopped && this.running < this.opts.concurrency && this.queue.length > 0) {
      const item = this.queue.shift() as Queued<E>;
      this.running++;
      void this.run(item.event).finally(() => {
        if (!this.stopped) this.forget(item);
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
        if (this.stopped) return; // stopped while waiting: the event stays queued on disk
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
