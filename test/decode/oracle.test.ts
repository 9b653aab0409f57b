// Every frame of every public capture against tshark 4.0's decode (test/fixtures/public/oracle).
// Any disagreement fails unless KNOWN_DIFFERENCES lists it with a reason; a listed difference
// that no longer occurs fails too, so the list stays true.
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import type { DecodedFrame } from '#shared/decode/types.js';
import { FIELDS, readOracle } from './oracle-table.js';

const DIR = fileURLToPath(new URL('../fixtures/public/', import.meta.url));
const IKE_DECODER = join(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'ike', 'decode.ts');

/** Columns whose decoder has not landed yet are reported but not asserted. */
const PENDING_OWNERS = new Set(existsSync(IKE_DECODER) ? [] : ['isakmp']);

interface KnownDifference {
  file: string;
  field: string;
  /** Frame numbers, or 'all' frames of the file. */
  frames: number[] | 'all';
  reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  // Below: ISAKMP header fields, decoded by shared/ike/decode.ts (another helper's area).
  {
    file: 'tcpdump__isakmp-delete-segfault.pcap',
    field: 'isakmp.exchangetype',
    frames: [1],
    reason:
      'Version byte 0xbe (major 11): tshark adds the exchange type only for major version 1 or 2 ' +
      '(separate v1/v2 fields); our IsakmpMessage always carries the wire value (190).',
  },
  {
    file: 'tcpdump__isakmp-delete-segfault.pcap',
    field: 'isakmp.length',
    frames: [1],
    reason:
      'Length field 1126274970 is far beyond the 146-byte datagram; tshark does not output isakmp.length ' +
      'for it (fuzzed file); we keep the wire value and record an anomaly.',
  },
  {
    file: 'tcpdump__isakmp-ikev1_n_print-oobr.pcap',
    field: 'isakmp.length',
    frames: [3],
    reason:
      'Same as above: length 620756992 on a fuzzed, snapped record; tshark omits the field, we keep the wire value.',
  },
];

/** Owners whose stale entries only warn: their decoder may improve independently of this file. */
const OTHER_AREA_FIELDS = new Set(['isakmp', 'radius']);

interface Mismatch {
  file: string;
  frame: number;
  field: string;
  oracle: string;
  ours: string;
}

const files = readdirSync(DIR)
  .filter((f) => existsSync(`${DIR}oracle/${f}.tsv`))
  .sort();

interface FileResult {
  frames: number;
  oracleFrames: number;
  perField: Map<string, { agree: number; total: number; nonEmpty: number }>;
  mismatches: Mismatch[];
}

const results = new Map<string, FileResult>();

function known(m: Mismatch): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find(
    (k) => k.file === m.file && k.field === m.field && (k.frames === 'all' || k.frames.includes(m.frame)),
  );
}

async function decodeFile(file: string): Promise<DecodedFrame[]> {
  const decoder = createFrameDecoder();
  const frames: DecodedFrame[] = [];
  await readCapture(createReadStream(DIR + file), (raw) => frames.push(decoder.decode(raw)));
  return frames;
}

beforeAll(async () => {
  for (const file of files) {
    const oracle = readOracle(`${DIR}oracle/${file}.tsv`);
    const frames = await decodeFile(file);
    const r: FileResult = { frames: frames.length, oracleFrames: oracle.length, perField: new Map(), mismatches: [] };
    for (const spec of FIELDS) r.perField.set(spec.name, { agree: 0, total: 0, nonEmpty: 0 });
    frames.forEach((f, i) => {
      const row = oracle[i];
      if (!row) return;
      for (const spec of FIELDS) {
        const want = spec.oracle(row);
        const got = spec.ours(f);
        const c = r.perField.get(spec.name)!;
        c.total++;
        // Two empty cells agree trivially: count the comparisons where either side shows a value.
        if (want !== '' || got !== '') c.nonEmpty++;
        if (want === got) c.agree++;
        else r.mismatches.push({ file, frame: f.number, field: spec.name, oracle: want, ours: got });
      }
    });
    results.set(file, r);
  }
  printTables();
}, 60_000);

function pct(a: number, t: number): string {
  return t === 0 ? '-' : ((100 * a) / t).toFixed(a === t ? 0 : 2) + '%';
}

function printTables(): void {
  const lines: string[] = ['', 'tshark oracle agreement per file (fields with a disagreement listed):'];
  let frames = 0;
  let fields = 0;
  let agree = 0;
  let nonEmpty = 0;
  const byField = new Map<string, { agree: number; total: number }>();
  for (const [file, r] of results) {
    let fa = 0;
    let ft = 0;
    const bad: string[] = [];
    for (const [name, c] of r.perField) {
      fa += c.agree;
      ft += c.total;
      nonEmpty += c.nonEmpty;
      const t = byField.get(name) ?? { agree: 0, total: 0 };
      t.agree += c.agree;
      t.total += c.total;
      byField.set(name, t);
      if (c.agree < c.total) bad.push(`${name} ${c.agree}/${c.total}`);
    }
    frames += r.frames;
    fields += ft;
    agree += fa;
    lines.push(
      `  ${file.padEnd(58)} ${String(r.frames).padStart(4)} frames ${pct(fa, ft).padStart(7)}  ${bad.join('; ')}`,
    );
  }
  lines.push('', 'per field over all files:');
  for (const [name, c] of byField) {
    const pending = FIELDS.find((s) => s.name === name && PENDING_OWNERS.has(s.owner))
      ? ' (pending: decoder not landed)'
      : '';
    lines.push(
      `  ${name.padEnd(28)} ${String(c.agree).padStart(6)}/${String(c.total).padEnd(6)} ${pct(c.agree, c.total)}${pending}`,
    );
  }
  lines.push(
    '',
    `TOTAL: ${files.length} files, ${frames} frames, ${fields} field comparisons (${nonEmpty} with a value on either side), ${agree} agree (${pct(agree, fields)})`,
  );
  const all = [...results.values()].flatMap((r) => r.mismatches);
  const listed = all.filter((m) => known(m));
  lines.push(`known differences occurring: ${listed.length}`);
  for (const m of all.slice(0, 400)) {
    const k = known(m)
      ? 'known'
      : FIELDS.find((s) => s.name === m.field && PENDING_OWNERS.has(s.owner))
        ? 'pending'
        : 'UNEXPLAINED';
    lines.push(
      `  [${k}] ${m.file} #${m.frame} ${m.field}: tshark=${JSON.stringify(m.oracle)} ours=${JSON.stringify(m.ours)}`,
    );
  }
  console.log(lines.join('\n'));
}

describe('decode agrees with tshark on every frame of the public corpus', () => {
  it('covers all 40 captures', () => {
    expect(files.length).toBe(40);
  });

  it.each(files)('%s', (file) => {
    const r = results.get(file)!;
    expect(r.frames).toBe(r.oracleFrames);
    const unexplained = r.mismatches.filter(
      (m) => !known(m) && !FIELDS.some((s) => s.name === m.field && PENDING_OWNERS.has(s.owner)),
    );
    expect(unexplained).toEqual([]);
  });

  it('every listed known difference still occurs', () => {
    const all = [...results.values()].flatMap((r) => r.mismatches);
    const stale = KNOWN_DIFFERENCES.filter((k) => !all.some((m) => known(m) === k));
    const owner = (k: KnownDifference) => FIELDS.find((s) => s.name === k.field)?.owner ?? 'net';
    for (const k of stale.filter((x) => OTHER_AREA_FIELDS.has(owner(x)))) {
      console.warn(`known difference no longer occurs (remove it): ${k.file} ${k.field}`);
    }
    expect(stale.filter((x) => !OTHER_AREA_FIELDS.has(owner(x)))).toEqual([]);
  });
});
