// What the rules look at. ESP facts (flows per direction, the capture's clock) are shared by
// every kind of session; IKE facts add the tracked negotiation and its NAT verdict. Small
// helpers ask "was this label seen, repeated, from whom" without restating labels as strings.
import { NOTIFY } from '../ike/notify-types.js';
import type { IkePayload } from '../ike/types.js';
import type { Evidence } from '../report/types.js';
import type { CaptureClock } from './capture-clock.js';
import type { EspFlow } from './esp-flows.js';
import { labelKey, type IkeSession } from './ike-session.js';
import type { LabelStats } from './label-stats.js';
import type { NatVerdict } from './nat-detection.js';
import type { Question } from './rule-types.js';
import type { Role } from './steps.js';
import { frameSetFilter, MAX_FILTER_FRAMES } from './frame-filter.js';

export interface EspFacts {
  espUp: EspFlow[];
  espDown: EspFlow[];
  clock: CaptureClock;
  /** The MX's latest IKE message to the user (IKE sessions): its frame and destination port. */
  mxLastIke?: { frame: number; dstPort: number };
}

export interface IkeFacts extends EspFacts {
  session: IkeSession;
  nat: NatVerdict;
  /**
   * The initiator is a gateway: it answers other hosts' IKE in this capture (or is the MX named
   * by the user). An MX does not open Client VPN, so what it opens is a tunnel of its own.
   */
  openedByGateway: boolean;
  /**
   * The MX opened this Client VPN negotiation: it renews the user's phase 1 (mx-renewal.ts). The
   * session's roles stay IKE's (its client is the initiator, here the MX) for the rules; the
   * report, the ESP directions and the NAT sides name the hosts as they are (`userIp`).
   */
  mxOpened: boolean;
}

/** The user's address: the initiator's, unless the MX opened the negotiation. */
export function userIp(f: IkeFacts): string {
  return f.mxOpened ? f.session.responderIp : f.session.clientIp;
}

/** The user's first port (its NAT's mapping of 500, where users behind one NAT differ). */
export function userPort(f: IkeFacts): number {
  return f.mxOpened ? f.session.responderPort : f.session.clientPort;
}

/** The MX's address: the responder's, unless the MX opened the negotiation. */
export function mxIp(f: IkeFacts): string {
  return f.mxOpened ? f.session.clientIp : f.session.responderIp;
}

/** The cleartext SA message payloads the user sent (its offer, or its answer to the MX's). */
export function userSaPayloads(f: IkeFacts): IkePayload[] | undefined {
  return f.mxOpened ? f.session.mxSaPayloads : f.session.clientSaPayloads;
}

const OTHER_SIDE = { client: 'mx', mx: 'client', unknown: 'unknown' } as const;

/** NAT sides named by host, for what the report shows (the rules read IKE roles). */
export function natByHost(f: IkeFacts): NatVerdict {
  const nat = f.nat;
  if (!f.mxOpened) return nat;
  return {
    ...nat,
    client: nat.responder,
    responder: nat.client,
    captureSide: OTHER_SIDE[nat.captureSide],
    // A forward in front of the IKE responder (here the user): nothing the report names.
    responderForwarded: null,
  };
}

export function stats(f: IkeFacts, from: Role, label: string): LabelStats | undefined {
  return f.session.labels.get(labelKey(from, label));
}

export function seen(f: IkeFacts, from: Role, label: string): boolean {
  return (stats(f, from, label)?.count ?? 0) > 0;
}

export function count(f: IkeFacts, from: Role, label: string): number {
  return stats(f, from, label)?.count ?? 0;
}

export function repeated(f: IkeFacts, from: Role, label: string): boolean {
  return (stats(f, from, label)?.retransmissions ?? 0) > 0 || count(f, from, label) > 1;
}

/** The last sending of a label, as the question whose answer is missing. */
export function questionOf(f: IkeFacts, from: Role, label: string): Question | undefined {
  const s = stats(f, from, label);
  if (!s) return undefined;
  return { frame: s.lastFrame, sec: s.lastSec, nsec: s.lastNsec, repeated: s.count > 1 };
}

/** The first sending of a label: what was due after it has been due since then. */
export function firstQuestionOf(f: IkeFacts, from: Role, label: string): Question | undefined {
  const s = stats(f, from, label);
  if (!s) return undefined;
  return { frame: s.firstFrame, sec: s.firstSec, nsec: s.firstNsec, repeated: s.count > 1 };
}

/** The MX's answer to quick mode 1 that is not quick mode 2: an informational, a NO-PROPOSAL-CHOSEN. */
export function quickModeRejection(
  f: IkeFacts,
): { info?: { frame: number }; notify?: { type: number; frame: number } } | undefined {
  const info = f.session.mxInfoAfter.find((i) => i.after === 'QM1');
  const notify = f.session.notifies.find((n) => n.type === NOTIFY.V1_NO_PROPOSAL_CHOSEN && n.from === 'mx');
  return info || notify ? { info, notify } : undefined;
}

export function mxSentAnything(f: IkeFacts): boolean {
  for (const key of f.session.labels.keys()) if (key.startsWith('mx:')) return true;
  return false;
}

/** Did the MX send anything after this frame (any label, any port)? */
export function mxSentAfter(f: IkeFacts, frame: number): boolean {
  for (const [key, st] of f.session.labels) if (key.startsWith('mx:') && st.lastFrame > frame) return true;
  return false;
}

export function framesOf(f: IkeFacts, ...keys: [Role, string][]): number[] {
  const out: number[] = [];
  for (const [from, label] of keys) out.push(...(stats(f, from, label)?.frames ?? []));
  return [...new Set(out)].sort((a, b) => a - b);
}

export function repeatedEntries(f: IkeFacts, ...keys: [Role, string][]): NonNullable<Evidence['repeated']> {
  const out: NonNullable<Evidence['repeated']> = [];
  for (const [from, label] of keys) {
    const s = stats(f, from, label);
    if (s && s.count > 1) out.push({ message: label, from, count: s.count, frames: s.frames });
  }
  return out;
}

export function packets(flows: EspFlow[]): number {
  let n = 0;
  for (const x of flows) n += x.packets;
  return n;
}

/** Wireshark display filter for a set of frames (exact), or the session's SPI when long. */
export function framesFilter(f: IkeFacts, frames: number[]): string {
  if (frames.length === 0 || frames.length > MAX_FILTER_FRAMES)
    return f.session.ispi ? spiFilter(f.session.ispi) : espFilter([...f.espUp, ...f.espDown]);
  return frameSetFilter(frames);
}

export function spiFilter(ispi: string): string {
  return `isakmp.ispi == ${ispi.match(/../g)?.join(':') ?? ispi}`;
}

export function espFilter(flows: EspFlow[]): string {
  const spis = [...new Set(flows.map((x) => x.spi))].slice(0, 16);
  return spis.length ? spis.map((s) => `esp.spi == 0x${s}`).join(' || ') : 'esp';
}
