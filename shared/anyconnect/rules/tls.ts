// The TLS handshake that did not complete: ANYCONNECT_CERT_REJECTED when the client walks away
// right after the MX's Certificate (reset or certificate alert, before its own key exchange),
// ANYCONNECT_TLS_FAILED when the MX refuses the ClientHello (alert, FIN or reset) or another
// alert ends the handshake. Decided by position, since real clients and servers often send no alert.
import { TLS_ALERT_DESCRIPTIONS, TLS_VERSIONS } from '../../tls/constants.js';
import {
  ANSWER_DUE_SECONDS,
  type AnyConnectFacts,
  clientCertificateDetails,
  firstClose,
  isCertificateAlert,
  ranOnAfter,
  stoppedEarly,
} from '../facts.js';
import { type Decision, frameList, round } from './decision.js';

export function alertName(description: number | undefined): string {
  if (description === undefined) return 'encrypted';
  return (TLS_ALERT_DESCRIPTIONS as Record<number, string>)[description] ?? String(description);
}

const hex4 = (n: number) => '0x' + n.toString(16).padStart(4, '0');

export function tlsRule(f: AnyConnectFacts): Decision | undefined {
  const c = f.main;
  if (!c?.clientHello || f.completed.length > 0) return undefined;
  const hello = c.clientHello.message;
  const offered = {
    versionsOffered: (hello.supportedVersions?.length ? hello.supportedVersions : [hello.version ?? 0])
      .map((v) => (TLS_VERSIONS as Record<number, string>)[v] ?? hex4(v))
      .join(', '),
    suitesOffered: hello.cipherSuites?.length ?? 0,
  };
  const close = firstClose(c);
  const alert = c.alert;
  // A certificate alert from the client, or the client leaving after the Certificate. TLS 1.3
  // encrypts it: the MX's first encrypted records after the ServerHello carry it.
  const certSeen = c.certificate ?? (f.tls13 ? c.dataMx[0] : undefined);
  if (certSeen && !c.clientKeyExchange && close?.from === 'client' && close.frame >= certSeen.frame) {
    if (close.how !== 'alert' || isCertificateAlert(alert?.description) || alert?.description === undefined) {
      return {
        verdict: 'ANYCONNECT_CERT_REJECTED',
        step: 'CERT',
        frames: frameList(c.clientHello, c.serverHello, certSeen, close),
        details: {
          closedBy: close.how,
          closedFrom: close.from,
          ...(close.how === 'alert' ? { alert: alertName(alert?.description) } : {}),
          secondsAfterCertificate: round(close.t - certSeen.t),
          ...(c.certificate ? {} : { certificateEncrypted: true }),
        },
      };
    }
  }
  if (alert && (alert.level === 2 || alert.level === undefined)) {
    return {
      verdict: 'ANYCONNECT_TLS_FAILED',
      step: 'TLS',
      frames: frameList(c.clientHello, c.serverHello, alert),
      details: { alert: alertName(alert.description), alertFrom: alert.from, ...offered },
    };
  }
  if (!c.serverHello && close?.from === 'mx') {
    return {
      verdict: 'ANYCONNECT_TLS_FAILED',
      step: 'TLS',
      frames: frameList(c.clientHello, close),
      details: {
        closedBy: close.how,
        closedFrom: close.from,
        secondsAfterClientHello: round(close.t - c.clientHello.t),
        ...offered,
      },
    };
  }
  if (c.serverHello && close?.from === 'mx') {
    // Closed right after the client's certificate: the MX did not accept it (said in words).
    return {
      verdict: 'ANYCONNECT_TLS_FAILED',
      step: 'TLS',
      frames: frameList(c.clientHello, c.serverHello, c.certificateRequest, c.clientCertificate, close),
      details: { closedBy: close.how, closedFrom: close.from, ...offered, ...clientCertificateDetails(c) },
    };
  }
  const lastStep = c.certificate ?? c.serverHello ?? c.clientHello;
  const waited = ranOnAfter(f, lastStep);
  if (!close && !c.serverHello && waited >= ANSWER_DUE_SECONDS) {
    return {
      verdict: 'ANYCONNECT_TLS_FAILED',
      step: 'TLS',
      frames: frameList(c.clientHello),
      details: { answer: 'none', secondsWaited: round(waited), ...offered },
    };
  }
  return {
    verdict: 'INCONCLUSIVE',
    step: c.certificate ? 'CERT' : 'TLS',
    frames: frameList(c.clientHello, c.serverHello, c.certificate, close),
    details: { secondsAfter: round(waited) },
    reason: close ? 'too-few-packets' : stoppedEarly(f),
    ...(c.certificate && !close ? {} : c.serverHello ? {} : { likelyVerdict: 'ANYCONNECT_TLS_FAILED' as const }),
  };
}
