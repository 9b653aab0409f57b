// Real RADIUS from the scenario captures (FreeRADIUS answering radclient), checked against
// tshark's fields (test/dns/oracle/README.md says how they were made).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRadius } from '#shared/radius/decode.js';
import { udpPayloads } from './pcap-udp.js';

const ROOT = join(import.meta.dirname, '../..');

function oracle(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const cols = header.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

describe('decodeRadius on real captures', () => {
  it.each(['radius-accept', 'radius-reject', 'radius-no-answer'])(
    '%s: code, id, User-Name, Reply-Message, NAS-IP as tshark',
    (scenario) => {
      const expected = oracle(join(ROOT, 'test/radius/oracle', `${scenario}.tsv`));
      const datagrams = new Map(
        udpPayloads(join(ROOT, 'test/fixtures/scenarios', scenario, 'capture.pcap'))
          .filter((d) => d.srcPort === 1812 || d.dstPort === 1812)
          .map((d) => [d.frame, d.payload]),
      );
      expect([...datagrams.keys()]).toEqual(expected.map((o) => Number(o['frame.number'])));
      for (const o of expected) {
        const { message, anomalies } = decodeRadius(datagrams.get(Number(o['frame.number']))!, 1);
        expect(anomalies).toEqual([]);
        expect(
          {
            code: String(message!.code),
            id: String(message!.identifier),
            user: message!.userName ?? '',
            reply: message!.replyMessage ?? '',
            nas: message!.nasIp ?? '',
          },
          `frame ${o['frame.number']}`,
        ).toEqual({
          code: o['radius.code'],
          id: o['radius.id'],
          user: o['radius.User_Name'],
          reply: o['radius.Reply_Message'],
          nas: o['radius.NAS_IP_Address'],
        });
      }
    },
  );
});
