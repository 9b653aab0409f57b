// API errors carry their HTTP status and code; the router maps them to the contract's JSON in
// one place. Anything else becomes a 500 without internals. There is no 403: whatever lies
// outside the caller's tenant is reported as not found.

export type ApiErrorCode =
  'BAD_REQUEST' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL' | `MERAKI_${string}`;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class TooManyRequestsError extends ApiError {
  override name = 'TooManyRequestsError';
  constructor(retryAfterSeconds: number, scope: string) {
    super(429, 'TOO_MANY_REQUESTS', `rate limit of this ${scope} reached; retry in ${retryAfterSeconds} s`, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
  constructor(message: string) {
    super(400, 'BAD_REQUEST', message);
  }
}

export class UnauthorizedError extends ApiError {
  override name = 'UnauthorizedError';
  constructor(message = 'a valid API key is required (Authorization: Bearer <key>)') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  constructor(message = 'not found') {
    super(404, 'NOT_FOUND', message);
  }
}

export class ConflictError extends ApiError {
  override name = 'ConflictError';
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}
