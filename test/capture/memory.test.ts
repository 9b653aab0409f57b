// Bounded memory on a large capture, and the reader's throughput (printed, not asserted:
// the machine is shared).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '#shared/capture/reader.js';
import { concat, epb, idb, pcapHeader, pcapRecord, payload, shb } from './builders.js';

const MiB = 1024 * 1024;
const TOTAL = 200 * MiB;
const CHUNK = MiB;
const MAX_GROWTH = 20 * MiB;

/** A real collector when the worker can have one (same trick as `node --expose-gc`). */
function getGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Heap plus ArrayBuffer backing stores: a retained chunk would show in the latter. */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// Records of varied sizes so that many of them straddle the 1 MiB chunk boundaries.
const SIZES = [60, 1514, 590, 1400, 98, 9000, 42];
const PERIOD = concat(
  ...SIZES.map((n, i) => pcapRecord({ sec: 1_700_000_000 + i, sub: i * 1000, data: payload(n, i) })),
);
const HEADER = pcapHeader({ snaplen: 65535 });

/** Chunk k of the stream HEADER + PERIOD + PERIOD + ..., freshly allocated like a file stream. */
function chunkAt(k: number): Uint8Array {
  const out = new Uint8Array(CHUNK);
  let o = 0;
  let pos = k * CHUNK;
  if (pos < HEADER.length) {
    out.set(HEADER.subarray(pos));
    o = HEADER.length - pos;
    pos = HEADER.length;
  }
  while (o < CHUNK) {
    const at = (pos - HEADER.length) % PERIOD.length;
    const n = Math.min(PERIOD.length - at, CHUNK - o);
    out.set(PERIOD.subarray(at, at + n), o);
    o += n;
    pos += n;
  }
  return out;
}

function expectedFrames(total: number): number {
  const body = total - HEADER.length;
  let frames = Math.floor(body / PERIOD.length) * SIZES.length;
  let rest = body % PERIOD.length;
  for (const n of SIZES) {
    if (rest < 16 + n) break;
    rest -= 16 + n;
    frames++;
  }
  return frames;
}

describe('large captures', () => {
  it('reads a 200 MB pcap in 1 MiB chunks with bounded memory', { timeout: 60_000 }, () => {
    const gc = getGc();
    let frames = 0;
    let captured = 0;
    const parser = createCaptureParser((f) => {
      frames++;
      captured += f.data.length;
    });
    gc?.();
    const rss0 = process.memoryUsage().rss;
    const base = used();
    let peak = 0;
    let parseNs = 0n;
    for (let k = 0; k < TOTAL / CHUNK; k++) {
      const chunk = chunkAt(k);
      const t = process.hrtime.bigint();
      parser.push(chunk);
      parseNs += process.hrtime.bigint() - t;
      if (k % 10 === 9) {
        gc?.();
        peak = Math.max(peak, gc ? used() - base : process.memoryUsage().rss - rss0);
      }
    }
    const info = parser.end();
    const mbps = TOTAL / 1e6 / (Number(parseNs) / 1e9);
    console.log(
      `capture reader: 200 MiB pcap, ${frames} frames, ${mbps.toFixed(0)} MB/s (reader alone, ` +
        `1 MiB chunks); memory growth ${(peak / MiB).toFixed(1)} MiB (${gc ? 'heap+arrayBuffers after gc' : 'rss, no gc'})`,
    );

    expect(frames).toBe(expectedFrames(TOTAL));
    expect(info.frames).toBe(frames);
    expect(info.bytes).toBe(TOTAL);
    expect(captured).toBeGreaterThan(TOTAL * 0.9);
    expect(info.anomalies.map((a) => a.code)).toEqual(['truncated-record']); // the stream stops mid-record
    expect(peak).toBeLessThan(gc ? MAX_GROWTH : 5 * MAX_GROWTH);
  });

  it('measures pcapng throughput on a 64 MiB in-memory file', () => {
    const le = true;
    const packets = [60, 1514, 590, 1400].map((n, i) => epb(le, 0, 1_700_000_000_000_000n + BigInt(i), payload(n, i)));
    const period = concat(...packets);
    const count = Math.floor((64 * MiB) / period.length);
    const file = new Uint8Array(96 + count * period.length);
    const head = concat(shb(le), idb(le, 1, { tsresol: 6 }));
    file.set(head);
    for (let i = 0; i < count; i++) file.set(period, head.length + i * period.length);
    const body = file.subarray(0, head.length + count * period.length);
    // Best of 3 passes: the first one also pays for JIT warm-up.
    let frames = 0;
    let info;
    let best = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      frames = 0;
      const parser = createCaptureParser(() => {
        frames++;
      });
      const t = process.hrtime.bigint();
      for (let o = 0; o < body.length; o += CHUNK) parser.push(body.subarray(o, o + CHUNK));
      info = parser.end();
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    }
    console.log(
      `capture reader: ${(body.length / MiB).toFixed(0)} MiB pcapng, ${frames} frames, ` +
        `${(body.length / 1e6 / best).toFixed(0)} MB/s (reader alone, 1 MiB chunks, best of 3)`,
    );
    expect(frames).toBe(count * packets.length);
    expect(info?.anomalies).toEqual([]);
    expect(info?.lastTime).toEqual([1_700_000_000, 3000]);
  });
});
