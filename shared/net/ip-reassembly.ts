// IPv4/IPv6 fragment reassembly with bounded memory. A datagram is handed back once, on the
// fragment that completes it (tshark shows the upper layers on that frame only). Sets that
// time out or are evicted are remembered (bounded) so the diagnosis can report IKE messages
// whose fragments never all arrived.
import type { Anomaly, AnomalyCode } from '../anomaly.js';

export interface ReassemblyLimits {
  /** Datagrams being reassembled at once; the oldest is evicted beyond this. */
  maxDatagrams: number;
  /** Fragment payload bytes held at once. */
  maxBytes: number;
  /** A set older than this (by capture time, seconds) is abandoned. */
  timeoutSec: number;
  /** Fragments per datagram (8-byte fragments of a 64 KiB datagram would be 8192). */
  maxFragmentsPerDatagram: number;
  /** Abandoned sets remembered for pendingFragments(). */
  maxAbandoned: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxDatagrams: 256,
  maxBytes: 4 * 1024 * 1024,
  timeoutSec: 30,
  maxFragmentsPerDatagram: 1024,
  maxAbandoned: 1024,
};

/** A fragment set that never completed. */
export interface PendingFragmentSet {
  version: 4 | 6;
  src: string;
  dst: string;
  id: number;
  protocol: number;
  frames: number[];
  /** Fragment payload bytes received. */
  bytes: number;
  /** in-flight: still open at the end of the capture; timed-out / evicted: given up on. */
  state: 'in-flight' | 'timed-out' | 'evicted';
  /** Capture time (seconds) of the first fragment seen. */
  firstTimeSec: number;
  /** UDP/TCP ports, when the first fragment (offset 0) arrived: tells an IKE datagram (500/4500). */
  srcPort?: number;
  dstPort?: number;
}

export interface FragmentInput {
  version: 4 | 6;
  src: string;
  dst: string;
  id: number;
  protocol: number;
  /** Byte offset of this fragment's data in the datagram payload. */
  offset: number;
  more: boolean;
  /** Fragment payload; copied, the caller's buffer may be reused. */
  data: Uint8Array;
  frame: number;
  timeSec: number;
}

export interface Reassembled {
  data: Uint8Array;
  frames: number[];
}

interface Piece {
  offset: number;
  end: number;
  /** Arrival order: on overlap the earlier piece wins. */
  seq: number;
  data: Uint8Array;
}

interface FragmentSet {
  version: 4 | 6;
  src: string;
  dst: string;
  id: number;
  protocol: number;
  firstTime: number;
  frames: number[];
  /** Sorted by offset, then arrival. */
  pieces: Piece[];
  /** Bytes covered without a hole from offset 0. */
  covered: number;
  bytes: number;
  /** Payload length, known once the last fragment (MF=0) arrived; -1 before. */
  total: number;
}

/** Largest IP payload a fragment may reach (16-bit length field). */
const MAX_DATAGRAM = 65535;

export class IpReassembler {
  private readonly limits: ReassemblyLimits;
  /** Insertion order = age order: Map iteration starts at the oldest set. */
  private readonly sets = new Map<string, FragmentSet>();
  private bytesHeld = 0;
  private readonly abandoned: PendingFragmentSet[] = [];
  /** Abandoned sets not remembered because the list was full. */
  abandonedDropped = 0;

  constructor(limits: Partial<ReassemblyLimits> = {}) {
    this.limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...limits };
  }

  get inFlight(): number {
    return this.sets.size;
  }

  get bytesInFlight(): number {
    return this.bytesHeld;
  }

  /** Adds one fragment; returns the datagram payload when this fragment completes it. */
  add(frag: FragmentInput, anomalies: Anomaly[]): Reassembled | null {
    const end = frag.offset + frag.data.length;
    if (end > MAX_DATAGRAM) {
      anomalies.push(
        ipAnomaly('fragment-too-large', `fragment ends at byte ${end}, beyond the 65535-byte IP maximum`, frag.frame),
      );
      return null;
    }
    this.expire(frag.timeSec, frag.frame, anomalies);
    const key = frag.version + '|' + frag.src + '|' + frag.dst + '|' + frag.id + '|' + frag.protocol;
    let set = this.sets.get(key);
    if (!set) {
      set = {
        version: frag.version,
        src: frag.src,
        dst: frag.dst,
        id: frag.id,
        protocol: frag.protocol,
        firstTime: frag.timeSec,
        frames: [],
        pieces: [],
        covered: 0,
        bytes: 0,
        total: -1,
      };
      this.sets.set(key, set);
    }
    if (set.pieces.length >= this.limits.maxFragmentsPerDatagram) {
      anomalies.push(
        ipAnomaly(
          'too-many-fragments',
          `datagram id ${frag.id} has more than ${this.limits.maxFragmentsPerDatagram} fragments; given up`,
          frag.frame,
        ),
      );
      this.abandon(key, set, 'evicted');
      return null;
    }
    if (!frag.more) {
      if (set.total >= 0 && set.total !== end) {
        anomalies.push(
          ipAnomaly(
            'fragment-conflict',
            `two last fragments of datagram id ${frag.id} end at ${set.total} and ${end}`,
            frag.frame,
          ),
        );
        set.frames.push(frag.frame);
        return null;
      }
      set.total = end;
    } else if (set.total >= 0 && end > set.total) {
      anomalies.push(
        ipAnomaly(
          'fragment-conflict',
          `fragment of datagram id ${frag.id} ends at ${end}, after the last fragment's end ${set.total}`,
          frag.frame,
        ),
      );
      set.frames.push(frag.frame);
      return null;
    }
    set.frames.push(frag.frame);
    insertPiece(set, { offset: frag.offset, end, seq: set.pieces.length, data: frag.data.slice() });
    set.bytes += frag.data.length;
    this.bytesHeld += frag.data.length;
    if (set.total >= 0 && set.covered >= set.total) {
      const data = assemble(set, frag.frame, anomalies);
      if (data) {
        this.sets.delete(key);
        this.bytesHeld -= set.bytes;
        return { data, frames: set.frames };
      }
    }
    this.enforceBounds(key, frag.frame, anomalies);
    return null;
  }

  /** Sets never completed: those given up on, then those still open. */
  pending(): PendingFragmentSet[] {
    const out = this.abandoned.slice();
    for (const s of this.sets.values()) out.push(summary(s, 'in-flight'));
    return out;
  }

  private expire(now: number, frame: number, anomalies: Anomaly[]): void {
    for (const [key, s] of this.sets) {
      if (now - s.firstTime <= this.limits.timeoutSec) break;
      anomalies.push(
        ipAnomaly(
          'reassembly-timeout',
          `fragments of datagram id ${s.id} from ${s.src} (frames ${s.frames.join(',')}) never completed within ${this.limits.timeoutSec} s`,
          frame,
        ),
      );
      this.abandon(key, s, 'timed-out');
    }
  }

  private enforceBounds(current: string, frame: number, anomalies: Anomaly[]): void {
    while (this.sets.size > this.limits.maxDatagrams || this.bytesHeld > this.limits.maxBytes) {
      const first = this.sets.entries().next();
      if (first.done) return;
      const [key, s] = first.value;
      anomalies.push(
        ipAnomaly(
          'reassembly-evicted',
          `fragments of datagram id ${s.id} from ${s.src} evicted: reassembly memory bound reached`,
          frame,
        ),
      );
      this.abandon(key, s, 'evicted');
      if (key === current) return;
    }
  }

  private abandon(key: string, s: FragmentSet, state: 'timed-out' | 'evicted'): void {
    this.sets.delete(key);
    this.bytesHeld -= s.bytes;
    if (this.abandoned.length < this.limits.maxAbandoned) this.abandoned.push(summary(s, state));
    else this.abandonedDropped++;
  }
}

function summary(s: FragmentSet, state: PendingFragmentSet['state']): PendingFragmentSet {
  const out: PendingFragmentSet = {
    version: s.version,
    src: s.src,
    dst: s.dst,
    id: s.id,
    protocol: s.protocol,
    frames: s.frames,
    bytes: s.bytes,
    state,
    firstTimeSec: s.firstTime,
  };
  const first = s.pieces[0]; // sorted by offset
  if (first && first.offset === 0 && first.data.length >= 4 && (s.protocol === 17 || s.protocol === 6)) {
    out.srcPort = (first.data[0] << 8) | first.data[1];
    out.dstPort = (first.data[2] << 8) | first.data[3];
  }
  return out;
}

/** Keeps pieces sorted by offset and advances the hole-free prefix, so completion is O(1) to test. */
function insertPiece(s: FragmentSet, piece: Piece): void {
  const ps = s.pieces;
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].offset <= piece.offset) lo = mid + 1;
    else hi = mid;
  }
  ps.splice(lo, 0, piece);
  if (piece.offset > s.covered) return;
  for (let i = lo; i < ps.length && ps[i].offset <= s.covered; i++) {
    if (ps[i].end > s.covered) s.covered = ps[i].end;
  }
}

/**
 * Lays the pieces out (the caller checked there is no hole). Where pieces overlap the one
 * that arrived first wins, and differing bytes are reported (a classic IDS-evasion pattern).
 */
function assemble(s: FragmentSet, frame: number, anomalies: Anomaly[]): Uint8Array | null {
  const out = new Uint8Array(s.total);
  const written = new Uint8Array(s.total);
  let conflict = false;
  let overlap = false;
  // Arrival order, first writer wins.
  const byArrival = s.pieces.slice().sort((a, b) => a.seq - b.seq);
  for (const p of byArrival) {
    const n = Math.min(p.data.length, s.total - p.offset);
    for (let k = 0; k < n; k++) {
      const at = p.offset + k;
      if (written[at]) {
        overlap = true;
        if (out[at] !== p.data[k]) conflict = true;
      } else {
        out[at] = p.data[k];
        written[at] = 1;
      }
    }
  }
  if (conflict) {
    anomalies.push(
      ipAnomaly(
        'fragment-overlap-conflict',
        `overlapping fragments of datagram id ${s.id} carry different bytes; the first received were kept`,
        frame,
      ),
    );
  } else if (overlap) {
    anomalies.push(ipAnomaly('fragment-overlap', `fragments of datagram id ${s.id} overlap`, frame));
  }
  return out;
}

function ipAnomaly(code: AnomalyCode, message: string, frame: number): Anomaly {
  return { layer: 'ip', code, message, frame };
}
