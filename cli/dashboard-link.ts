// The dashboard address of a capture, for commands that end with one (`upload --wait`, `meraki
// capture`): --dashboard-url, VPN_DOCTOR_DASHBOARD_URL, or with --local the twin's own URL.
import type { ParsedArgs } from './args.js';
import { readLocalState } from '../lambdas/local/state.js';
import { targetFlags } from './target-flags.js';

export const DASHBOARD_URL_OPTION = '--dashboard-url';

export async function dashboardLink(args: ParsedArgs, captureId: string): Promise<string | undefined> {
  let base = args.values.get(DASHBOARD_URL_OPTION) ?? process.env.VPN_DOCTOR_DASHBOARD_URL;
  if (!base && args.flags.has('--local'))
    base = (await readLocalState(targetFlags(args).dataDir).catch(() => undefined))?.apiUrl;
  return base ? `${base.replace(/\/+$/, '')}/#/capture/${encodeURIComponent(captureId)}` : undefined;
}
