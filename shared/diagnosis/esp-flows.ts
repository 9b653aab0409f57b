// ESP flows (one per SPI and direction), counted as frames stream by: packets, bytes, first
// and last time. Bounded in number; the session builder pairs them with IKE sessions by
// addresses afterwards.
import type { DecodedFrame } from '../decode/types.js';

export const MAX_ESP_FLOWS = 10000;

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
}

export interface EspFlowTracker {
  add(frame: DecodedFrame): void;
  flows(): EspFlow[];
  /** Has ESP flowed between these two hosts (either way)? */
  hasPair(a: string, b: string): boolean;
}

export function createEspFlowTracker(): EspFlowTracker {
  const flows = new Map<string, EspFlow>();
  const pairs = new Set<string>();
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
      };
      flows.set(key, flow);
      pairs.add(`${ip.src}|${ip.dst}`);
    }
    flow.packets++;
    flow.bytes += frame.length;
    flow.lastFrame = frame.number;
    flow.lastSec = frame.timeSec;
    flow.lastNsec = frame.timeNsec;
  }
  return {
    add,
    flows: () => [...flows.values()],
    hasPair: (a, b) => pairs.has(`${a}|${b}`) || pairs.has(`${b}|${a}`),
  };
}
