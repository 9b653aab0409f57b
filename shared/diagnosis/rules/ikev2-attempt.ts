// IKEV2_NOT_SUPPORTED: an IKEv2 IKE_SA_INIT the responder refuses (its answer carries only
// notifications, no SA) or ignores (no answer: rests on something missing). A responder that
// carries IKEv2 on is not refusing it: the session is diagnosed on its own evidence, and
// NOT_CLIENT_VPN says it is not Client VPN.
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, questionOf, seen, type IkeFacts } from '../session-facts.js';

export function responderSpeaksIkev2(f: IkeFacts): boolean {
  return f.session.version === 2 && (f.session.mxSaPayloads ?? []).some((p) => p.type === 'sa');
}

export const ikev2Attempt: Rule<IkeFacts> = {
  name: 'ikev2-refused',
  decide(f) {
    if (f.session.version !== 2) return decline('not-this-kind');
    if (responderSpeaksIkev2(f)) return decline('responder-speaks-ikev2');
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
