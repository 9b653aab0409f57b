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
