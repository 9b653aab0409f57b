// What the capture alone can say about the MX's certificate (TLS 1.2 sends it in clear): valid
// at the capture's time, the SNI among its names, self-signed, and a chain that stops short of
// its issuer (a custom certificate uploaded without its intermediate). Trust itself is the
// client's store and cannot be judged from the bytes.
import type { CertificateFacts } from '../../decode/types.js';
import type { TcpConnection } from '../raw-session.js';
import type { AnyConnectFindingCode } from '../types.js';

export interface CertificateCheck {
  code: AnyConnectFindingCode;
  frames: number[];
  details: Record<string, string | number | boolean>;
}

/** RFC 6125: exact (case-insensitive), or one wildcard label at the left. */
export function nameMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (h === p) return true;
  if (!p.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

function commonName(dn: string): string | undefined {
  return dn
    .split(', ')
    .find((p) => p.startsWith('CN='))
    ?.slice(3);
}

export function certificateChecks(c: TcpConnection): CertificateCheck[] {
  const cert = c.certificate;
  const chain: CertificateFacts[] = cert?.message.certificates ?? [];
  const leaf = chain[0];
  if (!cert || !leaf || leaf.error) return [];
  const frames = [cert.frame];
  const out: CertificateCheck[] = [];
  // A damaged record's timestamp may lie beyond any date: then validity cannot be judged.
  const captured = new Date(Math.round(cert.t * 1000));
  const at = Number.isNaN(captured.getTime()) ? undefined : captured.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const base = { subject: leaf.subject, issuer: leaf.issuer, ...(at ? { captureTime: at } : {}) };
  if (at && leaf.notAfter && leaf.notAfter < at)
    out.push({ code: 'ANYCONNECT_CERT_EXPIRED', frames, details: { ...base, notAfter: leaf.notAfter } });
  if (at && leaf.notBefore && leaf.notBefore > at)
    out.push({ code: 'ANYCONNECT_CERT_NOT_YET_VALID', frames, details: { ...base, notBefore: leaf.notBefore } });
  const sni = c.clientHello?.message.serverName;
  const names = leaf.sans.length > 0 ? leaf.sans : [commonName(leaf.subject) ?? ''].filter(Boolean);
  if (sni && !names.some((n) => nameMatches(sni, n)))
    out.push({
      code: 'ANYCONNECT_CERT_NAME_MISMATCH',
      frames: [c.clientHello!.frame, cert.frame],
      details: { ...base, sni, names: names.join(' ') || 'none' },
    });
  if (leaf.selfIssued) out.push({ code: 'ANYCONNECT_CERT_SELF_SIGNED', frames, details: base });
  else {
    // Each certificate should be followed by its issuer; the last one may stop at a root the
    // client holds, but a leaf alone (or a CA whose issuer is missing) leaves a gap to fill.
    let gap: string | undefined;
    for (let i = 0; i < chain.length - 1; i++) if (chain[i].issuer !== chain[i + 1].subject) gap ??= chain[i].issuer;
    const lastCert = chain[chain.length - 1];
    if (!gap && chain.length === 1) gap = lastCert.issuer;
    if (gap)
      out.push({
        code: 'ANYCONNECT_CERT_CHAIN_INCOMPLETE',
        frames,
        details: { ...base, chainLength: chain.length, missingIssuer: gap },
      });
  }
  return out;
}
