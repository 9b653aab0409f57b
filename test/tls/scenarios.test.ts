// Real TLS from the scenario captures (openssl on TCP 3268, the AD global catalog): the records
// the frame decoder hands to parseTlsRecords, checked against tshark's fields
// (test/dns/oracle/README.md says how they were made).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';

const ROOT = join(import.meta.dirname, '../..');

function oracle(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const cols = header.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

async function tlsFrames(path: string): Promise<DecodedFrame[]> {
  const decoder = createFrameDecoder();
  const frames: DecodedFrame[] = [];
  async function* source() {
    yield new Uint8Array(readFileSync(path));
  }
  await readCapture(source(), (raw) => {
    const f = decoder.decode(raw);
    if (f.tls) frames.push(f);
  });
  return frames;
}

describe('TLS records on real captures', () => {
  it.each(['ad-tls-ok', 'ad-tls-fail'])(
    '%s: record types, versions, lengths, handshake types and alerts as tshark',
    async (scenario) => {
      const expected = oracle(join(ROOT, 'test/tls/oracle', `${scenario}.tsv`));
      const frames = await tlsFrames(join(ROOT, 'test/fixtures/scenarios', scenario, 'capture.pcap'));
      expect(frames.map((f) => f.number)).toEqual(expected.map((o) => Number(o['frame.number'])));
      frames.forEach((f, i) => {
        const o = expected[i];
        const records = f.tls!;
        expect(
          {
            types: records.map((r) => r.contentType).join(','),
            versions: records.map((r) => `0x${r.version.toString(16).padStart(4, '0')}`).join(','),
            lengths: records.map((r) => r.length).join(','),
            handshakes: records
              .filter((r) => r.handshakeType !== undefined)
              .map((r) => r.handshakeType)
              .join(','),
            alertLevels: records
              .filter((r) => r.alert)
              .map((r) => r.alert!.level)
              .join(','),
            alertDescriptions: records
              .filter((r) => r.alert)
              .map((r) => r.alert!.description)
              .join(','),
            sni: records
              .filter((r) => r.serverName !== undefined)
              .map((r) => r.serverName)
              .join(','),
          },
          `frame ${f.number}`,
        ).toEqual({
          types: o['tls.record.content_type'],
          versions: o['tls.record.version'],
          lengths: o['tls.record.length'],
          handshakes: o['tls.handshake.type'],
          alertLevels: o['tls.alert_message.level'],
          alertDescriptions: o['tls.alert_message.desc'],
          sni: o['tls.handshake.extensions_server_name'],
        });
      });
    },
  );
});
