// Parsing the Dashboard API's JSON into typed records. The input is untrusted: every field is
// type-checked and bounded; a missing required field is a MerakiShapeError naming it, extra
// fields are ignored.
import type {
  MerakiCapture,
  MerakiDevice,
  MerakiDownloadUrl,
  MerakiOrganization,
  MerakiUplink,
  MerakiUplinkStatus,
} from './types.js';

export class MerakiShapeError extends Error {
  override name = 'MerakiShapeError';
}

const MAX_STRING = 2048;
const MAX_ITEMS = 10_000;

type Obj = Record<string, unknown>;

function obj(v: unknown, where: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new MerakiShapeError(`${where}: expected an object`);
  return v as Obj;
}

function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new MerakiShapeError(`${where}: expected an array`);
  if (v.length > MAX_ITEMS) throw new MerakiShapeError(`${where}: more than ${MAX_ITEMS} items`);
  return v;
}

function reqStr(o: Obj, key: string, where: string): string {
  const v = o[key];
  // Meraki ids are strings; a number is accepted and kept as its text.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v !== 'string' || v.length === 0)
    throw new MerakiShapeError(`${where}.${key}: expected a non-empty string`);
  return v.slice(0, MAX_STRING);
}

function optStr(o: Obj | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v.slice(0, MAX_STRING) : undefined;
}

function optNum(o: Obj | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const sub = (o: Obj, key: string): Obj | undefined => {
  const v = o[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
};

export function parseOrganizations(json: unknown): MerakiOrganization[] {
  return arr(json, 'organizations').map((item, i) => {
    const o = obj(item, `organizations[${i}]`);
    const api = sub(o, 'api');
    return {
      id: reqStr(o, 'id', `organizations[${i}]`),
      name: optStr(o, 'name') ?? '',
      url: optStr(o, 'url'),
      apiEnabled: typeof api?.enabled === 'boolean' ? api.enabled : undefined,
    };
  });
}

export function parseDevices(json: unknown): MerakiDevice[] {
  return arr(json, 'devices').map((item, i) => {
    const o = obj(item, `devices[${i}]`);
    return {
      serial: reqStr(o, 'serial', `devices[${i}]`),
      name: optStr(o, 'name') ?? '',
      model: optStr(o, 'model') ?? '',
      networkId: optStr(o, 'networkId') ?? '',
      productType: optStr(o, 'productType'),
    };
  });
}

function parseUplink(item: unknown, where: string): MerakiUplink {
  const o = obj(item, where);
  return {
    interface: optStr(o, 'interface') ?? '',
    status: optStr(o, 'status') ?? '',
    ip: optStr(o, 'ip'),
    publicIp: optStr(o, 'publicIp'),
  };
}

export function parseUplinkStatuses(json: unknown): MerakiUplinkStatus[] {
  return arr(json, 'uplink statuses').map((item, i) => {
    const o = obj(item, `uplinkStatuses[${i}]`);
    const uplinks = o.uplinks === undefined ? [] : arr(o.uplinks, `uplinkStatuses[${i}].uplinks`);
    return {
      serial: reqStr(o, 'serial', `uplinkStatuses[${i}]`),
      networkId: optStr(o, 'networkId') ?? '',
      model: optStr(o, 'model') ?? '',
      uplinks: uplinks.slice(0, 16).map((u, j) => parseUplink(u, `uplinkStatuses[${i}].uplinks[${j}]`)),
    };
  });
}

export function parseCapture(json: unknown, where = 'capture'): MerakiCapture {
  const o = obj(json, where);
  const device = sub(o, 'device');
  const network = sub(o, 'network');
  return {
    captureId: reqStr(o, 'captureId', where),
    name: optStr(o, 'name') ?? '',
    status: optStr(o, 'status') ?? '',
    startTs: optStr(o, 'startTs'),
    duration: optNum(o, 'duration'),
    interface: optStr(o, 'interface'),
    filterExpression: optStr(o, 'filterExpression'),
    errorMessage: optStr(o, 'errorMessage') || undefined,
    notes: optStr(o, 'notes'),
    serial: optStr(device, 'serial'),
    deviceName: optStr(device, 'name'),
    networkId: optStr(network, 'id'),
    networkName: optStr(network, 'name'),
    size: optNum(sub(o, 'file'), 'size'),
  };
}

/** The list answers `{items, meta}`; a bare array is accepted too. */
export function parseCaptureList(json: unknown): MerakiCapture[] {
  const items = Array.isArray(json) ? json : obj(json, 'captures').items;
  return arr(items, 'captures.items').map((c, i) => parseCapture(c, `captures.items[${i}]`));
}

export function parseDownloadUrl(json: unknown): MerakiDownloadUrl {
  const o = obj(json, 'downloadUrl');
  // `url` is current; `downloadUrl` is the deprecated spelling of the same link.
  const url = optStr(o, 'url') || optStr(o, 'downloadUrl');
  if (!url) throw new MerakiShapeError('downloadUrl: neither url nor downloadUrl is present');
  if (!/^https?:\/\//i.test(url)) throw new MerakiShapeError('downloadUrl: the url is not http(s)');
  return { captureId: reqStr(o, 'captureId', 'downloadUrl'), url };
}

/** The `errors` of an error body, bounded; empty when the body is not `{"errors": [...]}`. */
export function parseErrorBody(json: unknown): string[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const errors = (json as Obj).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is string => typeof e === 'string')
    .slice(0, 5)
    .map((e) => e.slice(0, 300));
}
