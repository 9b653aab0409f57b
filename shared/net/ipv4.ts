// IPv4 header (RFC 791) and the hand-off of fragments to the reassembler.
import type { DecodedFrame } from '../decode/types.js';
import { ipv4Text } from './ip-address.js';
import type { IpReassembler } from './ip-reassembly.js';
import type { IpPayload } from './ip-payload.js';
import { layerAnomaly, truncatedAt } from './layer-anomaly.js';

export function decodeIpv4(d: Uint8Array, o: number, f: DecodedFrame, reasm: IpReassembler, out: IpPayload): void {
  out.ok = false;
  out.fragmented = false;
  const have = d.length - o;
  if (have < 20) {
    truncatedAt(f, 'ip', 'IPv4 header', 20, have);
    return;
  }
  const version = d[o] >> 4;
  if (version !== 4) {
    layerAnomaly(f, 'ip', 'bad-version', `IPv4 header with version ${version}`);
    return;
  }
  const ihl = (d[o] & 0x0f) * 4;
  if (ihl < 20) {
    layerAnomaly(f, 'ip', 'bad-header-length', `IPv4 header length ${ihl} is below 20`);
    return;
  }
  if (have < ihl) {
    truncatedAt(f, 'ip', 'IPv4 header with options', ihl, have);
    return;
  }
  let total = (d[o + 2] << 8) | d[o + 3];
  // The length on the wire, not what was captured: a snapped frame keeps its declared length.
  const reported = (f.length > d.length ? f.length : d.length) - o;
  if (total === 0) {
    // TCP segmentation offload leaves 0 here on the sending host.
    total = reported < have ? have : reported;
  }
  const src = ipv4Text(d, o + 12);
  const dst = ipv4Text(d, o + 16);
  const ff = (d[o + 6] << 8) | d[o + 7];
  const more = (ff & 0x2000) !== 0;
  const fragOffset = (ff & 0x1fff) * 8;
  const protocol = d[o + 9];
  const id = (d[o + 4] << 8) | d[o + 5];
  // One shape for every IP layer (see frame-decoder.ts): the optional fields exist from the start.
  f.ip = {
    version: 4,
    src,
    dst,
    protocol,
    ttl: d[o + 8],
    id,
    length: total,
    fragment: undefined,
    reassembledFrom: undefined,
  };
  if (total < ihl) {
    layerAnomaly(f, 'ip', 'bad-total-length', `IPv4 total length ${total} is below the header length ${ihl}`);
    return;
  }
  if (total > reported) {
    layerAnomaly(f, 'ip', 'bad-total-length', `IPv4 total length ${total} exceeds the frame's ${reported} bytes`);
    return;
  }
  const start = o + ihl;
  const declaredEnd = o + total;
  const end = declaredEnd < d.length ? declaredEnd : d.length;
  if (more || fragOffset > 0) {
    f.ip.fragment = { id, offset: fragOffset, more };
    if (end < declaredEnd) {
      layerAnomaly(
        f,
        'ip',
        'truncated-fragment',
        `IPv4 fragment id ${id} was snapped by the capture; it cannot be reassembled`,
      );
      // As tshark: without reassembly a first fragment is still decoded, later ones are data.
      if (fragOffset > 0) {
        f.protocols.push('data');
        return;
      }
      out.fragmented = true;
      out.buf = d;
      out.start = start;
      out.end = end;
      out.declaredLength = total - ihl;
      out.protocol = protocol;
      out.ok = true;
      return;
    }
    const done = reasm.add(
      {
        version: 4,
        src,
        dst,
        id,
        protocol,
        offset: fragOffset,
        more,
        data: d.subarray(start, end),
        frame: f.number,
        timeSec: f.timeSec,
      },
      f.anomalies,
    );
    if (!done) {
      f.protocols.push('data');
      return;
    }
    f.ip.reassembledFrom = done.frames;
    f.ip.length = ihl + done.data.length;
    out.buf = done.data;
    out.start = 0;
    out.end = done.data.length;
    out.declaredLength = done.data.length;
  } else {
    out.buf = d;
    out.start = start;
    out.end = end;
    out.declaredLength = total - ihl;
  }
  out.protocol = protocol;
  out.ok = true;
}
