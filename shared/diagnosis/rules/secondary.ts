// Secondary findings: facts worth showing beside the verdict (NAT, the client's
// implementation, proposals Meraki would refuse, weak crypto, notifications in clear,
// malformed messages, traffic that is not Client VPN). Each is independent; all that apply are
// kept. Like the primary rules they pass values to the catalogs, never prose.
import { IKE_PORT } from '../../decode/ports.js';
import { isError, notifyName } from '../../ike/notify-types.js';
import type { Finding } from '../../report/types.js';
import { buildFinding } from '../finding.js';
import { natDetails } from '../nat-detection.js';
import { fingerprintClient, MAX_VENDOR_IDS } from '../fingerprint.js';
import type { IkePayload } from '../../ike/types.js';
import { vendorIdLabel } from '../../ike/vendor-ids.js';
import { phase1Proposals, weakOffers } from '../proposals.js';
import { framesFilter, natByHost, userSaPayloads, type IkeFacts } from '../session-facts.js';
import type { LabelStats } from '../label-stats.js';
import { responderSpeaksIkev2 } from './ikev2-attempt.js';

export function natDetected(f: IkeFacts): Finding | null {
  const { client, responder, captureSide, hash, frames } = natByHost(f);
  if (!client && !responder) return null;
  return buildFinding(
    'NAT_DETECTED',
    {
      frames,
      details: {
        ...Object.fromEntries(natDetails(f.nat)),
        clientBehindNat: !!client,
        responderBehindNat: !!responder,
        captureSide,
      },
    },
    framesFilter(f, frames),
    { hash: hash ?? '?', client: !!client, responder: !!responder, captureSide },
  );
}

export function clientFingerprint(f: IkeFacts): Finding | null {
  const fp = fingerprintClient(userSaPayloads(f));
  if (fp.vendorIds.length === 0) return null;
  // The user's first SA message: its offer, or its answer when the MX opened (mxOpened).
  const frame = f.mxOpened
    ? (f.session.labels.get('mx:MM2')?.firstFrame ?? f.session.labels.get('mx:AM2')?.firstFrame)
    : (f.session.labels.get('client:MM1')?.firstFrame ??
      f.session.labels.get('client:AM1')?.firstFrame ??
      f.session.labels.get('client:IKE_SA_INIT')?.firstFrame);
  const frames = frame ? [frame] : [];
  return buildFinding(
    'CLIENT_FINGERPRINT',
    { frames, details: { vendorIds: fp.vendorIds.map((v) => v.name).join(', ') } },
    framesFilter(f, frames),
    { implementation: fp.implementation ?? '', features: fp.features.join('|') },
  );
}

export function proposalOutsideMeraki(f: IkeFacts): Finding | null {
  const { offered, chosen } = phase1Proposals(f.session);
  if (offered.length === 0) return null;
  const chosenOutside = chosen && !chosen.acceptedByMeraki;
  if (!chosenOutside && offered.some((p) => p.acceptedByMeraki)) return null;
  const frames = [f.session.labels.get('client:MM1')?.firstFrame, f.session.labels.get('mx:MM2')?.firstFrame].filter(
    (x): x is number => x !== undefined,
  );
  return buildFinding(
    'PROPOSAL_NOT_ACCEPTED_BY_MERAKI',
    { frames, details: { offered: offered.length, chosen: chosen?.text ?? 'none' } },
    framesFilter(f, frames),
    {
      chosen: chosenOutside ? chosen.text : '',
      offeredCount: offered.length,
      offered: offered.map((p) => p.text).join('; '),
    },
  );
}

export function weakProposal(f: IkeFacts): Finding | null {
  const weak = weakOffers(f.session);
  if (weak.length === 0) return null;
  const frame = f.session.labels.get('client:MM1')?.firstFrame;
  const frames = frame ? [frame] : [];
  return buildFinding('WEAK_PROPOSAL', { frames, details: { weak: weak.join(', ') } }, framesFilter(f, frames), {
    what: weak.join(', '),
  });
}

export function notifiesInClear(f: IkeFacts): Finding[] {
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
        { from: n.from, name, type: n.type },
      ),
    );
  }
  return out;
}

export function malformed(f: IkeFacts): Finding | null {
  const frames = f.session.anomalyFrames;
  if (frames.length === 0) return null;
  return buildFinding('MALFORMED_TRAFFIC', { frames }, framesFilter(f, frames), { count: frames.length });
}

/** Vendor IDs of products other than Meraki's MX, as the responder names itself. */
const OTHER_PRODUCTS: [RegExp, string][] = [
  [/fortinet|fortigate/i, 'Fortinet'],
  [/check ?point/i, 'Check Point'],
  [/netscreen|juniper/i, 'Juniper / NetScreen'],
  [/sonicwall/i, 'SonicWall'],
  [/palo ?alto/i, 'Palo Alto Networks'],
  [/cisco-?concentrator/i, 'Cisco VPN Concentrator'],
];

/**
 * Why a negotiation is not Meraki Client VPN: its responder carries IKEv2 on, or names another
 * product, or its initiator is a gateway (it answers other hosts' IKE: an MX opening a tunnel).
 */
export type NotClientVpnReason =
  { why: 'ikev2' } | { why: 'vendor-id'; product: string } | { why: 'gateway-initiated'; gateway: string };

/**
 * The first of OTHER_PRODUCTS a vendor ID names (its index; OTHER_PRODUCTS.length: none), per
 * payload object: the decoder hands the same object to every session whose responder sent the
 * same bytes (payload-cache.ts), so tens of thousands of scanners' sessions test it once.
 */
const productIndexOf = new WeakMap<IkePayload, number>();

function productIndex(p: IkePayload & { type: 'vendor-id' }): number {
  let i = productIndexOf.get(p);
  if (i === undefined) {
    const name = vendorIdLabel(p);
    i = OTHER_PRODUCTS.findIndex(([re]) => re.test(name));
    if (i < 0) i = OTHER_PRODUCTS.length;
    productIndexOf.set(p, i);
  }
  return i;
}

/**
 * Why the session is not Client VPN, or null when nothing says so. Asked of every session decided
 * (its outline), so it reads the responder's vendor IDs without fingerprinting them.
 */
export function notClientVpnReason(f: IkeFacts): NotClientVpnReason | null {
  if (responderSpeaksIkev2(f)) return { why: 'ikev2' };
  let first = OTHER_PRODUCTS.length;
  let seen = 0;
  for (const p of f.session.mxSaPayloads ?? []) {
    if (p.type !== 'vendor-id' || seen++ >= MAX_VENDOR_IDS) continue;
    first = Math.min(first, productIndex(p));
  }
  if (first < OTHER_PRODUCTS.length) return { why: 'vendor-id', product: OTHER_PRODUCTS[first][1] };
  return f.openedByGateway && openedOnPort500(f) ? { why: 'gateway-initiated', gateway: f.session.clientIp } : null;
}

/** The messages sent before NAT traversal may move a negotiation to UDP 4500, both ways. */
const OPENING_LABELS = [
  'client:MM1',
  'mx:MM2',
  'client:MM3',
  'mx:MM4',
  'client:AM1',
  'mx:AM2',
  'client:IKE_SA_INIT',
  'mx:IKE_SA_INIT',
];

/** The first opening message the capture holds (LabelStats), or undefined. */
function firstOpening(f: IkeFacts): LabelStats | undefined {
  let first: LabelStats | undefined;
  for (const key of OPENING_LABELS) {
    const l = f.session.labels.get(key);
    if (l && (!first || l.firstFrame < first.firstFrame)) first = l;
  }
  return first;
}

/**
 * The negotiation began on UDP 500, as a new tunnel does: an opening message went to port 500. A
 * gateway opening on 4500 (or a NATed port) already holds a NAT mapping towards the peer: most
 * likely it renews a phase 1 whose opening the capture missed (an MX renewing a NATed client's),
 * where the roles cannot be told.
 */
export function openedOnPort500(f: IkeFacts): boolean {
  return OPENING_LABELS.some((key) => f.session.labels.get(key)?.dstPorts[0] === IKE_PORT);
}

/**
 * NOT_CLIENT_VPN: a responder that carries IKEv2 on, or names another product in its vendor IDs
 * (evidence: its first answer), or a gateway that opened the negotiation (its first opening
 * message in the capture).
 */
export function notClientVpn(f: IkeFacts): Finding | null {
  const reason = notClientVpnReason(f);
  if (!reason) return null;
  const labels = f.session.labels;
  const first =
    reason.why === 'gateway-initiated' ? firstOpening(f) : (labels.get('mx:MM2') ?? labels.get('mx:IKE_SA_INIT'));
  const frames = first ? [first.firstFrame] : [];
  return buildFinding('NOT_CLIENT_VPN', { frames, details: { ...reason } }, framesFilter(f, frames), { ...reason });
}

export function secondaryFindings(f: IkeFacts): Finding[] {
  const out: (Finding | null)[] = [
    notClientVpn(f),
    natDetected(f),
    clientFingerprint(f),
    proposalOutsideMeraki(f),
    weakProposal(f),
    ...notifiesInClear(f),
    malformed(f),
  ];
  return out.filter((x): x is Finding => x !== null);
}
