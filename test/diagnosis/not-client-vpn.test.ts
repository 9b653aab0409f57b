// NOT_CLIENT_VPN by vendor ID: a responder that names another product is not a Meraki MX. Read on
// the real vendor IDs of arkime's IKEv1 capture: 2003:51:6012::4 names itself Fortigate (with DPD
// and Cisco fragmentation, frame 1 of its main mode), 2003:51:6012::2 only DPD and one unknown
// ID (as tshark shows them). Each list is put where the rule reads the responder's.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { IsakmpMessage } from '#shared/ike/types.js';
import { createIkeSession } from '#shared/diagnosis/ike-session.js';
import { notClientVpn, notClientVpnReason } from '#shared/diagnosis/rules/secondary.js';
import { ikeFacts } from '#shared/diagnosis/session-diagnosis.js';

const CAPTURE = join(__dirname, '../fixtures/public/arkime__IKEv1.pcap');

/** The first cleartext main mode message each host sent with vendor IDs. */
async function firstWithVendorIds(): Promise<Map<string, IsakmpMessage>> {
  const d = createFrameDecoder();
  const out = new Map<string, IsakmpMessage>();
  await readCapture(createReadStream(CAPTURE), (raw) => {
    const f = d.decode(raw);
    const m = f.isakmp?.[0];
    if (m && f.ip && !out.has(f.ip.src) && m.payloads.some((p) => p.type === 'vendor-id')) out.set(f.ip.src, m);
  });
  return out;
}

function factsWithResponderPayloads(m: IsakmpMessage) {
  const s = createIkeSession({
    key: 'k',
    pair: 'a|b',
    id: m.ispi,
    ispi: m.ispi,
    rspi: m.rspi,
    version: 1,
    clientIp: '192.0.2.10',
    clientPort: 500,
    responderIp: '198.51.100.1',
    responderPort: 500,
    rolesBy: 'initiator-message',
    sawOpener: true,
    timeSec: 0,
    timeNsec: 0,
  });
  s.mxSaPayloads = m.payloads;
  return ikeFacts(s, [], { startSec: 0, startNsec: 0, endSec: 10, endNsec: 0 });
}

describe('NOT_CLIENT_VPN from the responder vendor IDs', () => {
  it('names Fortinet for a responder that sends the Fortigate vendor ID', async () => {
    const byHost = await firstWithVendorIds();
    const f = factsWithResponderPayloads(byHost.get('2003:51:6012::4')!);
    expect(notClientVpnReason(f)).toEqual({ why: 'vendor-id', product: 'Fortinet' });
    expect(notClientVpn(f)?.evidence.details).toEqual({ why: 'vendor-id', product: 'Fortinet' });
  });

  it('claims nothing for vendor IDs that name no other product (DPD, unknown)', async () => {
    const byHost = await firstWithVendorIds();
    const f = factsWithResponderPayloads(byHost.get('2003:51:6012::2')!);
    expect(notClientVpnReason(f)).toBeNull();
    expect(notClientVpn(f)).toBeNull();
  });
});
