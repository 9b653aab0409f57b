// NAT detection from the NAT-D hashes (RFC 3947 for IKEv1, RFC 7296 2.23 for IKEv2):
// HASH(CKY-I | CKY-R | IP | port) computed over the addresses the packet really carried,
// compared with what each side hashed. A side whose own address does not match is behind a NAT
// somewhere between it and the capture point; the mismatching message also tells on which side
// of that NAT the capture was taken.
import * as crypto from 'node:crypto';
import type { IkeSession, NatDObservation } from './ike-session.js';
import { ipBytes, putIpv4 } from '../net/address-bytes.js';

/** IKEv1 phase 1 hash attribute values -> node:crypto names. */
const HASH_ALGORITHMS: Record<number, string> = { 1: 'md5', 2: 'sha1', 4: 'sha256', 5: 'sha384', 6: 'sha512' };
const HASH_ATTRIBUTE = 2;

export interface NatVerdict {
  /** The IKE version whose NAT-D this read (IKEv2 hashes sit in notifications). */
  version: 1 | 2;
  client: boolean | null;
  responder: boolean | null;
  /** Where the capture was taken relative to the NAT(s): 'mx' side, 'client' side, or unknown. */
  captureSide: 'mx' | 'client' | 'unknown';
  /**
   * The initiator's hash of the responder's address does not match the address the packet
   * arrived at: the initiator dialled another address, which a NAT in front of the responder
   * forwards to it (a port forward upstream of the MX, captured on the MX's side of it). Peer
   * hashes are never faked (strongSwan's forced encapsulation fakes a host's own hash only).
   */
  responderForwarded: boolean | null;
  hash: string | null;
  /** Frames whose hashes were checked. */
  frames: number[];
  /** Each message's hashes as checked, in capture order (natDetails words them for a finding). */
  checks: NatCheck[];
}

/** One message's NAT-D hashes against the addresses it carried (IKEv2: its source hash only). */
export interface NatCheck {
  frame: number;
  own: boolean;
  /** IKEv1 only: the hash of the peer's address. */
  peer?: boolean;
}

/**
 * The checks as evidence details, made only for a finding: keys named after frame numbers, on
 * an object per session, would cost a hidden class (and strings) for every session counted.
 */
export function natDetails(nat: NatVerdict): [string, string | boolean][] {
  const out: [string, string | boolean][] = nat.version === 1 && nat.hash ? [['hash', nat.hash]] : [];
  for (const c of nat.checks)
    if (c.peer === undefined) out.push([`frame${c.frame}SourceHashMatches`, c.own]);
    else out.push([`frame${c.frame}PeerHashMatches`, c.peer], [`frame${c.frame}OwnHashMatches`, c.own]);
  return out;
}

export function natDHash(algorithm: string, ispi: string, rspi: string, ip: string, port: number): string | null {
  // One scratch buffer per address length, written in place: this runs twice for every session
  // of captures with tens of thousands, and a buffer per call was garbage at once.
  const v6 = ip.includes(':');
  const input = v6 ? INPUT_V6 : INPUT_V4;
  if (!putHex(input, 0, ispi) || !putHex(input, 8, rspi)) return null;
  if (v6) {
    const addr = ipBytes(ip);
    if (!addr || addr.length !== 16) return null;
    input.set(addr, 16);
  } else if (!putIpv4(input, 16, ip)) return null;
  input[input.length - 2] = (port >> 8) & 0xff;
  input[input.length - 1] = port & 0xff;
  return crypto.hash
    ? crypto.hash(algorithm, input, 'hex')
    : toHex(crypto.createHash(algorithm).update(input).digest());
}

/** CKY-I | CKY-R | IP | port: 8 + 8 + 4 (or 16) + 2 bytes. */
const INPUT_V4 = new Uint8Array(16 + 4 + 2);
const INPUT_V6 = new Uint8Array(16 + 16 + 2);
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const SPI_HEX_LENGTH = 16;

/** Value of a lower-case hex digit's character code, -1 for any other character. */
function nibble(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
}

/** An SPI's 16 lower-case hex digits as 8 bytes at `at`; false for anything else. */
function putHex(out: Uint8Array, at: number, hex: string): boolean {
  if (hex.length !== SPI_HEX_LENGTH) return false;
  for (let i = 0; i < SPI_HEX_LENGTH >> 1; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return false;
    out[at + i] = (hi << 4) | lo;
  }
  return true;
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX_BYTE[b];
  return s;
}

/** The hash chosen by the responder (main mode 2), else the only one the client offered. */
export function negotiatedHash(session: IkeSession): string | null {
  for (const payloads of [session.mxSaPayloads, session.clientSaPayloads]) {
    const sa = payloads?.find((p) => p.type === 'sa');
    if (!sa || sa.type !== 'sa') continue;
    // One value across every transform names the hash; two or more (an offer) name none.
    let value: number | undefined;
    let several = false;
    for (const prop of sa.proposals)
      for (const t of prop.transforms) {
        const attr = t.attributes.find((a) => a.type === HASH_ATTRIBUTE);
        if (attr?.value === undefined) continue;
        if (value === undefined) value = attr.value;
        else if (attr.value !== value) several = true;
      }
    if (value !== undefined && !several) return HASH_ALGORITHMS[value] ?? null;
  }
  return null;
}

/**
 * A capture that starts after main mode 2 has no chosen hash, but the NAT-D hashes' length
 * names it (16 bytes MD5, 20 SHA-1, 32/48/64 SHA-2): retransmitted main mode 3/4 carry the
 * same hashes as the originals, so NAT can still be checked.
 */
const HASH_BY_HEX_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

function hashFromLength(session: IkeSession): string | null {
  const hex = session.natd.find((o) => o.hashes.length > 0)?.hashes[0];
  return hex ? (HASH_BY_HEX_LENGTH[hex.length] ?? null) : null;
}

export function detectNat(session: IkeSession): NatVerdict {
  const checks: NatCheck[] = [];
  const frames = session.natd.map((o) => o.frame);
  if (session.version === 2) return detectNatV2(session, frames, checks);
  const hash = negotiatedHash(session) ?? hashFromLength(session);
  const verdict: NatVerdict = {
    version: 1,
    client: null,
    responder: null,
    captureSide: 'unknown',
    responderForwarded: null,
    hash,
    frames,
    checks,
  };
  if (!hash) return verdict;
  let clientOwnMismatch = false;
  let clientSeenMismatch = false;
  let mxOwnMismatch = false;
  let mxSeenMismatch = false;
  let checked = false;
  const natD = natDHasher(hash);
  for (const o of session.natd) {
    if (o.hashes.length < 2) continue;
    const peerHash = natD(o.ispi, o.rspi, o.dstIp, o.dstPort);
    const ownHash = natD(o.ispi, o.rspi, o.srcIp, o.srcPort);
    if (!peerHash || !ownHash) continue;
    checked = true;
    const peerMatches = o.hashes[0] === peerHash;
    const ownMatches = o.hashes.indexOf(ownHash, 1) > 0;
    checks.push({ frame: o.frame, own: ownMatches, peer: peerMatches });
    if (o.from === 'client') {
      clientOwnMismatch ||= !ownMatches;
      mxSeenMismatch ||= !peerMatches;
    } else {
      mxOwnMismatch ||= !ownMatches;
      clientSeenMismatch ||= !peerMatches;
    }
  }
  if (!checked) return verdict;
  verdict.client = clientOwnMismatch || clientSeenMismatch;
  verdict.responder = mxOwnMismatch || mxSeenMismatch;
  verdict.captureSide = sideOf(clientOwnMismatch, clientSeenMismatch, mxOwnMismatch, mxSeenMismatch);
  verdict.responderForwarded = mxSeenMismatch;
  return verdict;
}

/**
 * natDHash remembering what it computed: each side's message hashes the same two
 * address/port pairs (its own and its peer's), so a session needs half the digests.
 */
function natDHasher(algorithm: string): (ispi: string, rspi: string, ip: string, port: number) => string | null {
  const done: { ispi: string; rspi: string; ip: string; port: number; hash: string | null }[] = [];
  return (ispi, rspi, ip, port) => {
    for (const d of done) if (d.ip === ip && d.port === port && d.rspi === rspi && d.ispi === ispi) return d.hash;
    const hash = natDHash(algorithm, ispi, rspi, ip, port);
    if (done.length < 8) done.push({ ispi, rspi, ip, port, hash });
    return hash;
  };
}

/**
 * A sender's own hash that does not match the packet as captured means the translation
 * happened between that sender and the capture point; a peer hash that does not match means
 * the translation happened beyond the capture point.
 */
function sideOf(clientOwn: boolean, clientSeen: boolean, mxOwn: boolean, mxSeen: boolean): NatVerdict['captureSide'] {
  if (clientOwn || mxSeen) return 'mx';
  if (clientSeen || mxOwn) return 'client';
  return 'unknown';
}

function detectNatV2(session: IkeSession, frames: number[], checks: NatCheck[]): NatVerdict {
  const verdict: NatVerdict = {
    version: 2,
    client: null,
    responder: null,
    captureSide: 'unknown',
    responderForwarded: null,
    hash: 'sha1',
    frames,
    checks,
  };
  let clientNat: boolean | null = null;
  let mxNat: boolean | null = null;
  let forwarded: boolean | null = null;
  const natD = natDHasher('sha1');
  for (const o of session.natd as NatDObservation[]) {
    const own = natD(o.ispi, o.rspi, o.srcIp, o.srcPort);
    const peer = natD(o.ispi, o.rspi, o.dstIp, o.dstPort);
    if (!own || !peer) continue;
    const ownMatches = (o.sourceHashes ?? []).includes(own);
    const peerMatches = o.destinationHash === undefined ? true : o.destinationHash === peer;
    checks.push({ frame: o.frame, own: ownMatches });
    if (o.from === 'client') {
      clientNat = (clientNat ?? false) || !ownMatches;
      mxNat = (mxNat ?? false) || !peerMatches;
      forwarded = (forwarded ?? false) || !peerMatches;
    } else {
      mxNat = (mxNat ?? false) || !ownMatches;
      clientNat = (clientNat ?? false) || !peerMatches;
    }
  }
  verdict.client = clientNat;
  verdict.responder = mxNat;
  verdict.responderForwarded = forwarded;
  return verdict;
}
