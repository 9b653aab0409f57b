import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDns, decodeDnsTcp } from '#shared/dns/decode.js';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex'));
}

// Response for "www.meraki.com A" with CNAME, A, AAAA, MX and TXT answers, all using
// compression pointers back to the question name at offset 12 or into earlier answers.
const RESPONSE = hex(`
  beef                # id
  8180                # flags: QR=1, opcode 0, RD, RA, rcode 0
  0001 0005 0000 0000 # qdcount 1, ancount 5, nscount 0, arcount 0
  03 777777 06 6d6572616b69 03 636f6d 00   # offset 12: www.meraki.com
  0001 0001           # type A, class IN
  c00c 0005 0001 0000012c 0006             # www.meraki.com CNAME ttl 300 rdlength 6
    03 63646e c010                         # offset 44: cdn.<meraki.com at 16>
  c02c 0001 0001 0000003c 0004 c6336401    # cdn.meraki.com A ttl 60 198.51.100.1
  c02c 001c 0001 0000003c 0010 20010db8000000000000000000000001  # AAAA 2001:db8::1
  c010 000f 0001 00000e10 0007 000a 026d78 c010   # meraki.com MX 10 mx.meraki.com
  c010 0010 0001 00000e10 000c 05 763d7370 66 05 61 0a 62 0d 63  # TXT "v=spf" "a\\nb\\rc"
`);

describe('decodeDns', () => {
  it('decodes header, question and the rendered answers', () => {
    const { message, anomalies } = decodeDns(RESPONSE, 4);
    expect(anomalies).toEqual([]);
    expect(message).toEqual({
      id: 0xbeef,
      response: true,
      opcode: 0,
      rcode: 0,
      questions: [{ name: 'www.meraki.com', type: 1, class: 1 }],
      answers: [
        { name: 'www.meraki.com', type: 5, ttl: 300, data: 'cdn.meraki.com' },
        { name: 'cdn.meraki.com', type: 1, ttl: 60, data: '198.51.100.1' },
        { name: 'cdn.meraki.com', type: 28, ttl: 60, data: '2001:db8::1' },
        { name: 'meraki.com', type: 15, ttl: 3600, data: '10 mx.meraki.com' },
        { name: 'meraki.com', type: 16, ttl: 3600, data: '"v=spf" "a\\\\x0ab\\\\x0dc"' },
      ],
    });
  });

  it('reads NXDOMAIN and SERVFAIL rcodes', () => {
    const nx = RESPONSE.slice(0, 32);
    nx[3] = 0x83;
    nx[7] = 0; // rcode 3, no answers
    expect(decodeDns(nx, 1).message).toMatchObject({ rcode: 3, answers: [] });
    nx[3] = 0x82;
    expect(decodeDns(nx, 1).message!.rcode).toBe(2);
  });

  it('refuses a compression pointer loop', () => {
    const loop = hex(`
      0001 0100 0001 0000 0000 0000  # query, one question
      c00c 0001 0001                 # name is a pointer to itself (offset 12)
    `);
    const { message, anomalies } = decodeDns(loop, 9);
    expect(message!.questions).toEqual([]);
    expect(anomalies).toEqual([expect.objectContaining({ layer: 'dns', code: 'bad-name', frame: 9 })]);
    expect(anomalies[0].message).toContain('loop');
  });

  it('refuses a name longer than 255 octets', () => {
    const label = '3f' + '61'.repeat(63);
    const long = hex(`0001 0100 0001 0000 0000 0000 ${label.repeat(5)} 00 0001 0001`);
    const { anomalies } = decodeDns(long, 1);
    expect(anomalies[0].message).toContain('longer than 255');
  });

  it('reports a truncated answer and keeps what came before', () => {
    const { message, anomalies } = decodeDns(RESPONSE.subarray(0, 60), 1);
    expect(message!.questions).toHaveLength(1);
    expect(message!.answers.map((a) => a.type)).toEqual([5]);
    expect(anomalies.map((a) => a.code)).toEqual(['truncated-answer']);
  });

  it('decodes DNS over TCP after the 2-byte length prefix', () => {
    const tcp = new Uint8Array([RESPONSE.length >> 8, RESPONSE.length & 0xff, ...RESPONSE]);
    expect(decodeDnsTcp(tcp, 1)).toEqual(decodeDns(RESPONSE, 1));
    const short = decodeDnsTcp(tcp.subarray(0, 40), 1);
    expect(short.anomalies.map((a) => a.code)).toContain('truncated-message');
  });

  it('never throws on random bytes, truncations or mutations', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const { message } = decodeDns(bytes, 1);
        expect(message === undefined).toBe(bytes.length < 12);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, mutations) => {
          const bytes = RESPONSE.slice(0, cut % (RESPONSE.length + 1));
          for (const [at, v] of mutations) if (bytes.length) bytes[at % bytes.length] = v;
          const { message } = decodeDns(bytes, 1);
          for (const q of message?.questions ?? []) expect(q.name.length).toBeLessThan(1100);
          decodeDnsTcp(bytes, 1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
