// AnyConnect moved off 443 (anyconnect-port8443-*, real ocserv/openconnect on 8443): found by its
// own shape, TLS and DTLS on one port, or by what the user says (--mx, --anyconnect-port); one
// half of that shape alone is not AnyConnect (DTLS alone is also WebRTC's, TLS alone any HTTPS).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyConnectSessions, createAnyConnectAnalyzer } from '#shared/anyconnect/sessions.js';
import { decodeFile, SCENARIOS } from './fixtures.js';

const success = () => decodeFile(join(SCENARIOS, 'anyconnect-port8443-success', 'capture.pcap'));
const wrongPassword = () => decodeFile(join(SCENARIOS, 'anyconnect-port8443-wrong-password', 'capture.pcap'));

describe('AnyConnect on a port of its own', () => {
  it('TLS and DTLS on 8443: recognised by DTLS without any option', async () => {
    const [s, ...more] = anyConnectSessions(await success());
    expect(more).toEqual([]);
    expect([s.responderPort, s.recognizedBy, s.verdict]).toEqual([8443, 'dtls', 'ANYCONNECT_ESTABLISHED']);
  });

  it('the DTLS half alone (the TCP frames taken out) is not AnyConnect', async () => {
    const udpOnly = (await success()).filter((f) => f.tcp === undefined);
    expect(udpOnly.some((f) => f.dtls !== undefined)).toBe(true);
    expect(anyConnectSessions(udpOnly)).toEqual([]);
    // ... nor TLS for the no-IKE finding to point at.
    const analyzer = createAnyConnectAnalyzer();
    for (const f of udpOnly) analyzer.add(f);
    analyzer.finish();
    expect(analyzer.unnamedTls()).toEqual([]);
  });

  it('TLS alone on 8443 is AnyConnect only when the MX or the port is given', async () => {
    const frames = await wrongPassword();
    expect(anyConnectSessions(frames)).toEqual([]);
    const byMx = anyConnectSessions(frames, { mxIps: ['198.51.100.10'] });
    expect(byMx.map((s) => [s.recognizedBy, s.verdict])).toEqual([['mx-address', 'ANYCONNECT_AUTH_FAILED']]);
    const byPort = anyConnectSessions(frames, { ports: [8443] });
    expect(byPort.map((s) => [s.recognizedBy, s.verdict])).toEqual([['configured-port', 'ANYCONNECT_AUTH_FAILED']]);
  });

  it('HTTPS on other ports cannot use up the sessions AnyConnect on 443 needs', async () => {
    const frames = await success();
    const hello = frames.find((f) => f.tls?.some((r) => r.handshakeType === 1));
    expect(hello).toBeDefined();
    // 1,100 clients' ClientHellos to 8443 (more than the tracker's sessions), then a real session on 443.
    const flood = Array.from({ length: 1100 }, (_, i) => ({
      ...hello!,
      ip: { ...hello!.ip!, src: `10.0.${i >> 8}.${i & 255}` },
    }));
    const real = await decodeFile(join(SCENARIOS, 'anyconnect-success', 'capture.pcap'));
    const sessions = anyConnectSessions([...flood, ...real]);
    expect(sessions.map((s) => [s.clientIp, s.responderPort, s.verdict])).toEqual([
      ['192.0.2.50', 443, 'ANYCONNECT_ESTABLISHED'],
    ]);
  });
});
