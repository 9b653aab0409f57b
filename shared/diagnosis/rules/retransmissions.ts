// The guide's retransmission signatures, decided by the step whose own messages repeat: SA
// (main mode 1/2), Key Exchange (3/4), or phase 2 (identification 6 and quick mode). A message
// seen once is never a retransmission code. NO_RESPONSE_FROM_MX rests on a missing answer.
import { decline, type Rule } from '../rule-types.js';
import {
  count,
  framesFilter,
  framesOf,
  mxSentAnything,
  questionOf,
  quickModeRejection,
  repeated,
  repeatedEntries,
  seen,
  type IkeFacts,
} from '../session-facts.js';

export const noResponseFromMx: Rule<IkeFacts> = {
  name: 'no-response-from-mx',
  decide(f) {
    if (!(seen(f, 'client', 'MM1') || seen(f, 'client', 'AM1'))) return decline('step-not-reached');
    if (mxSentAnything(f)) return decline('answered');
    const label = seen(f, 'client', 'MM1') ? 'MM1' : 'AM1';
    return {
      code: 'NO_RESPONSE_FROM_MX',
      detail: () => {
        const frames = framesOf(f, ['client', 'MM1'], ['client', 'AM1']);
        return {
          evidence: { frames, repeated: repeatedEntries(f, ['client', label]), ports: [f.session.responderPort] },
          filter: framesFilter(f, frames),
          values: { sent: count(f, 'client', label), message: label },
        };
      },
      missing: questionOf(f, 'client', label)!,
    };
  },
};

export const saRetransmitted: Rule<IkeFacts> = {
  name: 'sa-retransmitted',
  decide(f) {
    if (!seen(f, 'mx', 'MM2')) return decline('step-not-reached');
    if (seen(f, 'client', 'MM3')) return decline('went-further');
    if (!repeated(f, 'client', 'MM1') && !repeated(f, 'mx', 'MM2')) return decline('not-repeated');
    return {
      code: 'SA_RETRANSMITTED',
      detail: () => {
        const frames = framesOf(f, ['client', 'MM1'], ['mx', 'MM2']);
        return {
          evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM1'], ['mx', 'MM2']), ports: [500] },
          filter: framesFilter(f, frames),
        };
      },
    };
  },
};

export const keRetransmitted: Rule<IkeFacts> = {
  name: 'ke-retransmitted',
  decide(f) {
    if (!seen(f, 'client', 'MM3') && !seen(f, 'mx', 'MM4')) return decline('step-not-reached');
    if (seen(f, 'mx', 'MM6')) return decline('went-further');
    if (!repeated(f, 'client', 'MM3') && !repeated(f, 'mx', 'MM4')) return decline('not-repeated');
    return {
      code: 'KE_RETRANSMITTED',
      detail: () => {
        const frames = framesOf(f, ['client', 'MM3'], ['mx', 'MM4']);
        return {
          evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM3'], ['mx', 'MM4']) },
          filter: framesFilter(f, frames),
        };
      },
    };
  },
};

export const phase2Retransmitted: Rule<IkeFacts> = {
  name: 'phase2-retransmitted',
  decide(f) {
    if (!seen(f, 'mx', 'MM6')) return decline('step-not-reached');
    // Quick mode 3 means phase 2 completed: repeats before it were recovered from.
    if (seen(f, 'client', 'QM3')) return decline('went-further');
    const keys: ['client' | 'mx', string][] = [
      ['mx', 'MM6'],
      ['client', 'QM1'],
      ['mx', 'QM2'],
    ];
    const client = keys.some(([from, label]) => from === 'client' && repeated(f, from, label));
    const mx = keys.some(([from, label]) => from === 'mx' && repeated(f, from, label));
    if (!client && !mx) return decline('not-repeated');
    // A responder repeats only to answer a repeated request: the MX's repeats with none of the
    // client's phase 2 messages they answer in the capture say the roles are not what they seem
    // (the host read as the MX opened the negotiation: its own tunnel, caught after main mode 4).
    if (!client && !seen(f, 'client', 'MM5') && !seen(f, 'client', 'QM1')) return decline('step-not-reached');
    // The MX answered quick mode 1 with its rejection and did not repeat itself: the client's
    // repeats (libreswan resends on its own timer) are no retransmission signature.
    if (!mx && quickModeRejection(f)) return decline('answered');
    return {
      code: 'PHASE2_RETRANSMITTED',
      detail: () => {
        const frames = framesOf(f, ['client', 'MM5'], ...keys);
        return {
          evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM5'], ...keys) },
          filter: framesFilter(f, frames),
          // Who repeated, for the words: one side's repeats are not "both sides".
          values: { repeatedBy: client && mx ? 'both' : client ? 'client' : 'mx' },
        };
      },
    };
  },
};
