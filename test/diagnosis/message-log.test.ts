// A session's timeline kept as columns (shared/diagnosis/message-log.ts): every field of a
// message comes back as it went in, at the edges of its wire range (ports 0 and 65535, a
// 32-bit length and frame number, exchange type and next payload 255), and the log keeps at
// most its limit.
import { describe, expect, it } from 'vitest';
import { MessageLog } from '#shared/diagnosis/message-log.js';
import type { IsakmpMessage } from '#shared/ike/types.js';
import type { MessageFrame } from '#shared/diagnosis/session-tracker.js';

const MM5 = Object.freeze({ step: 'ID', label: 'MM5' } as const);
const INFO = Object.freeze({ step: 'INFO', label: 'INFO' } as const);

function frame(number: number, srcPort: number, dstPort: number): MessageFrame {
  return {
    number,
    timeSec: 4_294_967_295,
    timeNsec: 999_999_999,
    src: '192.0.2.1',
    dst: '192.0.2.2',
    srcPort,
    dstPort,
    ipId: undefined,
    cut: false,
  };
}

function message(fields: Partial<IsakmpMessage>): IsakmpMessage {
  return {
    exchangeType: 2,
    nextPayload: 5,
    messageId: '00000000',
    encrypted: true,
    length: 92,
    ...fields,
  } as IsakmpMessage;
}

describe('message log', () => {
  it('gives back each field of each message', () => {
    const log = new MessageLog(10);
    const notifies = [14, 24];
    log.push(frame(4_294_967_295, 65535, 0), message({ length: 4_294_967_295 }), 'client', MM5, true, []);
    log.push(
      frame(1, 0, 65535),
      message({ exchangeType: 255, nextPayload: 255, encrypted: false, messageId: 'ffffffff' }),
      'mx',
      INFO,
      false,
      notifies,
    );
    expect(log.length).toBe(2);
    expect(log.records()).toEqual([
      {
        frame: 4_294_967_295,
        timeSec: 4_294_967_295,
        timeNsec: 999_999_999,
        from: 'client',
        exchangeType: 2,
        nextPayload: 5,
        messageId: '00000000',
        encrypted: true,
        length: 4_294_967_295,
        srcPort: 65535,
        dstPort: 0,
        step: 'ID',
        label: 'MM5',
        retransmission: true,
        notifies: [],
      },
      {
        frame: 1,
        timeSec: 4_294_967_295,
        timeNsec: 999_999_999,
        from: 'mx',
        exchangeType: 255,
        nextPayload: 255,
        messageId: 'ffffffff',
        encrypted: false,
        length: 92,
        srcPort: 0,
        dstPort: 65535,
        step: 'INFO',
        label: 'INFO',
        retransmission: false,
        notifies: [14, 24],
      },
    ]);
    expect([log.frame(1), log.label(1), log.from(1), log.from(0)]).toEqual([1, 'INFO', 'mx', 'client']);
  });

  it('keeps at most its limit', () => {
    const log = new MessageLog(3);
    const kept = [1, 2, 3, 4, 5].map((n) => log.push(frame(n, 500, 500), message({}), 'client', MM5, false, []));
    expect(kept).toEqual([true, true, true, false, false]);
    expect(log.records().map((r) => r.frame)).toEqual([1, 2, 3]);
  });
});
