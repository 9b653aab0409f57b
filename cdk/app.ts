// CDK app entry (cdk.json: `npx tsx cdk/app.ts`). Settings come from context (-c key=value),
// never from lookups, so synth needs no AWS credentials.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DASHBOARD_DIR } from './paths.js';
import { VpnDoctorStack } from './vpn-doctor-stack.js';

const app = new App();

function numberContext(key: string): number | undefined {
  const raw: unknown = app.node.tryGetContext(key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`context ${key} must be a positive integer, got ${String(raw)}`);
  return n;
}

const concurrencyRaw: unknown = app.node.tryGetContext('analyzeReservedConcurrency');
new VpnDoctorStack(app, 'VpnDoctor', {
  description: 'vpn-doctor: Meraki Client VPN capture diagnosis pipeline and dashboard',
  settings: {
    dashboardDir: (app.node.tryGetContext('dashboardDir') as string | undefined) ?? DASHBOARD_DIR,
    retentionDays: numberContext('retentionDays'),
    maxCaptureBytes: numberContext('maxCaptureBytes'),
    // `-c analyzeReservedConcurrency=none` for accounts whose concurrency quota is 10.
    analyzeReservedConcurrency:
      concurrencyRaw === 'none' ? null : numberContext('analyzeReservedConcurrency'),
  },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
