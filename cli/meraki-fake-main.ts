// `npm start -- --meraki-fake`: the fake Meraki cloud beside the local twin, so a newcomer can try
// connect, import and capture-and-diagnose without a Meraki account.
import { existsSync } from 'node:fs';
import { startFakeMeraki, type FakeMeraki } from '../lambdas/local/meraki-fake/server.js';
import { WORLD, createDefaultWorld } from '../lambdas/local/meraki-fake/world.js';

export const SCENARIOS_DIR = 'test/fixtures/scenarios';

export async function startLocalMerakiFake(): Promise<FakeMeraki> {
  if (!existsSync(SCENARIOS_DIR))
    throw new Error(`--meraki-fake needs ${SCENARIOS_DIR} (run npm start from the repository)`);
  return startFakeMeraki({ world: createDefaultWorld({ scenariosDir: SCENARIOS_DIR, nowMs: Date.now() }) });
}

export function merakiFakeBanner(fake: FakeMeraki): string {
  return `\nFake Meraki Dashboard API: ${fake.baseUrl}
  API key ${WORLD.fullKey} (read-only: ${WORLD.readOnlyKey}); organization ${WORLD.orgId}, MX ${WORLD.mx}
  Try: MERAKI_API_KEY=${WORLD.fullKey} npx vpn-doctor meraki connect --local
       npx vpn-doctor meraki capture --local --serial ${WORLD.mx} --seconds 10\n\n`;
}
