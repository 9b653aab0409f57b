// The MX renewing a user's phase 1. On a capture of a connected user the MX may open a new main
// mode itself (re-authentication; RFC 2409 lets either side). A session's client is its IKE
// initiator, so that session would name the MX the client and the user the MX, and a search for
// the user would not find it. It is told by NOT_CLIENT_VPN's own evidence: the initiator is a
// gateway (it answers other users in the capture, or is the MX the user named, or the responder
// itself opened a negotiation towards it), and what it opened is still Client VPN (not on UDP
// 500 as a new tunnel, no other product, no IKEv2). The rules keep reading IKE roles; what the
// report shows is named by host (session-diagnosis.ts).
import { notClientVpnReason, openedOnPort500 } from './rules/secondary.js';
import type { IkeFacts } from './session-facts.js';

/** `responderOpenedToo`: the responder opened a negotiation towards the initiator in the capture. */
export function openedByMx(f: IkeFacts, responderOpenedToo: boolean): boolean {
  if (!(f.openedByGateway || responderOpenedToo) || f.session.version !== 1) return false;
  return !openedOnPort500(f) && notClientVpnReason(f) === null;
}
