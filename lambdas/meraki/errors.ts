// The client's one error type: the kind (shared/meraki/api-errors.ts), the HTTP status, and a
// message a person can act on. Never carries the API key.
import type { MerakiErrorKind } from '#shared/meraki/api-errors.js';

export class MerakiApiError extends Error {
  override name = 'MerakiApiError';
  constructor(readonly kind: MerakiErrorKind, message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}
