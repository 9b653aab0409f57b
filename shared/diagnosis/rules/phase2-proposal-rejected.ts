// PHASE2_PROPOSAL_REJECTED: phase 1 done, quick mode 1 answered by an informational exchange
// (encrypted, so its notify is unreadable) or a NO-PROPOSAL-CHOSEN in clear, never by quick mode 2.
import { notifyName } from '../../ike/notify-types.js';
import { framesFilter, framesOf, seen, type SessionRule } from '../session-facts.js';

const NO_PROPOSAL_CHOSEN = 14;

export const phase2ProposalRejected: SessionRule = (f) => {
  if (!seen(f, 'client', 'QM1') || seen(f, 'mx', 'QM2')) return null;
  const info = f.session.mxInfoAfter.find((i) => i.after === 'QM1');
  const notify = f.session.notifies.find((n) => n.type === NO_PROPOSAL_CHOSEN && n.from === 'mx');
  if (!info && !notify) return null;
  const frames = [
    ...new Set([...framesOf(f, ['client', 'QM1']), ...(info ? [info.frame] : []), ...(notify ? [notify.frame] : [])]),
  ].sort((a, b) => a - b);
  return {
    code: 'PHASE2_PROPOSAL_REJECTED',
    evidence: {
      frames,
      notifies: notify ? [{ type: notify.type, name: notifyName(notify.type, 1), frame: notify.frame }] : undefined,
      details: { answeredWith: notify ? 'NO-PROPOSAL-CHOSEN in clear' : 'encrypted informational exchange' },
    },
    filter: framesFilter(f, frames),
  };
};
