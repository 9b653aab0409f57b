// What every payload decoder receives besides the bytes: the message's IKE major version
// and where to put anomalies. Limits keep the output bounded whatever the input claims.
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { PayloadCache } from './payload-cache.js';

export interface DecodeContext {
  /** 1 or 2; anything else is decoded with the IKEv1 layouts. */
  major: number;
  frame: number;
  anomalies: Anomaly[];
  /** Payloads decoded before in this capture, reused when the bytes repeat (payload-cache.ts). */
  cache?: PayloadCache;
}

export const LIMITS = {
  /** Payloads walked per message. */
  payloads: 256,
  /** Proposals per SA, transforms per proposal. */
  proposals: 64,
  transforms: 64,
  /** Data attributes per transform or configuration payload. */
  attributes: 128,
  /** Traffic selectors per TS payload, SPIs per Delete payload. */
  selectors: 64,
  spis: 256,
  /** Messages per UDP datagram. */
  messages: 16,
  /** Anomalies kept per message (one bad byte should not flood the report). */
  anomalies: 32,
} as const;

export function addAnomaly(ctx: DecodeContext, code: AnomalyCode, message: string): void {
  if (ctx.anomalies.length < LIMITS.anomalies) ctx.anomalies.push({ layer: 'isakmp', code, message, frame: ctx.frame });
}
