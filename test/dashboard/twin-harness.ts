// Starts what the browser tests talk to: the real local twin (s3rver, dynalite, the API and
// analyze handlers, real analysis) serving a fresh dashboard build, with an operator key of
// MSP "local-msp" (tenants "local" and "acme") and a plain tenant key for "acme". And a fresh
// headless Chromium (Debian's, no download) with its own user-data-dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { analyzeCapture } from '#shared/analyze.js';
import { startTwin, type Twin, type TwinOptions } from '../../lambdas/local/twin.js';
import { createKey, createTenant } from '../../lambdas/auth/key-admin.js';
import { TenantStore } from '../../lambdas/store/tenant-store.js';
import { silentLogger } from '../../lambdas/log.js';
// @ts-expect-error plain ESM build script without types
import { buildDashboard } from '../../scripts/build-dashboard.mjs';

export interface Harness {
  twin: Twin;
  url: string;
  operatorKey: string;
  acmeKey: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `overrides`: twin options a test needs (a fixed httpPort, so S3 CORS names the exact origin). */
export async function startHarness(overrides: Partial<TwinOptions> = {}): Promise<Harness> {
  const dashboardDir = await buildDashboard(await mkdtemp(join(tmpdir(), 'vpnd-dash-')));
  const dataDir = await mkdtemp(join(tmpdir(), 'vpnd-twin-'));
  const twin = await startTwin({
    analyze: analyzeCapture,
    dataDir,
    httpPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    dashboardDir,
    retryDelaysMs: [200],
    log: silentLogger,
    ...overrides,
  });
  if (!twin.firstKey) throw new Error('the twin did not create its first key');
  const tenants = new TenantStore(twin.clients.dynamo, twin.state.table);
  const now = new Date();
  await createTenant(tenants, { tenantId: 'acme', name: 'Acme Corp', mspId: twin.state.mspId }, now);
  const acme = await createKey(tenants, { tenantId: 'acme', role: 'tenant', label: 'dashboard test' }, now);
  return {
    twin,
    url: twin.apiUrl,
    operatorKey: twin.firstKey,
    acmeKey: acme.key,
    dataDir,
    stop: async () => {
      await twin.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(dashboardDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(
  viewport = { width: 1280, height: 900 },
  opts: { timezoneId?: string; isMobile?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'vpnd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
    timezoneId: opts.timezoneId ?? 'UTC',
    isMobile: opts.isMobile,
    hasTouch: opts.isMobile,
    locale: 'en-US',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const repoPath = (...p: string[]) => resolve(import.meta.dirname, '..', '..', ...p);
