// A session's messages as the ladder will draw them, kept as columns rather than one object per
// message: numbers in one array of doubles (which the garbage collector copies without reading)
// and the few references (message ID text, label, notifies) in another. A capture of tens of
// thousands of sessions then costs two arrays per session, not an object per message; a
// message's record is made again only for the sessions diagnosed in full.
import type { IsakmpMessage } from '../ike/types.js';
import type { GuideStep } from '../report/types.js';
import type { MessageFrame } from './session-tracker.js';
import type { Role, StepLabel } from './steps.js';

/** One message of the timeline, as the diagnosis reads it. */
export interface MessageRecord {
  frame: number;
  timeSec: number;
  timeNsec: number;
  from: Role;
  exchangeType: number;
  nextPayload: number;
  messageId: string;
  encrypted: boolean;
  length: number;
  srcPort: number;
  dstPort: number;
  step: GuideStep;
  label: string;
  retransmission: boolean;
  notifies: number[];
}

/** Numbers per message: frame, seconds, nanoseconds, header (see `header`), length, ports. */
const NUMS = 6;
/** References per message: message ID text, step and label, notifies. */
const REFS = 3;

const FROM_CLIENT = 1;
const ENCRYPTED = 2;
const RETRANSMISSION = 4;

/** Exchange type and next payload (one byte each) with the flags above, in one number. */
function header(exchangeType: number, nextPayload: number, flags: number): number {
  return exchangeType + nextPayload * 256 + flags * 65536;
}

export class MessageLog {
  #nums: number[] = [];
  #refs: (string | StepLabel | number[])[] = [];

  constructor(private readonly max: number) {}

  get length(): number {
    return this.#refs.length / REFS;
  }

  /** Adds a message; false (nothing kept) when the log already holds `max`. */
  push(
    frame: MessageFrame,
    msg: IsakmpMessage,
    from: Role,
    stepLabel: StepLabel,
    retransmission: boolean,
    notifies: number[],
  ): boolean {
    if (this.length >= this.max) return false;
    const flags =
      (from === 'client' ? FROM_CLIENT : 0) | (msg.encrypted ? ENCRYPTED : 0) | (retransmission ? RETRANSMISSION : 0);
    this.#nums.push(
      frame.number,
      frame.timeSec,
      frame.timeNsec,
      header(msg.exchangeType, msg.nextPayload, flags),
      msg.length,
      frame.srcPort * 65536 + frame.dstPort,
    );
    this.#refs.push(msg.messageId, stepLabel, notifies);
    return true;
  }

  /** Empties the log in place (see releaseSession). */
  clear(): void {
    this.#nums.length = 0;
    this.#refs.length = 0;
  }

  frame(i: number): number {
    return this.#nums[i * NUMS];
  }

  label(i: number): string {
    return (this.#refs[i * REFS + 1] as StepLabel).label;
  }

  from(i: number): Role {
    return (this.#nums[i * NUMS + 3] / 65536) & FROM_CLIENT ? 'client' : 'mx';
  }

  /** The message at `i` as a record (made anew on each call). */
  record(i: number): MessageRecord {
    const n = i * NUMS;
    const r = i * REFS;
    const h = this.#nums[n + 3];
    const flags = Math.floor(h / 65536);
    const ports = this.#nums[n + 5];
    const { step, label } = this.#refs[r + 1] as StepLabel;
    return {
      frame: this.#nums[n],
      timeSec: this.#nums[n + 1],
      timeNsec: this.#nums[n + 2],
      from: flags & FROM_CLIENT ? 'client' : 'mx',
      exchangeType: h & 255,
      nextPayload: (h >>> 8) & 255,
      messageId: this.#refs[r] as string,
      encrypted: (flags & ENCRYPTED) !== 0,
      length: this.#nums[n + 4],
      srcPort: Math.floor(ports / 65536),
      dstPort: ports % 65536,
      step,
      label,
      retransmission: (flags & RETRANSMISSION) !== 0,
      notifies: this.#refs[r + 2] as number[],
    };
  }

  records(): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.record(i));
    return out;
  }
}
