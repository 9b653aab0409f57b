// PHASE2_PROPOSAL_REJECTED: phase 1 done, quick mode 1 answered by an informational exchange
// (encrypted, so its notify is unreadable) or a NO-PROPOSAL-CHOSEN in clear, never by quick
// mode 2. Rests on the answer, which is present.
import { notifyName } from '../../ike/notify-types.js';
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, packets, quickModeRejection, seen, type IkeFacts } from '../session-facts.js';

export const phase2ProposalRejected: Rule<IkeFacts> = {
  name: 'phase2-proposal-rejected',
  decide(f) {
    if (!seen(f, 'client', 'QM1')) return decline('step-not-reached');
    if (seen(f, 'mx', 'QM2')) return decline('answered');
    // ESP both ways: a quick mode was accepted (a capture that began after quick mode 2 shows the
    // client's quick mode 3 as its first, and a later DPD informational is no rejection).
    if (packets(f.espUp) > 0 && packets(f.espDown) > 0) return decline('went-further');
    const rejection = quickModeRejection(f);
    if (!rejection) return decline('no-reaction');
    const { info, notify } = rejection;
    return {
      code: 'PHASE2_PROPOSAL_REJECTED',
      detail: () => {
        const frames = [
          ...new Set([
            ...framesOf(f, ['client', 'QM1']),
            ...(info ? [info.frame] : []),
            ...(notify ? [notify.frame] : []),
          ]),
        ].sort((a, b) => a - b);
        return {
          evidence: {
            frames,
            notifies: notify
              ? [{ type: notify.type, name: notifyName(notify.type, 1), frame: notify.frame }]
              : undefined,
            details: { answeredWith: notify ? 'notify' : 'encrypted informational' },
          },
          filter: framesFilter(f, frames),
        };
      },
    };
  },
};
