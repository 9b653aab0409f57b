// TLS 1.3 encrypts the MX's Certificate: a rejection is known by position only. Its evidence must
// name the MX's encrypted flight (where the Certificate travels) and the client's reset, and its
// words must not claim what the capture cannot show (frames read with tshark, READMEs beside).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyConnectSessions } from '#shared/anyconnect/sessions.js';
import { decodeFile, SCENARIOS } from './fixtures.js';

const CASES = [
  // ClientHello, ServerHello, the MX's first encrypted records, the client's RST.
  { name: 'anyconnect-tls13-cert-untrusted', evidence: [6, 8, 11, 12] },
  { name: 'anyconnect-tls13-cert-expired', evidence: [6, 8, 11, 14] },
];

describe('TLS 1.3 certificate rejections', () => {
  it.each(CASES)('$name: evidence and words', async ({ name, evidence }) => {
    const [s] = anyConnectSessions(await decodeFile(join(SCENARIOS, name, 'capture.pcap')));
    const f = s.findings[0];
    expect(f.code).toBe('ANYCONNECT_CERT_REJECTED');
    expect(f.evidence.frames).toEqual(evidence);
    expect(f.evidence.details).toMatchObject({ closedBy: 'rst', closedFrom: 'client', certificateEncrypted: true });
    expect(f.explanation.en).toMatch(/encrypted handshake/);
    expect(f.explanation.en).not.toMatch(/key exchange/);
    expect(f.explanation.ja).toMatch(/Finished/);
    expect(s.certificates ?? []).toEqual([]);
    expect(s.findings.map((x) => x.code)).not.toContain('ANYCONNECT_CERT_EXPIRED');
  });
});
