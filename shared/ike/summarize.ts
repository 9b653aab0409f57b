// A one-line summary of a message, spelled like Wireshark's Info column, e.g.
// "Identity Protection (Main Mode)", "Quick Mode", "IKE_SA_INIT MID=00 Initiator Request".
import type { IsakmpMessage } from './types.js';
import { IKEV1_EXCHANGE, IKEV2_EXCHANGE } from './exchange-types.js';

export function summarizeIsakmp(msg: IsakmpMessage): string {
  if (msg.majorVersion === 1) {
    const t: Record<number, string> = IKEV1_EXCHANGE;
    return t[msg.exchangeType] ?? `Unknown ${msg.exchangeType}`;
  }
  if (msg.majorVersion !== 2) return '';
  const t: Record<number, string> = IKEV2_EXCHANGE;
  const name = t[msg.exchangeType] ?? `Unknown ${msg.exchangeType}`;
  const mid = Number.parseInt(msg.messageId, 16);
  const who = msg.initiatorFlag ? 'Initiator' : 'Responder';
  const kind = msg.responseFlag ? 'Response' : 'Request';
  let text = `${name} MID=${String(mid).padStart(2, '0')} ${who} ${kind}`;
  const skf = msg.payloads.find((p) => p.type === 'encrypted' && p.fragmentNumber !== undefined);
  if (skf && skf.type === 'encrypted') text += ` (fragment ${skf.fragmentNumber}/${skf.totalFragments})`;
  return text;
}
