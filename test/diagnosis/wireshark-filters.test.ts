// The Wireshark display filter of every finding on the real scenario
// captures (IKE, AnyConnect, authentication) is valid, and shows the evidence frames in tshark
// (the tool our users check with).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithTshark, tsharkFrames } from '../support/tshark.js';
import { analyzeFile } from './analyze-file.js';

const SC = join(__dirname, '../fixtures/scenarios');

describeWithTshark('Wireshark filters show the evidence', () => {
  const cases = readdirSync(SC).filter((d) => existsSync(join(SC, d, 'capture.pcap')));
  it.each(cases)(
    '%s',
    async (c) => {
      const file = join(SC, c, 'capture.pcap');
      const r = await analyzeFile(file);
      const findings = [
        ...r.sessions.map((s) => s.findings[0]),
        ...(r.anyconnect ?? []).map((s) => s.findings[0]),
        ...r.auth,
      ];
      for (const f of findings) {
        const shown = tsharkFrames(file, f.filter, ['tcp.port==3268,tls', 'udp.port==443,dtls']);
        expect(shown.size, `${c} ${f.code}: ${f.filter}`).toBeGreaterThan(0);
        for (const n of f.evidence.frames)
          expect(shown.has(n), `${c} ${f.code} frame ${n} under ${f.filter}`).toBe(true);
      }
      // Every other finding (the capture's own: L2TP in clear, traffic the snap length cut, no
      // IKE at all; a session's secondary ones): tshark takes the filter (a syntax error throws)
      // and it shows their evidence. NO_IKE's filter is where IKE would be: it may show nothing.
      for (const f of [
        ...r.findings,
        ...r.sessions.flatMap((s) => s.findings.slice(1)),
        ...(r.anyconnect ?? []).flatMap((s) => s.findings.slice(1)),
      ]) {
        const shown = tsharkFrames(file, f.filter, ['tcp.port==3268,tls', 'udp.port==443,dtls']);
        for (const n of f.evidence.frames)
          expect(shown.has(n), `${c} ${f.code} frame ${n} under ${f.filter}`).toBe(true);
      }
    },
    30_000,
  );
});
