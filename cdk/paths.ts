// Where the CDK app finds the repository's inputs (lambda sources, lock file, dashboard build).
// Resolved from this file, not from process.cwd(), so `cdk synth` and vitest agree.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LOCK_FILE = join(REPO_ROOT, 'package-lock.json');
export const ANALYZE_HANDLER = join(REPO_ROOT, 'lambdas', 'analyze', 'handler.ts');
export const API_HANDLER = join(REPO_ROOT, 'lambdas', 'api', 'handler.ts');
export const DASHBOARD_DIR = join(REPO_ROOT, 'dist', 'dashboard');
