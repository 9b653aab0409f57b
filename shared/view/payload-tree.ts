// An ISAKMP message as a packet-details tree, the way Wireshark's middle pane shows it: one node
// per payload with its fields, SA proposals and transforms with their attributes named. Field
// names are the protocol's (English, as in Wireshark); values keep their wire number beside the name.
import {
  ikeAttributeName,
  ikeAttributeValueName,
  ipsecAttributeName,
  ipsecAttributeValueName,
} from '../ike/ikev1-attributes.js';
import { notifyName } from '../ike/notify-types.js';
import { payloadName } from '../ike/payload-types.js';
import { summarizeIsakmp } from '../ike/summarize.js';
import type { IkeAttribute, IkePayload, IsakmpMessage } from '../ike/types.js';

export interface TreeNode {
  label: string;
  value?: string;
  /** What the node is: 'sa', 'proposal', 'transform', 'vendor-id', 'natd', 'notify', 'id', … */
  kind?: string;
  children?: TreeNode[];
}

const named = (name: string, n: number) => (name && !/^\d+$/.test(name) ? `${name} (${n})` : String(n));

function attribute(a: IkeAttribute, phase1: boolean): TreeNode {
  const name = phase1 ? ikeAttributeName(a.type) : ipsecAttributeName(a.type);
  const value =
    a.value !== undefined
      ? named(phase1 ? ikeAttributeValueName(a.type, a.value) : ipsecAttributeValueName(a.type, a.value), a.value)
      : (a.hex ?? '');
  return { label: named(name, a.type), value, kind: 'attribute' };
}

function payload(p: IkePayload, v: number): TreeNode {
  const label = named(payloadName(p.payloadType, v), p.payloadType);
  switch (p.type) {
    case 'sa':
      return {
        label,
        kind: 'sa',
        children: p.proposals.map((pr) => ({
          label: `Proposal #${pr.number}`,
          value: `protocol ${pr.protocolId}${pr.spi ? `, SPI ${pr.spi}` : ''}, ${pr.transforms.length} transform(s)`,
          kind: 'proposal',
          children: pr.transforms.map((t) => ({
            label: `Transform #${t.number}`,
            value: `ID ${t.id}${t.type !== undefined ? `, type ${t.type}` : ''}`,
            kind: 'transform',
            children: t.attributes.map((a) => attribute(a, pr.protocolId === 1)),
          })),
        })),
      };
    case 'vendor-id':
      return { label, value: `${p.name?.trim() || 'unknown'} — ${p.hex}`, kind: 'vendor-id' };
    case 'natd':
      return { label, value: p.hex, kind: 'natd' };
    case 'notify':
      return {
        label,
        kind: 'notify',
        value: named(notifyName(p.notifyType, v), p.notifyType),
        children: [
          { label: 'Protocol ID', value: String(p.protocolId) },
          ...(p.spi ? [{ label: 'SPI', value: p.spi }] : []),
          ...(p.dataHex ? [{ label: 'Notification data', value: p.dataHex }] : []),
        ],
      };
    case 'id':
      return { label, kind: 'id', value: `type ${p.idType}: ${p.value}` };
    case 'ke':
      return { label, kind: 'ke', value: `${p.group !== undefined ? `group ${p.group}, ` : ''}${p.dataLength} bytes` };
    case 'nonce':
      return { label, kind: 'nonce', value: `${p.dataLength} bytes` };
    case 'hash':
      return { label, kind: 'hash', value: p.hex };
    case 'delete':
      return { label, kind: 'delete', value: `protocol ${p.protocolId}, SPI ${p.spis.join(', ')}` };
    case 'encrypted':
      return { label, kind: 'encrypted', value: 'encrypted' };
    default:
      return { label, kind: p.type };
  }
}

export function isakmpTree(msg: IsakmpMessage): TreeNode {
  const v = msg.majorVersion;
  return {
    label: `ISAKMP ${summarizeIsakmp(msg)}`,
    kind: 'isakmp',
    children: [
      { label: 'Initiator SPI', value: msg.ispi },
      { label: 'Responder SPI', value: msg.rspi },
      { label: 'Version', value: String(msg.majorVersion) },
      { label: 'Exchange type', value: named(summarizeIsakmp(msg), msg.exchangeType) },
      { label: 'Message ID', value: msg.messageId },
      ...(msg.encrypted ? [{ label: 'Flags', value: 'encrypted' }] : []),
      ...msg.payloads.map((p) => payload(p, v)),
    ],
  };
}
