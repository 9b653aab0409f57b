import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleRows, runCli } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const PUBLIC = join(ROOT, 'test/fixtures/public');
const first = (v: string) => v.split(',')[0];

/** Our NDJSON fields for one frame, written the way the oracle TSV writes them. */
function asOracle(r: Record<string, any>): Record<string, string> {
  const s = (v: unknown) => (v === undefined ? '' : String(v));
  return {
    'frame.time_epoch': r.time,
    'frame.len': s(r.length),
    'frame.cap_len': s(r.capturedLength),
    'isakmp.ispi': s(r.ispi),
    'isakmp.rspi': s(r.rspi),
    'isakmp.nextpayload': s(r.nextPayload),
    'isakmp.version': r.version ? `0x${r.version.replace('.', '')}` : '',
    'isakmp.exchangetype': s(r.exchangeType),
    'isakmp.messageid': r.messageId ? `0x${r.messageId}` : '',
    'isakmp.notify.msgtype': (r.notifyTypes ?? []).join(','),
    'isakmp.vid_string': (r.vendorIds ?? []).join(','),
    'esp.spi': r.espSpi ? `0x${r.espSpi}` : '',
    'esp.sequence': s(r.espSeq),
    'radius.code': s(r.radiusCode),
    'udp.srcport': r.layers.udp ? s(r.srcPort) : '',
    'udp.dstport': r.layers.udp ? s(r.dstPort) : '',
  };
}

// Files with one ISAKMP message per frame, so the first-message fields equal tshark's.
const FILES = [
  'suricata-verify__ikev1-isakmp-main-mode.pcap',
  'tcpdump__isakmp4500.pcap',
  'zeek-plugin-ikev2__ikev2.pcap',
  'tcpdump__espudp1.pcap',
  'tcpdump__RADIUS-RFC5176.pcap',
  'arkime__IKEv1.pcap',
  'nDPI__ipsec_isakmp_esp.pcap',
];

describe('vpn-doctor decode --json', () => {
  it.each(FILES)('%s: fields equal the tshark oracle', async (file) => {
    const { code, stdout, stderr } = await runCli(['decode', '--json', join(PUBLIC, file)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const capture = lines.pop();
    const oracle = await oracleRows(join(PUBLIC, 'oracle', `${file}.tsv`));
    expect(capture.capture.frames).toBe(oracle.length);
    expect(lines).toHaveLength(oracle.length);
    lines.forEach((record, i) => {
      const ours = asOracle(record);
      const theirs = Object.fromEntries(
        Object.keys(ours).map((k) => {
          const v = oracle[i][k];
          return [k, k.startsWith('isakmp.notify') || k.startsWith('isakmp.vid') ? v : first(v)];
        }),
      );
      expect(ours, `${file} frame ${i + 1}`).toEqual(theirs);
      expect(record.number).toBe(i + 1);
      const src = first(oracle[i]['ip.src'] || oracle[i]['ipv6.src']);
      if (src) expect(record.src).toBe(src);
    });
  });
});

describe('vpn-doctor decode (lines)', () => {
  it.each([
    'suricata-verify__ikev1-isakmp-main-mode.pcap',
    'zeek-plugin-ikev2__ikev2.pcap',
    'tcpdump__espudp1.pcap',
    'tcpdump__RADIUS.pcap',
    'tcpdump__RADIUS-RFC5176.pcap',
    'zeek-spicy-ipsec__ipsec_client.pcap',
  ])('%s: one tshark-like line per frame, Protocol and Info columns as tshark', async (file) => {
    const { code, stdout } = await runCli(['decode', join(PUBLIC, file)]);
    const oracle = await oracleRows(join(PUBLIC, 'oracle', `${file}.tsv`));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(oracle.length);
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    lines.forEach((line, i) => {
      const o = oracle[i];
      const route = `${first(o['ip.src'] || o['ipv6.src'])} → ${first(o['ip.dst'] || o['ipv6.dst'])}`;
      expect(line, `frame ${i + 1}`).toMatch(
        new RegExp(
          `^\\s*${i + 1}\\s+\\d+\\.\\d{6} ${escape(route)} ${o['_ws.col.Protocol']} ${o['frame.len']} ${escape(o['_ws.col.Info'])}$`,
        ),
      );
    });
  });
});

describe('vpn-doctor decode --summary', () => {
  it.each(['nDPI__ipsec_isakmp_esp.pcap', 'tcpdump__RADIUS.pcap', 'zeek-spicy-ipsec__ipsec_client.pcap'])(
    "%s: frame counts per protocol equal the oracle's protocol stacks",
    async (file) => {
      const { code, stdout } = await runCli(['decode', '--summary', join(PUBLIC, file)]);
      expect(code).toBe(0);
      const oracle = await oracleRows(join(PUBLIC, 'oracle', `${file}.tsv`));
      expect(stdout).toContain(`total: ${oracle.length} frames`);
      const counts = new Map(
        stdout
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .filter((c) => c.length === 3)
          .map((c) => [c[0], c[1]]),
      );
      for (const protocol of ['esp', 'radius', 'udp']) {
        const expected = oracle.filter((o) => o['frame.protocols'].split(':').includes(protocol)).length;
        expect(counts.get(protocol) ?? '0', protocol).toBe(String(expected));
      }
      expect(stdout).toMatch(/read \d+\.\d MB in \d+\.\d\d s \(\d+ MB\/s\)/);
    },
  );
});

describe('vpn-doctor errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-doctor-cli-'));
  const text = join(dir, 'notes.txt');
  writeFileSync(text, 'hello, this is not a capture\n');

  it('exits 2 with one line for a text file', async () => {
    const { code, stdout, stderr } = await runCli(['decode', text]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `vpn-doctor: cannot read ${text}: not a pcap or pcapng capture: first bytes ` +
        '68 65 6c 6c 6f 2c 20 74 68 69 73 20 69 73 20 6e … (looks like text)\n',
    );
  });

  it('exits 2 with one line for a missing file and for a directory', async () => {
    const missing = await runCli(['decode', join(dir, 'missing.pcap')]);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: `vpn-doctor: cannot read ${join(dir, 'missing.pcap')}: no such file\n`,
    });
    const directory = await runCli(['decode', '--json', dir]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toBe(`vpn-doctor: cannot read ${dir}: is a directory\n`);
  });

  it('exits 2 with the usage for an unknown command, option or missing argument', async () => {
    for (const argv of [['frobnicate'], ['decode'], ['decode', '--bogus', 'x.pcap'], []]) {
      const { code, stderr } = await runCli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('usage: vpn-doctor');
    }
  });

  it('prints help for the program and for a command on stdout with exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^\s+decode\s/m);
    const decode = await runCli(['decode', '--help']);
    expect(decode.code).toBe(0);
    expect(decode.stdout).toContain('--summary');
  });
});

describe('the bundled CLI as a process', () => {
  let bundle: string;
  beforeAll(async () => {
    // Same bundling as scripts/build.mjs, into a directory of our own (dist/ belongs to the
    // build) that is still under the repo so the external packages resolve.
    const cache = join(ROOT, 'node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'vpn-doctor-cli-test-'));
    bundle = join(dir, 'cli.mjs');
    await build({
      entryPoints: { cli: join(ROOT, 'cli/main.ts') },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterAll(() => {
    rmSync(dirname(bundle), { recursive: true, force: true });
  });
  const run = (args: string[], shell?: string) =>
    spawnSync(
      shell ? 'sh' : process.execPath,
      shell
        ? ['-c', shell]
        : [
            '-e',
            `import(${JSON.stringify(bundle)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); })`,
          ],
      { encoding: 'utf8' },
    );

  it('a text file gives exit 2 and one line on stderr, no stack trace', () => {
    const r = run(['decode', join(ROOT, 'package.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^vpn-doctor: cannot read .*package\.json: not a pcap or pcapng capture: first bytes 7b /);
  });

  it('stops quietly when the reader of stdout goes away (| head)', () => {
    const script = `import(${JSON.stringify(bundle)}).then(async (m) => { process.exitCode = await m.main(['decode', '--json', ${JSON.stringify(join(PUBLIC, 'arkime__IKEv1.pcap'))}]); })`;
    const r = run(
      [],
      `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script).replace(/\$/g, '\\$')} | head -n 2`,
    );
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });
});
