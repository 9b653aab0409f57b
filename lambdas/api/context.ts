// What every route receives: the resolved caller and the adapters.
import type { ApiConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { CaptureStore } from '../store/capture-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { TenantStore } from '../store/tenant-store.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { Caller } from './caller.js';
import type { MerakiApiDeps } from '../meraki/compose.js';
import type { MerakiStore } from '../meraki/meraki-store.js';
import type { RateLimiter } from './rate-limit.js';
import type { PipelineMetrics } from '../telemetry.js';

export interface ApiDeps {
  config: ApiConfig;
  tenants: TenantStore;
  captures: CaptureStore;
  sessions: SessionStore;
  objects: ObjectStore;
  now: () => Date;
  newCaptureId: () => string;
  rateLimiter?: RateLimiter;
  metrics: PipelineMetrics;
  log: Logger;
  /**
   * Import markers of Meraki cloud captures, released when the capture made from one is deleted
   * (present where the integration is not configured: markers outlive its configuration).
   */
  merakiImports: Pick<MerakiStore, 'releaseImport'>;
  /** The Meraki integration (issue 12); absent where it is not configured. */
  meraki?: MerakiApiDeps;
}

export interface RouteContext {
  caller: Caller;
  deps: ApiDeps;
}
