// `vpn-doctor decode` lines for the ARP, DNS, TLS and RADIUS frames of real scenario captures equal
// tshark's summary lines (test/cli/oracle/), whitespace aside.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const words = (line: string) => line.trim().split(/\s+/).join(' ');

describe('decode lines on real authentication captures', () => {
  it.each(['dns-ok', 'dns-fail', 'ad-tls-ok', 'ad-tls-fail', 'radius-accept', 'radius-reject'])(
    '%s',
    async (scenario) => {
      const theirs = readFileSync(join(ROOT, 'test/cli/oracle', `${scenario}.txt`), 'utf8')
        .trimEnd()
        .split('\n');
      const { code, stdout } = await runCli([
        'decode',
        join(ROOT, 'test/fixtures/scenarios', scenario, 'capture.pcap'),
      ]);
      expect(code).toBe(0);
      const ours = stdout.trimEnd().split('\n');
      expect(ours).toHaveLength(theirs.length);
      const app = / (DNS|TLSv1(\.\d)?|SSLv3|RADIUS|ARP) /;
      const compared = theirs.filter((line) => app.test(line));
      expect(compared.length).toBeGreaterThan(1);
      for (const line of compared) {
        const number = Number(line.trim().split(/\s+/)[0]);
        // tshark adds the EDNS OPT record of the additional section, which we do not decode.
        expect(words(ours[number - 1])).toBe(words(line).replace(/ OPT$/, ''));
      }
    },
  );
});
