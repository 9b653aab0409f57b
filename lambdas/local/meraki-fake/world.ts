// The fake Meraki cloud's data: organizations, networks, devices with their uplinks, stored
// packet captures and the API keys that see them. Shapes follow test/fixtures/meraki/contract.json;
// identifiers and addresses are ours (documentation ranges). The default world stores real
// captures from test/fixtures/scenarios/ as its cloud captures.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeKey {
  /** Organizations this key's administrator can see. */
  orgIds: Set<string>;
  readOnly: boolean;
  revoked: boolean;
}

export interface FakeOrg {
  id: string;
  name: string;
}

export interface FakeNetwork {
  id: string;
  orgId: string;
  name: string;
}

export interface FakeDevice {
  serial: string;
  orgId: string;
  networkId: string;
  name: string;
  model: string;
  productType: 'appliance' | 'wireless' | 'switch';
  mac: string;
  /** Appliances only: WAN uplinks. */
  uplinks: { interface: string; status: string; ip: string; publicIp: string; gateway: string }[];
}

export type FakeCaptureStatus = 'running' | 'completed' | 'stopped' | 'failed';

export interface FakeCapture {
  captureId: string;
  orgId: string;
  serial: string;
  networkId: string;
  name: string;
  /** Stored state; `running` becomes `completed` (or `failed`) once the duration has passed. */
  status: FakeCaptureStatus;
  startMs: number;
  duration: number;
  interface: string;
  filterExpression: string;
  notes: string;
  errorMessage: string;
  /** Ends `failed` instead of `completed` (a capture that failed on the Meraki side). */
  willFail?: string;
  /** The file the cloud stores once the capture is done. */
  content: Uint8Array;
}

export interface FakeWorld {
  keys: Map<string, FakeKey>;
  orgs: FakeOrg[];
  networks: FakeNetwork[];
  devices: FakeDevice[];
  captures: FakeCapture[];
  /** What a new capture on this serial records (default: the world's `defaultScenario`). */
  captureContent(serial: string): Uint8Array;
  nextCaptureId(): string;
}

/** The identities of the default world, also named in contract.json's `replay`. */
export const WORLD = {
  fullKey: 'FAKE-FULL-ACCESS-KEY-0001',
  readOnlyKey: 'FAKE-READ-ONLY-KEY-0002',
  otherTenantKey: 'FAKE-OTHER-CUSTOMER-KEY-0003',
  orgId: '549236',
  secondOrgId: '549237',
  hiddenOrgId: '549299',
  networkId: 'L_646829496481105433',
  mx: 'Q2MX-VPND-0001',
  notMx: 'Q2MR-VPND-0002',
  otherMx: 'Q2MX-VPND-0099',
  /** The WAN address of the MX in the scenario captures (the responder of wrong-psk-nat). */
  mxIp: '198.51.100.1',
} as const;

/** At most this many captures per organization; the oldest goes when a new one is taken (S7). */
export const MAX_STORED_CAPTURES = 10;

export interface WorldOptions {
  /** Folder of scenario folders with a capture.pcap each (test/fixtures/scenarios). */
  scenariosDir: string;
  /** Scenario recorded by new captures. */
  defaultScenario?: string;
  /** Stored captures to seed (default 10: the cloud's limit). */
  storedCaptures?: number;
  /** Epoch ms of "now" when the world is built (stored captures are dated before it). */
  nowMs: number;
}

export function scenarioCapture(scenariosDir: string, scenario: string): Uint8Array {
  return readFileSync(join(scenariosDir, scenario, 'capture.pcap'));
}

export function createDefaultWorld(opts: WorldOptions): FakeWorld {
  const keys = new Map<string, FakeKey>([
    [WORLD.fullKey, { orgIds: new Set([WORLD.orgId, WORLD.secondOrgId]), readOnly: false, revoked: false }],
    [WORLD.readOnlyKey, { orgIds: new Set([WORLD.orgId]), readOnly: true, revoked: false }],
    [WORLD.otherTenantKey, { orgIds: new Set([WORLD.hiddenOrgId]), readOnly: false, revoked: false }],
  ]);
  const orgs: FakeOrg[] = [
    { id: WORLD.orgId, name: 'Example MSP customer' },
    { id: WORLD.secondOrgId, name: 'Example second site' },
    { id: WORLD.hiddenOrgId, name: 'Another customer' },
  ];
  const networks: FakeNetwork[] = [
    { id: WORLD.networkId, orgId: WORLD.orgId, name: 'Branch' },
    { id: 'L_646829496481100002', orgId: WORLD.secondOrgId, name: 'Second site' },
    { id: 'L_646829496481199999', orgId: WORLD.hiddenOrgId, name: 'Other HQ' },
  ];
  const wan = (ip: string) => [{ interface: 'wan1', status: 'active', ip, publicIp: ip, gateway: '198.51.100.254' }];
  const devices: FakeDevice[] = [
    {
      serial: WORLD.mx,
      orgId: WORLD.orgId,
      networkId: WORLD.networkId,
      name: 'Branch MX',
      model: 'MX68',
      productType: 'appliance',
      mac: '00:18:0a:00:00:01',
      uplinks: wan(WORLD.mxIp),
    },
    {
      serial: WORLD.notMx,
      orgId: WORLD.orgId,
      networkId: WORLD.networkId,
      name: 'Lobby AP',
      model: 'MR46',
      productType: 'wireless',
      mac: '00:18:0a:00:00:02',
      uplinks: [],
    },
    {
      serial: 'Q2MX-VPND-0003',
      orgId: WORLD.secondOrgId,
      networkId: 'L_646829496481100002',
      name: 'Second MX',
      model: 'MX75',
      productType: 'appliance',
      mac: '00:18:0a:00:00:03',
      uplinks: wan('203.0.113.7'),
    },
    {
      serial: WORLD.otherMx,
      orgId: WORLD.hiddenOrgId,
      networkId: 'L_646829496481199999',
      name: 'Other MX',
      model: 'MX85',
      productType: 'appliance',
      mac: '00:18:0a:00:00:99',
      uplinks: wan('203.0.113.99'),
    },
  ];
  let counter = 4_100_000_000;
  const world: FakeWorld = {
    keys,
    orgs,
    networks,
    devices,
    captures: [],
    captureContent: () => scenarioCapture(opts.scenariosDir, opts.defaultScenario ?? 'wrong-psk-nat'),
    nextCaptureId: () => String(++counter),
  };
  const scenarios = existsSync(opts.scenariosDir)
    ? readdirSync(opts.scenariosDir)
        .filter((d) => existsSync(join(opts.scenariosDir, d, 'capture.pcap')))
        .sort()
    : [];
  const count = Math.min(opts.storedCaptures ?? MAX_STORED_CAPTURES, scenarios.length);
  for (let i = 0; i < count; i++) {
    world.captures.push({
      captureId: world.nextCaptureId(),
      orgId: WORLD.orgId,
      serial: WORLD.mx,
      networkId: WORLD.networkId,
      name: scenarios[i],
      status: 'completed',
      startMs: opts.nowMs - (count - i) * 3_600_000,
      duration: 60,
      interface: 'wan1',
      filterExpression: 'udp port 500 or udp port 4500 or esp',
      notes: `scenario ${scenarios[i]}`,
      errorMessage: '',
      content: scenarioCapture(opts.scenariosDir, scenarios[i]),
    });
  }
  return world;
}

/** The status a capture has at `nowMs`: a running capture ends by itself after its duration. */
export function settle(c: FakeCapture, nowMs: number): FakeCapture {
  if (c.status === 'running' && nowMs >= c.startMs + c.duration * 1000) {
    if (c.willFail) {
      c.status = 'failed';
      c.errorMessage = c.willFail;
    } else c.status = 'completed';
  }
  return c;
}
