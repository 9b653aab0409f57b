// The L2TP header decoder on the real SCCRQ of the no-ike scenario, compared with what tshark
// 4.0 shows for that frame (`tshark -r capture.pcap -Y l2tp -T fields -e l2tp.type -e
// l2tp.tunnel -e l2tp.session -e l2tp.Ns -e l2tp.Nr -e l2tp.avp.message_type`), and on cut bytes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeL2tp, l2tpMessageName } from '#shared/l2tp/decode.js';
import { udpPayloads } from '../radius/pcap-udp.js';

const CAPTURE = join(import.meta.dirname, '../fixtures/scenarios/no-ike/capture.pcap');

describe('decodeL2tp', () => {
  it('reads the SCCRQ of a client with L2TP but no IPsec policy as tshark does', () => {
    const [sccrq] = udpPayloads(CAPTURE).filter((d) => d.dstPort === 1701);
    expect(sccrq.frame).toBe(11);
    const { message, anomalies } = decodeL2tp(sccrq.payload, sccrq.frame);
    expect(anomalies).toEqual([]);
    expect(message).toEqual({ control: true, tunnelId: 0, sessionId: 0, ns: 0, nr: 0, messageType: 1 });
    expect(l2tpMessageName(message!.messageType)).toBe('SCCRQ');
  });

  it('turns every truncation into an anomaly or a shorter message, never an exception', () => {
    const [sccrq] = udpPayloads(CAPTURE).filter((d) => d.dstPort === 1701);
    for (let n = 0; n < sccrq.payload.length; n++) {
      const r = decodeL2tp(sccrq.payload.subarray(0, n), 11);
      expect(r.message !== undefined || r.anomalies.length > 0).toBe(true);
    }
  });
});
