// Payload bodies (the bytes after the 4-byte generic header), one small decoder per payload
// type, dispatched by wire number. A body too short for its fixed fields becomes an anomaly
// and an 'other' payload: nothing is read outside [start, end).
import type { IkePayload } from './types.js';
import { hex, u16, u32, u8 } from './bytes.js';
import { decodeAttributes } from './attributes.js';
import { addAnomaly, LIMITS, type DecodeContext } from './context.js';
import { renderIdValue } from './identity.js';
import { PAYLOAD, payloadName } from './payload-types.js';
import { decodeSa } from './sa.js';
import { decodeTrafficSelectors } from './traffic-selectors.js';
import { vendorIdName } from './vendor-ids.js';

type Body = (data: Uint8Array, s: number, e: number, t: number, ctx: DecodeContext) => IkePayload;

/** Fixed part each body needs before its variable data. */
function short(
  _data: Uint8Array,
  s: number,
  e: number,
  t: number,
  ctx: DecodeContext,
  need: number,
): IkePayload | undefined {
  if (e - s >= need) return undefined;
  addAnomaly(
    ctx,
    'payload-body-truncated',
    `${payloadName(t, ctx.major)} payload body has ${e - s} byte(s), needs at least ${need}.`,
  );
  return { type: 'other', payloadType: t, dataLength: Math.max(0, e - s) };
}

const ke: Body = (d, s, e, t, ctx) => {
  if (ctx.major !== 2) return { type: 'ke', payloadType: t, dataLength: e - s };
  return short(d, s, e, t, ctx, 4) ?? { type: 'ke', payloadType: t, group: u16(d, s), dataLength: e - s - 4 };
};

const id: Body = (d, s, e, t, ctx) => {
  const bad = short(d, s, e, t, ctx, 4);
  if (bad) return bad;
  const idType = u8(d, s);
  if (ctx.major === 2) return { type: 'id', payloadType: t, idType, value: renderIdValue(d, s + 4, e, idType) };
  return {
    type: 'id',
    payloadType: t,
    idType,
    protocol: u8(d, s + 1),
    port: u16(d, s + 2),
    value: renderIdValue(d, s + 4, e, idType),
  };
};

const cert: Body = (d, s, e, t, ctx) =>
  short(d, s, e, t, ctx, 1) ?? { type: 'cert', payloadType: t, encoding: u8(d, s), dataLength: e - s - 1 };

const cr: Body = (d, s, e, t, ctx) =>
  short(d, s, e, t, ctx, 1) ?? { type: 'cr', payloadType: t, encoding: u8(d, s), dataLength: e - s - 1 };

const hash: Body = (d, s, e, t) => ({ type: 'hash', payloadType: t, hex: hex(d, s, e) });
const sig: Body = (_d, s, e, t) => ({ type: 'sig', payloadType: t, dataLength: e - s });
const nonce: Body = (_d, s, e, t) => ({ type: 'nonce', payloadType: t, dataLength: e - s });
const natd: Body = (d, s, e, t) => ({ type: 'natd', payloadType: t, hex: hex(d, s, e) });

const auth: Body = (d, s, e, t, ctx) =>
  short(d, s, e, t, ctx, 4) ?? { type: 'auth', payloadType: t, method: u8(d, s), dataLength: e - s - 4 };

const notify: Body = (d, s, e, t, ctx) => {
  // IKEv1 starts with a 4-byte DOI; both then carry protocol, SPI size, type, SPI, data.
  const base = ctx.major === 2 ? s : s + 4;
  const bad = short(d, s, e, t, ctx, base - s + 4);
  if (bad) return bad;
  const spiSize = u8(d, base + 1);
  const spiEnd = Math.min(e, base + 4 + spiSize);
  if (base + 4 + spiSize > e) addAnomaly(ctx, 'notify-bad-spi-size', `Notify SPI size ${spiSize} exceeds the payload.`);
  return {
    type: 'notify',
    payloadType: t,
    ...(ctx.major === 2 ? {} : { doi: u32(d, s) }),
    protocolId: u8(d, base),
    spi: hex(d, base + 4, spiEnd),
    notifyType: u16(d, base + 2),
    dataHex: hex(d, spiEnd, e),
  };
};

const del: Body = (d, s, e, t, ctx) => {
  const base = ctx.major === 2 ? s : s + 4;
  const bad = short(d, s, e, t, ctx, base - s + 4);
  if (bad) return bad;
  const spiSize = u8(d, base + 1);
  const count = u16(d, base + 2);
  const spis: string[] = [];
  let off = base + 4;
  for (let i = 0; i < count && spiSize > 0; i++) {
    if (spis.length >= LIMITS.spis) {
      addAnomaly(ctx, 'too-many-spis', `Delete payload lists ${count} SPIs; only ${LIMITS.spis} kept.`);
      break;
    }
    if (off + spiSize > e) {
      addAnomaly(
        ctx,
        'delete-truncated',
        `Delete payload announces ${count} SPIs of ${spiSize} bytes; only ${spis.length} fit.`,
      );
      break;
    }
    spis.push(hex(d, off, off + spiSize));
    off += spiSize;
  }
  return { type: 'delete', payloadType: t, protocolId: u8(d, base), spis };
};

const vid: Body = (d, s, e, t) => {
  const h = hex(d, s, e);
  const name = vendorIdName(h);
  return name === undefined
    ? { type: 'vendor-id', payloadType: t, hex: h }
    : { type: 'vendor-id', payloadType: t, hex: h, name };
};

const natOa: Body = (d, s, e, t, ctx) => {
  const bad = short(d, s, e, t, ctx, 4);
  if (bad) return bad;
  const idType = u8(d, s);
  return { type: 'nat-oa', payloadType: t, idType, value: renderIdValue(d, s + 4, e, idType) };
};

const config: Body = (d, s, e, t, ctx) => {
  const bad = short(d, s, e, t, ctx, 4);
  if (bad) return bad;
  const attributes = decodeAttributes(d, s + 4, e, ctx, payloadName(t, ctx.major));
  // IKEv1 mode-config/XAUTH carries a 2-byte identifier; IKEv2 CP has 3 reserved bytes.
  if (ctx.major === 2) return { type: 'attributes', payloadType: t, cfgType: u8(d, s), attributes };
  return { type: 'attributes', payloadType: t, cfgType: u8(d, s), identifier: u16(d, s + 2), attributes };
};

const ciscoFragment: Body = (d, s, e, t, ctx) =>
  short(d, s, e, t, ctx, 4) ?? {
    type: 'fragment',
    payloadType: t,
    id: u16(d, s),
    number: u8(d, s + 2),
    last: u8(d, s + 3) === 1,
    dataLength: e - s - 4,
  };

const eap: Body = (d, s, e, t, ctx) =>
  short(d, s, e, t, ctx, 1) ?? { type: 'eap', payloadType: t, code: u8(d, s), dataLength: e - s };

const ts: Body = (d, s, e, t, ctx) => ({ type: 'ts', payloadType: t, selectors: decodeTrafficSelectors(d, s, e, ctx) });

const V1_BODIES: Record<number, Body> = {
  [PAYLOAD.SA]: decodeSa,
  [PAYLOAD.KE]: ke,
  [PAYLOAD.ID]: id,
  [PAYLOAD.CERT]: cert,
  [PAYLOAD.CR]: cr,
  [PAYLOAD.HASH]: hash,
  [PAYLOAD.SIG]: sig,
  [PAYLOAD.NONCE]: nonce,
  [PAYLOAD.N]: notify,
  [PAYLOAD.D]: del,
  [PAYLOAD.VID]: vid,
  [PAYLOAD.A]: config,
  [PAYLOAD.NAT_D]: natd,
  [PAYLOAD.NAT_D_DRAFT]: natd,
  [PAYLOAD.NAT_OA]: natOa,
  [PAYLOAD.NAT_OA_DRAFT]: natOa,
  [PAYLOAD.CISCO_FRAG]: ciscoFragment,
};

const V2_BODIES: Record<number, Body> = {
  [PAYLOAD.V2_SA]: decodeSa,
  [PAYLOAD.V2_KE]: ke,
  [PAYLOAD.V2_IDI]: id,
  [PAYLOAD.V2_IDR]: id,
  [PAYLOAD.V2_CERT]: cert,
  [PAYLOAD.V2_CERTREQ]: cr,
  [PAYLOAD.V2_AUTH]: auth,
  [PAYLOAD.V2_NONCE]: nonce,
  [PAYLOAD.V2_N]: notify,
  [PAYLOAD.V2_D]: del,
  [PAYLOAD.V2_V]: vid,
  [PAYLOAD.V2_TSI]: ts,
  [PAYLOAD.V2_TSR]: ts,
  [PAYLOAD.V2_CP]: config,
  [PAYLOAD.V2_EAP]: eap,
};

/**
 * Decodes one payload body. Payload numbers are looked up in both registries (an IKEv1
 * message may carry an IKEv2-numbered payload and vice versa); the message's version picks
 * the layout. SK/SKF are handled by the walker since they end the cleartext chain.
 */
export function decodePayloadBody(
  data: Uint8Array,
  start: number,
  end: number,
  payloadType: number,
  ctx: DecodeContext,
): IkePayload {
  const body = V1_BODIES[payloadType] ?? V2_BODIES[payloadType];
  return body ? body(data, start, end, payloadType, ctx) : { type: 'other', payloadType, dataLength: end - start };
}
