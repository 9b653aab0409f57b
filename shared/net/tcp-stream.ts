// In-order TCP byte streams per flow direction, just enough to follow TLS records. Memory is
// bounded (bytes per flow, number of flows with LRU eviction). A gap, a snapped segment or
// bytes that stop looking like TLS drop the buffer; the stream resyncs at the next segment
// that starts with a plausible TLS record header.
import type { Anomaly } from '../anomaly.js';
import type { DecodedFrame, TlsRecord } from '../decode/types.js';
import { TLS_MAX_RECORD_LENGTH } from '../tls/constants.js';
import { TCP_FLAG } from './tcp.js';

export interface StreamLimits {
  maxFlows: number;
  maxBufferBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxFlows: 10_000, maxBufferBytes: 64 * 1024 };

/** Per-direction parser state carried between calls (the TLS parser's ChangeCipherSpec flag). */
export interface RecordParserState {
  changeCipherSpecSeen: boolean;
  partialHandshake?: Uint8Array;
}

export type RecordParser = (
  stream: Uint8Array,
  frame: number,
  state: RecordParserState,
) => { records: TlsRecord[]; consumed: number; anomalies: Anomaly[] };

interface Flow {
  src: string;
  dst: string;
  /** srcPort * 65536 + dstPort */
  ports: number;
  synced: boolean;
  nextSeq: number;
  /** Sequence number of the SYN seen on this flow, to tell a retransmitted SYN. */
  synSeq: number | undefined;
  buf: Uint8Array | null;
  len: number;
  state: RecordParserState;
  /** Body bytes of an application-data record still to come: skipped, never buffered. */
  skip: number;
  /** That record, reported on the frame that completes it (as tshark does). */
  pending: TlsRecord | undefined;
  /** Seen since the eviction hand last passed (second-chance LRU). */
  used: boolean;
}

const APPLICATION_DATA = 23;

/** TLS record header plausibility: content type 20..24, version 3.x (x <= 4), length 1..2^14+2048. */
export function looksLikeTlsRecord(b: Uint8Array, o: number, end: number): boolean {
  if (end - o < 5) return false;
  const t = b[o];
  const len = (b[o + 3] << 8) | b[o + 4];
  return t >= 20 && t <= 24 && b[o + 1] === 3 && b[o + 2] <= 4 && len > 0 && len <= TLS_MAX_RECORD_LENGTH;
}

/** A handshake record that opens a TLS flow: ClientHello or ServerHello, version 3.x. */
function startsHello(b: Uint8Array, o: number, end: number): boolean {
  return end - o >= 6 && b[o] === 22 && b[o + 1] === 3 && (b[o + 5] === 1 || b[o + 5] === 2);
}

/** A segment that may not open a flow: no SYN, and no data (or, from the start only, no hello). */
function notAStart(
  flags: number,
  declared: number,
  fromStart: boolean,
  b: Uint8Array,
  o: number,
  end: number,
): boolean {
  return (flags & TCP_FLAG.SYN) === 0 && (declared === 0 || (fromStart && !startsHello(b, o, end)));
}

/**
 * Flows by addresses and ports without a string key built per segment: the address strings come
 * from the IP layer's cache (their hashes are computed once), the two ports make one number.
 */
class FlowIndex {
  private readonly bySrc = new Map<string, Map<string, Map<number, Flow>>>();

  get(src: string, dst: string, ports: number): Flow | undefined {
    return this.bySrc.get(src)?.get(dst)?.get(ports);
  }

  set(fl: Flow): void {
    let byDst = this.bySrc.get(fl.src);
    if (!byDst) this.bySrc.set(fl.src, (byDst = new Map()));
    let byPorts = byDst.get(fl.dst);
    if (!byPorts) byDst.set(fl.dst, (byPorts = new Map()));
    byPorts.set(fl.ports, fl);
  }

  delete(fl: Flow): void {
    const byDst = this.bySrc.get(fl.src);
    const byPorts = byDst?.get(fl.dst);
    if (!byDst || !byPorts) return;
    byPorts.delete(fl.ports);
    if (byPorts.size === 0) byDst.delete(fl.dst);
    if (byDst.size === 0) this.bySrc.delete(fl.src);
  }
}

export class TlsStreams {
  private readonly index = new FlowIndex();
  /** Insertion order, for eviction. */
  private readonly flows = new Set<Flow>();
  private readonly limits: StreamLimits;

  constructor(
    private readonly parse: RecordParser,
    limits: Partial<StreamLimits> = {},
  ) {
    this.limits = { ...DEFAULT_STREAM_LIMITS, ...limits };
  }

  get flowCount(): number {
    return this.flows.size;
  }

  /**
   * Feeds one segment of the flow src:srcPort -> dst:dstPort (one direction). `b[start, end)`
   * is the captured payload, `declared` its length on the wire. Returns the TLS records
   * completed by this segment.
   */
  segment(
    f: DecodedFrame,
    src: string,
    srcPort: number,
    dst: string,
    dstPort: number,
    seq: number,
    flags: number,
    b: Uint8Array,
    start: number,
    end: number,
    declared: number,
    /**
     * Follow a new flow only from its SYN or a first segment that starts a handshake record
     * (true), or only from a segment that starts a ClientHello or ServerHello record ('hello': a
     * port of no known application, where most flows are not TLS at all).
     */
    fromStart: boolean | 'hello' = false,
  ): TlsRecord[] | undefined {
    const ports = srcPort * 65536 + dstPort;
    let fl = this.index.get(src, dst, ports);
    if (fl) {
      fl.used = true;
    } else {
      if (fromStart === 'hello' ? !startsHello(b, start, end) : notAStart(flags, declared, fromStart, b, start, end))
        return undefined;
      fl = {
        src,
        dst,
        ports,
        synced: false,
        nextSeq: 0,
        synSeq: undefined,
        buf: null,
        len: 0,
        state: { changeCipherSpecSeen: false },
        skip: 0,
        pending: undefined,
        used: false,
      };
      this.index.set(fl);
      this.flows.add(fl);
      if (this.flows.size > this.limits.maxFlows) this.evict();
    }
    if (flags & TCP_FLAG.SYN) {
      if (fl.synSeq === seq && f.tcp) f.tcp.retransmission = true;
      fl.synSeq = seq;
      fl.synced = true;
      fl.nextSeq = (seq + 1) >>> 0;
      fl.len = 0;
      fl.skip = 0;
      fl.pending = undefined;
      fl.state.changeCipherSpecSeen = false;
      fl.state.partialHandshake = undefined;
    }
    if (flags & TCP_FLAG.RST) {
      this.drop(fl);
      return undefined;
    }
    let records: TlsRecord[] | undefined;
    if (declared > 0) records = this.data(f, fl, seq, b, start, end, declared);
    if (flags & TCP_FLAG.FIN) this.drop(fl);
    return records;
  }

  private drop(fl: Flow): void {
    this.index.delete(fl);
    this.flows.delete(fl);
  }

  private data(
    f: DecodedFrame,
    fl: Flow,
    seq: number,
    b: Uint8Array,
    start: number,
    end: number,
    declared: number,
  ): TlsRecord[] | undefined {
    const segEnd = (seq + declared) >>> 0;
    if (end - start < declared) {
      // Snapped by the capture: the bytes are gone, so is the stream position.
      this.desync(fl, segEnd);
      return undefined;
    }
    let from = start;
    if (fl.synced) {
      const delta = (seq - fl.nextSeq) | 0;
      if (delta < 0) {
        if (delta + declared <= 0) {
          if (f.tcp) f.tcp.retransmission = true; // bytes already seen
          return undefined;
        }
        from = start - delta;
      } else if (delta > 0) {
        f.anomalies.push({
          layer: 'tcp',
          code: 'stream-gap',
          message: `${delta} bytes missing before this segment; TLS stream resynchronised`,
          frame: f.number,
        });
        fl.synced = false;
      }
    }
    // The rest of an application-data record: its bytes are opaque, only its end matters.
    let done: TlsRecord[] | undefined;
    if (fl.synced && fl.skip > 0) {
      const take = Math.min(fl.skip, end - from);
      fl.skip -= take;
      from += take;
      fl.nextSeq = segEnd;
      if (fl.skip === 0 && fl.pending) {
        done = [fl.pending];
        fl.pending = undefined;
      }
      if (from >= end) return done;
    }
    if (!fl.synced) {
      if (!looksLikeTlsRecord(b, from, end)) {
        this.desync(fl, segEnd);
        return undefined;
      }
      fl.synced = true;
      fl.len = 0;
    }
    const n = end - from;
    if (fl.len + n > this.limits.maxBufferBytes) {
      f.anomalies.push({
        layer: 'tcp',
        code: 'stream-buffer-overflow',
        message: `more than ${this.limits.maxBufferBytes} bytes of incomplete TLS record; buffer dropped`,
        frame: f.number,
      });
      this.desync(fl, segEnd);
      return undefined;
    }
    fl.nextSeq = segEnd;
    let data: Uint8Array;
    if (fl.len === 0) {
      data = b.subarray(from, end); // common case: no copy unless bytes are left over
    } else {
      fl.buf = grow(fl.buf, fl.len + n, this.limits.maxBufferBytes, fl.len);
      fl.buf.set(b.subarray(from, end), fl.len);
      fl.len += n;
      data = fl.buf.subarray(0, fl.len);
    }
    const r = this.parse(data, f.number, fl.state);
    for (const a of r.anomalies) f.anomalies.push(a);
    const rest = data.length - r.consumed;
    const records = done ? [...done, ...r.records] : r.records;
    if (rest > 0 && (r.anomalies.length > 0 || (rest >= 5 && !looksLikeTlsRecord(data, r.consumed, data.length)))) {
      this.desync(fl, segEnd); // not TLS (any more): wait for a record start
    } else if (rest >= 5 && data[r.consumed] === APPLICATION_DATA) {
      // A partial application-data record: remember its header, skip its body as it arrives.
      const at = r.consumed;
      const length = (data[at + 3] << 8) | data[at + 4];
      fl.pending = { contentType: APPLICATION_DATA, version: (data[at + 1] << 8) | data[at + 2], length };
      fl.skip = 5 + length - rest;
      fl.len = 0;
    } else if (rest > 0) {
      if (fl.len === 0) {
        fl.buf = grow(fl.buf, rest, this.limits.maxBufferBytes, 0);
        fl.buf.set(data.subarray(r.consumed), 0);
      } else {
        fl.buf!.copyWithin(0, r.consumed, fl.len);
      }
      fl.len = rest;
    } else {
      fl.len = 0;
    }
    return records.length > 0 ? records : undefined;
  }

  /**
   * Second-chance eviction: Map keeps insertion order; a flow used since the hand last passed
   * goes to the back once, the first unused one is dropped. Cheaper than moving every flow to
   * the back on every segment, and as good at keeping busy flows.
   */
  private evict(): void {
    for (const fl of this.flows) {
      this.flows.delete(fl);
      if (!fl.used) {
        this.index.delete(fl);
        return;
      }
      fl.used = false;
      this.flows.add(fl);
    }
  }

  private desync(fl: Flow, nextSeq: number): void {
    fl.state.partialHandshake = undefined;
    fl.synced = false;
    fl.len = 0;
    fl.skip = 0;
    fl.pending = undefined;
    fl.nextSeq = nextSeq;
  }
}

/** A buffer of at least `need` (<= max) bytes that keeps the first `keep` bytes of `buf`. */
function grow(buf: Uint8Array | null, need: number, max: number, keep: number): Uint8Array {
  if (buf && buf.length >= need) return buf;
  let size = buf ? buf.length * 2 : 4096;
  while (size < need) size *= 2;
  const out = new Uint8Array(size > max ? max : size);
  if (buf && keep > 0) out.set(buf.subarray(0, keep));
  return out;
}
