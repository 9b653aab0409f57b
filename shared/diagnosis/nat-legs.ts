// One IKE negotiation captured before and after a NAT device (a capture on the NAT box,
// `tcpdump -i any`): the same initiator SPI in two sessions between different hosts, one end in
// common, begun together. Two sessions, one client: the report says so (anomaly nat-both-legs).
import type { IkeSession } from './ike-session.js';
import { secondsBetween } from './time.js';

export interface NatLegs {
  first: { id: string; clientIp: string; responderIp: string };
  second: { id: string; clientIp: string; responderIp: string };
  /** The second leg's first frame. */
  frame: number;
}

/** NAT legs listed; past it they are not (the first ones say what the capture is). */
const MAX_NAT_LEGS = 16;
/** A packet and its translated copy cross a NAT device within a millisecond: a second is ample. */
const LEG_SECONDS = 1;

export function createNatLegs(): {
  note(other: IkeSession | undefined, s: IkeSession, frame: number): void;
  list(): NatLegs[];
} {
  const legs: NatLegs[] = [];
  const ends = (x: IkeSession) => ({ id: x.id, clientIp: x.clientIp, responderIp: x.responderIp });
  return {
    /** `s` is new; `other` the live session last seen with its initiator SPI, if any. */
    note(other, s, frame) {
      if (!other || other.pair === s.pair || legs.length >= MAX_NAT_LEGS) return;
      if (other.clientIp !== s.clientIp && other.responderIp !== s.responderIp) return;
      if (Math.abs(secondsBetween(other.firstSec, other.firstNsec, s.firstSec, s.firstNsec)) > LEG_SECONDS) return;
      legs.push({ first: ends(other), second: ends(s), frame });
    },
    list: () => legs,
  };
}
