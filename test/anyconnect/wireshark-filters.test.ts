// The Wireshark display filter of every AnyConnect finding on the real captures is valid and
// shows its evidence frames in tshark (what our users check with).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { anyConnectSessions } from '#shared/anyconnect/sessions.js';
import { describeWithTshark, tsharkFrames } from '../support/tshark.js';
import { ANYCONNECT_CASES, decodeFile } from './fixtures.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');
describeWithTshark('AnyConnect Wireshark filters show the evidence', () => {
  it.each(ANYCONNECT_CASES)(
    '%s',
    async (c) => {
      const file = join(SC, c, 'capture.pcap');
      const sessions = anyConnectSessions(await decodeFile(file));
      for (const f of sessions.flatMap((s) => s.findings)) {
        if (f.evidence.frames.length === 0) continue;
        const shown = tsharkFrames(file, f.filter, ['udp.port==443,dtls']);
        expect(
          [...shown].sort((a, b) => a - b),
          `${c} ${f.code}: ${f.filter}`,
        ).toEqual(f.evidence.frames);
      }
    },
    30_000,
  );
});
