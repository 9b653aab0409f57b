// Which hosts answer IKE, and who opened towards whom: a host that answers other hosts' IKE is a
// gateway (the MX), and a negotiation a gateway opens itself is a tunnel of its own (site-to-site),
// not Client VPN — an MX never opens Client VPN. Two hosts that open towards each other are left
// alone: a site-to-site pair where both sides initiate, or an MX renewing a client's phase 1, look
// alike. Bounded: MAX_PAIRS opened pairs (an MX WAN with a day of internet scanners holds tens of
// thousands); past that, nothing more is claimed.

const MAX_PAIRS = 65536;

export interface GatewayBook {
  /** A negotiation whose roles the bytes told (its first message is in the capture). */
  note(initiator: string, responder: string): void;
  /**
   * Did a gateway open this negotiation: has `initiator` answered IKE from another host (or is it
   * `namedMx`, the MX the user named), and has `responder` never opened one towards it (as far
   * as the capture shows)?
   */
  opened(initiator: string, responder: string, namedMx?: string): boolean;
  /**
   * Of two hosts, the one that opened a negotiation towards the other, when the capture shows
   * openings one way only between them (the other is then the responder, the MX).
   */
  openerBetween(a: string, b: string): string | undefined;
  /** Has `initiator` opened a negotiation towards `responder` (false when the book cannot tell)? */
  hasOpened(initiator: string, responder: string): boolean;
}

export function createGatewayBook(): GatewayBook {
  /**
   * Responder (a gateway) -> the initiators that opened towards it, every pair noted (MAX_PAIRS in
   * all). Keyed by responder: a WAN holds few, and no string is built per negotiation.
   */
  const openedTowards = new Map<string, Set<string>>();
  let pairs = 0;
  /** A pair was left out: any reverse pair asked about may be it. */
  let full = false;

  function note(initiator: string, responder: string): void {
    if (initiator === responder) return;
    let from = openedTowards.get(responder);
    if (from?.has(initiator)) return;
    if (pairs >= MAX_PAIRS) {
      full = true;
      return;
    }
    if (!from) openedTowards.set(responder, (from = new Set()));
    from.add(initiator);
    pairs++;
  }

  function opened(initiator: string, responder: string, namedMx?: string): boolean {
    if (initiator === responder || full || openedTowards.get(initiator)?.has(responder)) return false;
    return initiator === namedMx || openedTowards.has(initiator);
  }

  function openerBetween(a: string, b: string): string | undefined {
    if (full) return undefined;
    const aOpened = openedTowards.get(b)?.has(a) ?? false;
    const bOpened = openedTowards.get(a)?.has(b) ?? false;
    return aOpened === bOpened ? undefined : aOpened ? a : b;
  }

  const hasOpened = (initiator: string, responder: string) =>
    !full && (openedTowards.get(responder)?.has(initiator) ?? false);

  return { note, opened, openerBetween, hasOpened };
}
