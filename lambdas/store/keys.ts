// The single-table key layout in one place (documented in docs/DATA-MODEL.md).
const TENANT_PREFIX = 'TENANT#';
export const tenantPk = (tenantId: string) => `${TENANT_PREFIX}${tenantId}`;
/** The tenant id of a `tenantPk` (the empty string for any other key). */
export const tenantOfPk = (pk: string) => (pk.startsWith(TENANT_PREFIX) ? pk.slice(TENANT_PREFIX.length) : '');
export const TENANT_META_SK = 'META';
export const mspTenantsGsi1pk = (mspId: string) => `MSP#${mspId}`;

export const captureSk = (captureId: string) => `CAPTURE#${captureId}`;
export const captureListGsi1pk = (tenantId: string) => `TENANT#${tenantId}#CAPTURES`;
/** Newest first = ScanIndexForward false over `{uploadedAt ISO}#{captureId}`. */
export const captureListGsi1sk = (uploadedAt: string, captureId: string) => `${uploadedAt}#${captureId}`;

export const sessionSkPrefix = (captureId: string) => `CAPTURE#${captureId}#SESSION#`;
export const sessionSk = (captureId: string, sessionId: string) => `${sessionSkPrefix(captureId)}${sessionId}`;
export const diagnosisGsi2pk = (tenantId: string, clientIp: string) => `TENANT#${tenantId}#IP#${clientIp}`;
export const diagnosisGsi2sk = (time: string, captureId: string, sessionId: string) =>
  `${time}#${captureId}#${sessionId}`;

export const MERAKI_CONNECTION_SK = 'MERAKI#CONNECTION';
/** One per imported cloud capture: the same capture is imported once while its import lives. */
export const merakiImportSk = (organizationId: string, merakiCaptureId: string) =>
  `MERAKI#IMPORT#${organizationId}#${merakiCaptureId}`;
export const merakiJobSk = (jobId: string) => `MERAKI#JOB#${jobId}`;

export const apiKeyPk = (keyHash: string) => `APIKEY#${keyHash}`;
export const API_KEY_SK = 'KEY';
export const tenantKeysGsi1pk = (tenantId: string) => `TENANT#${tenantId}#KEYS`;

export const GSI1 = 'gsi1';
export const GSI2 = 'gsi2';

/**
 * gsi3, sparse: only PENDING captures carry it, keyed by when they are due (the upload URL's or a
 * Meraki import's end plus grace, or the claim's lease end), so the sweeper finds the stale ones
 * with one Query.
 */
export const GSI3 = 'gsi3';
export const PENDING_GSI3PK = 'PENDING';
export const dueGsi3sk = (epochSeconds: number) => String(Math.max(0, Math.floor(epochSeconds))).padStart(12, '0');
