// Test-only: a minimal pcap/pcapng walk (Ethernet/VLAN, BSD null, raw IP, Linux SLL; IPv4 with
// fragment reassembly on the completing fragment, IPv6 with extension headers; UDP) that yields
// the ISAKMP bytes of every frame the way tshark finds them: UDP port 500 on either side, or
// UDP port 4500 after the 4-byte non-ESP marker. Kept independent of shared/capture and
// shared/decode so the IKE decoder can be checked against the oracle on its own.
import { readFileSync } from 'node:fs';

export interface IsakmpDatagram {
  frame: number;
  srcPort: number;
  dstPort: number;
  /** ISAKMP bytes (non-ESP marker removed). */
  data: Uint8Array;
  /** True when the frame's record was cut by the snap length. */
  truncatedRecord: boolean;
}

interface Packet {
  frame: number;
  linkType: number;
  data: Uint8Array;
  origLen: number;
}

function* pcapPackets(buf: Uint8Array): Generator<Packet> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    yield* pcapngPackets(buf, dv);
    return;
  }
  const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  const linkType = dv.getUint32(20, le);
  let off = 24;
  let frame = 0;
  while (off + 16 <= buf.length) {
    const capLen = dv.getUint32(off + 8, le);
    const origLen = dv.getUint32(off + 12, le);
    const start = off + 16;
    const end = Math.min(buf.length, start + capLen);
    yield { frame: ++frame, linkType, data: buf.subarray(start, end), origLen };
    off = start + capLen;
  }
}

function* pcapngPackets(buf: Uint8Array, dv: DataView): Generator<Packet> {
  let le = true;
  let off = 0;
  let frame = 0;
  let links: number[] = [];
  while (off + 12 <= buf.length) {
    let type = dv.getUint32(off, le);
    if (type === 0x0a0d0d0a || dv.getUint32(off, !le) === 0x0a0d0d0a) {
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      type = 0x0a0d0d0a;
      links = [];
    }
    const len = dv.getUint32(off + 4, le);
    if (len < 12 || off + len > buf.length) break;
    if (type === 1) links.push(dv.getUint16(off + 8, le));
    else if (type === 6) {
      const iface = dv.getUint32(off + 8, le);
      const capLen = dv.getUint32(off + 20, le);
      const origLen = dv.getUint32(off + 24, le);
      yield { frame: ++frame, linkType: links[iface] ?? 1, data: buf.subarray(off + 28, off + 28 + capLen), origLen };
    } else if (type === 3) {
      const origLen = dv.getUint32(off + 8, le);
      yield {
        frame: ++frame,
        linkType: links[0] ?? 1,
        data: buf.subarray(off + 12, off + 12 + Math.min(origLen, len - 16)),
        origLen,
      };
    } else if (type === 2) {
      const capLen = dv.getUint32(off + 20, le);
      const origLen = dv.getUint32(off + 24, le);
      yield {
        frame: ++frame,
        linkType: links[dv.getUint16(off + 8, le)] ?? 1,
        data: buf.subarray(off + 28, off + 28 + capLen),
        origLen,
      };
    }
    off += len;
  }
}

/** Offset and ethertype-like protocol of the network layer for a link type. */
function networkLayer(p: Packet): { off: number; ethertype: number } | undefined {
  const d = p.data;
  if (p.linkType === 1) {
    let off = 12;
    let et = (d[off] << 8) | d[off + 1];
    while (et === 0x8100 || et === 0x88a8) {
      off += 4;
      et = (d[off] << 8) | d[off + 1];
    }
    return { off: off + 2, ethertype: et };
  }
  if (p.linkType === 0) {
    const fam = d[0] === 0 ? d[3] | (d[2] << 8) : d[0] | (d[1] << 8);
    return { off: 4, ethertype: fam === 2 ? 0x0800 : 0x86dd };
  }
  if (p.linkType === 101 || p.linkType === 12 || p.linkType === 14) {
    return { off: 0, ethertype: d[0] >> 4 === 6 ? 0x86dd : 0x0800 };
  }
  if (p.linkType === 113) return { off: 16, ethertype: (d[14] << 8) | d[15] };
  return undefined;
}

export function isakmpDatagrams(path: string): IsakmpDatagram[] {
  const buf = new Uint8Array(readFileSync(path));
  const out: IsakmpDatagram[] = [];
  type Pending = { parts: Map<number, Uint8Array>; total?: number };
  const fragments = new Map<string, Pending>();
  for (const p of pcapPackets(buf)) {
    const nl = networkLayer(p);
    if (!nl) continue;
    const d = p.data;
    let udp: Uint8Array | undefined;
    if (nl.ethertype === 0x0800) {
      const o = nl.off;
      if (o + 20 > d.length) continue;
      const ihl = (d[o] & 0x0f) * 4;
      const total = (d[o + 2] << 8) | d[o + 3];
      const proto = d[o + 9];
      const fragWord = (d[o + 6] << 8) | d[o + 7];
      const more = (fragWord & 0x2000) !== 0;
      const fragOff = (fragWord & 0x1fff) * 8;
      const payload = d.subarray(o + ihl, Math.min(d.length, o + total));
      // tshark reassembles only when the whole fragment was captured; an uncapturable first
      // fragment is dissected as it stands (its Info then says "Unreassembled Packet").
      const reassemble = (more || fragOff > 0) && o + total <= d.length;
      if (!reassemble && fragOff > 0) continue;
      if (reassemble) {
        const key = `${d.subarray(o + 12, o + 20).join('.')}/${(d[o + 4] << 8) | d[o + 5]}/${proto}`;
        const f: Pending = fragments.get(key) ?? { parts: new Map<number, Uint8Array>() };
        f.parts.set(fragOff, payload.slice());
        if (!more) f.total = fragOff + payload.length;
        fragments.set(key, f);
        if (f.total === undefined) continue;
        const whole = new Uint8Array(f.total);
        let have = 0;
        for (const [at, part] of f.parts) {
          whole.set(part.subarray(0, Math.max(0, Math.min(part.length, f.total - at))), at);
          have += part.length;
        }
        if (have < f.total) continue;
        fragments.delete(key);
        if (proto !== 17) continue;
        udp = whole;
      } else {
        if (proto !== 17) continue;
        udp = payload;
      }
    } else if (nl.ethertype === 0x86dd) {
      let o = nl.off;
      let next = d[o + 6];
      o += 40;
      for (let i = 0; i < 8 && (next === 0 || next === 43 || next === 60); i++) {
        next = d[o];
        o += (d[o + 1] + 1) * 8;
      }
      if (next !== 17) continue;
      udp = d.subarray(o);
    }
    if (!udp || udp.length < 8) continue;
    const srcPort = (udp[0] << 8) | udp[1];
    const dstPort = (udp[2] << 8) | udp[3];
    const udpLen = (udp[4] << 8) | udp[5];
    const body = udp.subarray(8, Math.max(8, Math.min(udp.length, udpLen)));
    const truncatedRecord = p.data.length < p.origLen;
    if (srcPort === 500 || dstPort === 500) out.push({ frame: p.frame, srcPort, dstPort, data: body, truncatedRecord });
    else if (
      (srcPort === 4500 || dstPort === 4500) &&
      body.length >= 4 &&
      body[0] === 0 &&
      body[1] === 0 &&
      body[2] === 0 &&
      body[3] === 0
    ) {
      out.push({ frame: p.frame, srcPort, dstPort, data: body.subarray(4), truncatedRecord });
    }
  }
  return out;
}
