// The dashboard's addresses, in one place: every link and navigation builds them here, so a link
// that names a session always opens that session.

export function captureHref(captureId: string, sessionId?: string): string {
  const base = `#/capture/${encodeURIComponent(captureId)}`;
  return sessionId === undefined ? base : `${base}/session/${encodeURIComponent(sessionId)}`;
}

export function clientIpHref(ip: string): string {
  return `#/ip/${encodeURIComponent(ip)}`;
}
