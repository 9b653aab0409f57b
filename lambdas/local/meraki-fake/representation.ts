// How the fake renders its world as the Dashboard API's JSON (shapes of contract.json).
import { settle, type FakeCapture, type FakeDevice, type FakeOrg, type FakeWorld } from './world.js';

export function orgJson(o: FakeOrg, baseOrigin: string) {
  return {
    id: o.id,
    name: o.name,
    url: `${baseOrigin}/o/${o.id}/manage/organization/overview`,
    api: { enabled: true },
    licensing: { model: 'co-term' },
    cloud: { region: { name: 'North America' } },
  };
}

export function deviceJson(d: FakeDevice) {
  return {
    name: d.name,
    lat: 37.4180951010362,
    lng: -122.098531723022,
    address: '',
    notes: '',
    tags: [],
    networkId: d.networkId,
    serial: d.serial,
    model: d.model,
    mac: d.mac,
    lanIp: null,
    firmware: d.productType === 'appliance' ? 'wired-18-211' : 'wireless-31-1',
    productType: d.productType,
  };
}

export function uplinkStatusJson(d: FakeDevice) {
  return {
    networkId: d.networkId,
    serial: d.serial,
    model: d.model,
    lastReportedAt: '2026-11-27T03:49:00Z',
    highAvailability: { enabled: false, role: 'primary' },
    uplinks: d.uplinks.map((u) => ({
      interface: u.interface,
      status: u.status,
      ip: u.ip,
      gateway: u.gateway,
      publicIp: u.publicIp,
      primaryDns: '192.0.2.53',
      secondaryDns: '192.0.2.54',
      ipAssignedBy: 'static',
    })),
  };
}

export function captureJson(world: FakeWorld, c: FakeCapture, nowMs: number) {
  settle(c, nowMs);
  const device = world.devices.find((d) => d.serial === c.serial);
  const network = world.networks.find((n) => n.id === c.networkId);
  const done = c.status === 'completed' || c.status === 'stopped';
  return {
    captureId: c.captureId,
    name: c.name,
    status: c.status,
    startTs: new Date(c.startMs).toISOString(),
    duration: c.duration,
    interface: c.interface,
    filterExpression: c.filterExpression,
    destination: 'upload_to_cloud',
    ports: '',
    process: 'dashboard',
    errorMessage: c.errorMessage,
    notes: c.notes,
    device: { name: device?.name ?? '', serial: c.serial },
    network: { id: c.networkId, name: network?.name ?? '' },
    admin: { id: '212406', name: 'Miles Meraki' },
    file: { size: done ? c.content.length : 0 },
    details: [{ name: 'interface', productType: device?.productType ?? 'appliance', value: c.interface }],
  };
}

export const errorsJson = (...errors: string[]) => ({ errors });
