import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Anomaly } from '../../shared/anomaly.js';
import { type FragmentInput, IpReassembler } from '../../shared/net/ip-reassembly.js';
import { newIpPayload } from '../../shared/net/ip-payload.js';
import { decodeIpv4 } from '../../shared/net/ipv4.js';
import { emptyFrame, ipv4, udp } from './packets.js';

const datagram = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);

function frag(offset: number, len: number, more: boolean, frame: number, extra: Partial<FragmentInput> = {}): FragmentInput {
  return {
    version: 4, src: '192.0.2.1', dst: '198.51.100.2', id: 77, protocol: 17,
    offset, more, data: datagram.slice(offset, offset + len), frame, timeSec: 100, ...extra,
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
      { version: 4, src: '192.0.2.1', dst: '198.51.100.2', id: 77, protocol: 17, frames: [4, 6], bytes: 1520, state: 'in-flight' },
    ]);
    // A fragment of another datagram 31 s later expires the first set.
    r.add(frag(0, 8, true, 9, { id: 78, timeSec: 131 }), an);
    expect(an.map((a) => a.code)).toEqual(['reassembly-timeout']);
    expect(r.pending().map((s) => [s.id, s.state, s.frames])).toEqual([[77, 'timed-out', [4, 6]], [78, 'in-flight', [9]]]);
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

  it('memory stays bounded under 100 000 random fragments', () => {
    const r = new IpReassembler(); // 256 datagrams, 4 MiB
    const an: Anomaly[] = [];
    const rnd = fc.sample(
      fc.record({
        id: fc.integer({ min: 0, max: 65535 }),
        src: fc.integer({ min: 0, max: 255 }),
        offset: fc.integer({ min: 0, max: 8000 }).map((o) => o * 8),
        len: fc.integer({ min: 1, max: 1500 }),
        more: fc.boolean(),
      }),
      { numRuns: 100_000, seed: 42 },
    );
    const block = new Uint8Array(1500);
    let maxSets = 0;
    let maxBytes = 0;
    let completed = 0;
    rnd.forEach((x, i) => {
      if (an.length > 1000) an.length = 0;
      const done = r.add({
        version: 4, src: '10.0.0.' + x.src, dst: '10.0.1.1', id: x.id, protocol: 17,
        offset: x.offset, more: x.more, data: block.subarray(0, x.len), frame: i + 1, timeSec: i / 1000,
      }, an);
      if (done) completed++;
      maxSets = Math.max(maxSets, r.inFlight);
      maxBytes = Math.max(maxBytes, r.bytesInFlight);
    });
    expect(maxSets).toBeLessThanOrEqual(256);
    expect(maxBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(r.pending().length).toBeLessThanOrEqual(1024 + 256);
    expect(r.abandonedDropped).toBeGreaterThan(0);
    expect(completed).toBeLessThan(100_000);
  });

  it('eviction of the oldest set is recorded as reassembly-evicted', () => {
    const r = new IpReassembler({ maxDatagrams: 2 });
    const an: Anomaly[] = [];
    for (let id = 1; id <= 3; id++) r.add(frag(0, 8, true, id, { id }), an);
    expect(an.map((a) => a.code)).toEqual(['reassembly-evicted']);
    expect(r.pending().map((s) => [s.id, s.state])).toEqual([[1, 'evicted'], [2, 'in-flight'], [3, 'in-flight']]);
  });
});
