// L2TP control traffic in clear (UDP 1701): who dials whom, how often, and whether anything
// answered. The client is the side that sends SCCRQ (tunnel id 0: it has no tunnel yet).
// L2TP_WITHOUT_IPSEC (GUIDE.md, contract v2) is decided at the capture level: the client's
// L2TP in clear with no IKE between the two hosts.
import { hostPair } from './host-pair.js';
import type { DecodedFrame } from '../decode/types.js';
import { L2TP_MESSAGE, l2tpMessageName } from '../l2tp/decode.js';
import type { Finding } from '../report/types.js';
import { buildFinding } from './finding.js';
import { frameSetFilter, MAX_FILTER_FRAMES } from './frame-filter.js';

const MAX_PAIRS = 256;

export interface L2tpPair {
  client: string;
  server: string;
  /** SCCRQs the client sent. */
  sccrq: number;
  /** Control messages from the server side (SCCRP, Hello, ZLB …). */
  answers: number;
  firstMessage: string;
  /** Control messages of the pair, both ways. */
  messages: number;
  /** The first MAX_FILTER_FRAMES of them: as many as a filter lists. */
  frames: number[];
}

export interface L2tpTracker {
  add(frame: DecodedFrame): void;
  pairs(): L2tpPair[];
}

export function createL2tpTracker(): L2tpTracker {
  const byPair = new Map<string, L2tpPair>();
  function add(frame: DecodedFrame): void {
    const m = frame.l2tp;
    const ip = frame.ip;
    if (!m || !ip || !m.control) return;
    const forward = byPair.get(`${ip.src}|${ip.dst}`);
    const backward = byPair.get(`${ip.dst}|${ip.src}`);
    let pair = forward ?? backward;
    if (!pair) {
      // Only an SCCRQ opens a pair: it names the client.
      if (m.messageType !== L2TP_MESSAGE.SCCRQ || byPair.size >= MAX_PAIRS) return;
      pair = {
        client: ip.src,
        server: ip.dst,
        sccrq: 0,
        answers: 0,
        firstMessage: l2tpMessageName(m.messageType),
        messages: 0,
        frames: [],
      };
      byPair.set(`${ip.src}|${ip.dst}`, pair);
    }
    if (ip.src === pair.client) {
      if (m.messageType === L2TP_MESSAGE.SCCRQ) pair.sccrq++;
    } else {
      pair.answers++;
    }
    pair.messages++;
    if (pair.frames.length < MAX_FILTER_FRAMES) pair.frames.push(frame.number);
  }
  return { add, pairs: () => [...byPair.values()] };
}

/**
 * L2TP_WITHOUT_IPSEC for each pair with no IKE between its hosts that holds the client's SCCRQ.
 * The verdict rests on something present (contract v2), so one SCCRQ suffices (scenario no-ike,
 * frame 11); the evidence says how often it was sent and whether anything answered.
 */
export function l2tpFindings(pairs: L2tpPair[], ikePairs: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const p of pairs) {
    if (ikePairs.has(hostPair(p.client, p.server))) continue;
    if (p.sccrq === 0) continue;
    const frames = [...p.frames].sort((a, b) => a - b);
    out.push(
      buildFinding(
        'L2TP_WITHOUT_IPSEC',
        { frames, ports: [1701], details: { client: p.client, mx: p.server, sccrq: p.sccrq, answers: p.answers } },
        // Frames past those kept would not show in a list of frames: the pair's L2TP does.
        p.messages <= frames.length ? frameSetFilter(frames) : `l2tp && ip.addr == ${p.client}`,
        { message: p.firstMessage, mx: p.server, sent: p.sccrq },
      ),
    );
  }
  return out;
}
