// The CLI's only contact with the process: where output goes. Commands take a CliIo so tests
// can run them in-process and read what they printed.
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** stderr is an interactive terminal (progress lines are shown only then). */
  stderrIsTTY: boolean;
  /** stdout is an interactive terminal (colour is used only then, and never with NO_COLOR). */
  stdoutIsTTY?: boolean;
  /** The environment variables the commands may consult (absent: none; tests pass their own). */
  env?: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

/**
 * Buffered text output with backpressure: `write` appends, `flush` hands the buffer to the
 * stream and waits for 'drain' when the stream is full. A closed pipe (`| head`) ends output
 * quietly: `closed` becomes true and later writes are dropped.
 */
export class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  closed = false;

  constructor(
    private readonly stream: Writable,
    private readonly flushAt = 256 * 1024,
  ) {
    stream.on('error', () => {
      this.closed = true;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
  }

  get pending(): boolean {
    return this.size >= this.flushAt;
  }

  async flush(): Promise<void> {
    if (this.size === 0 || this.closed) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
  }
}
