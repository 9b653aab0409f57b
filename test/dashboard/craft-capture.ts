// Hostile captures for the XSS test, made from real ones: a classic little-endian pcap with
// Ethernet/IPv4/UDP frames whose UDP payload is rewritten, every length fixed on the way
// (payload, ISAKMP/RADIUS, UDP, IPv4 with its checksum, pcap record).

interface Frame {
  header: Buffer;
  data: Buffer;
}

function readPcap(buf: Buffer): { global: Buffer; frames: Frame[] } {
  if (buf.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('expected a little-endian microsecond pcap');
  if (buf.readUInt32LE(20) !== 1) throw new Error('expected Ethernet link type');
  const frames: Frame[] = [];
  let at = 24;
  while (at + 16 <= buf.length) {
    const len = buf.readUInt32LE(at + 8);
    frames.push({
      header: Buffer.from(buf.subarray(at, at + 16)),
      data: Buffer.from(buf.subarray(at + 16, at + 16 + len)),
    });
    at += 16 + len;
  }
  return { global: Buffer.from(buf.subarray(0, 24)), frames };
}

function writePcap(global: Buffer, frames: Frame[]): Buffer {
  return Buffer.concat([global, ...frames.flatMap((f) => [f.header, f.data])]);
}

function ipChecksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < h.length; i += 2) sum += h.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The UDP payload of an Ethernet/IPv4/UDP frame, or undefined. */
function udpPayload(frame: Buffer): { offset: number; payload: Buffer } | undefined {
  if (frame.readUInt16BE(12) !== 0x0800) return undefined;
  const ihl = (frame[14]! & 0x0f) * 4;
  if (frame[14 + 9] !== 17) return undefined;
  const udp = 14 + ihl;
  return { offset: udp + 8, payload: frame.subarray(udp + 8, 14 + frame.readUInt16BE(16)) };
}

/** The frame with its UDP payload replaced; IPv4 and UDP lengths and checksums fixed. */
function withUdpPayload(frame: Frame, payload: Buffer): Frame {
  const ihl = (frame.data[14]! & 0x0f) * 4;
  const head = Buffer.from(frame.data.subarray(0, 14 + ihl + 8));
  head.writeUInt16BE(ihl + 8 + payload.length, 16);
  head.writeUInt16BE(0, 24);
  head.writeUInt16BE(ipChecksum(head.subarray(14, 14 + ihl)), 24);
  head.writeUInt16BE(8 + payload.length, 14 + ihl + 4);
  head.writeUInt16BE(0, 14 + ihl + 6); // UDP checksum 0: "none" is valid over IPv4
  const data = Buffer.concat([head, payload]);
  const header = Buffer.from(frame.header);
  header.writeUInt32LE(data.length, 8);
  header.writeUInt32LE(data.length, 12);
  return { header, data };
}

/** Rewrites the value of every ISAKMP ID payload (type 5) to `value` as an FQDN identity. */
function rewriteIsakmpIds(isakmp: Buffer, value: string): Buffer | undefined {
  if (isakmp.length < 28) return undefined;
  let next = isakmp[16]!;
  let at = 28;
  const parts: Buffer[] = [Buffer.from(isakmp.subarray(0, 28))];
  let changed = false;
  while (next !== 0 && at + 4 <= isakmp.length) {
    const len = isakmp.readUInt16BE(at + 2);
    if (len < 4 || at + len > isakmp.length) return undefined;
    let payload = Buffer.from(isakmp.subarray(at, at + len));
    if (next === 5 && len >= 8) {
      const body = Buffer.from(value, 'utf8');
      payload = Buffer.concat([payload.subarray(0, 8), body]);
      payload[4] = 2; // ID_FQDN
      payload.writeUInt16BE(payload.length, 2);
      changed = true;
    }
    parts.push(payload);
    next = isakmp[at]!;
    at += len;
  }
  if (!changed) return undefined;
  const out = Buffer.concat(parts);
  out.writeUInt32BE(out.length, 24);
  return out;
}

/** Rewrites RADIUS attribute `type` (e.g. 1 User-Name, 18 Reply-Message) to `value`, adding it when absent. */
function rewriteRadiusAttribute(radius: Buffer, type: number, value: string, add: boolean): Buffer | undefined {
  if (radius.length < 20) return undefined;
  const parts: Buffer[] = [Buffer.from(radius.subarray(0, 20))];
  const body = Buffer.from(value, 'utf8');
  const attr = Buffer.concat([Buffer.from([type, body.length + 2]), body]);
  let found = false;
  for (let at = 20; at + 2 <= radius.length;) {
    const len = radius[at + 1]!;
    if (len < 2) return undefined;
    if (radius[at] === type) {
      parts.push(attr);
      found = true;
    } else parts.push(Buffer.from(radius.subarray(at, at + len)));
    at += len;
  }
  if (!found && !add) return undefined;
  if (!found) parts.push(attr);
  const out = Buffer.concat(parts);
  out.writeUInt16BE(out.length, 2);
  return out;
}

/** Every IKE frame's ID payloads rewritten to `value`; throws when none was found. */
export function withIkeIdentity(pcap: Buffer, value: string): Buffer {
  const { global, frames } = readPcap(pcap);
  let n = 0;
  const out = frames.map((f) => {
    const udp = udpPayload(f.data);
    if (!udp) return f;
    const rewritten = rewriteIsakmpIds(Buffer.from(udp.payload), value);
    if (!rewritten) return f;
    n++;
    return withUdpPayload(f, rewritten);
  });
  if (n === 0) throw new Error('no ISAKMP ID payload in clear');
  return writePcap(global, out);
}

/** RADIUS User-Name in requests and Reply-Message in answers rewritten to `value`. */
export function withRadiusText(pcap: Buffer, value: string): Buffer {
  const { global, frames } = readPcap(pcap);
  let n = 0;
  const out = frames.map((f) => {
    const udp = udpPayload(f.data);
    if (!udp || udp.payload.length < 20) return f;
    const code = udp.payload[0];
    const rewritten =
      code === 1
        ? rewriteRadiusAttribute(Buffer.from(udp.payload), 1, value, false)
        : code === 3
          ? rewriteRadiusAttribute(Buffer.from(udp.payload), 18, value, true)
          : undefined;
    if (!rewritten) return f;
    n++;
    return withUdpPayload(f, rewritten);
  });
  if (n === 0) throw new Error('no RADIUS message rewritten');
  return writePcap(global, out);
}
