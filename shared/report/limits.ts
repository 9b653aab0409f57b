// How much of a capture with many IKE sessions the report holds in full. A day of internet
// scanners on an MX's WAN is tens of thousands of identical tries; the report keeps the
// sessions that say most (real clients first) in full and counts the rest per verdict and
// responder, so its size and the analysis' memory stay bounded whatever the capture holds.
// The JSON Schema (schema.ts) and README state the same numbers, imported from here.

/** Sessions diagnosed in full (timeline, findings, rules' trace); the rest are summarised. */
export const MAX_SESSIONS_IN_FULL = 200;
/** AnyConnect sessions listed in full (`anyconnect`, ~8 KB each); the rest are summarised too. */
export const MAX_ANYCONNECT_IN_FULL = 200;
/** Session ids listed per client in `clients` (its first ones; the verdict weighs them all). */
export const MAX_SESSION_IDS_PER_CLIENT = 64;
/** Clients listed one by one in `clients`; the rest are counted per verdict in `clientSummaries`. */
export const MAX_CLIENTS_IN_FULL = 500;
/** Groups in `sessionSummaries` (verdict × responder); beyond it, responders fold into `*`. */
export const MAX_SUMMARY_GROUPS = 64;
/** Client addresses named per summary group (a sample; the group counts them all). */
export const MAX_SUMMARY_CLIENT_SAMPLE = 16;
/** Client addresses (and host pairs) remembered for the clients' verdicts; memory stays bounded. */
export const MAX_TRACKED_CLIENTS = 65536;
