// Reads the tshark oracle TSVs and turns a DecodedFrame into the same cells, so the
// comparison is cell by cell with tshark's formatting (0x-prefixed hex, comma-joined lists).
import { readFileSync } from 'node:fs';
import type { DecodedFrame } from '#shared/decode/types.js';

export type OracleRow = Record<string, string>;

export function readOracle(path: string): OracleRow[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const row: OracleRow = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

/** How each compared field is read from the oracle and from our decode. */
export interface FieldSpec {
  name: string;
  /** Which helper's decoder produces it: ISAKMP columns wait for shared/ike/decode.ts. */
  owner: 'net' | 'isakmp' | 'radius';
  oracle(row: OracleRow): string;
  ours(f: DecodedFrame): string;
}

const join = (xs: (string | number)[]) => xs.join(',');
const msgs = (f: DecodedFrame) => f.isakmp ?? [];
const payloads = (f: DecodedFrame) => msgs(f).flatMap((m) => m.payloads);
/** tshark writes the version byte as 0x10; we keep "1.0". */
const versionByte = (v: string) => {
  const [maj, min] = v.split('.').map(Number);
  return '0x' + ((maj << 4) | min).toString(16).padStart(2, '0');
};

/** tshark joins the addresses of every IP header it decodes, ICMP-quoted ones included. */
const addr = (f: DecodedFrame, v: 4 | 6, which: 'src' | 'dst') => {
  const out: string[] = [];
  if (f.ip?.version === v) out.push(f.ip[which]);
  if (f.icmp?.version === v && f.icmp.quoted) out.push(f.icmp.quoted[which]);
  return out.join(',');
};
const port = (f: DecodedFrame, which: 'srcPort' | 'dstPort') => {
  if (f.udp) return String(f.udp[which]);
  const q = f.icmp?.quoted;
  return q && q.protocol === 17 && q[which] !== undefined ? String(q[which]) : '';
};

export const FIELDS: FieldSpec[] = [
  { name: 'frame.len', owner: 'net', oracle: (r) => r['frame.len'], ours: (f) => String(f.length) },
  { name: 'frame.cap_len', owner: 'net', oracle: (r) => r['frame.cap_len'], ours: (f) => String(f.capturedLength) },
  { name: 'ip.src', owner: 'net', oracle: (r) => r['ip.src'], ours: (f) => addr(f, 4, 'src') },
  { name: 'ip.dst', owner: 'net', oracle: (r) => r['ip.dst'], ours: (f) => addr(f, 4, 'dst') },
  { name: 'ipv6.src', owner: 'net', oracle: (r) => r['ipv6.src'], ours: (f) => addr(f, 6, 'src') },
  { name: 'ipv6.dst', owner: 'net', oracle: (r) => r['ipv6.dst'], ours: (f) => addr(f, 6, 'dst') },
  { name: 'udp.srcport', owner: 'net', oracle: (r) => r['udp.srcport'], ours: (f) => port(f, 'srcPort') },
  { name: 'udp.dstport', owner: 'net', oracle: (r) => r['udp.dstport'], ours: (f) => port(f, 'dstPort') },
  { name: 'esp.spi', owner: 'net', oracle: (r) => r['esp.spi'], ours: (f) => (f.esp ? '0x' + f.esp.spi : '') },
  {
    name: 'esp.sequence',
    owner: 'net',
    oracle: (r) => r['esp.sequence'],
    ours: (f) => (f.esp?.seq !== undefined ? String(f.esp.seq) : ''),
  },
  {
    name: 'udpencap.non_esp_marker',
    owner: 'net',
    oracle: (r) => r['udpencap.non_esp_marker'],
    ours: (f) => (f.nonEspMarker ? '1' : ''),
  },
  {
    name: 'udpencap.nat_keepalive',
    owner: 'net',
    oracle: (r) => r['udpencap.nat_keepalive'],
    ours: (f) => (f.natKeepalive ? '1' : ''),
  },
  {
    name: 'frame.protocols',
    owner: 'net',
    // Certificate contents (x509sat) are not decoded by us; everything else should match.
    oracle: (r) =>
      r['frame.protocols']
        .split(':')
        .filter((p) => p !== 'x509sat')
        .join(':'),
    ours: (f) => f.protocols.join(':'),
  },
  {
    name: 'radius.code',
    owner: 'radius',
    oracle: (r) => r['radius.code'],
    ours: (f) => (f.radius ? String(f.radius.code) : ''),
  },
  {
    name: 'isakmp.ispi',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.ispi'],
    ours: (f) => join(msgs(f).map((m) => m.ispi)),
  },
  {
    name: 'isakmp.rspi',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.rspi'],
    ours: (f) => join(msgs(f).map((m) => m.rspi)),
  },
  {
    name: 'isakmp.nextpayload(first)',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.nextpayload'].split(',')[0],
    ours: (f) => (msgs(f).length ? String(msgs(f)[0].nextPayload) : ''),
  },
  {
    name: 'isakmp.version',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.version'],
    ours: (f) => join(msgs(f).map((m) => versionByte(m.version))),
  },
  {
    name: 'isakmp.exchangetype',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.exchangetype'],
    ours: (f) => join(msgs(f).map((m) => m.exchangeType)),
  },
  {
    name: 'isakmp.messageid',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.messageid'],
    ours: (f) => join(msgs(f).map((m) => '0x' + m.messageId)),
  },
  {
    name: 'isakmp.length',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.length'],
    ours: (f) => join(msgs(f).map((m) => m.length)),
  },
  {
    name: 'isakmp.notify.msgtype',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.notify.msgtype'],
    ours: (f) => join(payloads(f).flatMap((p) => (p.type === 'notify' ? [p.notifyType] : []))),
  },
  {
    name: 'isakmp.vid_string',
    owner: 'isakmp',
    oracle: (r) => r['isakmp.vid_string'],
    ours: (f) => join(payloads(f).flatMap((p) => (p.type === 'vendor-id' ? [p.name ?? 'Unknown Vendor ID'] : []))),
  },
];
