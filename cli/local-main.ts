// `npm start`: the embedded local twin (bundled to dist/local.mjs). Same handlers as on AWS,
// with s3rver and dynalite on loopback; data under .vpn-doctor/ survives restarts.
import { analyzeCapture } from '#shared/analyze.js';
import { startTwin } from '../lambdas/local/twin.js';
import { DEFAULT_DATA_DIR } from '../lambdas/local/state.js';
import type { Logger } from '../lambdas/log.js';
import { powertoolsLogger } from '../lambdas/telemetry.js';
import { parseArgs, UsageError } from './args.js';

const USAGE = `usage: npm start -- [--port 8080] [--s3-port 4566] [--dynamo-port 4567] [--data-dir .vpn-doctor]
                 [--dashboard dist/dashboard] [--quiet]

Starts the local twin on 127.0.0.1: the dashboard and API on --port, S3 (s3rver) and DynamoDB
(dynalite) on their ports. Env: VPN_DOCTOR_PORT, VPN_DOCTOR_S3_PORT, VPN_DOCTOR_DYNAMO_PORT,
VPN_DOCTOR_DATA_DIR.`;

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`not a port: ${value}`);
  return n;
}

export async function localMain(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ['--quiet', '--help', '-h'],
    ['--port', '--s3-port', '--dynamo-port', '--data-dir', '--dashboard'],
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
  const twin = await startTwin({
    analyze: analyzeCapture,
    dataDir: args.values.get('--data-dir') ?? env.VPN_DOCTOR_DATA_DIR ?? DEFAULT_DATA_DIR,
    httpPort: port(args.values.get('--port') ?? env.VPN_DOCTOR_PORT, 8080),
    s3Port: port(args.values.get('--s3-port') ?? env.VPN_DOCTOR_S3_PORT, 4566),
    dynamoPort: port(args.values.get('--dynamo-port') ?? env.VPN_DOCTOR_DYNAMO_PORT, 4567),
    dashboardDir: args.values.get('--dashboard') ?? 'dist/dashboard',
    log: args.flags.has('--quiet') ? quiet : log,
  });
  const out = process.stdout;
  out.write(
    `vpn-doctor local twin\n  dashboard and API: ${twin.apiUrl}/\n  S3 (s3rver):       ${twin.state.s3Endpoint}  bucket ${twin.state.bucket}\n  DynamoDB (dynalite): ${twin.state.dynamoEndpoint}  table ${twin.state.table}\n`,
  );
  if (twin.firstKey) {
    out.write(
      `\nFirst start: created tenant "${twin.state.tenantId}" and an operator API key (shown once, also in .vpn-doctor/first-key.txt):\n\n  ${twin.firstKey}\n\n`,
    );
  }
  out.write('Upload: vpn-doctor upload <capture.pcap> --local   Stop: Ctrl-C\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await twin.stop();
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
      process.stderr.write(`vpn-doctor local: ${err instanceof UsageError ? err.message : (err as Error).message}\n`);
      process.exitCode = (err as { code?: string }).code === 'EADDRINUSE' ? 1 : 2;
    },
  );
}
