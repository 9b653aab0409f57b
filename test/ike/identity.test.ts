// ID payload rendering, including hostile identities: the value is always printable text with
// control characters escaped, whatever the peer sent.
import { describe, expect, it } from 'vitest';
import { decodeIsakmp } from '#shared/ike/decode.js';
import { h, message } from './build.js';

const utf8Hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

/** IKEv1 ID payload: type, protocol 17, port 500, data. */
function idValue(idType: number, dataHex: string, version = 0x10): { value: string; protocol?: number; port?: number } {
  const head =
    version === 0x20
      ? h(idType.toString(16).padStart(2, '0'), '000000')
      : h(idType.toString(16).padStart(2, '0'), '11', '01f4');
  const { messages, anomalies } = decodeIsakmp(
    message({ version, exchange: version === 0x20 ? 35 : 2, first: version === 0x20 ? 35 : 5 }, [
      { type: version === 0x20 ? 35 : 5, body: head + dataHex },
    ]),
    1,
  );
  expect(anomalies).toEqual([]);
  const p = messages[0].payloads[0];
  if (p.type !== 'id') throw new Error(p.type);
  return { value: p.value, protocol: p.protocol, port: p.port };
}

describe('identification payloads', () => {
  it('addresses, subnets and ranges', () => {
    expect(idValue(1, 'c0000201')).toEqual({ value: '192.0.2.1', protocol: 17, port: 500 });
    expect(idValue(4, h('c6336400', 'ffffff00')).value).toBe('198.51.100.0/24'); // subnet with contiguous mask
    expect(idValue(4, h('c6336400', 'ff00ff00')).value).toBe('198.51.100.0/255.0.255.0'); // odd mask kept as is
    expect(idValue(7, h('cb007101', 'cb0071fe')).value).toBe('203.0.113.1-203.0.113.254');
    expect(idValue(5, '20010db8000000000000000000000001').value).toBe('2001:db8::1');
    expect(idValue(6, h('20010db8000000000000000000000000', 'ffffffffffffffff0000000000000000')).value).toBe(
      '2001:db8::/64',
    );
    expect(idValue(8, h('20010db8000000000000000000000001', '20010db80000000000000000000000ff')).value).toBe(
      '2001:db8::1-2001:db8::ff',
    );
    expect(idValue(1, 'c00002').value).toBe('c00002'); // wrong size: hex, not a guessed address
  });

  it('FQDN, USER_FQDN, KEY_ID, DN', () => {
    expect(idValue(2, utf8Hex('vpn.example.com')).value).toBe('vpn.example.com');
    expect(idValue(3, utf8Hex('alice@example.com')).value).toBe('alice@example.com');
    expect(idValue(11, '6b65792d3031').value).toBe('6b65792d3031'); // KEY_ID stays opaque hex
    const dn = h(
      '3031', // SEQUENCE, 49 bytes
      '310b',
      '3009',
      '0603550406',
      '1302',
      '5553', // SET { C = "US" } (PrintableString)
      '3110',
      '300e',
      '060355040a',
      '0c07',
      utf8Hex('Example'), // SET { O = "Example" } (UTF8String)
      '3110',
      '300e',
      '0603550403',
      '0c07',
      utf8Hex('vpn-gw1'), // SET { CN = "vpn-gw1" }
    );
    expect(idValue(9, dn).value).toBe('C=US, O=Example, CN=vpn-gw1');
    expect(idValue(9, '3005deadbeef').value).toBe('3005deadbeef'); // not a DN: hex
    // IKEv2 layout: type and 3 reserved bytes, no protocol/port.
    expect(idValue(2, utf8Hex('gw.example.net'), 0x20)).toEqual({
      value: 'gw.example.net',
      protocol: undefined,
      port: undefined,
    });
  });

  it('hostile names: markup stays literal text, control characters are escaped', () => {
    const hostile = '<script>alert(1)</script>\u001b[31m\r\nroot\u0000@evil\\';
    const { value } = idValue(3, utf8Hex(hostile));
    expect(value).toBe('<script>alert(1)</script>\\x1b[31m\\x0d\\x0aroot\\x00@evil\\x5c');
    expect(value).not.toMatch(/[\u0000-\u001f\u007f]/);
    // Bidi override and C1 controls are made visible too.
    expect(idValue(2, utf8Hex('good\u202Egpj.exe\u0085')).value).toBe('good\\u{202e}gpj.exe\\x85');
    // Invalid UTF-8 falls back to Latin-1, byte for byte.
    expect(idValue(2, 'c0e9ff41').value).toBe('Àéÿ\u0041');
    // Very long names are cut and marked.
    const long = idValue(2, '41'.repeat(3000)).value;
    expect(long.length).toBe(1025);
    expect(long.endsWith('…')).toBe(true);
  });
});
