/**
 * Scenario captures recorded for contract v2 (cuts, late starts, damaged files, site-to-site, L2TP in
 * clear, unanswered DNS, AnyConnect) whose diagnosis lands with the rebuilt core (issues 8 and 13).
 * Until then the suites that walk every scenario skip them; the branch that makes them pass removes
 * this file. Their expected.json files were written from the bytes and are not to be edited.
 */
export function pendingContractV2(caseName: string): boolean {
  return /^(cut-|damaged-|late-|merged-|dns-no-answer|ikev[12]-site|l2tp-|anyconnect-|no-ike$)/.test(caseName);
}
