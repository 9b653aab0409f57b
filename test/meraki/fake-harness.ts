// A fresh fake Meraki cloud (default world, real scenario captures) for one test file.
import { createDefaultWorld } from '../../lambdas/local/meraki-fake/world.js';
import { startFakeMeraki, type FakeMeraki, type FakeMerakiOptions } from '../../lambdas/local/meraki-fake/server.js';

export const SCENARIOS_DIR = 'test/fixtures/scenarios';

export async function startFake(
  overrides: Partial<FakeMerakiOptions> & { defaultScenario?: string } = {},
): Promise<FakeMeraki> {
  const world = createDefaultWorld({
    scenariosDir: SCENARIOS_DIR,
    nowMs: Date.now(),
    defaultScenario: overrides.defaultScenario,
  });
  return startFakeMeraki({ world, ...overrides });
}
