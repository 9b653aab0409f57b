// Builds the real stack once per test file: real esbuild bundling of the two handlers, a
// throw-away dashboard build (index.html + assets/) and a temporary cloud assembly directory.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../cdk/paths.js';
import { VpnDoctorStack, type VpnDoctorSettings } from '../../cdk/vpn-doctor-stack.js';

/** The feature flags of cdk.json, so the tested template is the one `cdk deploy` makes. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(`${REPO_ROOT}/cdk.json`, 'utf8')) as { context: Record<string, unknown> }
).context;

export interface SynthesizedStack {
  readonly app: App;
  readonly stack: VpnDoctorStack;
  readonly template: Template;
  readonly outdir: string;
  cleanup(): void;
}

export function makeDashboardBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-doctor-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>vpn-doctor</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
  return dir;
}

export function synthStack(settings: Partial<VpnDoctorSettings> = {}): SynthesizedStack {
  const dashboardDir = makeDashboardBuild();
  const outdir = mkdtempSync(join(tmpdir(), 'vpn-doctor-cdk-out-'));
  // The built-in CloudFormation linter takes ~20 s; cdk synth still runs it.
  const app = new App({ outdir, context: CDK_JSON_CONTEXT, builtinCloudFormationValidation: false });
  const stack = new VpnDoctorStack(app, 'VpnDoctor', { settings: { dashboardDir, ...settings } });
  const template = Template.fromStack(stack);
  return {
    app,
    stack,
    template,
    outdir,
    cleanup() {
      rmSync(dashboardDir, { recursive: true, force: true });
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

export type Resource = { Type: string; Properties?: Record<string, any>; [k: string]: unknown };

/** The one resource of `type` whose logical id starts with `prefix`. */
export function single(template: Template, type: string, prefix: string): [string, Resource] {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  }
  return found[0]!;
}

/** An empty app for construct-level checks (no bundling, no built-in linter). */
export function bareStack(): Stack {
  return new Stack(new App({ context: CDK_JSON_CONTEXT, builtinCloudFormationValidation: false }), 'Bare');
}
