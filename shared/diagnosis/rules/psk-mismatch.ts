// PSK_MISMATCH: the identification message (IKEv1 main mode 5, encrypted with keys derived
// from the PSK) reached the responder and the exchange went no further. Present evidence: the
// MX reacts (an informational answer, or its Key Exchange again after it); IKEv2: the
// responder answers IKE_AUTH with a bare notification instead of identifying itself. Missing
// evidence (no reaction, in a capture at the MX): main mode 6 never came, proven only when the
// capture ran on past it or main mode 5 was sent again.
import { PAYLOAD } from '../../ike/payload-types.js';
import { decline, type Rule, type RuleOutcome } from '../rule-types.js';
import { framesFilter, framesOf, packets, questionOf, repeatedEntries, seen, type IkeFacts } from '../session-facts.js';

function ikev2(f: IkeFacts): RuleOutcome {
  const s = f.session;
  if (!seen(f, 'client', 'IKE_AUTH')) return decline('step-not-reached');
  if (!s.mxAuthInner) return decline('no-reaction');
  if (s.mxAuthInner.payload !== PAYLOAD.V2_N) return decline('answered');
  if (packets(f.espUp) + packets(f.espDown) > 0) return decline('went-further');
  const reactionFrame = s.mxAuthInner.frame;
  return {
    code: 'PSK_MISMATCH',
    detail: () => {
      const frames = [...new Set([...framesOf(f, ['client', 'IKE_AUTH']), reactionFrame])].sort((a, b) => a - b);
      return {
        evidence: { frames, details: { reaction: 'notify-only', reactionFrame } },
        filter: framesFilter(f, frames),
        values: { reaction: 'notify-only', reactionFrame, message: 'IKE_AUTH' },
      };
    },
  };
}

export const pskMismatch: Rule<IkeFacts> = {
  name: 'psk-mismatch',
  decide(f) {
    if (f.session.version === 2) return ikev2(f);
    const s = f.session;
    if (!seen(f, 'client', 'MM5')) return decline('step-not-reached');
    if (seen(f, 'mx', 'MM6') || seen(f, 'client', 'QM1')) return decline('went-further');
    const infoAfterMm5 = s.mxInfoAfter.filter((i) => i.after === 'MM5');
    const reacted = infoAfterMm5.length > 0 || s.mm4AfterMm5.length > 0;
    // A capture on the client's side of a NAT cannot show that MM5 arrived.
    if (!reacted && f.nat.captureSide === 'client') return decline('capture-side-cannot-tell');
    // With the NAT-D hashes cut away the capture's side cannot be told either.
    if (!reacted && f.nat.client === null && s.cutMessages > 0) return decline('packets-truncated');
    // Without a reaction, phase 1 must visibly have reached Identification (the MX's Key Exchange).
    if (!reacted && !seen(f, 'mx', 'MM4')) return decline('no-reaction');
    const question = reacted ? undefined : questionOf(f, 'client', 'MM5');
    return {
      code: 'PSK_MISMATCH',
      detail: () => {
        const frames = [
          ...new Set([...framesOf(f, ['client', 'MM5']), ...infoAfterMm5.map((i) => i.frame), ...s.mm4AfterMm5]),
        ].sort((a, b) => a - b);
        const reaction =
          infoAfterMm5.length > 0 ? 'informational' : s.mm4AfterMm5.length > 0 ? 'key-exchange-again' : 'none';
        const reactionFrame = infoAfterMm5[0]?.frame ?? s.mm4AfterMm5[0] ?? 0;
        return {
          evidence: {
            frames,
            repeated: repeatedEntries(f, ['client', 'MM5'], ['mx', 'MM4']),
            ports: [...(s.labels.get('client:MM5')?.dstPorts ?? [])],
            details: {
              mm5Count: s.labels.get('client:MM5')?.count ?? 0,
              mxInformational: infoAfterMm5.length,
              mxKeyExchangeAgain: s.mm4AfterMm5.length,
              captureSide: f.nat.captureSide,
            },
          },
          filter: framesFilter(f, frames),
          values: { reaction, reactionFrame, message: 'MM5' },
        };
      },
      ...(question ? { missing: question } : {}),
    };
  },
};
