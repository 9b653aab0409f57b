// Test-only: the UDP payloads of a classic pcap file (Ethernet, Linux SLL, BSD null; IPv4,
// no fragments). Independent of the production reader so the decoders are tested alone.
import { readFileSync } from 'node:fs';

export interface UdpDatagram {
  frame: number;
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export function udpPayloads(path: string): UdpDatagram[] {
  const file = new Uint8Array(readFileSync(path));
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${path}: not a little-endian classic pcap`);
  const linkType = view.getUint32(20, true);
  const out: UdpDatagram[] = [];
  let at = 24;
  for (let frame = 1; at + 16 <= file.length; frame++) {
    const capLen = view.getUint32(at + 8, true);
    const data = file.subarray(at + 16, at + 16 + capLen);
    at += 16 + capLen;
    let ip: number;
    if (linkType === 1) {
      ip = 14;
      let etherType = (data[12] << 8) | data[13];
      while (etherType === 0x8100) {
        etherType = (data[ip + 2] << 8) | data[ip + 3];
        ip += 4;
      }
      if (etherType !== 0x0800) continue;
    } else if (linkType === 113) {
      ip = 16;
      if (((data[14] << 8) | data[15]) !== 0x0800) continue;
    } else if (linkType === 0) {
      ip = 4;
    } else continue;
    if (data[ip] >> 4 !== 4 || data[ip + 9] !== 17) continue;
    const udp = ip + (data[ip] & 0x0f) * 4;
    const udpLength = (data[udp + 4] << 8) | data[udp + 5];
    out.push({
      frame,
      srcPort: (data[udp] << 8) | data[udp + 1],
      dstPort: (data[udp + 2] << 8) | data[udp + 3],
      payload: data.subarray(udp + 8, Math.min(data.length, udp + udpLength)),
    });
  }
  return out;
}

/** Column `field` of an oracle TSV, one entry per frame number. */
export function oracleColumn(path: string, field: string): Map<number, string> {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header.split('\t');
  const index = columns.indexOf(field);
  const numberIndex = columns.indexOf('frame.number');
  if (index < 0) throw new Error(`${path}: no column ${field}`);
  return new Map(
    rows.map((row) => {
      const cells = row.split('\t');
      return [Number(cells[numberIndex]), cells[index]];
    }),
  );
}
