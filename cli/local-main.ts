// `npm start`: the embedded local twin (bundled to dist/local.mjs). Same handlers as on AWS,
// with s3rver and dynalite on loopback; data under .vpn-doctor/ survives restarts.
import { analyzeCapture } from '#shared/analyze.js';
import { startTwin } from '../lambdas/local/twin.js';
import { join } from 'node:path';
import { assertPortsFree, PortInUseError } from '../lambdas/local/port-check.js';
import { DEFAULT_DATA_DIR, localDataDir } from '../lambdas/local/state.js';
import type { Logger } from '../lambdas/log.js';
import { powertoolsLogger } from '../lambdas/telemetry.js';
import { parseArgs, UsageError } from './args.js';
import { merakiFakeBanner, startLocalMerakiFake } from './meraki-fake-main.js';

const USAGE = `usage: npm start -- [--port 8080] [--s3-port 4566] [--dynamo-port 4567] [--data-dir .vpn-doctor]
                 [--dashboard dist/dashboard] [--quiet] [--meraki-fake] [--meraki-url URL]

Starts the local twin on 127.0.0.1: the dashboard and API on --port, S3 (s3rver) and DynamoDB
(dynalite) on their ports. Env: VPN_DOCTOR_PORT, VPN_DOCTOR_S3_PORT, VPN_DOCTOR_DYNAMO_PORT,
VPN_DOCTOR_DATA_DIR. --meraki-fake starts a fake Meraki Dashboard API beside the twin (its cloud
captures are the scenario captures of test/fixtures/scenarios) and points the twin at it;
--meraki-url points it at another Dashboard API (default https://api.meraki.com/api/v1).`;

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`not a port: ${value}`);
  return n;
}

export async function localMain(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ['--quiet', '--help', '-h', '--meraki-fake'],
    ['--port', '--s3-port', '--dynamo-port', '--data-dir', '--dashboard', '--meraki-url'],
  );
  if (args.flags.has('--help') || args.flags.has('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const env = process.env;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The same structured logs as the functions on AWS (Powertools JSON lines).
  const { log } = powertoolsLogger('vpn-doctor-local');
  const quiet: Logger = { info() {}, warn: log.warn, error: log.error };
  const dataDir = localDataDir(args.values.get('--data-dir'), env);
  const httpPort = port(args.values.get('--port') ?? env.VPN_DOCTOR_PORT, 8080);
  const s3Port = port(args.values.get('--s3-port') ?? env.VPN_DOCTOR_S3_PORT, 4566);
  const dynamoPort = port(args.values.get('--dynamo-port') ?? env.VPN_DOCTOR_DYNAMO_PORT, 4567);
  // Before anything listens: a busy port is one line naming its option, and nothing is left
  // running that would keep the process from exiting.
  await assertPortsFree('127.0.0.1', [
    { port: httpPort, flag: '--port', what: 'the dashboard and API' },
    { port: s3Port, flag: '--s3-port', what: 'S3 (s3rver)' },
    { port: dynamoPort, flag: '--dynamo-port', what: 'DynamoDB (dynalite)' },
  ]);
  // `npm start --meraki-fake` (without `--`) reaches us as npm's config variable.
  const wantFake = args.flags.has('--meraki-fake') || env.npm_config_meraki_fake === 'true';
  const fake = wantFake ? await startLocalMerakiFake() : undefined;
  const twin = await startTwin({
    analyze: analyzeCapture,
    dataDir,
    httpPort,
    s3Port,
    dynamoPort,
    dashboardDir: args.values.get('--dashboard') ?? 'dist/dashboard',
    log: args.flags.has('--quiet') ? quiet : log,
    meraki: { baseUrl: fake?.baseUrl ?? args.values.get('--meraki-url') ?? env.MERAKI_BASE_URL },
  });
  const out = process.stdout;
  out.write(
    `vpn-doctor local twin\n  dashboard and API: ${twin.apiUrl}/\n  S3 (s3rver):       ${twin.state.s3Endpoint}  bucket ${twin.state.bucket}\n  DynamoDB (dynalite): ${twin.state.dynamoEndpoint}  table ${twin.state.table}\n`,
  );
  if (twin.firstKey) {
    out.write(
      `\nFirst start: created tenant "${twin.state.tenantId}" and an operator API key (shown once, also in ${join(dataDir, 'first-key.txt')}):\n\n  ${twin.firstKey}\n\n`,
    );
  }
  if (fake) out.write(merakiFakeBanner(fake));
  const dirFlag = dataDir === DEFAULT_DATA_DIR ? '' : ` --data-dir ${dataDir}`;
  out.write(`Upload: vpn-doctor upload <capture.pcap> --local${dirFlag} --wait   Stop: Ctrl-C\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await twin.stop();
  await fake?.close();
  return 0;
}

// Run when executed (the bundle's entry), not when imported by tests.
const entry = process.argv[1] ?? '';
if (/local(-main)?\.(mjs|js|ts)$/.test(entry)) {
  localMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      // One line, never a stack trace: the message names what to change.
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`vpn-doctor local: ${message.split('\n')[0]}\n`);
      const busy = err instanceof PortInUseError || (err as { code?: string }).code === 'EADDRINUSE';
      process.exitCode = busy ? 1 : err instanceof UsageError ? 2 : 1;
      // Whatever did start must not keep the process alive.
      setTimeout(() => process.exit(), 200).unref();
    },
  );
}
