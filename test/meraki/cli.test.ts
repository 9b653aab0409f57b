// `vpn-doctor meraki ...` against the running twin and the fake Meraki cloud, in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import { runCli } from '../cli/run-cli.js';
import { startMerakiHarness, type MerakiHarness } from './twin-meraki-harness.js';

let m: MerakiHarness;
let local: string[];
beforeAll(async () => {
  m = await startMerakiHarness();
  local = ['--local', '--data-dir', m.h.dataDir];
}, 60_000);
afterAll(async () => m?.close());

async function meraki(argv: string[], apiKey?: string) {
  const saved = process.env.MERAKI_API_KEY;
  if (apiKey) process.env.MERAKI_API_KEY = apiKey;
  try {
    return await runCli(['meraki', ...argv, ...local]);
  } finally {
    if (saved === undefined) delete process.env.MERAKI_API_KEY;
    else process.env.MERAKI_API_KEY = saved;
  }
}

describe('vpn-doctor meraki', () => {
  it('connect reads the key from the environment and shows only its last 4 characters', async () => {
    const r = await meraki(['connect', '--tenant', 'alpha', '--org', WORLD.orgId], WORLD.fullKey);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`connected tenant alpha: key ...0001, organizations ${WORLD.orgId} (Example MSP customer)\n`);
    const s = await meraki(['status', '--tenant', 'alpha']);
    expect(s.stdout).toMatch(/^tenant alpha: key \.\.\.0001, organizations 549236/);
    expect(s.stdout + r.stdout + r.stderr + s.stderr).not.toContain(WORLD.fullKey);
  });

  it('mxs and captures list what the cloud holds', async () => {
    const mxs = await meraki(['mxs', '--tenant', 'alpha']);
    expect(mxs.stdout).toBe(`${WORLD.mx}\tMX68\t${WORLD.mxIp}\tBranch MX\n`);
    const caps = await meraki(['captures', '--tenant', 'alpha', '--serial', WORLD.mx]);
    expect(caps.stdout.trim().split('\n')).toHaveLength(10);
  });

  it('import prints our capture id, and the same again as already imported', async () => {
    const id = (await meraki(['captures', '--tenant', 'alpha'])).stdout.split('\t')[0];
    const first = await meraki(['import', '--tenant', 'alpha', id]);
    expect(first.code, first.stderr).toBe(0);
    const [, status, captureId] = first.stdout.trim().split('\t');
    expect(status).toBe('imported');
    const again = await meraki(['import', '--tenant', 'alpha', id]);
    expect(again.stdout).toBe(`${id}\talready-imported\t${captureId}\n`);
  });

  it('capture waits through the countdown and prints the verdict and the dashboard link', async () => {
    const t0 = performance.now();
    const r = await meraki(['capture', '--tenant', 'alpha', '--serial', WORLD.mx, '--seconds', '2']);
    const ms = performance.now() - t0;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/started capture \d+ on Q2MX-VPND-0001 \(WAN 198\.51\.100\.1\) for 2 s/);
    expect(r.stderr).toMatch(/capturing on Q2MX-VPND-0001: \d s left - have the user connect now/);
    const [verdict, link] = r.stdout.trim().split('\n');
    expect(verdict).toBe('Verdict: PSK_MISMATCH');
    expect(link).toMatch(new RegExp(`^capture [0-9A-Z]{26}  ${m.h.twin.apiUrl}/#/capture/[0-9A-Z]{26}$`));
    console.log(`vpn-doctor meraki capture --seconds 2 through the fake: ${Math.round(ms)} ms to the verdict`);
  });

  it('--no-wait returns the job at once; `meraki job` advances it to the verdict', async () => {
    const r = await meraki(['capture', '--tenant', 'alpha', '--serial', WORLD.mx, '--seconds', '1', '--no-wait']);
    expect(r.code, r.stderr).toBe(0);
    const jobId = r.stdout.trim();
    let last = '';
    for (let i = 0; i < 100 && !last.startsWith('Verdict'); i++) {
      await new Promise((res) => setTimeout(res, 100));
      last = (await meraki(['job', '--tenant', 'alpha', jobId])).stdout;
    }
    expect(last).toMatch(/^Verdict: PSK_MISMATCH\n/);
  });

  it('each failure is one line with its reason', async () => {
    const ap = await meraki(['capture', '--tenant', 'alpha', '--serial', WORLD.notMx, '--seconds', '2']);
    expect(ap.code).toBe(2);
    expect(ap.stderr).toMatch(/^vpn-doctor: meraki capture: Q2MR-VPND-0002 is a wireless device \(MR46\), not an MX/);
    const none = await meraki(['captures', '--tenant', 'bravo']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no Meraki connection/);
    await meraki(['connect', '--tenant', 'bravo'], WORLD.readOnlyKey);
    const ro = await meraki(['capture', '--tenant', 'bravo', '--serial', WORLD.mx, '--seconds', '2']);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(/full \(read-write\) organization access, not read-only/);
    m.fake.faults.rateLimit(1, 1);
    const slow = await meraki(['mxs', '--tenant', 'alpha']);
    expect(slow.code).toBe(0);
    expect(slow.stderr).toMatch(/Meraki rate limit \(429\): waiting 1\.0 s before attempt 2/);
  });
});
