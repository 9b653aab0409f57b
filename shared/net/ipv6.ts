// IPv6 header (RFC 8200), its extension-header chain and fragments; AH (RFC 4302) is
// skipped by its length, for IPv4 too, so ESP behind it is reached as tshark does (ah:esp).
import type { DecodedFrame } from '../decode/types.js';
import { ipv6Text } from './ip-address.js';
import type { IpReassembler } from './ip-reassembly.js';
import type { IpPayload } from './ip-payload.js';
import { layerAnomaly, truncatedAt } from './layer-anomaly.js';
import { IPPROTO } from './protocol-numbers.js';

/** Bound on the chain walk; every header is at least 8 bytes anyway. */
const MAX_EXTENSION_HEADERS = 32;

export function decodeIpv6(d: Uint8Array, o: number, f: DecodedFrame, reasm: IpReassembler, out: IpPayload): void {
  out.ok = false;
  out.fragmented = false;
  const have = d.length - o;
  if (have < 40) {
    truncatedAt(f, 'ip', 'IPv6 header', 40, have);
    return;
  }
  const version = d[o] >> 4;
  if (version !== 6) {
    layerAnomaly(f, 'ip', 'bad-version', `IPv6 header with version ${version}`);
    return;
  }
  let payloadLen = (d[o + 4] << 8) | d[o + 5];
  const reported = (f.length > d.length ? f.length : d.length) - o - 40;
  // 0 = jumbogram (hop-by-hop option) or offload: take what the frame holds.
  if (payloadLen === 0) payloadLen = reported;
  const src = ipv6Text(d, o + 8);
  const dst = ipv6Text(d, o + 24);
  f.ip = {
    version: 6,
    src,
    dst,
    protocol: d[o + 6],
    ttl: d[o + 7],
    id: undefined,
    length: 40 + payloadLen,
    fragment: undefined,
    reassembledFrom: undefined,
  };
  if (payloadLen > reported) {
    layerAnomaly(
      f,
      'ip',
      'bad-payload-length',
      `IPv6 payload length ${payloadLen} exceeds the frame's ${reported} bytes`,
    );
    return;
  }
  out.buf = d;
  out.start = o + 40;
  const declaredEnd = o + 40 + payloadLen;
  out.end = declaredEnd < d.length ? declaredEnd : d.length;
  out.declaredLength = payloadLen;
  out.protocol = d[o + 6];
  walkExtensions(f, reasm, out, src, dst, o + 40);
}

function walkExtensions(
  f: DecodedFrame,
  reasm: IpReassembler,
  out: IpPayload,
  src: string,
  dst: string,
  unfragStart: number,
): void {
  for (let n = 0; n < MAX_EXTENSION_HEADERS; n++) {
    const nh = out.protocol;
    const b = out.buf;
    const o = out.start;
    const have = out.end - o;
    if (nh === IPPROTO.HOPOPTS || nh === IPPROTO.ROUTING || nh === IPPROTO.DSTOPTS) {
      f.protocols.push(
        nh === IPPROTO.HOPOPTS ? 'ipv6.hopopts' : nh === IPPROTO.ROUTING ? 'ipv6.routing' : 'ipv6.dstopts',
      );
      if (have < 2) return truncatedAt(f, 'ip', 'IPv6 extension header', 8, have);
      const len = (b[o + 1] + 1) * 8;
      if (have < len) return truncatedAt(f, 'ip', 'IPv6 extension header', len, have);
      advance(out, b[o], len);
    } else if (nh === IPPROTO.AH) {
      if (!skipAh(f, out)) return;
    } else if (nh === IPPROTO.FRAGMENT) {
      f.protocols.push('ipv6.fraghdr');
      if (have < 8) return truncatedAt(f, 'ip', 'IPv6 fragment header', 8, have);
      const word = (b[o + 2] << 8) | b[o + 3];
      const offset = word & 0xfff8;
      const more = (word & 1) !== 0;
      const id = ((b[o + 4] << 24) | (b[o + 5] << 16) | (b[o + 6] << 8) | b[o + 7]) >>> 0;
      const next = b[o];
      advance(out, next, 8);
      // An atomic fragment (offset 0, no more) is a whole datagram (RFC 6946).
      if (offset === 0 && !more) continue;
      f.ip!.fragment = { id, offset, more };
      if (out.end - out.start < out.declaredLength) {
        layerAnomaly(
          f,
          'ip',
          'truncated-fragment',
          `IPv6 fragment id ${id} was snapped by the capture; it cannot be reassembled`,
        );
        // As tshark: without reassembly a first fragment is still decoded, later ones are data.
        if (offset > 0) {
          f.protocols.push('data');
          out.ok = false;
          return;
        }
        out.fragmented = true;
        continue;
      }
      const done = reasm.add(
        {
          version: 6,
          src,
          dst,
          id,
          protocol: next,
          offset,
          more,
          data: b.subarray(out.start, out.end),
          frame: f.number,
          timeSec: f.timeSec,
        },
        f.anomalies,
      );
      if (!done) {
        f.protocols.push('data');
        out.ok = false;
        return;
      }
      f.ip!.reassembledFrom = done.frames;
      // Fixed header + headers up to and including the fragment header + reassembled payload.
      f.ip!.length = out.start - (unfragStart - 40) + done.data.length;
      out.buf = done.data;
      out.start = 0;
      out.end = done.data.length;
      out.declaredLength = done.data.length;
    } else {
      break;
    }
  }
  f.ip!.protocol = out.protocol;
  out.ok = true;
}

function advance(out: IpPayload, next: number, len: number): void {
  out.protocol = next;
  out.start += len;
  out.declaredLength -= len;
}

/**
 * Skips an Authentication Header: tshark shows `ah` and dissects what it protects. Returns
 * false when the header is cut short (anomaly recorded, decode stops).
 */
export function skipAh(f: DecodedFrame, out: IpPayload): boolean {
  f.protocols.push('ah');
  const have = out.end - out.start;
  if (have < 12) {
    truncatedAt(f, 'ip', 'AH header', 12, have);
    out.ok = false;
    return false;
  }
  const len = (out.buf[out.start + 1] + 2) * 4;
  if (len < 12 || have < len) {
    truncatedAt(f, 'ip', 'AH header', len, have);
    out.ok = false;
    return false;
  }
  advance(out, out.buf[out.start], len);
  return true;
}
