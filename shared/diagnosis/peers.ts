// How many different peers each host has in VPN traffic (IKE, ESP, L2TP): the MX answers
// several clients, a client talks to one MX. Bounded: hosts past the limit are not counted,
// and only the first few peers of a host are remembered (two are enough to tell).
const MAX_HOSTS = 10000;
const MAX_PEERS = 4;

export interface PeerCounter {
  add(a: string, b: string): void;
  count(ip: string): number;
  /** `b` is one of the peers remembered for `a`. */
  knows(a: string, b: string): boolean;
}

export function createPeerCounter(): PeerCounter {
  const peers = new Map<string, string[]>();
  const note = (a: string, b: string) => {
    let list = peers.get(a);
    if (!list) {
      if (peers.size >= MAX_HOSTS) return;
      list = [];
      peers.set(a, list);
    }
    if (list.length < MAX_PEERS && !list.includes(b)) list.push(b);
  };
  return {
    add(a, b) {
      note(a, b);
      note(b, a);
    },
    count: (ip) => peers.get(ip)?.length ?? 0,
    knows: (a, b) => peers.get(a)?.includes(b) ?? false,
  };
}
