// The NAT-D computation, checked against captures where the NAT is known: the lab's client
// 192.0.2.10 is masqueraded to 198.51.100.2 by a router we built; the no-NAT client is routed.
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';
import { natDHash } from '#shared/diagnosis/nat-detection.js';
import { isWindowsClient } from '#shared/diagnosis/fingerprint.js';
import { catalogText } from '#shared/diagnosis/catalog.js';
import { ipBytes } from '#shared/net/address-bytes.js';
import { analyzeFile } from './analyze-file.js';

const SC = join(__dirname, '../fixtures/scenarios');
const PUB = join(__dirname, '../fixtures/public');

async function frames(path: string): Promise<DecodedFrame[]> {
  const d = createFrameDecoder();
  const out: DecodedFrame[] = [];
  await readCapture(createReadStream(path), (raw) => out.push(d.decode(raw)));
  return out;
}

function natd(f: DecodedFrame): string[] {
  return (f.isakmp?.[0].payloads ?? []).flatMap((p) => (p.type === 'natd' ? [p.hex] : []));
}

describe('NAT-D: HASH(CKY-I | CKY-R | IP | port)', () => {
  it('reproduces the hashes of a routed client exactly (wrong-psk-no-nat, SHA1)', async () => {
    const fs = await frames(join(SC, 'wrong-psk-no-nat/capture.pcap'));
    const mm3 = fs.find((f) => f.isakmp?.[0].nextPayload === 4 && f.isakmp[0].exchangeType === 2)!;
    const m = mm3.isakmp![0];
    const [peer, ...own] = natd(mm3);
    // The first hash is the MX's address as the client sees it, the rest the client's own.
    expect(natDHash('sha1', m.ispi, m.rspi, mm3.ip!.dst, mm3.udp!.dstPort)).toBe(peer);
    expect(own).toContain(natDHash('sha1', m.ispi, m.rspi, mm3.ip!.src, mm3.udp!.srcPort));
  });

  // The failure cases run charon without kernel-libipsec, whose forced UDP encapsulation fakes
  // the hashes (LAB-NOTES): their NAT-D is genuine.
  it('shows the masquerading router: the client hashed its private address (wrong-psk-nat)', async () => {
    const fs = await frames(join(SC, 'wrong-psk-nat/capture.pcap'));
    const mm3 = fs.find((f) => f.isakmp?.[0].nextPayload === 4 && f.ip?.src === '198.51.100.2')!;
    const m = mm3.isakmp![0];
    const [peer, ...own] = natd(mm3);
    expect(natDHash('sha1', m.ispi, m.rspi, mm3.ip!.dst, mm3.udp!.dstPort)).toBe(peer);
    expect(own).not.toContain(natDHash('sha1', m.ispi, m.rspi, '198.51.100.2', mm3.udp!.srcPort));
    expect(own).toContain(natDHash('sha1', m.ispi, m.rspi, '192.0.2.10', 500));
  });

  it('gives the known NAT per session in the reports', async () => {
    expect((await analyzeFile(join(SC, 'wrong-psk-no-nat/capture.pcap'))).sessions[0].nat.client).toBe(false);
    expect((await analyzeFile(join(SC, 'wrong-psk-nat/capture.pcap'))).sessions[0].nat).toEqual({
      client: true,
      responder: false,
    });
    // Seen from the client's side of the NAT, the MX's view of the client gives it away.
    const inside = await analyzeFile(join(SC, 'udp4500-blocked-client-side/capture.pcap'));
    expect(inside.sessions[0].nat.client).toBe(true);
    expect(inside.sessions[0].findings.find((f) => f.code === 'NAT_DETECTED')?.evidence.details?.captureSide).toBe(
      'client',
    );
  });

  // The lab's MX (198.51.100.1) behind a router that forwards what the client sends to
  // 198.51.100.50: the client hashes the address it dialled, the capture shows the MX's own.
  it('tells an MX behind a port forward by the client hashing the address it dialled', async () => {
    const fs = await frames(join(SC, 'mx-behind-nat-4500-not-forwarded/capture.pcap'));
    const mm3 = fs.find((f) => f.isakmp?.[0].nextPayload === 4 && f.ip?.src === '198.51.100.2')!;
    const m = mm3.isakmp![0];
    const sha1 = (ip: number[], port: number) =>
      createHash('sha1')
        .update(Buffer.from(m.ispi + m.rspi, 'hex'))
        .update(Buffer.from([...ip, port >> 8, port & 0xff]))
        .digest('hex');
    const [peer] = natd(mm3);
    expect(peer).toBe(sha1([198, 51, 100, 50], 500));
    expect(peer).not.toBe(sha1([198, 51, 100, 1], 500));

    const nat = async (c: string) => {
      const s = (await analyzeFile(join(SC, c, 'capture.pcap'))).sessions[0];
      const f = s.findings.find((x) => x.code === 'NAT_T_BLOCKED')!;
      return { details: f.evidence.details, firstCheck: f.checklist.en[0], explanation: f.explanation.en };
    };
    const forwarded = await nat('mx-behind-nat-4500-not-forwarded');
    expect(forwarded.details?.mxBehindPortForward).toBe(true);
    expect(forwarded.firstCheck).toMatch(/forwarded to it upstream/);
    expect(forwarded.explanation).toMatch(/NAT in front of the MX/);
    // The client's own router dropping 4500, the MX not behind NAT: no forward named.
    const clientSide = await nat('udp4500-blocked');
    expect(clientSide.details?.mxBehindPortForward).toBeUndefined();
    expect(clientSide.firstCheck).toMatch(/every firewall/);
    expect(clientSide.explanation).not.toMatch(/NAT in front of the MX/);
  });

  // No Windows capture behind a forwarded MX here: Windows' own client is told by its vendor ID in
  // a real capture, and the wording for it read from the catalog.
  it('names Windows as the other suspect when the client is Windows', async () => {
    // The first message: the client's offer with its vendor IDs (IKEv2 in zeek's Windows capture).
    const sa = (fs: DecodedFrame[]) => fs.find((f) => f.isakmp)?.isakmp?.[0].payloads;
    expect(isWindowsClient(sa(await frames(join(PUB, 'zeek-spicy-ipsec__ipsec_client.pcap'))))).toBe(true);
    expect(isWindowsClient(sa(await frames(join(SC, 'mx-behind-nat-4500-not-forwarded/capture.pcap'))))).toBe(false);
    const t = catalogText('NAT_T_BLOCKED', { captureSide: 'mx', sent: 0, mxForwarded: true, windowsClient: true });
    expect(t.checklist.en[0]).toMatch(/AssumeUDPEncapsulationContextOnSendRule/);
    expect(t.checklist.ja[0]).toMatch(/AssumeUDPEncapsulationContextOnSendRule/);
    expect(t.explanation.en).toMatch(/either it does not pass UDP 4500, or Windows/);
    expect(t.explanation.ja).toMatch(/Windows が MM5 を送信しなかった/);
  });

  it('checks IKEv2 NAT_DETECTION_SOURCE_IP too (nDPI capture with NATed ports 10500/14500)', async () => {
    const r = await analyzeFile(join(__dirname, '../fixtures/public/nDPI__ipsec_isakmp_esp.pcap'));
    expect(r.sessions.some((s) => s.nat.client === true)).toBe(true);
  });

  it('hashes CKY-I | CKY-R | IP | port byte for byte, IPv6 too (RFC 3947 3.2), and refuses a malformed SPI', () => {
    const ispi = '0123456789abcdef';
    const rspi = 'fedcba9876543210';
    // The RFC's input written out here, byte by byte: 8 + 8 + 16 + 2 bytes for an IPv6 peer.
    const v6 = Buffer.from(
      `${ispi}${rspi}20010db8000000000000000000000001${(4500).toString(16).padStart(4, '0')}`,
      'hex',
    );
    expect(natDHash('sha1', ispi, rspi, '2001:db8::1', 4500)).toBe(createHash('sha1').update(v6).digest('hex'));
    const v4 = Buffer.from(`${ispi}${rspi}c0000201${(500).toString(16).padStart(4, '0')}`, 'hex');
    expect(natDHash('md5', ispi, rspi, '192.0.2.1', 500)).toBe(createHash('md5').update(v4).digest('hex'));
    // The IPv6 hash first, then IPv4 again: one computation must not leak into the next.
    expect(natDHash('sha1', ispi, rspi, '192.0.2.1', 500)).toBe(createHash('sha1').update(v4).digest('hex'));
    expect(natDHash('sha1', '0123456789ABCDEF', rspi, '192.0.2.1', 500)).toBeNull();
    expect(natDHash('sha1', ispi, rspi.slice(2), '192.0.2.1', 500)).toBeNull();
    expect(natDHash('sha1', ispi, rspi, '192.0.2', 500)).toBeNull();
  });

  it('encodes addresses as the RFC says (4 or 16 bytes)', () => {
    expect([...ipBytes('198.51.100.2')!]).toEqual([198, 51, 100, 2]);
    expect(Buffer.from(ipBytes('2001:db8::1')!).toString('hex')).toBe('20010db8000000000000000000000001');
    expect(ipBytes('300.1.1.1')).toBeNull();
  });
});
