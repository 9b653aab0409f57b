import { describe, expect, it } from 'vitest';
import { block, concat, epb, idb, pb, payload, shb, spb } from './builders.js';
import { parse, parseCuts } from './collect.js';
import { NotACaptureError } from '#shared/capture/errors.js';

const LE = true;
const BE = false;

// Section 1 (little-endian): if0 Ethernet µs snaplen 64, if1 RAW ns.
// Section 2 (big-endian): if0 LINUX_SLL2 2^-10 s with if_tsoffset 10 s, if1 IPV4 default µs.
function twoSections(): Uint8Array {
  return concat(
    shb(LE),
    idb(LE, 1, { snaplen: 64, tsresol: 6 }),
    idb(LE, 101, { tsresol: 9 }),
    epb(LE, 0, 1_700_000_000_123_456n, payload(60, 1)),
    epb(LE, 1, 1_700_000_001_987_654_321n, payload(41, 2), 1400),
    block(LE, 0x40000bad, Uint8Array.from(payload(22))), // custom/unknown: skipped
    block(LE, 5, new Uint8Array(16)), // interface statistics: skipped
    spb(LE, 100, payload(100, 3)), // cut to the snaplen 64
    spb(LE, 10, payload(10, 4)), // padded in the block; captured = original length
    shb(BE),
    idb(BE, 276, { tsresol: 0x8a, tsoffset: 10n }),
    idb(BE, 228),
    epb(BE, 0, 1_700_000_002n * 1024n + 513n, payload(5, 5)),
    pb(BE, 1, 1_600_000_000_000_001n, payload(20, 6)),
  );
}

describe('pcapng, hand-made', () => {
  it('reads two sections of different byte order, each with its own interfaces and resolutions', () => {
    const bytes = twoSections();
    const { frames, info } = parse(bytes);
    expect(frames).toEqual([
      {
        number: 1,
        timeSec: 1_700_000_000,
        timeNsec: 123_456_000,
        originalLength: 60,
        data: Uint8Array.from(payload(60, 1)),
        linkType: 1,
        interfaceId: 0,
      },
      {
        number: 2,
        timeSec: 1_700_000_001,
        timeNsec: 987_654_321,
        originalLength: 1400,
        data: Uint8Array.from(payload(41, 2)),
        linkType: 101,
        interfaceId: 1,
      },
      {
        number: 3,
        timeSec: 0,
        timeNsec: 0,
        originalLength: 100,
        data: Uint8Array.from(payload(64, 3)),
        linkType: 1,
        interfaceId: 0,
      },
      {
        number: 4,
        timeSec: 0,
        timeNsec: 0,
        originalLength: 10,
        data: Uint8Array.from(payload(10, 4)),
        linkType: 1,
        interfaceId: 0,
      },
      // 513/1024 s = 500 976 562.5 ns, truncated; +10 s of if_tsoffset
      {
        number: 5,
        timeSec: 1_700_000_012,
        timeNsec: 500_976_562,
        originalLength: 5,
        data: Uint8Array.from(payload(5, 5)),
        linkType: 276,
        interfaceId: 0,
      },
      {
        number: 6,
        timeSec: 1_600_000_000,
        timeNsec: 1000,
        originalLength: 20,
        data: Uint8Array.from(payload(20, 6)),
        linkType: 228,
        interfaceId: 1,
      },
    ]);
    expect(info).toEqual({
      format: 'pcapng',
      linkTypes: [1, 101, 276, 228],
      frames: 6,
      bytes: bytes.length,
      // Simple Packet Blocks have no timestamp and do not count for the time range.
      firstTime: [1_700_000_000, 123_456_000],
      lastTime: [1_600_000_000, 1000],
      anomalies: [
        {
          layer: 'capture',
          code: 'snaplen-cut',
          frame: 2,
          message: expect.stringMatching(/^2 packet\(s\) .* first at frame 2$/),
        },
      ],
    });
  });

  it('gives the same result for every chunk boundary', () => {
    const bytes = twoSections();
    const whole = parse(bytes);
    for (let a = 1; a < bytes.length; a += 1) {
      expect(parseCuts(bytes, [a, a + 5, a + 64])).toEqual(whole);
    }
  });

  it('converts 2^-n and 10^-n resolutions beyond the fast paths exactly (BigInt path)', () => {
    const bytes = concat(
      shb(LE),
      idb(LE, 1, { tsresol: 0x9e }), // 2^-30
      idb(LE, 1, { tsresol: 12 }), // picoseconds
      epb(LE, 0, (1_700_000_000n << 30n) + (1n << 29n) + 1n, [1]),
      epb(LE, 1, 10_000_000_123_456_789_012n, [2]), // 10^12 units/s overflow 64 bits after 213 days
    );
    const { frames } = parse(bytes);
    expect(frames.map((f) => [f.timeSec, f.timeNsec])).toEqual([
      [1_700_000_000, 500_000_000], // 0.5 s + 1/2^30 s (0.93 ns) truncated
      [10_000_000, 123_456_789],
    ]);
  });

  it('applies a negative if_tsoffset', () => {
    const { frames } = parse(concat(shb(BE), idb(BE, 1, { tsoffset: -3600n }), epb(BE, 0, 7_200_000_001n, [9])));
    expect([frames[0].timeSec, frames[0].timeNsec]).toEqual([3600, 1000]);
  });

  it('stops at a block length that is not a multiple of 4, keeping the frames before', () => {
    const bytes = concat(
      shb(LE),
      idb(LE, 1),
      epb(LE, 0, 1n, [1, 2, 3]),
      block(LE, 6, new Uint8Array(20), 30),
      epb(LE, 0, 2n, [4]),
    );
    const { frames, info } = parse(bytes);
    expect(frames.map((f) => f.number)).toEqual([1]);
    expect(info.anomalies).toEqual([
      {
        layer: 'capture',
        code: 'bad-block',
        frame: 2,
        message:
          'block of type 0x00000006 has total length 30 (must be a multiple of 4 between 12 and 67108864); reading stopped after 1 frame(s)',
      },
    ]);
  });

  it('stops at a block longer than 64 MiB without allocating it', () => {
    const bytes = concat(shb(LE), idb(LE, 1), block(LE, 6, new Uint8Array(20), 64 * 1024 * 1024 + 4));
    const { info } = parse(bytes, 7);
    expect(info.anomalies.map((a) => a.code)).toEqual(['bad-block']);
    expect(info.anomalies[0].message).toContain('total length 67108868');
  });

  it('stops when the trailing total length differs from the leading one', () => {
    const bad = block(LE, 6, new Uint8Array(24));
    bad[bad.length - 4] ^= 4;
    const { frames, info } = parse(concat(shb(LE), idb(LE, 1), epb(LE, 0, 1n, [1]), bad, epb(LE, 0, 1n, [2])));
    expect(frames).toHaveLength(1);
    expect(info.anomalies.map((a) => [a.code, a.frame])).toEqual([['bad-block', 2]]);
    expect(info.anomalies[0].message).toContain('trailing total length 32 differs from leading 36');
  });

  it('stops at a packet naming an interface its section does not describe', () => {
    // The second section starts with no interfaces, even though the first had one.
    const { frames, info } = parse(concat(shb(LE), idb(LE, 1), epb(LE, 0, 1n, [1]), shb(BE), epb(BE, 0, 1n, [2])));
    expect(frames).toHaveLength(1);
    expect(info.anomalies.map((a) => a.code)).toEqual(['bad-block']);
    expect(info.anomalies[0].message).toContain('packet names interface 0, but its section describes 0 interface(s)');
  });

  it('stops at an EPB whose captured length runs past its block', () => {
    const good = epb(LE, 0, 1n, payload(8));
    new DataView(good.buffer).setUint32(20, 9, true); // caplen 9 in a block with 8 data bytes
    const { frames, info } = parse(concat(shb(LE), idb(LE, 1), good));
    expect(frames).toEqual([]);
    expect(info.anomalies[0].message).toContain('captured length 9 exceeds the block (40 bytes)');
  });

  it('reports a truncated last block and keeps the frames before', () => {
    const whole = concat(shb(LE), idb(LE, 1), epb(LE, 0, 1_000_000n, [1]), epb(LE, 0, 2_000_000n, payload(50)));
    const { frames, info } = parse(whole.subarray(0, whole.length - 1), 3);
    expect(frames.map((f) => [f.number, f.timeSec])).toEqual([[1, 1]]);
    expect(info.anomalies).toEqual([
      {
        layer: 'capture',
        code: 'truncated-record',
        frame: 2,
        message: 'the file ends inside a block: 83 of its 84 bytes are present (frames up to 1 are complete)',
      },
    ]);
  });

  it('throws NotACaptureError when the first section header has no byte-order magic', () => {
    const bytes = shb(LE);
    bytes[8] = 0x00;
    expect(() => parse(bytes)).toThrow(NotACaptureError);
    expect(() => parse(bytes)).toThrow(/^not a pcap or pcapng capture: first bytes 0a 0d 0d 0a/);
  });

  it('stops at a later section header without byte-order magic', () => {
    const later = shb(BE);
    later[8] = 0x00;
    const { frames, info } = parse(concat(shb(LE), idb(LE, 1), epb(LE, 0, 1n, [1]), later));
    expect(frames).toHaveLength(1);
    expect(info.anomalies.map((a) => a.code)).toEqual(['bad-block']);
  });

  it('ignores an IDB option that runs past its block and says so', () => {
    const i = idb(LE, 113, { tsresol: 9 });
    new DataView(i.buffer).setUint16(18, 200, true); // if_tsresol length 200
    const { frames, info } = parse(concat(shb(LE), i, epb(LE, 0, 5_000_000n, [1])));
    expect(frames.map((f) => [f.linkType, f.timeSec, f.timeNsec])).toEqual([[113, 5, 0]]); // µs kept
    expect(info.anomalies.map((a) => a.code)).toEqual(['bad-option']);
  });

  it('stops at a section header of an unknown major version', () => {
    const v2 = shb(LE);
    new DataView(v2.buffer).setUint16(12, 2, true);
    const { frames, info } = parse(
      concat(shb(LE), idb(LE, 1), epb(LE, 0, 1n, [1]), v2, idb(LE, 1), epb(LE, 0, 1n, [2])),
    );
    expect(frames).toHaveLength(1);
    expect(info.anomalies.map((a) => [a.code, a.frame])).toEqual([['bad-block', 2]]);
    expect(info.anomalies[0].message).toContain('pcapng version 2.0');
  });

  it('keeps microseconds for an unusable if_tsresol and says so', () => {
    const { frames, info } = parse(concat(shb(BE), idb(BE, 1, { tsresol: 25 }), epb(BE, 0, 3_000_001n, [1])));
    expect([frames[0].timeSec, frames[0].timeNsec]).toEqual([3, 1000]);
    expect(info.anomalies.map((a) => a.code)).toEqual(['bad-option']);
    expect(info.anomalies[0].message).toContain('if_tsresol 0x19');
  });
});
