// Test-only: renders the payload-level fields of our messages the way tshark prints them with
// -T fields -E occurrence=a -E aggregator=, (see fixtures/payload-oracle/README.md).
import type { IkePayload, IsakmpMessage } from '#shared/ike/types.js';

export const PAYLOAD_FIELDS = [
  'isakmp.sa.doi',
  'isakmp.prop.number',
  'isakmp.prop.protoid',
  'isakmp.prop.transforms',
  'isakmp.trans.number',
  'isakmp.trans.id',
  'isakmp.tf.type',
  'isakmp.ike.attr.type',
  'isakmp.ipsec.attr.type',
  'isakmp.ike2.attr.type',
  'isakmp.key_exchange.dh_group',
  'isakmp.id.type',
  'isakmp.id.protoid',
  'isakmp.id.port',
  'isakmp.id.data.ipv4_addr',
  'isakmp.id.data.fqdn',
  'isakmp.id.data.user_fqdn',
  'isakmp.cert.encoding',
  'isakmp.certreq.type',
  'isakmp.auth.method',
  'isakmp.notify.doi',
  'isakmp.notify.protoid',
  'isakmp.delete.spi',
  'isakmp.vid_bytes',
  'isakmp.hash',
  'isakmp.ike.nat_hash',
  'isakmp.ike.nat_original_address_ipv4',
  'isakmp.ts.type',
  'isakmp.ts.protoid',
  'isakmp.ts.start_port',
  'isakmp.ts.end_port',
  'isakmp.ts.start_ipv4',
  'isakmp.ts.end_ipv4',
  'isakmp.ts.start_ipv6',
  'isakmp.ts.end_ipv6',
  'isakmp.frag.number',
  'isakmp.frag.total',
  'isakmp.frag.packetid',
  'isakmp.frag.seq',
  'isakmp.frag.last',
] as const;

export type PayloadField = (typeof PAYLOAD_FIELDS)[number];

export function renderPayloadFields(messages: IsakmpMessage[]): Record<PayloadField, string> {
  const out = Object.fromEntries(PAYLOAD_FIELDS.map((f) => [f, [] as string[]])) as Record<PayloadField, string[]>;
  const add = (f: PayloadField, v: string | number | undefined): void => {
    if (v !== undefined) out[f].push(String(v));
  };
  for (const m of messages) {
    const v2 = m.majorVersion === 2;
    for (const p of m.payloads) renderPayload(p, v2, add);
  }
  return Object.fromEntries(PAYLOAD_FIELDS.map((f) => [f, out[f].join(',')])) as Record<PayloadField, string>;
}

function renderPayload(
  p: IkePayload,
  v2: boolean,
  add: (f: PayloadField, v: string | number | undefined) => void,
): void {
  switch (p.type) {
    case 'sa':
      add('isakmp.sa.doi', p.doi);
      for (const pr of p.proposals) {
        add('isakmp.prop.number', pr.number);
        add('isakmp.prop.protoid', pr.protocolId);
        add('isakmp.prop.transforms', pr.transforms.length);
        for (const t of pr.transforms) {
          if (v2) add('isakmp.tf.type', t.type);
          else {
            add('isakmp.trans.number', t.number);
            add('isakmp.trans.id', t.id);
          }
          const attrField: PayloadField = v2
            ? 'isakmp.ike2.attr.type'
            : pr.protocolId === 1
              ? 'isakmp.ike.attr.type'
              : 'isakmp.ipsec.attr.type';
          for (const a of t.attributes) add(attrField, a.type);
        }
      }
      break;
    case 'ke':
      add('isakmp.key_exchange.dh_group', p.group);
      break;
    case 'id':
      add('isakmp.id.type', p.idType);
      add('isakmp.id.protoid', p.protocol);
      add('isakmp.id.port', p.port);
      if (p.idType === 1) add('isakmp.id.data.ipv4_addr', p.value);
      if (p.idType === 2) add('isakmp.id.data.fqdn', p.value);
      if (p.idType === 3) add('isakmp.id.data.user_fqdn', p.value);
      break;
    case 'cert':
      add('isakmp.cert.encoding', p.encoding);
      break;
    case 'cr':
      add('isakmp.certreq.type', p.encoding);
      break;
    case 'auth':
      add('isakmp.auth.method', p.method);
      break;
    case 'notify':
      add('isakmp.notify.doi', p.doi);
      add('isakmp.notify.protoid', p.protocolId);
      break;
    case 'delete':
      for (const s of p.spis) add('isakmp.delete.spi', s);
      break;
    case 'vendor-id':
      add('isakmp.vid_bytes', p.hex);
      break;
    case 'hash':
      add('isakmp.hash', p.hex);
      break;
    case 'natd':
      add('isakmp.ike.nat_hash', p.hex);
      break;
    case 'nat-oa':
      if (p.idType === 1) add('isakmp.ike.nat_original_address_ipv4', p.value);
      break;
    case 'ts':
      for (const s of p.selectors) {
        add('isakmp.ts.type', s.tsType);
        add('isakmp.ts.protoid', s.protocol);
        add('isakmp.ts.start_port', s.startPort);
        add('isakmp.ts.end_port', s.endPort);
        if (s.tsType === 7) {
          add('isakmp.ts.start_ipv4', s.start);
          add('isakmp.ts.end_ipv4', s.end);
        }
        if (s.tsType === 8) {
          add('isakmp.ts.start_ipv6', s.start);
          add('isakmp.ts.end_ipv6', s.end);
        }
      }
      break;
    case 'encrypted':
      add('isakmp.frag.number', p.fragmentNumber);
      add('isakmp.frag.total', p.totalFragments);
      break;
    case 'fragment':
      add('isakmp.frag.packetid', p.id);
      add('isakmp.frag.seq', p.number);
      add('isakmp.frag.last', p.last ? 1 : 0);
      break;
    default:
      break;
  }
}
