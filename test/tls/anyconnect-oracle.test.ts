// TCP flags and retransmitted SYNs, TLS handshake fields (versions, suites, SNI, session ID,
// the certificate chain's names, SANs and validity) and DTLS records of every real AnyConnect
// capture, cell by cell against tshark 4.0's decode of the same bytes (tshark-tls.tsv beside each
// capture, made with -d udp.port==443,dtls by scripts/scenarios/anyconnect-oracle.sh).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame, TlsHandshakeMessage } from '#shared/decode/types.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');
const CASES = readdirSync(SC).filter((d) => d.startsWith('anyconnect-') && existsSync(join(SC, d, 'tshark-tls.tsv')));

type Row = Record<string, string>;

function readTsv(path: string): Row[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const cols = header.split('\t');
  return rows.map((r) => {
    const cells = r.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

async function decodeAll(path: string): Promise<DecodedFrame[]> {
  // TLS and DTLS on a port of their own too (anyconnect-port8443-*), as tshark is told with -d.
  const decoder = createFrameDecoder({ tlsOnAnyPort: true });
  const frames: DecodedFrame[] = [];
  async function* source() {
    yield new Uint8Array(readFileSync(path));
  }
  await readCapture(source(), (raw) => frames.push(decoder.decode(raw)));
  return frames;
}

const hex4 = (n: number) => '0x' + n.toString(16).padStart(4, '0');
const list = (xs: (string | number)[]) => xs.join(',');
const tlsHs = (f: DecodedFrame): TlsHandshakeMessage[] => (f.tls ?? []).flatMap((r) => r.handshakes ?? []);
const dtlsHs = (f: DecodedFrame): TlsHandshakeMessage[] =>
  (f.dtls ?? []).flatMap((r) => (r.handshake ? [r.handshake] : []));
const hellos = (hs: TlsHandshakeMessage[]) => hs.filter((h) => h.type === 1 || h.type === 2);
const certs = (f: DecodedFrame) => tlsHs(f).flatMap((h) => h.certificates ?? []);
/** tshark prints validity as "2026-11-01 00:00:00 (UTC)". */
const tsharkTime = (iso: string) => iso.replace('T', ' ').replace('Z', ' (UTC)');
/** Values of one DN in wire order, without the TYPE= (tshark lists values by string type). */
const dnValues = (dn: string) => (dn ? dn.split(', ').map((p) => p.slice(p.indexOf('=') + 1)) : []);
const sorted = (s: string) => (s ? s.split(',').sort().join(',') : '');

/** Each compared cell: how tshark's row and our frame give it. */
/** An ICMP error's quoted datagram: tshark lists its IP and UDP fields after the outer ones. */
const withQuote = (outer: string | number | undefined, quoted: string | number | undefined) =>
  [outer, quoted].filter((x) => x !== undefined).join(',');

const CELLS: { name: string; oracle: (r: Row) => string; ours: (f: DecodedFrame) => string }[] = [
  { name: 'ip.src', oracle: (r) => r['ip.src'], ours: (f) => withQuote(f.ip?.src, f.icmp?.quoted?.src) },
  { name: 'ip.dst', oracle: (r) => r['ip.dst'], ours: (f) => withQuote(f.ip?.dst, f.icmp?.quoted?.dst) },
  { name: 'tcp.srcport', oracle: (r) => r['tcp.srcport'], ours: (f) => String(f.tcp?.srcPort ?? '') },
  { name: 'tcp.dstport', oracle: (r) => r['tcp.dstport'], ours: (f) => String(f.tcp?.dstPort ?? '') },
  {
    name: 'udp.srcport',
    oracle: (r) => r['udp.srcport'],
    ours: (f) => String(f.udp?.srcPort ?? (f.icmp?.quoted?.protocol === 17 ? (f.icmp.quoted.srcPort ?? '') : '')),
  },
  {
    name: 'udp.dstport',
    oracle: (r) => r['udp.dstport'],
    ours: (f) => String(f.udp?.dstPort ?? (f.icmp?.quoted?.protocol === 17 ? (f.icmp.quoted.dstPort ?? '') : '')),
  },
  { name: 'tcp.flags', oracle: (r) => r['tcp.flags'], ours: (f) => (f.tcp ? hex4(f.tcp.flags) : '') },
  { name: 'tcp.len', oracle: (r) => r['tcp.len'], ours: (f) => String(f.tcp?.payloadLength ?? '') },
  {
    name: 'tcp.analysis.retransmission',
    oracle: (r) => (r['tcp.analysis.retransmission'] ? '1' : ''),
    ours: (f) => (f.tcp?.retransmission ? '1' : ''),
  },
  {
    // TLS 1.3's encrypted records are tshark's opaque_type; they follow the frame's clear ones.
    name: 'tls.record.content_type',
    oracle: (r) => [r['tls.record.content_type'], r['tls.record.opaque_type']].filter(Boolean).join(','),
    ours: (f) => list((f.tls ?? []).map((r) => r.contentType)),
  },
  {
    name: 'tls.handshake.type',
    oracle: (r) => r['tls.handshake.type'],
    ours: (f) => list(tlsHs(f).map((h) => h.type)),
  },
  {
    name: 'tls.handshake.version',
    oracle: (r) => r['tls.handshake.version'],
    ours: (f) => list(hellos(tlsHs(f)).flatMap((h) => (h.version !== undefined ? [hex4(h.version)] : []))),
  },
  {
    name: 'tls.handshake.extensions.supported_version',
    oracle: (r) => r['tls.handshake.extensions.supported_version'],
    ours: (f) => list(tlsHs(f).flatMap((h) => (h.supportedVersions ?? []).map(hex4))),
  },
  {
    name: 'tls.handshake.session_id_length',
    oracle: (r) => r['tls.handshake.session_id_length'],
    ours: (f) => list(hellos(tlsHs(f)).flatMap((h) => (h.sessionIdLength !== undefined ? [h.sessionIdLength] : []))),
  },
  {
    name: 'tls.handshake.extensions_server_name',
    oracle: (r) => r['tls.handshake.extensions_server_name'],
    ours: (f) => list(tlsHs(f).flatMap((h) => (h.serverName !== undefined ? [h.serverName] : []))),
  },
  {
    name: 'tls.handshake.ciphersuite',
    oracle: (r) => r['tls.handshake.ciphersuite'],
    ours: (f) =>
      list(tlsHs(f).flatMap((h) => (h.cipherSuites ?? (h.cipherSuite !== undefined ? [h.cipherSuite] : [])).map(hex4))),
  },
  {
    name: 'tls.alert_message.level',
    oracle: (r) => r['tls.alert_message.level'],
    ours: (f) => list((f.tls ?? []).flatMap((r) => (r.alert ? [r.alert.level] : []))),
  },
  {
    name: 'tls.alert_message.desc',
    oracle: (r) => r['tls.alert_message.desc'],
    ours: (f) => list((f.tls ?? []).flatMap((r) => (r.alert ? [r.alert.description] : []))),
  },
  {
    // tshark splits the RDN values by string type (UTF8String / PrintableString); we keep the
    // values, so the two columns together are compared as one multiset.
    name: 'x509sat (issuer and subject values)',
    oracle: (r) => sorted([r['x509sat.uTF8String'], r['x509sat.printableString']].filter(Boolean).join(',')),
    // Also the CAs a CertificateRequest names (tshark lists their values in the same fields).
    ours: (f) =>
      sorted(
        list([
          ...certs(f).flatMap((c) => [...dnValues(c.issuer), ...dnValues(c.subject)]),
          ...tlsHs(f).flatMap((h) => (h.acceptedIssuers ?? []).flatMap(dnValues)),
        ]),
      ),
  },
  { name: 'x509ce.dNSName', oracle: (r) => r['x509ce.dNSName'], ours: (f) => list(certs(f).flatMap((c) => c.sans)) },
  {
    name: 'x509af validity (utcTime, generalizedTime)',
    oracle: (r) => sorted([r['x509af.utcTime'], r['x509af.generalizedTime']].filter(Boolean).join(',')),
    ours: (f) =>
      sorted(list(certs(f).flatMap((c) => [c.notBefore, c.notAfter].flatMap((t) => (t ? [tsharkTime(t)] : []))))),
  },
  {
    name: 'dtls.record.content_type',
    oracle: (r) => r['dtls.record.content_type'],
    ours: (f) => list((f.dtls ?? []).map((r) => r.contentType)),
  },
  {
    name: 'dtls.handshake.type',
    oracle: (r) => r['dtls.handshake.type'],
    ours: (f) => list(dtlsHs(f).map((h) => h.type)),
  },
  {
    name: 'dtls.handshake.version',
    oracle: (r) => r['dtls.handshake.version'],
    ours: (f) => list(dtlsHs(f).flatMap((h) => (h.version !== undefined ? [hex4(h.version)] : []))),
  },
  {
    name: 'dtls.handshake.session_id_length',
    oracle: (r) => r['dtls.handshake.session_id_length'],
    ours: (f) => list(dtlsHs(f).flatMap((h) => (h.sessionIdLength !== undefined ? [h.sessionIdLength] : []))),
  },
  {
    name: 'dtls.handshake.ciphersuite',
    oracle: (r) => r['dtls.handshake.ciphersuite'],
    ours: (f) =>
      list(
        dtlsHs(f).flatMap((h) => (h.cipherSuites ?? (h.cipherSuite !== undefined ? [h.cipherSuite] : [])).map(hex4)),
      ),
  },
];

/**
 * Cells where we differ from tshark on purpose, by capture and frame: each must occur (a stale
 * entry fails too), and none is counted as equal.
 */
const DOCUMENTED: Record<string, string> = {
  'anyconnect-dtls-nat-rebind-recovers #57 dtls.record.content_type':
    "tshark decodes the DTLS record inside an ICMP port unreachable's quote; we keep the quote's addresses and ports only",
};

interface Tally {
  compared: number;
  nonEmpty: number;
  equal: number;
}

const results = new Map<
  string,
  { frames: number; rows: number; mismatches: string[]; tally: Map<string, Tally>; documented: number }
>();

describe('AnyConnect captures: TCP, TLS and DTLS fields as tshark decodes them', () => {
  it('has the capture engineer\u2019s AnyConnect captures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(CASES)('%s', async (c) => {
    const rows = readTsv(join(SC, c, 'tshark-tls.tsv'));
    const frames = await decodeAll(join(SC, c, 'capture.pcap'));
    const tally = new Map<string, Tally>(CELLS.map((x) => [x.name, { compared: 0, nonEmpty: 0, equal: 0 }]));
    const mismatches: string[] = [];
    const documented: string[] = [];
    frames.forEach((f, i) => {
      const row = rows[i];
      if (!row) return;
      for (const cell of CELLS) {
        const want = cell.oracle(row);
        const got = cell.ours(f);
        const t = tally.get(cell.name)!;
        t.compared++;
        if (want !== '' || got !== '') t.nonEmpty++;
        if (want === got) t.equal++;
        else if (`${c} #${f.number} ${cell.name}` in DOCUMENTED) documented.push(`${c} #${f.number} ${cell.name}`);
        else mismatches.push(`#${f.number} ${cell.name}: tshark=${JSON.stringify(want)} ours=${JSON.stringify(got)}`);
      }
    });
    results.set(c, { frames: frames.length, rows: rows.length, mismatches, tally, documented: documented.length });
    expect(frames.length).toBe(rows.length);
    expect(mismatches).toEqual([]);
    expect(documented).toEqual(Object.keys(DOCUMENTED).filter((k) => k.startsWith(`${c} #`)));
  });

  it('agreement figures', () => {
    const total: Tally = { compared: 0, nonEmpty: 0, equal: 0 };
    const perField = new Map<string, Tally>();
    for (const r of results.values())
      for (const [name, t] of r.tally) {
        const p = perField.get(name) ?? { compared: 0, nonEmpty: 0, equal: 0 };
        p.compared += t.compared;
        p.nonEmpty += t.nonEmpty;
        p.equal += t.equal;
        perField.set(name, p);
        total.compared += t.compared;
        total.nonEmpty += t.nonEmpty;
        total.equal += t.equal;
      }
    const lines = ['', 'AnyConnect oracle (tshark-tls.tsv): field  compared  non-empty  equal'];
    for (const [name, t] of perField) lines.push(`  ${name.padEnd(44)} ${t.compared} ${t.nonEmpty} ${t.equal}`);
    const frames = [...results.values()].reduce((n, r) => n + r.frames, 0);
    const documented = [...results.values()].reduce((n, r) => n + r.documented, 0);
    lines.push(
      `TOTAL: ${results.size} captures, ${frames} frames, ${total.compared} cells compared, ` +
        `${total.nonEmpty} non-empty, ${total.equal} equal, ${documented} documented differences`,
    );
    console.log(lines.join('\n'));
    expect(total.equal + documented).toBe(total.compared);
  });
});
