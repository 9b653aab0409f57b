// RADIUS requests matched to their answers by addresses, ports and identifier (RFC 2865 3).
// A request sent again with the same identifier is a retry, counted on the same exchange.
import type { DecodedFrame } from '../../decode/types.js';

export const RadiusCode = { AccessRequest: 1, AccessAccept: 2, AccessReject: 3, AccessChallenge: 11 } as const;
const MAX_EXCHANGES = 2000;

export interface RadiusExchange {
  nas: string;
  server: string;
  identifier: number;
  userName?: string;
  requestFrames: number[];
  /** When the last Access-Request of the exchange was sent (its answer is due after it). */
  lastSec: number;
  lastNsec: number;
  answerCode?: number;
  answerFrame?: number;
  replyMessage?: string;
}

export interface RadiusTracker {
  add(frame: DecodedFrame): void;
  exchanges(): RadiusExchange[];
  /** Answers whose Access-Request is not in the capture (it began after it). */
  orphanAnswers(): number;
}

export function createRadiusTracker(): RadiusTracker {
  const open = new Map<string, RadiusExchange>();
  const all: RadiusExchange[] = [];
  let orphans = 0;
  function add(frame: DecodedFrame): void {
    const r = frame.radius;
    if (!r || !frame.ip || !frame.udp) return;
    const src = `${frame.ip.src}:${frame.udp.srcPort}`;
    const dst = `${frame.ip.dst}:${frame.udp.dstPort}`;
    if (r.code === RadiusCode.AccessRequest) {
      const key = `${src}|${dst}|${r.identifier}`;
      const ex = open.get(key);
      if (ex && ex.answerCode === undefined) {
        if (ex.requestFrames.length < 16) ex.requestFrames.push(frame.number);
        ex.lastSec = frame.timeSec;
        ex.lastNsec = frame.timeNsec;
        return;
      }
      if (all.length >= MAX_EXCHANGES) return;
      const fresh: RadiusExchange = {
        nas: src,
        server: dst,
        identifier: r.identifier,
        userName: r.userName,
        requestFrames: [frame.number],
        lastSec: frame.timeSec,
        lastNsec: frame.timeNsec,
      };
      open.set(key, fresh);
      all.push(fresh);
      return;
    }
    if (
      r.code === RadiusCode.AccessAccept ||
      r.code === RadiusCode.AccessReject ||
      r.code === RadiusCode.AccessChallenge
    ) {
      const ex = open.get(`${dst}|${src}|${r.identifier}`);
      if (!ex) orphans++;
      if (!ex || ex.answerCode !== undefined) return;
      ex.answerCode = r.code;
      ex.answerFrame = frame.number;
      ex.replyMessage = r.replyMessage;
    }
  }
  return { add, exchanges: () => all, orphanAnswers: () => orphans };
}
