// A faithful fake of the Meraki Dashboard API calls vpn-doctor uses (test/fixtures/meraki/
// contract.json, spec 1.67.0), on node:http and loopback: Bearer or X-Cisco-Meraki-API-Key auth,
// Link-header paging, `{"errors": [...]}` bodies, 429 with Retry-After, a packet capture state
// machine that finishes after its duration, and short-lived download URLs served by the fake
// itself. Tests (and `npm start -- --meraki-fake`) can make it fail in each way a user will meet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOn } from '../listen.js';
import { randomBytes } from 'node:crypto';
import { captureJson, deviceJson, errorsJson, orgJson, uplinkStatusJson } from './representation.js';
import { FakeBadRequest, pageOf } from './paging.js';
import { listCaptures } from './capture-list.js';
import {
  FakeHttpError,
  keyOf,
  list,
  parseJsonBody,
  readBody,
  serialsOf,
  type FakeAuth,
  type Reply,
} from './requests.js';
import { MAX_STORED_CAPTURES, settle, type FakeCapture, type FakeKey, type FakeWorld } from './world.js';

export interface FakeMerakiOptions {
  world: FakeWorld;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  now?: () => number;
  /** Lifetime of a generated download URL. */
  downloadUrlTtlMs?: number;
}

export interface FakeRequestLog {
  method: string;
  path: string;
  status: number;
  /** Which header carried the key (the key itself is never logged). */
  auth: FakeAuth;
}

export interface FakeMeraki {
  /** `http://127.0.0.1:port/api/v1` */
  baseUrl: string;
  origin: string;
  world: FakeWorld;
  requests: FakeRequestLog[];
  faults: {
    /** The next `count` API requests answer 429 with Retry-After: `retryAfterSeconds`. */
    rateLimit(count: number, retryAfterSeconds?: number): void;
    revokeKey(key: string): void;
    setReadOnly(key: string, readOnly: boolean): void;
    /** The next capture started ends failed with this message. */
    failNextCapture(message: string): void;
    /** The capture disappears from the cloud (deleted, or rotated out by a newer one). */
    deleteCapture(captureId: string): void;
    /** Answer every /api/v1 request with a 307 to /n1/api/v1 (a regional shard). */
    shardRedirect(on: boolean): void;
  };
  close(): Promise<void>;
}

const API = '/api/v1';
const SHARD = '/n1/api/v1';

export async function startFakeMeraki(opts: FakeMerakiOptions): Promise<FakeMeraki> {
  const { world } = opts;
  const now = opts.now ?? Date.now;
  const ttl = opts.downloadUrlTtlMs ?? 60_000;
  const files = new Map<string, { content: Uint8Array; expires: number }>();
  const requests: FakeRequestLog[] = [];
  let rateLimited = 0;
  let retryAfter = 1;
  let failNext: string | undefined;
  let redirect = false;
  let origin = '';

  const requireOrg = (key: FakeKey, orgId: string) => {
    if (!key.orgIds.has(orgId) || !world.orgs.some((o) => o.id === orgId)) throw new FakeHttpError(404, 'Not found');
  };
  const requireWrite = (key: FakeKey) => {
    if (key.readOnly)
      throw new FakeHttpError(
        403,
        'This API key has read-only access to this organization; this action needs full (write) access',
      );
  };
  const findCapture = (orgId: string, captureId: string): FakeCapture => {
    const c = world.captures.find((x) => x.orgId === orgId && x.captureId === captureId);
    if (!c) throw new FakeHttpError(404, 'Packet capture not found');
    return c;
  };

  async function route(method: string, path: string, url: URL, req: IncomingMessage, key: FakeKey): Promise<Reply> {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/organizations') {
      const visible = world.orgs.filter((o) => key.orgIds.has(o.id));
      const page = pageOf(visible, (o) => o.id, url, { min: 3, max: 9000, default: 9000 });
      return { status: 200, body: page.items.map((o) => orgJson(o, origin)), headers: { link: page.link } };
    }
    if (parts[0] !== 'organizations' || parts.length < 3) throw new FakeHttpError(404, 'Not found');
    const orgId = decodeURIComponent(parts[1]);
    requireOrg(key, orgId);
    const rest = parts.slice(2).join('/');
    if (method === 'GET' && rest === 'devices') {
      const types = list(url, 'productTypes');
      const serials = list(url, 'serials');
      const devices = world.devices.filter(
        (d) =>
          d.orgId === orgId &&
          (types.length === 0 || types.includes(d.productType)) &&
          (serials.length === 0 || serials.includes(d.serial)),
      );
      const page = pageOf(devices, (d) => d.serial, url, { min: 3, max: 1000, default: 1000 });
      return { status: 200, body: page.items.map(deviceJson), headers: { link: page.link } };
    }
    if (method === 'GET' && rest === 'appliance/uplink/statuses') {
      const serials = list(url, 'serials');
      const networks = list(url, 'networkIds');
      const mxs = world.devices.filter(
        (d) =>
          d.orgId === orgId &&
          d.productType === 'appliance' &&
          (serials.length === 0 || serials.includes(d.serial)) &&
          (networks.length === 0 || networks.includes(d.networkId)),
      );
      const page = pageOf(mxs, (d) => d.serial, url, { min: 3, max: 1000, default: 1000 });
      return { status: 200, body: page.items.map(uplinkStatusJson), headers: { link: page.link } };
    }
    if (rest === 'devices/packetCapture/captures' && method === 'GET') return listCaptures(world, orgId, url, now());
    if (rest === 'devices/packetCapture/captures' && method === 'POST') {
      requireWrite(key);
      return startCapture(orgId, await readBody(req));
    }
    const m = /^devices\/packetCapture\/captures\/([^/]+)(\/stop|\/downloadUrl\/generate)?$/.exec(rest);
    if (m) {
      const captureId = decodeURIComponent(m[1]);
      if (method === 'DELETE' && !m[2]) {
        requireWrite(key);
        const c = findCapture(orgId, captureId);
        world.captures.splice(world.captures.indexOf(c), 1);
        return { status: 204 };
      }
      if (method === 'POST' && m[2] === '/stop') {
        requireWrite(key);
        return stopCapture(orgId, captureId, await readBody(req));
      }
      if (method === 'POST' && m[2] === '/downloadUrl/generate') return downloadUrl(orgId, captureId);
    }
    throw new FakeHttpError(404, 'Not found');
  }

  function startCapture(orgId: string, text: string): Reply {
    const body = parseJsonBody(text);
    const serials = serialsOf(body);
    if (typeof body.name !== 'string' || body.name.length === 0) throw new FakeBadRequest("'name' must be provided");
    const duration = body.duration === undefined ? 60 : body.duration;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 3600)
      throw new FakeBadRequest("'duration' must be an integer number of seconds");
    const device = world.devices.find((d) => d.serial === serials[0] && d.orgId === orgId);
    if (!device) throw new FakeBadRequest(`Device ${serials[0]} is not in this organization`);
    const iface = typeof body.interface === 'string' ? body.interface : 'wan1';
    if (device.productType === 'appliance' ? !/^(wan\d|lan|internet\d?)$/.test(iface) : /^wan\d$/.test(iface)) {
      throw new FakeBadRequest(`Interface '${iface}' is not valid for device ${device.serial} (${device.model})`);
    }
    const c: FakeCapture = {
      captureId: world.nextCaptureId(),
      orgId,
      serial: device.serial,
      networkId: device.networkId,
      name: body.name,
      status: 'running',
      startMs: now(),
      duration,
      interface: iface,
      filterExpression: typeof body.filterExpression === 'string' ? body.filterExpression : '',
      notes: typeof body.notes === 'string' ? body.notes : '',
      errorMessage: '',
      content: world.captureContent(device.serial),
      willFail: failNext,
    };
    failNext = undefined;
    world.captures.push(c);
    // The cloud keeps a limited number: the oldest capture of the organization goes.
    const ofOrg = world.captures.filter((x) => x.orgId === orgId).sort((a, b) => a.startMs - b.startMs);
    while (ofOrg.length > MAX_STORED_CAPTURES)
      world.captures.splice(world.captures.indexOf(ofOrg.shift() as FakeCapture), 1);
    return { status: 201, body: captureJson(world, c, now()) };
  }

  function stopCapture(orgId: string, captureId: string, text: string): Reply {
    const serials = serialsOf(parseJsonBody(text));
    const c = settle(findCapture(orgId, captureId), now());
    if (!serials.includes(c.serial))
      throw new FakeBadRequest(`Capture ${captureId} is not running on ${serials.join(', ')}`);
    if (c.status === 'running') {
      c.status = c.willFail ? 'failed' : 'stopped';
      if (c.willFail) c.errorMessage = c.willFail;
      c.duration = Math.max(1, Math.round((now() - c.startMs) / 1000));
    }
    return { status: 200, body: captureJson(world, c, now()) };
  }

  function downloadUrl(orgId: string, captureId: string): Reply {
    const c = settle(findCapture(orgId, captureId), now());
    if (c.status === 'running') throw new FakeBadRequest('The packet capture is still running');
    if (c.status === 'failed') throw new FakeBadRequest(`The packet capture failed: ${c.errorMessage}`);
    const token = randomBytes(16).toString('hex');
    files.set(token, { content: c.content, expires: now() + ttl });
    const fileUrl = `${origin}/_files/${token}/${encodeURIComponent(c.name)}.pcap?X-Amz-Expires=${Math.round(ttl / 1000)}`;
    return { status: 200, body: { captureId, url: fileUrl, downloadUrl: fileUrl } };
  }

  const send = (res: ServerResponse, r: Reply) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(r.status, headers);
    res.end(r.body === undefined ? undefined : JSON.stringify(r.body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/_files/')) {
        const file = files.get(url.pathname.split('/')[2] ?? '');
        if (!file || file.expires < now() || method !== 'GET') {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/vnd.tcpdump.pcap',
          'content-length': String(file.content.length),
        });
        res.end(file.content);
        return;
      }
      const { key, auth } = keyOf(req);
      const log = (status: number) => requests.push({ method, path: url.pathname + url.search, status, auth });
      let reply: Reply;
      try {
        let path: string;
        if (url.pathname.startsWith(SHARD + '/')) path = url.pathname.slice(SHARD.length);
        else if (url.pathname.startsWith(API + '/')) {
          if (redirect) {
            send(res, {
              status: 307,
              headers: { location: `${origin}${SHARD}${url.pathname.slice(API.length)}${url.search}` },
            });
            log(307);
            return;
          }
          path = url.pathname.slice(API.length);
        } else throw new FakeHttpError(404, 'Not found');
        if (rateLimited > 0) {
          rateLimited--;
          reply = {
            status: 429,
            body: errorsJson('API rate limit exceeded for organization'),
            headers: { 'retry-after': String(retryAfter) },
          };
        } else {
          const k = key === undefined ? undefined : world.keys.get(key);
          if (!k || k.revoked) throw new FakeHttpError(401, 'Invalid API key');
          reply = await route(method, path, url, req, k);
        }
      } catch (err) {
        if (err instanceof FakeHttpError) reply = { status: err.status, body: errorsJson(err.message) };
        else if (err instanceof FakeBadRequest) reply = { status: 400, body: errorsJson(err.message) };
        else reply = { status: 500, body: errorsJson('Meraki was unable to process the request') };
      }
      log(reply.status);
      send(res, reply);
    })();
  });
  const port = await listenOn(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  origin = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  const keyEntry = (key: string) => {
    const k = world.keys.get(key);
    if (!k) throw new Error('no such fake key');
    return k;
  };
  return {
    baseUrl: origin + API,
    origin,
    world,
    requests,
    faults: {
      rateLimit: (count, seconds = 1) => {
        rateLimited = count;
        retryAfter = seconds;
      },
      revokeKey: (key) => {
        keyEntry(key).revoked = true;
      },
      setReadOnly: (key, readOnly) => {
        keyEntry(key).readOnly = readOnly;
      },
      failNextCapture: (message) => {
        failNext = message;
      },
      deleteCapture: (captureId) => {
        const i = world.captures.findIndex((c) => c.captureId === captureId);
        if (i >= 0) world.captures.splice(i, 1);
      },
      shardRedirect: (on) => {
        redirect = on;
      },
    },
    close: () => closeServer(server),
  };
}
