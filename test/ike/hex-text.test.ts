// Bytes as hex text (shared/ike/bytes.ts) and the SPI/message-ID texts the header decoder
// remembers by value (shared/ike/header.ts): the text must be what the bytes say, whatever was
// decoded before, and a long field is cut where the limit says.
import { describe, expect, it } from 'vitest';
import { hex, MAX_HEX_BYTES } from '#shared/ike/bytes.js';
import { decodeHeader } from '#shared/ike/header.js';

const bytesOf = (...values: number[]) => Uint8Array.from(values);

describe('hex text', () => {
  it('lower-case pairs, clamped to the data, and empty for an empty range', () => {
    expect(hex(bytesOf(0x00, 0x0f, 0xa0, 0xff), 0, 4)).toBe('000fa0ff');
    expect(hex(bytesOf(1, 2, 3), 1, 10)).toBe('0203');
    expect(hex(bytesOf(1, 2, 3), -5, 1)).toBe('01');
    expect(hex(bytesOf(1, 2), 2, 2)).toBe('');
  });

  it('cuts at the limit and marks the cut', () => {
    const long = new Uint8Array(MAX_HEX_BYTES + 3).fill(0xab);
    const text = hex(long, 0, long.length);
    expect(text).toBe('ab'.repeat(MAX_HEX_BYTES) + '…');
    expect(hex(bytesOf(1, 2, 3, 4), 0, 4, 2)).toBe('0102…');
  });

  it('header SPIs and message IDs: right for every value, including ones that share a table slot', () => {
    // 20,000 different SPI pairs and message IDs, far more than the table holds, then the first again.
    const header = new Uint8Array(28);
    const expected = (i: number) => {
      const spi = (i * 2654435761) >>> 0;
      header.set([0, 0, 0, i & 255, (spi >>> 24) & 255, (spi >>> 16) & 255, (spi >>> 8) & 255, spi & 255], 0);
      header.set([spi & 255, 0, 0, 0, 0, 0, 0, i & 255], 8);
      header.set([0, 0, (i >>> 8) & 255, i & 255], 20);
      return {
        ispi: `000000${(i & 255).toString(16).padStart(2, '0')}${spi.toString(16).padStart(8, '0')}`,
        rspi: `${(spi & 255).toString(16).padStart(2, '0')}000000000000${(i & 255).toString(16).padStart(2, '0')}`,
        messageId: `0000${(i & 0xffff).toString(16).padStart(4, '0')}`,
      };
    };
    for (const i of [...Array(20000).keys(), 0, 1, 2, 19999]) {
      const want = expected(i);
      const got = decodeHeader(header, 0)!;
      expect({ ispi: got.ispi, rspi: got.rspi, messageId: got.messageId }).toEqual(want);
    }
  });
});
