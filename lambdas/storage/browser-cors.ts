// The capture bucket's CORS rule, one definition for the CDK bucket and the local twin's S3: the
// dashboard's origin PUTs presigned uploads and GETs reports larger than a Lambda response
// (the API answers 302 to a presigned GET, which the browser follows cross-origin).
export const BROWSER_CORS_RULE = {
  allowedMethods: ['GET', 'PUT'],
  // The upload PUT signs If-None-Match (and Content-Length, which the browser sets itself).
  allowedHeaders: ['*'],
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3000,
} as const;

/** Origins from a comma-separated list (deploy setting), each checked to be an http(s) origin. */
export function parseOrigins(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)) throw new Error(`not an origin: ${JSON.stringify(o)}`);
  }
  return origins;
}

/** The rule as S3's CORS XML (what s3rver is configured with). */
export function corsConfigurationXml(origins: readonly string[]): string {
  const r = BROWSER_CORS_RULE;
  return (
    '<CORSConfiguration><CORSRule>' +
    origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('') +
    r.allowedMethods.map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('') +
    r.allowedHeaders.map((h) => `<AllowedHeader>${h}</AllowedHeader>`).join('') +
    r.exposedHeaders.map((h) => `<ExposeHeader>${h}</ExposeHeader>`).join('') +
    `<MaxAgeSeconds>${r.maxAgeSeconds}</MaxAgeSeconds>` +
    '</CORSRule></CORSConfiguration>'
  );
}
