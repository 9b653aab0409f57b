import { describe, expect, it } from 'vitest';
import type { Anomaly } from '#shared/anomaly.js';
import { type FragmentInput, IpReassembler } from '#shared/net/ip-reassembly.js';
import { newIpPayload } from '#shared/net/ip-payload.js';
import { decodeIpv4 } from '#shared/net/ipv4.js';
import { emptyFrame, ipv4, udp } from './packets.js';

const datagram = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);

function frag(
  offset: number,
  len: number,
  more: boolean,
  frame: number,
  extra: Partial<FragmentInput> = {},
): FragmentInput {
  return {
    version: 4,
    src: '192.0.2.1',
    dst: '198.51.100.2',
    id: 77,
    protocol: 17,
    offset,
    more,
    data: datagram.slice(offset, offset + len),
    frame,
    timeSec: 100,
    ...extra,
  };
}

describe('IP reassembly', () => {
  it('in order: completes on the last fragment with the frames that made it', () => {
    const r = new IpReassembler();
    const an: Anomaly[] = [];
    expect(r.add(frag(0, 1480, true, 1), an)).toBeNull();
    expect(r.add(frag(1480, 1480, true, 2), an)).toBeNull();
    const done = r.add(frag(2960, 40, false, 3), an);
    expect(done!.frames).toEqual([1, 2, 3]);
    expect(done!.data).toEqual(datagram);
    expect(an).toEqual([]);
    expect(r.inFlight).toBe(0);
    expect(r.bytesInFlight).toBe(0);
    expect(r.pending()).toEqual([]);
  });

  it('out of order: the last fragment first', () => {
    const r = new IpReassembler();
    const an: Anomaly[] = [];
    expect(r.add(frag(2960, 40, false, 1), an)).toBeNull();
    expect(r.add(frag(0, 1480, true, 2), an)).toBeNull();
    const done = r.add(frag(1480, 1480, true, 3), an);
    expect(done!.frames).toEqual([1, 2, 3]);
    expect(done!.data).toEqual(datagram);
  });

  it('overlapping fragments with equal bytes: reported as overlap, data intact', () => {
    const r = new IpReassembler();
    const an: Anomaly[] = [];
    r.add(frag(0, 1600, true, 1), an);
    const done = r.add(frag(1480, 1520, false, 2), an);
    expect(done!.data).toEqual(datagram);
    expect(an.map((a) => a.code)).toEqual(['fragment-overlap']);
  });

  it('conflicting overlap: the first received bytes win and it is reported', () => {
    const r = new IpReassembler();
    const an: Anomaly[] = [];
    r.add(frag(1480, 1520, false, 1), an);
    const evil = datagram.slice(0, 1600);
    evil.fill(0xee, 1480);
    const done = r.add(frag(0, 1600, true, 2, { data: evil }), an);
    expect(done!.data).toEqual(datagram);
    expect(an.map((a) => a.code)).toEqual(['fragment-overlap-conflict']);
  });

  it('a fragment set that never completes is listed as pending, then as timed out', () => {
    const r = new IpReassembler({ timeoutSec: 30 });
    const an: Anomaly[] = [];
    r.add(frag(0, 1480, true, 4), an);
    r.add(frag(2960, 40, false, 6), an);
    expect(r.pending()).toEqual([
      {
        version: 4,
        src: '192.0.2.1',
        dst: '198.51.100.2',
        id: 77,
        protocol: 17,
        frames: [4, 6],
        bytes: 1520,
        state: 'in-flight',
        firstTimeSec: 100,
        srcPort: (datagram[0] << 8) | datagram[1],
        dstPort: (datagram[2] << 8) | datagram[3],
      },
    ]);
    // A fragment of another datagram 31 s later expires the first set.
    r.add(frag(0, 8, true, 9, { id: 78, timeSec: 131 }), an);
    expect(an.map((a) => a.code)).toEqual(['reassembly-timeout']);
    expect(r.pending().map((s) => [s.id, s.state, s.frames])).toEqual([
      [77, 'timed-out', [4, 6]],
      [78, 'in-flight', [9]],
    ]);
  });

  it('via decodeIpv4: earlier fragments carry ip.fragment and no upper layer', () => {
    const payload = udp(4500, 4500, datagram.subarray(0, 1600));
    const reasm = new IpReassembler();
    const f1 = emptyFrame(0, 1);
    const p = newIpPayload();
    decodeIpv4(ipv4({ id: 0x1b1e, more: true, offset: 0 }, payload.subarray(0, 1480)), 0, f1, reasm, p);
    expect(p.ok).toBe(false);
    expect(f1.protocols).toEqual(['data']);
    expect(f1.ip!.fragment).toEqual({ id: 0x1b1e, offset: 0, more: true });
    const f2 = emptyFrame(0, 2);
    decodeIpv4(ipv4({ id: 0x1b1e, offset: 1480 }, payload.subarray(1480)), 0, f2, reasm, p);
    expect(p.ok).toBe(true);
    expect(f2.ip!.reassembledFrom).toEqual([1, 2]);
    expect(f2.ip!.length).toBe(20 + payload.length);
    expect(p.buf.subarray(p.start, p.end)).toEqual(payload);
  });

  it('a snapped first fragment is decoded alone, a snapped later one is data (as tshark)', () => {
    const payload = udp(4500, 8472, new Uint8Array(300));
    const first = ipv4({ id: 6401, more: true }, payload);
    const f1 = emptyFrame(first.length + 1000, 1);
    const p = newIpPayload();
    decodeIpv4(first.subarray(0, 32), 0, f1, new IpReassembler(), p);
    expect(p).toMatchObject({ ok: true, fragmented: true, start: 20, end: 32, declaredLength: 308 });
    expect(f1.anomalies.map((a) => a.code)).toEqual(['truncated-fragment']);
    const later = ipv4({ id: 6401, offset: 1480 }, payload);
    const f2 = emptyFrame(later.length + 1000, 2);
    decodeIpv4(later.subarray(0, 32), 0, f2, new IpReassembler(), p);
    expect(p.ok).toBe(false);
    expect(f2.protocols).toEqual(['data']);
  });

  it('memory stays bounded under 100 000 random fragments', () => {
    // Deterministic LCG: the run is the same every time and cheap enough for 100 000 inputs.
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return Math.floor((seed / 0x80000000) * n);
    };
    const block = new Uint8Array(1500);
    // Two shapes: many datagrams (the count bound bites) and few ids with big fragments
    // (the byte bound bites).
    for (const [ids, maxBytesLimit] of [
      [65536, 4 * 1024 * 1024],
      [8, 1024 * 1024],
    ]) {
      const r = new IpReassembler({ maxBytes: maxBytesLimit }); // 256 datagrams
      const an: Anomaly[] = [];
      let maxSets = 0;
      let maxBytes = 0;
      let evicted = 0;
      let tooBig = 0;
      for (let i = 0; i < 50_000; i++) {
        const done = r.add(
          {
            version: 4,
            src: ids === 8 ? '10.0.0.1' : '10.0.0.' + rnd(256),
            dst: '10.0.1.1',
            id: rnd(ids),
            protocol: 17,
            offset: rnd(8001) * 8,
            more: rnd(2) === 1,
            data: block.subarray(0, 1 + rnd(1500)),
            frame: i + 1,
            timeSec: i / 1000,
          },
          an,
        );
        if (done && done.data.length > 65535) tooBig++;
        for (const a of an) if (a.code === 'reassembly-evicted' || a.code === 'too-many-fragments') evicted++;
        an.length = 0;
        maxSets = Math.max(maxSets, r.inFlight);
        maxBytes = Math.max(maxBytes, r.bytesInFlight);
      }
      console.log(
        `reassembly bound run (${ids} ids): max ${maxSets} sets, max ${maxBytes} bytes, ${evicted} evictions`,
      );
      expect(maxSets).toBeLessThanOrEqual(256);
      expect(maxBytes).toBeLessThanOrEqual(maxBytesLimit);
      expect(evicted).toBeGreaterThan(0);
      expect(tooBig).toBe(0);
      expect(r.pending().length).toBeLessThanOrEqual(1024 + 256);
      if (ids === 8) expect(maxBytes).toBeGreaterThan(900 * 1024);
      else expect(maxSets).toBe(256);
    }
  });

  it('eviction of the oldest set is recorded as reassembly-evicted', () => {
    const r = new IpReassembler({ maxDatagrams: 2 });
    const an: Anomaly[] = [];
    for (let id = 1; id <= 3; id++) r.add(frag(0, 8, true, id, { id }), an);
    expect(an.map((a) => a.code)).toEqual(['reassembly-evicted']);
    expect(r.pending().map((s) => [s.id, s.state])).toEqual([
      [1, 'evicted'],
      [2, 'in-flight'],
      [3, 'in-flight'],
    ]);
  });
});
