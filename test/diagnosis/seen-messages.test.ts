// Retransmission detection per session (shared/diagnosis/seen-messages.ts): a message is "seen
// before" exactly when the same sender sent the same header (numeric fields, message ID,
// responder SPI) earlier, both while compared one by one and once indexed; past the limit,
// new messages are not remembered.
import { describe, expect, it } from 'vitest';
import { SeenMessages } from '#shared/diagnosis/seen-messages.js';

const ZERO = '0000000000000000';
const RSPI = 'a1b2c3d4e5f60708';

describe('seen messages', () => {
  it('the same header again is a retransmission; any field different is not', () => {
    const seen = new SeenMessages(512);
    expect(seen.seenBefore(100, '00000000', ZERO)).toBe(false);
    expect(seen.seenBefore(100, '00000000', ZERO)).toBe(true);
    expect(seen.seenBefore(101, '00000000', ZERO)).toBe(false);
    expect(seen.seenBefore(100, '00000001', ZERO)).toBe(false);
    expect(seen.seenBefore(100, '00000000', RSPI)).toBe(false);
    expect(seen.seenBefore(100, '00000001', ZERO)).toBe(true);
  });

  it('stays exact past the point where it builds its index, including equal numbers with other IDs', () => {
    const seen = new SeenMessages(512);
    // 300 distinct messages: 100 lengths × 3 message IDs (same packed number, different IDs).
    for (let n = 0; n < 100; n++)
      for (const id of ['00000001', '00000002', '00000003']) expect(seen.seenBefore(n * 2 ** 18, id, RSPI)).toBe(false);
    for (let n = 0; n < 100; n++) {
      expect(seen.seenBefore(n * 2 ** 18, '00000002', RSPI)).toBe(true);
      expect(seen.seenBefore(n * 2 ** 18, '00000004', RSPI)).toBe(false);
    }
  });

  it('remembers at most its limit of distinct messages', () => {
    const seen = new SeenMessages(20);
    for (let n = 0; n < 30; n++) seen.seenBefore(n, '00000000', RSPI);
    expect(seen.seenBefore(19, '00000000', RSPI)).toBe(true);
    expect(seen.seenBefore(25, '00000000', RSPI)).toBe(false);
  });
});
