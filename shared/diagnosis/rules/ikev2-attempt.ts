// IKEV2_NOT_SUPPORTED: an IKEv2 IKE_SA_INIT the responder refuses (its answer carries only
// notifications, no SA) or ignores (no answer: rests on something missing). A responder that
// carries IKEv2 on is not refusing it: the session is diagnosed on its own evidence, and
// NOT_CLIENT_VPN says it is not Client VPN.
import { NOTIFY } from '../../ike/notify-types.js';
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, questionOf, seen, type IkeFacts } from '../session-facts.js';

/**
 * Its IKE_SA_INIT answer carries an SA, it asks for a cookie or another Diffie-Hellman group
 * (COOKIE, INVALID_KE_PAYLOAD: IKEv2's own steps, answered by a retry, not refusals), or it answers
 * IKE_AUTH (a capture begun after IKE_SA_INIT). A refusal is NO_PROPOSAL_CHOSEN, or silence.
 */
export function responderSpeaksIkev2(f: IkeFacts): boolean {
  const s = f.session;
  return (
    s.version === 2 &&
    ((s.mxSaPayloads ?? []).some((p) => p.type === 'sa') ||
      s.notifies.some((n) => n.from === 'mx' && IKEV2_STEPS.has(n.type)) ||
      seen(f, 'mx', 'IKE_AUTH'))
  );
}

const IKEV2_STEPS: ReadonlySet<number> = new Set([NOTIFY.V2_COOKIE, NOTIFY.V2_INVALID_KE_PAYLOAD]);

export const ikev2Attempt: Rule<IkeFacts> = {
  name: 'ikev2-refused',
  decide(f) {
    if (f.session.version !== 2) return decline('not-this-kind');
    if (responderSpeaksIkev2(f)) return decline('responder-speaks-ikev2');
    // Refused or ignored rests on the client's IKE_SA_INIT: a capture begun after it shows neither.
    if (!seen(f, 'client', 'IKE_SA_INIT')) return decline('step-not-reached');
    const answered = seen(f, 'mx', 'IKE_SA_INIT');
    // A refusal is a few dozen bytes of notify; an answer the snap length cut was long, and its
    // SA, KE and nonce cannot be told from a refusal.
    if (answered && f.session.cutMessages > 0) return decline('packets-truncated');
    const question = questionOf(f, 'client', 'IKE_SA_INIT');
    return {
      code: 'IKEV2_NOT_SUPPORTED',
      detail: () => {
        const frames = framesOf(f, ['client', 'IKE_SA_INIT'], ['mx', 'IKE_SA_INIT']);
        return {
          evidence: { frames, ports: [f.session.responderPort], details: { answered } },
          filter: framesFilter(f, frames),
          values: { answered },
        };
      },
      ...(answered || !question ? {} : { missing: question }),
    };
  },
};
