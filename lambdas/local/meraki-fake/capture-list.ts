// GET /organizations/{id}/devices/packetCapture/captures: every filter the calls we use send,
// Meraki's sort order and paging, and the remaining-count meta.
import { captureJson } from './representation.js';
import { FakeBadRequest, pageOf } from './paging.js';
import { list, parseTime, type Reply } from './requests.js';
import { settle, type FakeWorld } from './world.js';

export function listCaptures(world: FakeWorld, orgId: string, url: URL, t: number): Reply {
  const f = {
    ids: list(url, 'captureIds'),
    networks: list(url, 'networkIds'),
    serials: list(url, 'serials'),
    statuses: list(url, 'captureStatus'),
    names: list(url, 'name'),
    t0: parseTime(url.searchParams.get('t0')),
    t1: parseTime(url.searchParams.get('t1')),
    device: url.searchParams.get('deviceName'),
    notes: url.searchParams.get('notes'),
  };
  const sortOrder = url.searchParams.get('sortOrder') ?? 'descending';
  if (sortOrder !== 'ascending' && sortOrder !== 'descending')
    throw new FakeBadRequest("'sortOrder' must be 'ascending' or 'descending'");
  const matching = world.captures
    .filter((c) => c.orgId === orgId)
    .map((c) => settle(c, t))
    .filter(
      (c) =>
        (f.ids.length === 0 || f.ids.includes(c.captureId)) &&
        (f.networks.length === 0 || f.networks.includes(c.networkId)) &&
        (f.serials.length === 0 || f.serials.includes(c.serial)) &&
        (f.statuses.length === 0 || f.statuses.includes(c.status)) &&
        (f.names.length === 0 || f.names.includes(c.name)) &&
        (f.t0 === undefined || c.startMs >= f.t0) &&
        (f.t1 === undefined || c.startMs <= f.t1) &&
        (!f.notes || c.notes.includes(f.notes)) &&
        (!f.device || world.devices.find((d) => d.serial === c.serial)?.name === f.device),
    )
    .sort(
      (a, b) =>
        (sortOrder === 'ascending' ? a.startMs - b.startMs : b.startMs - a.startMs) ||
        a.captureId.localeCompare(b.captureId),
    );
  const page = pageOf(matching, (c) => c.captureId, url, { min: 3, max: 100, default: 10 });
  const total = matching.length;
  const after = matching.indexOf(page.items[page.items.length - 1]) + 1;
  return {
    status: 200,
    body: {
      items: page.items.map((c) => captureJson(world, c, t)),
      meta: { counts: { items: { total, remaining: Math.max(0, total - after) } } },
    },
    headers: { link: page.link },
  };
}
