// The MX's WAN address as the client sees it: what a capture on its internet interface shows as
// the responder (`mxIp`). The active uplink's public IP first (the MX may sit behind NAT), then
// its own IP, then any uplink with an address.
import type { MerakiUplinkStatus } from './types.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const looksLikeIp = (s: string | undefined): s is string =>
  !!s && (IPV4.test(s) || (/^[0-9a-f:]+$/i.test(s) && s.includes(':') && s.length <= 45));

export function mxWanIp(status: MerakiUplinkStatus | undefined): string | undefined {
  if (!status) return undefined;
  const ordered = [...status.uplinks.filter((u) => u.status.toLowerCase() === 'active'), ...status.uplinks];
  for (const u of ordered) {
    if (looksLikeIp(u.publicIp)) return u.publicIp;
    if (looksLikeIp(u.ip)) return u.ip;
  }
  return undefined;
}
