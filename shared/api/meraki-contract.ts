// The HTTP API's Meraki bodies (routes in lambdas/api/routes/meraki.ts): one definition for the
// API, the dashboard, the CLI and README. The Meraki API key is accepted by PUT and never returned.

/** GET/PUT /api/meraki/connection: what may be shown of a connection. */
export interface MerakiConnection {
  /** Last 4 characters of the key: all that is ever shown of it. */
  keyLast4: string;
  organizations: { id: string; name: string }[];
  createdAt: string;
  lastUsedAt?: string;
}

/** PUT /api/meraki/connection. */
export interface MerakiConnectRequest {
  apiKey: string;
  /** Restrict the connection to these organizations (default: every one the key reaches). */
  organizationIds?: string[];
}

/** A row of GET /api/meraki/organizations/{org}/captures. */
export interface MerakiCloudCapture {
  captureId: string;
  name: string;
  status: string;
  startTs?: string;
  duration?: number;
  serial?: string;
  deviceName?: string;
  networkId?: string;
  networkName?: string;
  size?: number;
  errorMessage?: string;
  /** Our capture id once imported. */
  importedCaptureId?: string;
}

/** A row of GET /api/meraki/organizations/{org}/appliances. */
export interface MerakiAppliance {
  serial: string;
  name: string;
  model: string;
  networkId: string;
  /** The WAN address the uplink statuses give (the MX in a capture). */
  wanIp?: string;
}

/** One result of POST /api/meraki/organizations/{org}/imports {captureIds}. */
export type MerakiImportResult =
  | { merakiCaptureId: string; captureId: string; status: 'imported' | 'already-imported'; size?: number }
  | { merakiCaptureId: string; status: 'failed'; error: string };

export type MerakiJobState = 'CAPTURING' | 'STOPPING' | 'IMPORTING' | 'ANALYZING' | 'DONE' | 'FAILED';

/** POST /api/meraki/jobs {serial, organizationId?, seconds?} (201) and GET /api/meraki/jobs/{id}. */
export interface MerakiJob {
  jobId: string;
  organizationId: string;
  serial: string;
  seconds: number;
  state: MerakiJobState;
  createdAt: string;
  endsAt: string;
  remainingSeconds: number;
  merakiCaptureId: string;
  mxIp?: string;
  captureId?: string;
  verdict?: string;
  error?: string;
}
