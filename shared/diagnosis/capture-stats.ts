// Capture-wide counters: frames per protocol (for the summary) and the busiest hosts (the
// evidence of NO_IKE_FROM_CLIENT). Bounded: past the host limit new hosts are not counted.
import type { DecodedFrame } from '../decode/types.js';

const MAX_HOSTS = 10000;

/** Frames per protocol in fixed fields: one increment per frame, no keyed lookup. */
export class ProtocolCounts {
  isakmp = 0;
  esp = 0;
  radius = 0;
  dns = 0;
  tls = 0;
  natKeepalive = 0;
  otherIp = 0;
  other = 0;

  add(frame: DecodedFrame): void {
    if (frame.isakmp) this.isakmp++;
    else if (frame.esp) this.esp++;
    else if (frame.radius) this.radius++;
    else if (frame.dns) this.dns++;
    else if (frame.tls) this.tls++;
    else if (frame.natKeepalive) this.natKeepalive++;
    else if (frame.ip) this.otherIp++;
    else this.other++;
  }

  /** As the report spells them; protocols with no frame are left out. */
  toRecord(): Record<string, number> {
    const all: [string, number][] = [
      ['isakmp', this.isakmp],
      ['esp', this.esp],
      ['radius', this.radius],
      ['dns', this.dns],
      ['tls', this.tls],
      ['nat-keepalive', this.natKeepalive],
      ['other-ip', this.otherIp],
      ['other', this.other],
    ];
    return Object.fromEntries(all.filter(([, n]) => n > 0));
  }
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
    top(n) {
      return [...counts]
        .sort((a, b) => b[1].n - a[1].n)
        .slice(0, n)
        .map(([ip, c]) => ({ ip, frames: c.n }));
    },
  };
}
