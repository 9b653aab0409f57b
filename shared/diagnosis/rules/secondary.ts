// Secondary findings: facts worth showing beside the verdict (NAT, the client's
// implementation, proposals Meraki would refuse, weak crypto, notifications in clear,
// malformed messages). Each is independent; all that apply are kept.
import { isError, notifyName } from '../../ike/notify-types.js';
import type { Finding } from '../../report/types.js';
import { buildFinding } from '../finding.js';
import { fingerprintClient } from '../fingerprint.js';
import { phase1Proposals, weakOffers } from '../proposals.js';
import { framesFilter, type SessionFacts } from '../session-facts.js';

export function natDetected(f: SessionFacts): Finding | null {
  const { client, responder, captureSide, hash, frames } = f.nat;
  if (!client && !responder) return null;
  const who = client && responder ? 'both the client and the MX' : client ? 'the client' : 'the MX';
  const whoJa = client && responder ? 'クライアントと MX の両方' : client ? 'クライアント' : 'MX';
  const side =
    captureSide === 'unknown'
      ? ''
      : `; the capture was taken on the ${captureSide === 'mx' ? 'MX' : 'client'} side of the NAT`;
  const sideJa =
    captureSide === 'unknown' ? '' : `（キャプチャは NAT の${captureSide === 'mx' ? ' MX ' : 'クライアント'}側で取得）`;
  return buildFinding(
    'NAT_DETECTED',
    { frames, details: { ...f.nat.details, clientBehindNat: !!client, responderBehindNat: !!responder, captureSide } },
    framesFilter(f, frames),
    { hash: hash ?? '?', who, whoJa, side, sideJa },
  );
}

export function clientFingerprint(f: SessionFacts): Finding | null {
  const fp = fingerprintClient(f.session.clientSaPayloads);
  if (fp.vendorIds.length === 0) return null;
  const frame =
    f.session.labels.get('client:MM1')?.firstFrame ??
    f.session.labels.get('client:AM1')?.firstFrame ??
    f.session.labels.get('client:IKE_SA_INIT')?.firstFrame;
  const frames = frame ? [frame] : [];
  return buildFinding(
    'CLIENT_FINGERPRINT',
    { frames, details: { vendorIds: fp.vendorIds.map((v) => v.name).join(', ') } },
    framesFilter(f, frames),
    { fingerprint: fp.fingerprint },
  );
}

export function proposalOutsideMeraki(f: SessionFacts): Finding | null {
  const { offered, chosen } = phase1Proposals(f.session);
  if (offered.length === 0) return null;
  let what: string | undefined;
  if (chosen && !chosen.acceptedByMeraki)
    what = `The responder chose ${chosen.text}, which is not what Meraki Client VPN negotiates.`;
  else if (!offered.some((p) => p.acceptedByMeraki))
    what = `None of the client's ${offered.length} phase 1 proposal(s) is one Meraki Client VPN accepts: ${offered.map((p) => p.text).join('; ')}.`;
  if (!what) return null;
  const frames = [f.session.labels.get('client:MM1')?.firstFrame, f.session.labels.get('mx:MM2')?.firstFrame].filter(
    (x): x is number => x !== undefined,
  );
  return buildFinding(
    'PROPOSAL_NOT_ACCEPTED_BY_MERAKI',
    { frames, details: { offered: offered.length, chosen: chosen?.text ?? 'none' } },
    framesFilter(f, frames),
    { what },
  );
}

export function weakProposal(f: SessionFacts): Finding | null {
  const weak = weakOffers(f.session);
  if (weak.length === 0) return null;
  const frame = f.session.labels.get('client:MM1')?.firstFrame;
  const frames = frame ? [frame] : [];
  return buildFinding('WEAK_PROPOSAL', { frames, details: { weak: weak.join(', ') } }, framesFilter(f, frames), {
    what: weak.join(', '),
  });
}

export function notifiesInClear(f: SessionFacts): Finding[] {
  const v = f.session.version;
  const errors = f.session.notifies.filter((n) => isError(n.type));
  const seen = new Set<number>();
  const out: Finding[] = [];
  for (const n of errors) {
    if (seen.has(n.type) || out.length >= 4) continue;
    seen.add(n.type);
    const frames = errors.filter((x) => x.type === n.type).map((x) => x.frame);
    const name = notifyName(n.type, v);
    out.push(
      buildFinding(
        'NOTIFY_IN_CLEAR',
        { frames, notifies: [{ type: n.type, name, frame: n.frame }] },
        framesFilter(f, frames),
        {
          from: n.from === 'mx' ? 'The MX' : 'The client',
          fromJa: n.from === 'mx' ? 'MX' : 'クライアント',
          name,
          type: n.type,
        },
      ),
    );
  }
  return out;
}

export function malformed(f: SessionFacts): Finding | null {
  const frames = f.session.anomalyFrames;
  if (frames.length === 0) return null;
  return buildFinding('MALFORMED_TRAFFIC', { frames }, framesFilter(f, frames), {
    count: frames.length,
    codes: 'ISAKMP payload errors',
  });
}

export function secondaryFindings(f: SessionFacts): Finding[] {
  const out: (Finding | null)[] = [
    natDetected(f),
    clientFingerprint(f),
    proposalOutsideMeraki(f),
    weakProposal(f),
    ...notifiesInClear(f),
    malformed(f),
  ];
  return out.filter((x): x is Finding => x !== null);
}
