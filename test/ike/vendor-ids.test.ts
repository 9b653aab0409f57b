// The Vendor ID table against tshark 4.0.17 itself: fixtures/vendor-ids.pcap carries every
// table entry exactly, extended by 4 bytes and one byte short (plus an unknown ID);
// fixtures/vendor-ids.tshark.txt is tshark's isakmp.vid_string for each frame.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import {
  msNt5Version,
  UNKNOWN_VENDOR_ID,
  VENDOR_IDS,
  vendorIdName,
  windowsReleaseFromVendorId,
} from '#shared/ike/vendor-ids.js';
import { isakmpDatagrams } from './udp-payloads.js';

const dir = new URL('fixtures/', import.meta.url).pathname;

describe('vendor IDs', () => {
  it('names every crafted Vendor ID exactly as tshark does (prefix match, first entry wins)', () => {
    const expected = readFileSync(`${dir}vendor-ids.tshark.txt`, 'utf8').split('\n').slice(0, -1);
    const grams = isakmpDatagrams(`${dir}vendor-ids.pcap`);
    expect(grams.length).toBe(VENDOR_IDS.length * 3 + 1);
    expect(expected.length).toBe(grams.length);
    const ours = grams.map((g) => {
      const [msg] = decodeIsakmp(g.data, g.frame).messages;
      const vid = msg.payloads[0];
      return vid.type === 'vendor-id' ? (vid.name ?? UNKNOWN_VENDOR_ID) : `not a VID: ${vid.type}`;
    });
    expect(ours).toEqual(expected);
    // The comparison is not vacuous: tshark named most of them.
    expect(expected.filter((n) => n !== UNKNOWN_VENDOR_ID).length).toBeGreaterThan(VENDOR_IDS.length * 2);
  });

  it('looks names up by hex in any case; unknown stays undefined', () => {
    expect(vendorIdName('4A131C81070358455C5728F20E95452F')).toBe('RFC 3947 Negotiation of NAT-Traversal in the IKE');
    expect(vendorIdName('afcad71368a1f1c96b8696fc77570100')).toBe('RFC 3706 DPD (Dead Peer Detection)');
    // MD5("FRAGMENTATION") alone and with Cisco's 0x80000000 suffix: the shorter entry comes first.
    expect(vendorIdName('4048b7d56ebce88525e7de7f00d6c2d3')).toBe('Cisco Fragmentation');
    expect(vendorIdName('4048b7d56ebce88525e7de7f00d6c2d380000000')).toBe('Cisco Fragmentation');
    // draft-beaulieu (16 bytes) is listed before its 8-byte XAUTH prefix.
    expect(vendorIdName('09002689dfd6b71280a224dec33b81e5')).toBe('draft-beaulieu-ike-xauth-02.txt');
    expect(vendorIdName('09002689dfd6b712ffffffffffffffff')).toBe('XAUTH');
    expect(vendorIdName('12f5f28c457168a9702d9fe274cc0100')).toBe('CISCO-UNITY');
    expect(vendorIdName('')).toBeUndefined();
    expect(vendorIdName('00112233445566778899aabbccddeeff')).toBeUndefined();
  });

  it('reads the Windows release from MS NT5 ISAKMPOAKLEY', () => {
    const ms = '1e2b516905991c7d7c96fcbfb587e461';
    expect(vendorIdName(`${ms}00000009`)).toBe('MS NT5 ISAKMPOAKLEY');
    expect(msNt5Version(`${ms}00000009`)).toBe(9);
    expect(windowsReleaseFromVendorId(`${ms}00000002`)).toBe('Windows 2000');
    expect(windowsReleaseFromVendorId(`${ms}00000005`)).toBe('Windows Vista');
    expect(windowsReleaseFromVendorId(`${ms}0000002a`)).toBe('MS NT5 ISAKMPOAKLEY version 42');
    // The bare MD5 carries no version; other IDs are not Windows.
    expect(windowsReleaseFromVendorId(ms)).toBeUndefined();
    expect(windowsReleaseFromVendorId('4a131c81070358455c5728f20e95452f')).toBeUndefined();
  });
});
