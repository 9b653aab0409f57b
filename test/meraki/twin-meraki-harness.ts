// The local twin wired to a fake Meraki cloud, with tenants of two MSPs and a logger that keeps
// every line (to prove the Meraki key never appears in one).
import type { Logger } from '../../lambdas/log.js';
import { createKey, createTenant } from '../../lambdas/auth/key-admin.js';
import { TenantStore } from '../../lambdas/store/tenant-store.js';
import type { FakeMeraki } from '../../lambdas/local/meraki-fake/server.js';
import { startHarness, type Harness } from '../pipeline/twin-harness.js';
import { startFake } from './fake-harness.js';

export interface MerakiHarness {
  h: Harness;
  fake: FakeMeraki;
  logLines: string[];
  /** API keys of vpn-doctor (not Meraki): alpha and bravo (MSP local-msp), charlie (MSP msp-c), and charlie's operator. */
  keys: { alpha: string; bravo: string; charlie: string; opC: string };
  close(): Promise<void>;
}

export function recordingLogger(lines: string[]): Logger {
  const write =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      lines.push(JSON.stringify({ level, message, ...fields }));
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export async function startMerakiHarness(): Promise<MerakiHarness> {
  const fake = await startFake();
  const logLines: string[] = [];
  const h = await startHarness({
    log: recordingLogger(logLines),
    meraki: { baseUrl: fake.baseUrl, clientOptions: { baseDelayMs: 20, maxRetryAfterMs: 5000 } },
  });
  const store = new TenantStore(h.twin.clients.dynamo, h.twin.state.table);
  const now = new Date();
  for (const [t, msp] of [
    ['alpha', 'local-msp'],
    ['bravo', 'local-msp'],
    ['charlie', 'msp-c'],
  ]) {
    await createTenant(store, { tenantId: t, name: `Tenant ${t}`, mspId: msp }, now);
  }
  const key = async (tenantId: string, role: 'tenant' | 'operator' = 'tenant') =>
    (await createKey(store, { tenantId, role }, now)).key;
  const keys = {
    alpha: await key('alpha'),
    bravo: await key('bravo'),
    charlie: await key('charlie'),
    opC: await key('charlie', 'operator'),
  };
  return {
    h,
    fake,
    logLines,
    keys,
    close: async () => {
      await h.close();
      await fake.close();
    },
  };
}
