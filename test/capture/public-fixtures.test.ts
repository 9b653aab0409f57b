// The reader on the 40 public captures: chunk boundaries must not matter, and frame counts,
// lengths and timestamps must equal tshark's (test/fixtures/public/oracle/*.tsv).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURES, comparable, fixture, parse } from './collect.js';

interface OracleRow {
  number: number;
  timeEpoch: string;
  len: number;
  capLen: number;
}

function oracle(name: string): OracleRow[] {
  const lines = readFileSync(`${FIXTURE_DIR}oracle/${name}.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const header = lines[0].split('\t');
  const col = (field: string) => {
    const i = header.indexOf(field);
    if (i < 0) throw new Error(`oracle ${name} lacks ${field}`);
    return i;
  };
  const [n, t, len, cap] = ['frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len'].map(col);
  return lines.slice(1).map((line) => {
    const c = line.split('\t');
    return { number: Number(c[n]), timeEpoch: c[t], len: Number(c[len]), capLen: Number(c[cap]) };
  });
}

// Link types as capinfos 4.0.17 names them (`capinfos -E -T`), every file not Ethernet; the
// numbers are tcpdump.org's LINKTYPE_ registry (raw IP: 101, or 12/14 as BSDs write DLT_RAW).
const NOT_ETHERNET: Record<string, string> = {
  'suricata-verify__IKEv2_SA_INIT_2-8-weak.pcap': 'rawip',
  'tcpdump__RADIUS-RFC4675.pcap': 'linux-sll',
  'tcpdump__radius_rfc5447_invalid_length.pcap': 'linux-sll',
  'tcpdump__ikev2four.pcap': 'null',
  'tcpdump__ikev2pI2-segfault.pcapng': 'null',
  'tcpdump__ikev2pI2.pcap': 'null',
  'tcpdump__isakmp-identification-segfault.pcap': 'null',
  'zeek__radius_localhost.pcap': 'null',
};
const LINKTYPE_NUMBERS: Record<string, number[]> = { ether: [1], 'linux-sll': [113], null: [0], rawip: [12, 14, 101] };

describe('public captures', () => {
  it('has the 40 files the oracle describes', () => {
    expect(FIXTURES).toHaveLength(40);
  });

  describe.each(FIXTURES)('%s', (name) => {
    const bytes = fixture(name);

    it('gives identical frames and info in 1-byte, 7-byte, 4096-byte chunks and whole', () => {
      const whole = comparable(parse(bytes));
      expect(whole.frames.length).toBeGreaterThan(0);
      for (const size of [1, 7, 4096]) expect(comparable(parse(bytes, size))).toEqual(whole);
    });

    it('reports the link type capinfos reads', () => {
      const { frames, info } = parse(bytes);
      const allowed = LINKTYPE_NUMBERS[NOT_ETHERNET[name] ?? 'ether'];
      expect(info.linkTypes.length).toBe(1);
      expect(allowed).toContain(info.linkTypes[0]);
      expect(frames.every((f) => f.linkType === info.linkTypes[0])).toBe(true);
    });

    it('matches the tshark oracle: frame count, frame.len, frame.cap_len, frame.time_epoch', () => {
      const { frames, info } = parse(bytes);
      const rows = oracle(name);
      expect(info.frames).toBe(rows.length);
      expect(
        frames.map((f) => ({
          number: f.number,
          timeEpoch: `${f.timeSec}.${String(f.timeNsec).padStart(9, '0')}`,
          len: f.originalLength,
          capLen: f.data.length,
        })),
      ).toEqual(rows);
      expect(info.bytes).toBe(bytes.length);
      // None of the public files is damaged at the container level.
      expect(info.anomalies.filter((a) => a.code !== 'snaplen-cut')).toEqual([]);
      const cut = frames.filter((f) => f.data.length < f.originalLength).length;
      expect(info.anomalies.some((a) => a.code === 'snaplen-cut')).toBe(cut > 0);
    });
  });
});
