import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '#shared/capture/reader.js';
import { parse, parseCuts } from './collect.js';
import { pcapFile, pcapHeader, pcapRecord, payload, concat } from './builders.js';

describe('classic pcap, hand-made', () => {
  for (const littleEndian of [true, false]) {
    const order = littleEndian ? 'little-endian' : 'big-endian';

    it(`reads a ${order} microsecond file field by field`, () => {
      const bytes = pcapFile({ littleEndian, snaplen: 65535, linkType: 1 }, [
        { sec: 1_700_000_000, sub: 123_456, data: payload(60, 1) },
        { sec: 1_700_000_001, sub: 999_999, data: payload(42, 7), origLen: 1514 },
        { sec: 0xffffffff, sub: 0, data: [] },
      ]);
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
          timeNsec: 999_999_000,
          originalLength: 1514,
          data: Uint8Array.from(payload(42, 7)),
          linkType: 1,
          interfaceId: 0,
        },
        {
          number: 3,
          timeSec: 0xffffffff,
          timeNsec: 0,
          originalLength: 0,
          data: new Uint8Array(0),
          linkType: 1,
          interfaceId: 0,
        },
      ]);
      expect(info).toEqual({
        format: 'pcap',
        linkTypes: [1],
        frames: 3,
        bytes: bytes.length,
        firstTime: [1_700_000_000, 123_456_000],
        lastTime: [0xffffffff, 0],
        anomalies: [
          {
            layer: 'capture',
            code: 'snaplen-cut',
            frame: 2,
            message: expect.stringMatching(/^1 packet\(s\) .* first at frame 2$/),
          },
        ],
      });
    });

    it(`reads a ${order} nanosecond file exactly`, () => {
      const bytes = pcapFile({ littleEndian, nanoseconds: true, linkType: 101 }, [
        { sec: 1_234_567_890, sub: 999_999_999, data: payload(20, 3) },
        { sec: 1_234_567_891, sub: 1, data: payload(28, 4) },
      ]);
      const { frames, info } = parse(bytes);
      expect(frames.map((f) => [f.number, f.timeSec, f.timeNsec, f.linkType, f.originalLength])).toEqual([
        [1, 1_234_567_890, 999_999_999, 101, 20],
        [2, 1_234_567_891, 1, 101, 28],
      ]);
      expect(frames[1].data).toEqual(Uint8Array.from(payload(28, 4)));
      expect(info.format).toBe('pcap-nsec');
      expect(info.linkTypes).toEqual([101]);
      expect(info.anomalies).toEqual([]);
    });
  }

  it('masks the FCS bits out of the link-type field (tcpdump test files use 0x40000001)', () => {
    const { frames, info } = parse(pcapFile({ linkType: 0x40000001 }, [{ sec: 1, sub: 2, data: [1, 2] }]));
    expect(frames[0].linkType).toBe(1);
    expect(info.linkTypes).toEqual([1]);
  });

  it('hands out a view of the chunk, not a copy, when the record lies in one chunk', () => {
    const bytes = pcapFile({}, [{ sec: 1, sub: 0, data: payload(10) }]);
    let seen: Uint8Array | undefined;
    const parser = createCaptureParser((f) => {
      seen = f.data;
    });
    parser.push(bytes);
    parser.end();
    expect(seen?.buffer).toBe(bytes.buffer);
    expect(seen?.byteOffset).toBe(24 + 16);
  });

  it('delivers the frames before a truncated last record and reports it (partial data)', () => {
    const whole = pcapFile({}, [
      { sec: 10, sub: 1, data: payload(30) },
      { sec: 11, sub: 2, data: payload(30, 5) },
    ]);
    const cut = whole.subarray(0, whole.length - 5);
    for (const chunk of [1, 7, cut.length]) {
      const { frames, info } = parse(cut, chunk);
      expect(frames.map((f) => f.number)).toEqual([1]);
      expect(info.frames).toBe(1);
      expect(info.anomalies).toEqual([
        {
          layer: 'capture',
          code: 'truncated-record',
          frame: 2,
          message: 'the file ends inside a packet record: 41 of its 46 bytes are present (frames up to 1 are complete)',
        },
      ]);
    }
  });

  it('reports a file that ends inside a record header', () => {
    const whole = pcapFile({}, [{ sec: 10, sub: 1, data: payload(30) }]);
    const cut = concat(whole, pcapRecord({ sec: 1, sub: 1, data: [] }).subarray(0, 9));
    const { frames, info } = parse(cut);
    expect(frames).toHaveLength(1);
    expect(info.anomalies.map((a) => [a.code, a.frame])).toEqual([['truncated-record', 2]]);
    expect(info.anomalies[0].message).toContain('header of a packet record (9 byte(s))');
  });

  it('reports a file that ends inside the file header', () => {
    const { frames, info } = parse(pcapHeader().subarray(0, 10));
    expect(frames).toEqual([]);
    expect(info.format).toBe('pcap');
    expect(info.anomalies.map((a) => a.code)).toEqual(['truncated-file-header']);
  });

  it('stops at a record longer than the snapshot length (garbage after a valid header)', () => {
    const bytes = concat(
      pcapFile({ snaplen: 1500 }, [{ sec: 5, sub: 0, data: payload(100) }]),
      pcapRecord({ sec: 6, sub: 0, data: payload(8), caplen: 1501 }),
      pcapRecord({ sec: 7, sub: 0, data: payload(8) }),
    );
    const { frames, info } = parse(bytes);
    expect(frames.map((f) => f.timeSec)).toEqual([5]);
    expect(info.anomalies).toEqual([
      {
        layer: 'capture',
        code: 'bad-record-length',
        frame: 2,
        message: expect.stringContaining("claims 1501 captured bytes, more than the file's snapshot length 1500"),
      },
    ]);
  });

  it('stops at a captured length above 256 KiB when the snapshot length does not say less', () => {
    const bytes = concat(pcapFile({ snaplen: 0 }, []), pcapRecord({ sec: 1, sub: 0, data: [], caplen: 262145 }));
    const { frames, info } = parse(bytes);
    expect(frames).toEqual([]);
    expect(info.anomalies.map((a) => [a.code, a.frame])).toEqual([['bad-record-length', 1]]);
    expect(info.anomalies[0].message).toContain('more than the maximum 262144');
  });

  it('counts every snaplen-cut packet in one anomaly naming the first', () => {
    const bytes = pcapFile({ snaplen: 64 }, [
      { sec: 1, sub: 0, data: payload(40) },
      { sec: 2, sub: 0, data: payload(64), origLen: 1500 },
      { sec: 3, sub: 0, data: payload(64), origLen: 900 },
      { sec: 4, sub: 0, data: payload(64), origLen: 64 },
    ]);
    const { frames, info } = parse(bytes);
    expect(frames.map((f) => [f.originalLength, f.data.length])).toEqual([
      [40, 40],
      [1500, 64],
      [900, 64],
      [64, 64],
    ]);
    const cut = info.anomalies.filter((a) => a.code === 'snaplen-cut');
    expect(cut).toHaveLength(1);
    expect(cut[0].frame).toBe(2);
    expect(cut[0].message).toMatch(/^2 packet\(s\)/);
  });

  it('carries an out-of-range microsecond field into the seconds and says so once', () => {
    const { frames, info } = parse(
      pcapFile({}, [
        { sec: 100, sub: 2_500_000, data: [1] },
        { sec: 200, sub: 1_000_000, data: [2] },
      ]),
    );
    expect(frames.map((f) => [f.timeSec, f.timeNsec])).toEqual([
      [102, 500_000_000],
      [201, 0],
    ]);
    expect(info.anomalies.map((a) => [a.code, a.frame])).toEqual([['bad-timestamp', 1]]);
  });

  it('gives the same frames whatever the chunk boundaries, including inside the magic', () => {
    const bytes = pcapFile({ littleEndian: false }, [
      { sec: 1, sub: 1, data: payload(33) },
      { sec: 2, sub: 2, data: payload(70, 9) },
    ]);
    const whole = parse(bytes);
    for (let a = 1; a < bytes.length; a++) {
      for (const b of [a + 1, a + 3, a + 17]) {
        expect(parseCuts(bytes, [a, b])).toEqual(whole);
      }
    }
  });
});
