// ESP flows (one per SPI and direction), counted as frames stream by: packets, bytes, first
// and last time, a NAT moving the flow to other ports, ICMP errors refusing it. Bounded in
// number; the session builder pairs them with IKE sessions by addresses afterwards.
import type { DecodedFrame } from '../decode/types.js';

export const MAX_ESP_FLOWS = 10000;
/** ICMP types that say a datagram was not delivered: IPv4 destination unreachable, ICMPv6's. */
const UNREACHABLE = { 4: 3, 6: 1 } as const;

/** A point in the capture: a frame and its time. */
interface FrameTime {
  frame: number;
  sec: number;
  nsec: number;
}

export interface EspFlow {
  spi: string;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  udpEncapsulated: boolean;
  packets: number;
  bytes: number;
  firstFrame: number;
  lastFrame: number;
  firstSec: number;
  firstNsec: number;
  lastSec: number;
  lastNsec: number;
  /** The packet before the last (the first, while there is one): a flow that keeps sending shows two. */
  prevSec: number;
  prevNsec: number;
  /**
   * ESP-in-UDP whose latest packets use other ports than its first (a NAT between the hosts
   * changed its mapping): those ports, from the first packet on them.
   */
  moved?: FrameTime & { srcPort: number; dstPort: number };
  /** ICMP destination unreachable quoting its packets (ESP-in-UDP, matched by ports): how many, the first. */
  refused?: FrameTime & { count: number };
}

export interface EspFlowTracker {
  add(frame: DecodedFrame): void;
  /** An ICMP error: counted on the ESP-in-UDP flow whose packet it quotes, if it says undelivered. */
  addIcmp(frame: DecodedFrame): void;
  flows(): EspFlow[];
  /** Has ESP flowed between these two hosts (either way)? */
  hasPair(a: string, b: string): boolean;
}

export function createEspFlowTracker(): EspFlowTracker {
  const flows = new Map<string, EspFlow>();
  const pairs = new Set<string>();
  /** The flow that last sent between two UDP endpoints: the one an ICMP error's quote names. */
  const byPorts = new Map<string, EspFlow>();
  const portsKey = (src: string, dst: string, srcPort: number, dstPort: number) =>
    `${src}|${srcPort}|${dst}|${dstPort}`;
  function add(frame: DecodedFrame): void {
    const esp = frame.esp;
    const ip = frame.ip;
    if (!esp || !ip) return;
    const key = `${esp.spi}|${ip.src}|${ip.dst}`;
    let flow = flows.get(key);
    if (!flow) {
      if (flows.size >= MAX_ESP_FLOWS) return;
      flow = {
        spi: esp.spi,
        src: ip.src,
        dst: ip.dst,
        srcPort: frame.udp?.srcPort ?? 0,
        dstPort: frame.udp?.dstPort ?? 0,
        udpEncapsulated: esp.udpEncapsulated,
        packets: 0,
        bytes: 0,
        firstFrame: frame.number,
        lastFrame: frame.number,
        firstSec: frame.timeSec,
        firstNsec: frame.timeNsec,
        lastSec: frame.timeSec,
        lastNsec: frame.timeNsec,
        prevSec: frame.timeSec,
        prevNsec: frame.timeNsec,
      };
      flows.set(key, flow);
      pairs.add(`${ip.src}|${ip.dst}`);
      if (frame.udp) setPorts(flow, frame.udp.srcPort, frame.udp.dstPort);
    } else if (frame.udp) {
      const { srcPort, dstPort } = frame.udp;
      const now = flow.moved ?? flow;
      if (srcPort !== now.srcPort || dstPort !== now.dstPort) {
        const back = srcPort === flow.srcPort && dstPort === flow.dstPort;
        flow.moved = back
          ? undefined
          : { frame: frame.number, sec: frame.timeSec, nsec: frame.timeNsec, srcPort, dstPort };
        setPorts(flow, srcPort, dstPort);
      }
    }
    if (flow.packets > 0) {
      flow.prevSec = flow.lastSec;
      flow.prevNsec = flow.lastNsec;
    }
    flow.packets++;
    flow.bytes += frame.length;
    flow.lastFrame = frame.number;
    flow.lastSec = frame.timeSec;
    flow.lastNsec = frame.timeNsec;
  }
  function setPorts(flow: EspFlow, srcPort: number, dstPort: number): void {
    const key = portsKey(flow.src, flow.dst, srcPort, dstPort);
    if (byPorts.size < MAX_ESP_FLOWS || byPorts.has(key)) byPorts.set(key, flow);
  }
  function addIcmp(frame: DecodedFrame): void {
    const icmp = frame.icmp;
    const q = icmp?.quoted;
    if (!icmp || !q || q.protocol !== 17 || q.srcPort === undefined || q.dstPort === undefined) return;
    if (icmp.type !== UNREACHABLE[icmp.version]) return;
    const flow = byPorts.get(portsKey(q.src, q.dst, q.srcPort, q.dstPort));
    if (!flow) return;
    if (flow.refused) flow.refused.count++;
    else flow.refused = { frame: frame.number, sec: frame.timeSec, nsec: frame.timeNsec, count: 1 };
  }
  return {
    add,
    addIcmp,
    flows: () => [...flows.values()],
    hasPair: (a, b) => pairs.has(`${a}|${b}`) || pairs.has(`${b}|${a}`),
  };
}
