// Capture-wide counters: frames per protocol (for the summary) and the busiest hosts (the
// evidence of NO_IKE_FROM_CLIENT). Bounded: past the host limit new hosts are not counted.
import type { DecodedFrame } from '../decode/types.js';

const MAX_HOSTS = 10000;

export function countProtocols(frame: DecodedFrame, counts: Record<string, number>): void {
  const key = frame.isakmp ? 'isakmp' : frame.esp ? 'esp' : frame.radius ? 'radius' : frame.dns ? 'dns'
    : frame.tls ? 'tls' : frame.natKeepalive ? 'nat-keepalive' : frame.ip ? 'other-ip' : 'other';
  counts[key] = (counts[key] ?? 0) + 1;
}

export interface HostCounter {
  add(src: string, dst: string): void;
  top(n: number): { ip: string; frames: number }[];
}

export function createHostCounter(): HostCounter {
  const counts = new Map<string, number>();
  const bump = (ip: string) => {
    const c = counts.get(ip);
    if (c !== undefined) counts.set(ip, c + 1);
    else if (counts.size < MAX_HOSTS) counts.set(ip, 1);
  };
  return {
    add(src, dst) { bump(src); bump(dst); },
    top(n) { return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([ip, frames]) => ({ ip, frames })); },
  };
}
