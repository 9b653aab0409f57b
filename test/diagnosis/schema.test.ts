// The JSON that `analyze --json` prints validates against the published schema, for every
// real capture we have (scenarios and public corpus).
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA } from '#shared/report/schema.js';
import { main } from '../../cli/main.js';
import { analyzeFile } from './analyze-file.js';
import { Writable } from 'node:stream';

const FIX = join(__dirname, '../fixtures');
const files = [
  ...readdirSync(join(FIX, 'scenarios'))
    .map((d) => join(FIX, 'scenarios', d, 'capture.pcap'))
    .filter(existsSync),
  ...readdirSync(join(FIX, 'public'))
    .filter((f) => /\.(pcap|pcapng|cap)$/.test(f))
    .map((f) => join(FIX, 'public', f)),
];

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(REPORT_SCHEMA);

function sink(): { stream: Writable; text: () => string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      parts.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

describe('analyze JSON matches its schema', () => {
  it.each(files.map((f) => [f.split('/fixtures/')[1], f]))('%s', async (_name, file) => {
    const report = JSON.parse(JSON.stringify(await analyzeFile(file)));
    const ok = validate(report);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is what the CLI prints, with exit 0 whatever the verdict', async () => {
    const out = sink();
    const err = sink();
    const code = await main(['analyze', '--json', join(FIX, 'scenarios/wrong-psk-nat/capture.pcap')], {
      stdout: out.stream,
      stderr: err.stream,
      stderrIsTTY: false,
    } as never);
    expect(code).toBe(0);
    const report = JSON.parse(out.text());
    expect(validate(report)).toBe(true);
    expect(report.verdict).toBe('PSK_MISMATCH');
  });

  it('rejects a report with an unknown verdict code (the schema can fail)', () => {
    expect(
      validate({
        schemaVersion: 1,
        capture: { format: 'pcap', linkTypes: [], frames: 0, bytes: 0, anomalies: [], protocols: {} },
        verdict: 'WRONG_PSK',
        sessions: [],
        auth: [],
        findings: [],
        hosts: [],
      }),
    ).toBe(false);
  });
});
