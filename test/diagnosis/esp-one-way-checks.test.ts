// What ESP_ONE_WAY asks the engineer to check first depends on which side went quiet, read from
// real captures: the MX silent mid-tunnel (it restarted in mx-restart-mid-tunnel) puts the SA it
// forgot first; the client silent, or the client's NAT moved while the MX still sends, do not
// name it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from './analyze-file.js';

const SC = join(__dirname, '../fixtures/scenarios');

async function oneWay(c: string) {
  const r = await analyzeFile(join(SC, c, 'capture.pcap'));
  const f = r.sessions[0].findings.find((x) => x.code === 'ESP_ONE_WAY');
  if (!f) throw new Error(`${c}: no ESP_ONE_WAY`);
  return { explanation: f.explanation.en, checks: f.checklist.en, checksJa: f.checklist.ja };
}

const FORGOT = /MX restarted .* SA the MX no longer has/;

describe('ESP_ONE_WAY checklist by the side that went quiet', () => {
  it('the MX silent after a restart: its forgotten SA first', async () => {
    const w = await oneWay('mx-restart-mid-tunnel');
    expect(w.explanation).toMatch(/client→MX only after frame 20: none comes back from the MX/);
    expect(w.checks[0]).toMatch(FORGOT);
    expect(w.checksJa[0]).toMatch(/MX が再起動した場合/);
  });

  it('the client silent: no word of the MX forgetting', async () => {
    const w = await oneWay('esp-one-way-midway');
    expect(w.explanation).toMatch(/none comes back from the client/);
    expect(w.checks.some((c) => FORGOT.test(c))).toBe(false);
  });

  it("the client's NAT moved, the MX still sending to the old port: no word of it either", async () => {
    const w = await oneWay('nat-rebind-mid-tunnel');
    expect(w.checks.some((c) => FORGOT.test(c))).toBe(false);
  });
});
