// CDK app entry (cdk.json: `npx tsx cdk/app.ts`). Settings come from context (-c key=value),
// never from lookups, so synth needs no AWS credentials. cdk-nag's AwsSolutions pack runs as a
// validation plugin: an unacknowledged finding fails synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DASHBOARD_DIR } from './paths.js';
import { settingsFromContext } from './settings.js';
import { VpnDoctorStack } from './vpn-doctor-stack.js';

const app = new App();

new VpnDoctorStack(app, 'VpnDoctor', {
  description: 'vpn-doctor: Meraki Client VPN capture diagnosis pipeline and dashboard',
  settings: settingsFromContext((key) => app.node.tryGetContext(key), DASHBOARD_DIR),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
