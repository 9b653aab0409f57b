// The client's one error type: the kind (shared/meraki/api-errors.ts), the HTTP status, and a
// message a person can act on. Never carries the API key.
import type { MerakiErrorKind } from '#shared/meraki/api-errors.js';

export class MerakiApiError extends Error {
  override name = 'MerakiApiError';
  constructor(
    readonly kind: MerakiErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The tenant has no Meraki connection (or its key is gone from the vault). */
export class MerakiNotConnectedError extends Error {
  override name = 'MerakiNotConnectedError';
  constructor(message = 'this tenant has no Meraki connection: connect an API key first') {
    super(message);
  }
}

/** Something of the request is wrong (an unknown serial, a device that is not an MX, a bad duration). */
export class MerakiInputError extends Error {
  override name = 'MerakiInputError';
}

/** Outside what the tenant's connection reaches: reported as not found, like any other tenant's data. */
export class MerakiNotFoundError extends Error {
  override name = 'MerakiNotFoundError';
}
