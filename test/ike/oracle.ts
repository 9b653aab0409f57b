// Test-only: reads the tshark oracle TSVs (test/fixtures/public/oracle/README.md) and renders
// our decoded messages into the same field strings, so the two can be compared cell by cell.
import { readFileSync } from 'node:fs';
import type { IsakmpMessage } from '#shared/ike/types.js';
import { UNKNOWN_VENDOR_ID } from '#shared/ike/vendor-ids.js';

export const FIXTURES = new URL('../fixtures/public/', import.meta.url).pathname;

export type OracleRow = Record<string, string>;

export function readOracle(capture: string): Map<number, OracleRow> {
  const lines = readFileSync(`${FIXTURES}oracle/${capture}.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const names = lines[0].split('\t');
  const rows = new Map<number, OracleRow>();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const row: OracleRow = {};
    names.forEach((n, i) => {
      row[n] = cells[i] ?? '';
    });
    rows.set(Number(row['frame.number']), row);
  }
  return rows;
}

/** The isakmp.* columns we compare. */
export const FIELDS = [
  'isakmp.ispi',
  'isakmp.rspi',
  'isakmp.nextpayload',
  'isakmp.version',
  'isakmp.exchangetype',
  'isakmp.messageid',
  'isakmp.length',
  'isakmp.notify.msgtype',
  'isakmp.vid_string',
  'isakmp.flags',
  'isakmp.typepayload',
] as const;

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * Our messages as tshark would print these columns. `captured` is the number of ISAKMP bytes
 * in the datagram: tshark prints no isakmp.length (and walks no payloads) for a message whose
 * length field exceeds the bytes captured, as its bounds check throws first.
 */
export function renderFields(messages: IsakmpMessage[], captured: number): Record<(typeof FIELDS)[number], string> {
  const col = (f: (m: IsakmpMessage) => string[]): string => messages.flatMap(f).join(',');
  const whole = (m: IsakmpMessage): boolean => m.length <= captured;
  return {
    'isakmp.ispi': col((m) => [m.ispi]),
    'isakmp.rspi': col((m) => [m.rspi]),
    'isakmp.nextpayload': col((m) => [String(m.nextPayload), ...(whole(m) ? nextPayloadWalk(m) : [])]),
    'isakmp.version': col((m) => [hex2((m.majorVersion << 4) | Number(m.version.split('.')[1]))]),
    'isakmp.exchangetype': col((m) => (m.majorVersion === 1 || m.majorVersion === 2 ? [String(m.exchangeType)] : [])),
    'isakmp.messageid': col((m) => [`0x${m.messageId}`]),
    // A length so large that length-28 is negative as a C int is printed as "bogus" before the check.
    'isakmp.length': col((m) => (whole(m) || m.length - 28 > 0x7fffffff ? [String(m.length)] : [])),
    'isakmp.notify.msgtype': col((m) =>
      whole(m) ? m.payloads.flatMap((p) => (p.type === 'notify' ? [String(p.notifyType)] : [])) : [],
    ),
    'isakmp.vid_string': col((m) =>
      whole(m) ? m.payloads.flatMap((p) => (p.type === 'vendor-id' ? [p.name ?? UNKNOWN_VENDOR_ID] : [])) : [],
    ),
    'isakmp.flags': col((m) => [hex2(m.flags)]),
    'isakmp.typepayload': col((m) => (whole(m) ? typeWalk(m) : [])),
  };
}

/** Payload types in tree order, proposals (2) and transforms (3) nested in their SA. */
function typeWalk(m: IsakmpMessage): string[] {
  return m.payloads.flatMap((p) => [
    String(p.payloadType),
    ...(p.type === 'sa' ? p.proposals.flatMap((pr) => ['2', ...pr.transforms.map(() => '3')]) : []),
  ]);
}

function nextPayloadWalk(m: IsakmpMessage): string[] {
  return m.payloads.flatMap((p) => [
    String(p.nextPayload),
    ...(p.type === 'sa'
      ? p.proposals.flatMap((pr) => [String(pr.nextPayload), ...pr.transforms.map((t) => String(t.nextPayload))])
      : []),
  ]);
}
