// Turns a code and its evidence into a Finding with the catalog's words.
import type { Evidence, Finding } from '../report/types.js';
import { catalogText, CODE_META, type Code } from './catalog.js';
import type { CatalogValues } from './rule-types.js';

/** A diagnosis says its negotiation is another product's VPN, not Meraki Client VPN. */
export function saysNotClientVpn(findings: readonly { code: string }[] | undefined): boolean {
  return findings?.some((f) => f.code === 'NOT_CLIENT_VPN') ?? false;
}

export function buildFinding(code: Code, evidence: Evidence, filter: string, vars: CatalogValues = {}): Finding {
  const meta = CODE_META[code];
  const text = catalogText(code, vars);
  return { code, severity: meta.severity, step: meta.step, ...text, evidence, filter };
}
