// ESP header (RFC 4303): SPI and sequence number are all that is in clear.
import type { DecodedFrame } from '../decode/types.js';
import type { IpPayload } from '../net/ip-payload.js';
import { layerAnomaly, truncatedAt } from '../net/layer-anomaly.js';

/** 8 lower-case hex digits of a 32-bit value read at `o`. */
export function hex32(b: Uint8Array, o: number): string {
  const v = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  const s = v.toString(16);
  return s.length === 8 ? s : '00000000'.slice(s.length) + s;
}

/** Decodes ESP at `p.start`; `p.declaredLength` is the ESP length on the wire. */
export function decodeEsp(f: DecodedFrame, p: IpPayload, udpEncapsulated: boolean): void {
  f.protocols.push('esp');
  const b = p.buf;
  const o = p.start;
  const have = p.end - o;
  if (have < 4) {
    truncatedAt(f, 'esp', 'ESP SPI and sequence number', 8, have);
    return;
  }
  const spi = hex32(b, o);
  const dataLength = p.declaredLength - 8;
  f.esp = { spi, dataLength: dataLength < 0 ? 0 : dataLength, udpEncapsulated };
  if (have < 8) {
    // Snapped after the SPI: keep it (it names the flow, as tshark shows it), flag the rest.
    truncatedAt(f, 'esp', 'ESP sequence number', 8, have);
  } else {
    f.esp.seq = ((b[o + 4] << 24) | (b[o + 5] << 16) | (b[o + 6] << 8) | b[o + 7]) >>> 0;
  }
  // SPI 0 is reserved (RFC 4303 2.1); values 1..255 are reserved by IANA for future use.
  if (spi === '00000000') layerAnomaly(f, 'esp', 'reserved-spi', 'ESP with the reserved SPI 0');
}
