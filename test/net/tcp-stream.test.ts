import { describe, expect, it } from 'vitest';
import { TlsStreams } from '#shared/net/tcp-stream.js';
import { parseTlsRecords } from '#shared/tls/records.js';
import { bytes, emptyFrame, tlsRecord } from './packets.js';

const ACK = 0x10;
const SYN = 0x02;

/** A TLS byte stream of `n` records: a ClientHello-sized handshake then application data. */
function stream(n: number): Uint8Array {
  const parts: Uint8Array[] = [tlsRecord(21, new Uint8Array([2, 40]))];
  for (let i = 1; i < n; i++) parts.push(tlsRecord(23, new Uint8Array(100 + i).fill(i)));
  return bytes(...parts);
}

function feed(s: TlsStreams, key: string, seq: number, seg: Uint8Array, frame = 1, flags = ACK) {
  const f = emptyFrame(0, frame);
  const records = s.segment(f, key, 40000, '192.0.2.1', 443, seq, flags, seg, 0, seg.length, seg.length);
  return { records, f };
}

describe('TLS over TCP stream following', () => {
  it('records split across segments complete on the segment that ends them', () => {
    const s = new TlsStreams(parseTlsRecords);
    const data = stream(3); // 7 + 106 + 107 bytes
    feed(s, 'k', 1000, new Uint8Array(0), 1, SYN);
    const a = feed(s, 'k', 1001, data.subarray(0, 50), 2);
    expect(a.records!.map((r) => r.contentType)).toEqual([21]);
    expect(a.records![0].alert).toEqual({ level: 2, description: 40 });
    const b = feed(s, 'k', 1051, data.subarray(50, 150), 3);
    expect(b.records!.map((r) => r.length)).toEqual([101]);
    const c = feed(s, 'k', 1151, data.subarray(150), 4);
    expect(c.records!.map((r) => r.length)).toEqual([102]);
  });

  it('a retransmitted segment yields nothing new; a partial overlap contributes only its new bytes', () => {
    const s = new TlsStreams(parseTlsRecords);
    const data = stream(2);
    feed(s, 'k', 0, data.subarray(0, 60));
    expect(feed(s, 'k', 0, data.subarray(0, 60)).records).toBeUndefined();
    const r = feed(s, 'k', 40, data.subarray(40));
    expect(r.records!.map((x) => x.length)).toEqual([101]);
  });

  it('a gap drops the buffer and resyncs at the next record start', () => {
    const s = new TlsStreams(parseTlsRecords);
    const data = stream(4);
    const recStart = [0, 7, 113, 220];
    feed(s, 'k', 0, data.subarray(0, 50));
    // Bytes 50..112 lost; the next segment starts mid-record: not plausible, stays out of sync.
    const mid = feed(s, 'k', 60, data.subarray(60, 113));
    expect(mid.records).toBeUndefined();
    expect(mid.f.anomalies.map((a) => a.code)).toEqual(['stream-gap']);
    const again = feed(s, 'k', 113, data.subarray(recStart[2]));
    expect(again.records!.map((x) => x.length)).toEqual([102, 103]);
  });

  it('non-TLS bytes on a TLS port are ignored until a record header appears', () => {
    const s = new TlsStreams(parseTlsRecords);
    expect(feed(s, 'k', 0, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')).records).toBeUndefined();
    expect(feed(s, 'k', 18, tlsRecord(22, new Uint8Array([1, 0, 0, 0]))).records![0].handshakeType).toBe(1);
  });

  it('the per-flow buffer and the number of flows are bounded', () => {
    const s = new TlsStreams(parseTlsRecords, { maxFlows: 100, maxBufferBytes: 4096 });
    // A handshake record header promising 16 000 bytes, fed 1 000 at a time, overflows 4 KiB.
    const head = bytes([22, 3, 3, 0x3e, 0x80], new Uint8Array(995));
    feed(s, 'big', 0, head);
    let overflow = false;
    for (let i = 1; i < 10; i++) {
      const r = feed(s, 'big', i * 1000, new Uint8Array(1000));
      if (r.f.anomalies.some((a) => a.code === 'stream-buffer-overflow')) overflow = true;
    }
    expect(overflow).toBe(true);
    for (let i = 0; i < 1000; i++) feed(s, 'flow' + i, 0, tlsRecord(23, new Uint8Array(3)).subarray(0, 6));
    expect(s.flowCount).toBe(100);
  });

  it('skips an application-data body without buffering and reports the record where it ends', () => {
    const s = new TlsStreams(parseTlsRecords, { maxFlows: 10, maxBufferBytes: 4096 });
    feed(s, 'app', 999, new Uint8Array(0), 1, SYN);
    // 16 000-byte application data record in 1 000-byte segments, then a clear alert.
    const first = feed(s, 'app', 1000, bytes([23, 3, 3, 0x3e, 0x80], new Uint8Array(995)), 2);
    expect(first.records).toBeUndefined();
    let completed: number | undefined;
    for (let i = 1; i <= 16; i++) {
      const tail = i === 16 ? bytes(new Array(5).fill(0), [21, 3, 3, 0, 2, 2, 40]) : new Uint8Array(1000);
      const r = feed(s, 'app', 1000 + i * 1000, tail, 2 + i);
      expect(r.f.anomalies).toEqual([]);
      if (r.records) {
        completed = 2 + i;
        expect(r.records.map((x) => [x.contentType, x.length])).toEqual([
          [23, 16000],
          [21, 2],
        ]);
        expect(r.records[1].alert).toEqual({ level: 2, description: 40 });
      }
    }
    expect(completed).toBe(18);
  });
});
