// The documented limits the twin's API front enforces, so tests meet what AWS would do:
// Lambda's synchronous response payload (6 MB: "Response payload size exceeded maximum allowed
// payload size (6291556 bytes)", the HTTP API then answers 500), API Gateway's payload (10 MB,
// 413) and HTTP API's integration timeout (30 s, 503).
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
export const LAMBDA_SYNC_RESPONSE_MAX_BYTES = 6_291_556;
export const APIGW_PAYLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const APIGW_INTEGRATION_TIMEOUT_MS = 30_000;

/** What API Gateway sends for an integration failure; no detail of the function's error. */
export const APIGW_INTERNAL_ERROR = { status: 500, body: '{"message":"Internal Server Error"}' } as const;
export const APIGW_TIMEOUT = { status: 503, body: '{"message":"Service Unavailable"}' } as const;

/** Size of a Lambda result as Lambda measures it: the serialized JSON payload. */
export function lambdaPayloadBytes(result: unknown): number {
  return Buffer.byteLength(JSON.stringify(result), 'utf8');
}
