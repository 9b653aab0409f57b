// When nothing in a capture tells the MX from the client (no first message, no Meraki MAC, no
// NATed port or keepalive, one sender only), the report says the roles are a guess and how to
// set them, instead of presenting the first sender as the client with confidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import { renderReport } from '#shared/report/ladder-text.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';

const SC = join(__dirname, '../fixtures/scenarios');

/** Records `from`..`to` (1-based, inclusive) of a little-endian classic pcap, header kept. */
function frames(path: string, from: number, to: number): Uint8Array {
  const b = readFileSync(path);
  const parts: Buffer[] = [b.subarray(0, 24)];
  for (let o = 24, n = 1; o + 16 <= b.length; n++) {
    const end = o + 16 + b.readUInt32LE(o + 8);
    if (n >= from && n <= to) parts.push(b.subarray(o, end));
    o = end;
  }
  return Buffer.concat(parts);
}

async function analyze(bytes: Uint8Array, mxIp?: string) {
  return analyzeCapture(
    (async function* () {
      yield bytes;
    })(),
    mxIp ? { mxIp } : {},
  );
}

describe('roles the capture cannot tell', () => {
  // libreswan-mx-udp4500-blocked from frame 6 on: only the MX (198.51.100.1, libreswan) repeating
  // its cleartext Key Exchange, main mode 4; nothing from the client.
  const late = () => frames(join(SC, 'libreswan-mx-udp4500-blocked/capture.pcap'), 6, 14);

  it('says which host was taken for the client and how to correct it', async () => {
    const r = await analyze(late());
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0];
    expect(s.roles.decidedBy).toBe('first-sender');
    const first = s.clientIp;
    expect(renderReport(r, 'en')).toContain(`Roles guessed:`);
    expect(renderReport(r, 'en')).toContain(`analyze again with --mx ${first}`);
    expect(renderReport(r, 'ja')).toContain(`「--mx ${first}」`);
  });

  it('takes the user’s --mx, and then says nothing of a guess', async () => {
    const r = await analyze(late(), '198.51.100.1');
    const s = r.sessions[0];
    expect(s.roles.decidedBy).toBe('user-mx-ip');
    expect(s.clientIp).toBe('198.51.100.2');
    expect(s.responderIp).toBe('198.51.100.1');
    expect(renderReport(r, 'en')).not.toContain('Roles guessed');
  });

  it('says nothing of a guess where the negotiation’s first message is in the capture', async () => {
    const r = await analyzeFile(join(SC, 'libreswan-mx-udp4500-blocked/capture.pcap'));
    expect(r.sessions[0].roles.decidedBy).toBe('initiator-message');
    expect(renderReport(r, 'en')).not.toContain('Roles guessed');
  });
});
