// What the rules will ask of a session, noted as its messages are recorded (session-tracker.ts):
// the cleartext SA payloads of both sides, the NAT-D hashes of main mode 3/4 (IKEv2: the
// NAT_DETECTION notifies of IKE_SA_INIT), the MX's main mode 4 again after the client's main
// mode 5, its first IKE_AUTH answer's inner payload, and its informational messages with the
// client's step before each. Only firsts and bounded lists: a retransmission storm adds nothing.
import { EXCHANGE } from '../ike/exchange-types.js';
import { NOTIFY } from '../ike/notify-types.js';
import type { IkePayload, IsakmpMessage } from '../ike/types.js';
import { MAX_NOTIFIES, labelKey, type IkeSession } from './ike-session.js';
import { MAX_FRAMES_PER_LABEL, type LabelStats } from './label-stats.js';
import type { MessageFrame } from './session-tracker.js';
import type { Role } from './steps.js';

/** Notes what this message tells the rules; `stats` is its label's, this message counted. */
export function rememberForRules(
  s: IkeSession,
  msg: IsakmpMessage,
  frame: MessageFrame,
  from: Role,
  label: string,
  stats: LabelStats,
  notifies: number[],
): void {
  const first = stats.count === 1;
  if (first && (label === 'MM1' || label === 'AM1' || (label === 'IKE_SA_INIT' && from === 'client')))
    s.clientSaPayloads = msg.payloads;
  // IKEv2's responder may first ask for a cookie or another group (a bare notify) and answer with
  // its SA the retry: that answer is the one that tells what it speaks.
  const mxSaInit = label === 'IKE_SA_INIT' && from === 'mx';
  if (
    (first && (label === 'MM2' || label === 'AM2' || mxSaInit)) ||
    (mxSaInit && !hasSa(s.mxSaPayloads) && hasSa(msg.payloads))
  )
    s.mxSaPayloads = msg.payloads;
  if (first && (label === 'MM3' || label === 'MM4' || label === 'IKE_SA_INIT')) {
    // One pass, no intermediate arrays: this runs twice for every session of a day of scanners.
    const hashes: string[] = [];
    let src: string[] | undefined;
    let dst: string | undefined;
    for (const p of msg.payloads) {
      if (p.type === 'natd') hashes.push(p.hex);
      else if (p.type !== 'notify') continue;
      else if (p.notifyType === NOTIFY.V2_NAT_DETECTION_SOURCE_IP) (src ??= []).push(p.dataHex);
      else if (p.notifyType === NOTIFY.V2_NAT_DETECTION_DESTINATION_IP) dst ??= p.dataHex;
    }
    if (hashes.length > 0 || src) {
      s.natd.push({
        frame: frame.number,
        from,
        ispi: msg.ispi,
        rspi: msg.rspi,
        hashes,
        sourceHashes: src,
        destinationHash: dst,
        srcIp: frame.src,
        srcPort: frame.srcPort,
        dstIp: frame.dst,
        dstPort: frame.dstPort,
      });
    }
  }
  if (label === 'MM4' && (s.labels.get('client:MM5')?.count ?? 0) > 0 && s.mm4AfterMm5.length < MAX_FRAMES_PER_LABEL) {
    s.mm4AfterMm5.push(frame.number);
  }
  if (from === 'mx' && msg.majorVersion === 2 && msg.exchangeType === EXCHANGE.IKE_AUTH && !s.mxAuthInner) {
    const sk = msg.payloads.find((p) => p.type === 'encrypted');
    if (sk && sk.type === 'encrypted') s.mxAuthInner = { payload: sk.innerNextPayload, frame: frame.number };
  }
  if (
    from === 'mx' &&
    msg.exchangeType === EXCHANGE.INFORMATIONAL_V1 &&
    msg.majorVersion === 1 &&
    s.mxInfoAfter.length < MAX_NOTIFIES
  ) {
    s.mxInfoAfter.push({ after: lastClientLabel(s), frame: frame.number, encrypted: msg.encrypted, notifies });
  }
}

/** The furthest main/quick mode label the client has sent so far. */
function lastClientLabel(s: IkeSession): string {
  const order = ['QM3', 'QM1', 'MM5', 'MM3', 'MM1', 'AM3', 'AM1'];
  for (const l of order) if (s.labels.has(labelKey('client', l))) return l;
  return 'NONE';
}

function hasSa(payloads: readonly IkePayload[] | undefined): boolean {
  return payloads !== undefined && payloads.some((p) => p.type === 'sa');
}
