// Deployment settings from CDK context (-c key=value or cdk.json), validated, so a typo fails
// synth instead of deploying a surprising value. No lookups: synth stays offline.
import type { VpnDoctorSettings } from './vpn-doctor-stack.js';
import { parseOrigins } from '../lambdas/storage/browser-cors.js';

export type ContextReader = (key: string) => unknown;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export const CONTEXT_KEYS = {
  dashboardDir: 'dashboardDir',
  retentionDays: 'retentionDays',
  maxCaptureBytes: 'maxCaptureBytes',
  analyzeReservedConcurrency: 'analyzeReservedConcurrency',
  infrequentAccessAfterDays: 'infrequentAccessAfterDays',
  extraOrigins: 'extraOrigins',
  wafRateLimit: 'wafRateLimit',
  alarmEmail: 'alarmEmail',
} as const;

/** The value of `analyzeReservedConcurrency` that leaves the analyzer unreserved. */
export const NO_RESERVATION = 'none';

function positiveInteger(read: ContextReader, key: string): number | undefined {
  const raw = read(key);
  if (raw === undefined) return undefined;
  // Context from -c arrives as a string, from cdk.json as a number.
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new SettingsError(`context ${key} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function settingsFromContext(read: ContextReader, defaultDashboardDir: string): VpnDoctorSettings {
  const dashboardDir = read(CONTEXT_KEYS.dashboardDir);
  if (dashboardDir !== undefined && (typeof dashboardDir !== 'string' || dashboardDir === '')) {
    throw new SettingsError(`context ${CONTEXT_KEYS.dashboardDir} must be a directory path`);
  }
  const concurrency = read(CONTEXT_KEYS.analyzeReservedConcurrency);
  const origins = read(CONTEXT_KEYS.extraOrigins);
  let extraOrigins: string[] | undefined;
  if (origins !== undefined) {
    try {
      if (typeof origins !== 'string') throw new Error('not a string');
      extraOrigins = parseOrigins(origins);
    } catch (err) {
      throw new SettingsError(`context ${CONTEXT_KEYS.extraOrigins}: comma-separated https origins (${String(err)})`);
    }
  }
  const iaDays = positiveInteger(read, CONTEXT_KEYS.infrequentAccessAfterDays);
  if (iaDays !== undefined && iaDays < 30)
    throw new SettingsError(`context ${CONTEXT_KEYS.infrequentAccessAfterDays} must be at least 30 (an S3 minimum)`);
  return {
    dashboardDir: dashboardDir ?? defaultDashboardDir,
    retentionDays: positiveInteger(read, CONTEXT_KEYS.retentionDays),
    maxCaptureBytes: positiveInteger(read, CONTEXT_KEYS.maxCaptureBytes),
    analyzeReservedConcurrency:
      concurrency === NO_RESERVATION ? null : positiveInteger(read, CONTEXT_KEYS.analyzeReservedConcurrency),
    ...(iaDays !== undefined ? { infrequentAccessAfterDays: iaDays } : {}),
    ...(extraOrigins ? { extraOrigins } : {}),
    ...wafAndAlarms(read),
  };
}

function wafAndAlarms(read: ContextReader): { wafRateLimit?: number; alarmEmail?: string } {
  const out: { wafRateLimit?: number; alarmEmail?: string } = {};
  const rate = positiveInteger(read, CONTEXT_KEYS.wafRateLimit);
  if (rate !== undefined) {
    if (rate < 10) throw new SettingsError(`context ${CONTEXT_KEYS.wafRateLimit} must be at least 10 (a WAF minimum)`);
    out.wafRateLimit = rate;
  }
  const email = read(CONTEXT_KEYS.alarmEmail);
  if (email !== undefined) {
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new SettingsError(`context ${CONTEXT_KEYS.alarmEmail} must be an e-mail address`);
    out.alarmEmail = email;
  }
  return out;
}
