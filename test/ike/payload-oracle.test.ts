// Payload contents (SA proposals/transforms/attribute types, KE group, IDs, notify DOI and
// protocol, Delete SPIs, VID bytes, HASH, NAT-D, NAT-OA, traffic selectors, fragments) of every
// ISAKMP frame of the public fixtures, against tshark 4.0.17 (fixtures/payload-oracle/).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { FIXTURES } from './oracle.js';
import { PAYLOAD_FIELDS, renderPayloadFields } from './payload-oracle.js';
import { isakmpDatagrams } from './udp-payloads.js';

const dir = new URL('fixtures/payload-oracle/', import.meta.url).pathname;

const KNOWN_DIFFERENCES: Record<string, string> = {
  // An FQDN ID made of NUL bytes: tshark shows the C string up to the first NUL (""); we keep
  // every byte, escaped (\x00…), so a hostile identity cannot hide behind a NUL.
  'tcpdump__isakmp-identification-segfault.pcap#1 isakmp.id.data.fqdn': 'NUL bytes shown escaped',
};

describe('ISAKMP payload contents against tshark', () => {
  it('every payload field of every ISAKMP frame agrees, apart from the documented case', () => {
    const differences = new Map<string, string>();
    let cells = 0;
    let nonEmpty = 0;
    const files = readdirSync(dir).filter((f) => f.endsWith('.tsv'));
    expect(files.length).toBe(25);
    for (const file of files) {
      const capture = file.replace(/\.tsv$/, '');
      const lines = readFileSync(dir + file, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const names = lines[0].split('\t');
      const rows = new Map(
        lines.slice(1).map((l) => {
          const c = l.split('\t');
          return [Number(c[0]), Object.fromEntries(names.map((n, i) => [n, c[i] ?? '']))] as const;
        }),
      );
      for (const g of isakmpDatagrams(FIXTURES + capture)) {
        const row = rows.get(g.frame);
        if (!row) continue;
        // tshark walks no payloads of a message longer than the bytes captured (see oracle.ts).
        const messages = decodeIsakmp(g.data, g.frame).messages.filter((m) => m.length <= g.data.length);
        const ours = renderPayloadFields(messages);
        for (const field of PAYLOAD_FIELDS) {
          cells++;
          if (row[field] !== '' || ours[field] !== '') nonEmpty++;
          if (ours[field] !== row[field])
            differences.set(
              `${capture}#${g.frame} ${field}`,
              `ours ${ours[field].slice(0, 80)} tshark ${row[field].slice(0, 80)}`,
            );
        }
      }
    }
    expect([...differences].filter(([k]) => !(k in KNOWN_DIFFERENCES))).toEqual([]);
    expect(Object.keys(KNOWN_DIFFERENCES).filter((k) => !differences.has(k))).toEqual([]);
    expect(nonEmpty).toBeGreaterThan(1800);
    console.log(
      `payload oracle: ${cells} cells (${nonEmpty} with a value on either side), ${differences.size} documented difference(s)`,
    );
  });
});
