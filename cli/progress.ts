// Progress on stderr for long reads: one self-overwriting line every ~2 s, only on a terminal.

export const PROGRESS_MIN_BYTES = 100 * 1024 * 1024;
const INTERVAL_MS = 2000;

export class Progress {
  private readonly started = performance.now();
  private lastShown = this.started;
  private shownOnce = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly totalBytes: number,
    private readonly enabled: boolean,
  ) {}

  update(bytes: number, frames: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastShown < INTERVAL_MS) return;
    this.lastShown = now;
    this.shownOnce = true;
    const mb = bytes / 1e6;
    const rate = mb / ((now - this.started) / 1000);
    const percent = this.totalBytes > 0 ? Math.floor((bytes / this.totalBytes) * 100) : 0;
    this.write(
      `\r${percent}%  ${mb.toFixed(0)} of ${(this.totalBytes / 1e6).toFixed(0)} MB  ${frames} frames  ${rate.toFixed(0)} MB/s `,
    );
  }

  done(): void {
    if (this.shownOnce) this.write('\r\x1b[K');
  }
}
