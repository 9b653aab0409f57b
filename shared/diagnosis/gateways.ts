// Which hosts answer IKE, and from whom: a host that answers other hosts' IKE is a gateway (the
// MX), and a negotiation a gateway opens itself is a tunnel of its own (site-to-site), not Client
// VPN — an MX never opens Client VPN. Two hosts that open towards each other are left alone: a
// site-to-site pair where both sides initiate, or an MX renewing a client's phase 1, look alike.
// Bounded: the first MAX_GATEWAYS responders, each with the first MAX_ANSWERED initiators.

const MAX_GATEWAYS = 64;
const MAX_ANSWERED = 256;

export interface GatewayBook {
  /** A negotiation whose roles the bytes told (its first message is in the capture). */
  note(initiator: string, responder: string): void;
  /**
   * Did a gateway open this negotiation: has `initiator` answered IKE from a host other than
   * `responder` (or is it `namedMx`, the MX the user named), and never from `responder` itself
   * (as far as the capture shows)?
   */
  opened(initiator: string, responder: string, namedMx?: string): boolean;
}

export function createGatewayBook(): GatewayBook {
  /** Responder -> the initiators it answered; `full` once more came than are kept. */
  const answered = new Map<string, { from: Set<string>; full: boolean }>();

  function note(initiator: string, responder: string): void {
    if (initiator === responder) return;
    let a = answered.get(responder);
    if (!a) {
      if (answered.size >= MAX_GATEWAYS) return;
      a = { from: new Set(), full: false };
      answered.set(responder, a);
    }
    if (a.from.has(initiator)) return;
    if (a.from.size < MAX_ANSWERED) a.from.add(initiator);
    else a.full = true;
  }

  function opened(initiator: string, responder: string, namedMx?: string): boolean {
    if (initiator === responder) return false;
    const a = answered.get(initiator);
    // With initiators left out, `responder` may be one of them: nothing is claimed.
    if (a && (a.full || a.from.has(responder))) return false;
    return initiator === namedMx || (a !== undefined && a.from.size > 0);
  }

  return { note, opened };
}
