// Checklists whose order depends on the finding's values, written once for both languages
// (catalog-en.ts and catalog-ja.ts pass their own words).
import type { CatalogValues } from './rule-types.js';

/**
 * ESP_ONE_WAY: the MX silent while the client's ESP keeps arriving may be an MX that no longer
 * has the SA (it restarted, or ended the tunnel): first suspect when the MX went quiet mid-tunnel
 * (`since`), a last one when it never sent. Not when the client's NAT moved (the MX still sends).
 */
export function espOneWayChecklist(v: CatalogValues, checks: string[], mxForgotSa: string): string[] {
  if (v.direction !== 'client-to-mx' || v.movedTo) return checks;
  return v.since ? [mxForgotSa, ...checks] : [...checks, mxForgotSa];
}
