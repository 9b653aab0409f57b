// PHASE1_PROPOSAL_REJECTED: NO-PROPOSAL-CHOSEN in clear, or the MX answering main mode 1 with
// an encrypted informational exchange (its notify unreadable) instead of main mode 2. An
// informational whose clear notify names another error (AUTHENTICATION-FAILED after aggressive
// mode) is not a proposal rejection.
import { NOTIFY, notifyName } from '../../ike/notify-types.js';
import { offeredText } from '../proposals.js';
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, seen, type IkeFacts } from '../session-facts.js';

export const phase1ProposalRejected: Rule<IkeFacts> = {
  name: 'phase1-proposal-rejected',
  decide(f) {
    if (!(seen(f, 'client', 'MM1') || seen(f, 'client', 'AM1'))) return decline('step-not-reached');
    if (seen(f, 'mx', 'MM2') || seen(f, 'mx', 'AM2')) return decline('answered');
    const notify = f.session.notifies.find((n) => n.type === NOTIFY.V1_NO_PROPOSAL_CHOSEN && n.from === 'mx');
    const info = f.session.mxInfoAfter.find(
      (i) =>
        (i.after === 'MM1' || i.after === 'AM1') && (i.encrypted || i.notifies.includes(NOTIFY.V1_NO_PROPOSAL_CHOSEN)),
    );
    if (!notify && !info) return decline('no-reaction');
    return {
      code: 'PHASE1_PROPOSAL_REJECTED',
      detail: () => {
        const frames = [
          ...framesOf(f, ['client', 'MM1'], ['client', 'AM1']),
          ...(notify ? [notify.frame] : []),
          ...(info ? [info.frame] : []),
        ];
        const sorted = [...new Set(frames)].sort((a, b) => a - b);
        return {
          evidence: {
            frames: sorted,
            notifies: notify
              ? [{ type: notify.type, name: notifyName(notify.type, 1), frame: notify.frame }]
              : undefined,
            details: { answeredWith: notify ? 'notify' : 'informational' },
          },
          filter: framesFilter(f, sorted),
          values: { offered: offeredText(f.session) },
        };
      },
    };
  },
};
