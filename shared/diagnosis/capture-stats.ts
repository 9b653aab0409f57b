// Capture-wide counters: frames per protocol (for the summary) and the busiest hosts (the
// evidence of NO_IKE_FROM_CLIENT). Bounded: past the host limit new hosts are not counted.
import type { DecodedFrame } from '../decode/types.js';

const MAX_HOSTS = 10000;

export function countProtocols(frame: DecodedFrame, counts: Record<string, number>): void {
  const key = frame.isakmp ? 'isakmp' : frame.esp ? 'esp' : frame.radius ? 'radius' : frame.dns ? 'dns'
    : frame.tls ? 'tls' : frame.natKeepalive ? 'nat-keepalive' : frame.ip ? 'other-ip' : 'other';
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Frames sent per host: who talks, for the hosts-seen evidence. */
export interface HostCounter {
  add(src: string): void;
  top(n: number): { ip: string; frames: number }[];
}

export function createHostCounter(): HostCounter {
  // A holder per host: one Map lookup per address and frame, no Map write once known.
  const counts = new Map<string, { n: number }>();
  const bump = (ip: string) => {
    const c = counts.get(ip);
    if (c !== undefined) c.n++;
    else if (counts.size < MAX_HOSTS) counts.set(ip, { n: 1 });
  };
  return {
    add: bump,
    top(n) { return [...counts].sort((a, b) => b[1].n - a[1].n).slice(0, n).map(([ip, c]) => ({ ip, frames: c.n })); },
  };
}
