// Security Association payload: IKEv1 (RFC 2408 3.4-3.6: DOI, situation, proposals with
// transforms numbered per proposal) and IKEv2 (RFC 7296 3.3: typed transforms).
import type { IkePayload, IkeProposal, IkeTransform } from './types.js';
import { has, hex, u16, u32, u8 } from './bytes.js';
import { decodeAttributes } from './attributes.js';
import { addAnomaly, LIMITS, type DecodeContext } from './context.js';
import { PAYLOAD } from './payload-types.js';

/** IPsec DOI (RFC 2407); the only one whose situation and proposals are decoded. */
const DOI_IPSEC = 1;

export function decodeSa(
  data: Uint8Array,
  start: number,
  end: number,
  payloadType: number,
  ctx: DecodeContext,
): IkePayload {
  if (ctx.major === 2) {
    return { type: 'sa', payloadType, proposals: decodeProposals(data, start, end, ctx) };
  }
  if (!has(data, start, 4) || start + 4 > end) {
    addAnomaly(ctx, 'sa-truncated', 'SA payload too short for its DOI field.');
    return { type: 'sa', payloadType, proposals: [] };
  }
  const doi = u32(data, start);
  if (start + 8 > end) {
    addAnomaly(ctx, 'sa-truncated', 'SA payload too short for its situation field.');
    return { type: 'sa', payloadType, doi, proposals: [] };
  }
  const situation = u32(data, start + 4);
  // Other DOIs (GDOI …) lay out their SA differently: keep DOI and situation only.
  const proposals = doi === DOI_IPSEC ? decodeProposals(data, start + 8, end, ctx) : [];
  return { type: 'sa', payloadType, doi, situation, proposals };
}

function decodeProposals(data: Uint8Array, start: number, end: number, ctx: DecodeContext): IkeProposal[] {
  const out: IkeProposal[] = [];
  let off = start;
  while (off < end) {
    if (out.length >= LIMITS.proposals) {
      addAnomaly(
        ctx,
        'too-many-proposals',
        `More than ${LIMITS.proposals} proposals in one SA; the rest were not decoded.`,
      );
      break;
    }
    if (off + 4 > end) {
      addAnomaly(ctx, 'proposal-truncated', `${end - off} byte(s) left in the SA, too few for a proposal header.`);
      break;
    }
    const next = u8(data, off);
    const len = u16(data, off + 2);
    if (len < 8 || off + len > end) {
      addAnomaly(
        ctx,
        'proposal-bad-length',
        `Proposal length ${len} does not fit the ${end - off} byte(s) left in the SA.`,
      );
      break;
    }
    out.push(decodeProposal(data, off, off + len, next, ctx));
    off += len;
    if (next !== PAYLOAD.P) {
      if (next !== 0)
        addAnomaly(
          ctx,
          'proposal-bad-next-payload',
          `Proposal followed by payload type ${next}; only proposals (2) belong in an SA.`,
        );
      else if (off < end) addAnomaly(ctx, 'extra-data', `${end - off} byte(s) after the last proposal of the SA.`);
      break;
    }
  }
  return out;
}

function decodeProposal(
  data: Uint8Array,
  start: number,
  end: number,
  nextPayload: number,
  ctx: DecodeContext,
): IkeProposal {
  const number = u8(data, start + 4);
  const protocolId = u8(data, start + 5);
  const spiSize = u8(data, start + 6);
  let count = u8(data, start + 7);
  let off = start + 8;
  let spi = '';
  if (off + spiSize > end) {
    addAnomaly(ctx, 'proposal-bad-spi-size', `Proposal ${number}: SPI size ${spiSize} exceeds the proposal.`);
    return { nextPayload, number, protocolId, spi, transforms: [] };
  }
  spi = hex(data, off, off + spiSize);
  off += spiSize;
  const transforms: IkeTransform[] = [];
  if (count > LIMITS.transforms) {
    addAnomaly(
      ctx,
      'too-many-transforms',
      `Proposal ${number} announces ${count} transforms; only ${LIMITS.transforms} decoded.`,
    );
    count = LIMITS.transforms;
  }
  for (let i = 0; i < count; i++) {
    if (off + 4 > end) {
      addAnomaly(ctx, 'transform-truncated', `Proposal ${number}: announced ${count} transforms, found ${i}.`);
      break;
    }
    const next = u8(data, off);
    const len = u16(data, off + 2);
    if (len < 8 || off + len > end) {
      addAnomaly(
        ctx,
        'transform-bad-length',
        `Proposal ${number}: transform length ${len} does not fit the ${end - off} byte(s) left.`,
      );
      break;
    }
    transforms.push(decodeTransform(data, off, off + len, next, ctx));
    off += len;
  }
  if (off < end && transforms.length === count) {
    addAnomaly(ctx, 'extra-data', `Proposal ${number}: ${end - off} byte(s) after its last transform.`);
  }
  return { nextPayload, number, protocolId, spi, transforms };
}

function decodeTransform(
  data: Uint8Array,
  start: number,
  end: number,
  nextPayload: number,
  ctx: DecodeContext,
): IkeTransform {
  if (ctx.major === 2) {
    const type = u8(data, start + 4);
    const id = u16(data, start + 6);
    return {
      nextPayload,
      number: 0,
      id,
      type,
      attributes: decodeAttributes(data, start + 8, end, ctx, `Transform type ${type}`),
    };
  }
  const number = u8(data, start + 4);
  const id = u8(data, start + 5);
  return { nextPayload, number, id, attributes: decodeAttributes(data, start + 8, end, ctx, `Transform ${number}`) };
}
