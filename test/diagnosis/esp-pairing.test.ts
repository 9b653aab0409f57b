// ESP goes to the IKE session that made its SAs, on real captures where the address alone does
// not say which: one IKEv2 client whose many attempts towards one server share its address (nDPI,
// its frames not in time order), and users behind one NAT (scenarios two-users-one-nat…, whose
// expected.json cover the rest). Expected SPIs are read with tshark: each follows the IKE_AUTH
// that made it, on that session's ports.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '#shared/report/types.js';
import { analyzeFile } from './analyze-file.js';

const PUBLIC = join(__dirname, '../fixtures/public');

function spisOf(r: AnalysisReport, id: string): string[] {
  const s = r.sessions.find((x) => x.id === id);
  expect(s, id).toBeDefined();
  return s!.esp.map((e) => e.spi).sort();
}

describe('ESP is paired with the negotiation that made it', () => {
  it('gives each IKEv2 attempt of one client its own ESP (nDPI ipsec_isakmp_esp)', async () => {
    const r = await analyzeFile(join(PUBLIC, 'nDPI__ipsec_isakmp_esp.pcap'));
    // 192.168.2.100:10500/14500 -> 109.237.187.193: IKE_AUTH frames 28-33, then ESP from frame 34.
    expect(spisOf(r, 'de648338c613aa68')).toEqual(['0424565a', 'c3da1242']);
    // The same pair later: IKE_AUTH frames 104-109, ESP from frame 110.
    expect(spisOf(r, 'ff75e219ef39416d')).toEqual(['03f813c7', 'cea6a11f']);
    // From port 42593: IKE_SA_INIT alone (frames 616-619, answered, then given up) made no SAs;
    // the next attempt's IKE_AUTH (frames 597-602, earlier in the file than its own IKE_SA_INIT
    // 620-623) made those of frames 603 and 606.
    expect(spisOf(r, '79833f4a42b4d737')).toEqual([]);
    expect(spisOf(r, '1723a2dd51d4bdaf')).toEqual(['03cca337', '91bbd5f0']);
    // From port 43811, the same: IKE_SA_INIT 260-263 alone; IKE_AUTH 245-250, ESP 251 and 254.
    expect(spisOf(r, '6e09515392eb66e7')).toEqual([]);
    expect(spisOf(r, '57555a603383702d')).toEqual(['04b4bbef', '5df67de0']);
    // No SPI is counted twice.
    const all = r.sessions.flatMap((s) => s.esp.map((e) => `${e.spi}|${e.direction}`));
    expect(new Set(all).size).toBe(all.length);
  });
});
