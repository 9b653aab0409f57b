// PHASE1_PROPOSAL_REJECTED: NO-PROPOSAL-CHOSEN in clear, or the MX answering main mode 1 with
// an informational exchange instead of main mode 2.
import { notifyName } from '../../ike/notify-types.js';
import { framesFilter, framesOf, seen, type SessionRule } from '../session-facts.js';
import { offeredText } from '../proposals.js';

const NO_PROPOSAL_CHOSEN = 14;

export const phase1ProposalRejected: SessionRule = (f) => {
  if (seen(f, 'mx', 'MM2') || seen(f, 'mx', 'AM2') || !(seen(f, 'client', 'MM1') || seen(f, 'client', 'AM1')))
    return null;
  const notify = f.session.notifies.find((n) => n.type === NO_PROPOSAL_CHOSEN && n.from === 'mx');
  const info = f.session.mxInfoAfter.find((i) => i.after === 'MM1' || i.after === 'AM1');
  if (!notify && !info) return null;
  const frames = [
    ...framesOf(f, ['client', 'MM1'], ['client', 'AM1']),
    ...(notify ? [notify.frame] : []),
    ...(info ? [info.frame] : []),
  ];
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  return {
    code: 'PHASE1_PROPOSAL_REJECTED',
    evidence: {
      frames: sorted,
      notifies: notify ? [{ type: notify.type, name: notifyName(notify.type, 1), frame: notify.frame }] : undefined,
      details: { answeredWith: notify ? 'NO-PROPOSAL-CHOSEN in clear' : 'informational exchange' },
    },
    filter: framesFilter(f, sorted),
    vars: { offered: offeredText(f.session) },
  };
};
