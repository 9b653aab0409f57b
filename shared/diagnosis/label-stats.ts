// Every message with one label (MM1, QM2 …) from one side of a session: how often it was sent,
// when last, on which frames and ports. Most labels are sent once, so the lists start as the
// first frame and port alone and become arrays only when a second one comes: a capture of tens
// of thousands of sessions then costs one object per label, not three. Lists read by the rules
// are made on reading (a new array each time).
import type { MessageFrame } from './session-tracker.js';

export const MAX_FRAMES_PER_LABEL = 32;
/** Distinct destination ports remembered per label. */
const MAX_PORTS_PER_LABEL = 8;

export class LabelStats {
  count = 1;
  retransmissions: number;
  readonly firstFrame: number;
  readonly firstSec: number;
  readonly firstNsec: number;
  lastFrame: number;
  lastSec: number;
  lastNsec: number;
  readonly #firstPort: number;
  /** Frames after the first (up to MAX_FRAMES_PER_LABEL in all). */
  #moreFrames: number[] | undefined;
  /** Ports other than the first, each once. */
  #morePorts: number[] | undefined;

  constructor(frame: MessageFrame, retransmission: boolean) {
    this.retransmissions = retransmission ? 1 : 0;
    this.firstFrame = frame.number;
    this.firstSec = frame.timeSec;
    this.firstNsec = frame.timeNsec;
    this.lastFrame = frame.number;
    this.lastSec = frame.timeSec;
    this.lastNsec = frame.timeNsec;
    this.#firstPort = frame.dstPort;
  }

  add(frame: MessageFrame, retransmission: boolean): void {
    this.count++;
    if (retransmission) this.retransmissions++;
    const more = (this.#moreFrames ??= []);
    if (more.length < MAX_FRAMES_PER_LABEL - 1) more.push(frame.number);
    this.lastFrame = frame.number;
    this.lastSec = frame.timeSec;
    this.lastNsec = frame.timeNsec;
    const port = frame.dstPort;
    if (port === this.#firstPort) return;
    const ports = (this.#morePorts ??= []);
    if (ports.length < MAX_PORTS_PER_LABEL - 1 && !ports.includes(port)) ports.push(port);
  }

  /** Drops the lists in place (see releaseSession). */
  clear(): void {
    if (this.#moreFrames) this.#moreFrames.length = 0;
    if (this.#morePorts) this.#morePorts.length = 0;
  }

  /** The frames it was sent in, in capture order (at most MAX_FRAMES_PER_LABEL). */
  get frames(): number[] {
    return this.#moreFrames ? [this.firstFrame, ...this.#moreFrames] : [this.firstFrame];
  }

  /** Ports it was sent to (500, 4500, or a NATed port), each once, first seen first (at most 8). */
  get dstPorts(): number[] {
    return this.#morePorts ? [this.#firstPort, ...this.#morePorts] : [this.#firstPort];
  }
}
