// Real DNS from the scenario captures (dnsmasq answering dig), checked against tshark's
// fields (test/dns/oracle/README.md says how they were made).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDns } from '#shared/dns/decode.js';
import { udpPayloads } from '../radius/pcap-udp.js';

const ROOT = join(import.meta.dirname, '../..');
import { readFileSync } from 'node:fs';

function oracle(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const cols = header.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

describe('decodeDns on real captures', () => {
  it.each(['dns-ok', 'dns-fail'])('%s: every DNS frame as tshark decodes it', (scenario) => {
    const expected = oracle(join(ROOT, 'test/dns/oracle', `${scenario}.tsv`));
    const datagrams = new Map(
      udpPayloads(join(ROOT, 'test/fixtures/scenarios', scenario, 'capture.pcap'))
        .filter((d) => d.srcPort === 53 || d.dstPort === 53)
        .map((d) => [d.frame, d.payload]),
    );
    expect([...datagrams.keys()]).toEqual(expected.map((o) => Number(o['frame.number'])));
    for (const o of expected) {
      const { message, anomalies } = decodeDns(datagrams.get(Number(o['frame.number']))!, 1);
      expect(anomalies).toEqual([]);
      const answers = message!.answers;
      expect(
        {
          id: `0x${message!.id.toString(16).padStart(4, '0')}`,
          response: message!.response ? '1' : '0',
          rcode: message!.response ? String(message!.rcode) : '',
          name: message!.questions.map((q) => q.name).join(','),
          type: message!.questions.map((q) => q.type).join(','),
          a: answers
            .filter((a) => a.type === 1)
            .map((a) => a.data)
            .join(','),
          cname: answers
            .filter((a) => a.type === 5)
            .map((a) => a.data)
            .join(','),
        },
        `frame ${o['frame.number']}`,
      ).toEqual({
        id: o['dns.id'],
        response: o['dns.flags.response'],
        rcode: o['dns.flags.rcode'],
        name: o['dns.qry.name'],
        type: o['dns.qry.type'],
        a: o['dns.a'],
        cname: o['dns.cname'],
      });
    }
  });
});
