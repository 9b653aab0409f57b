// PHASE2_PROPOSAL_REJECTED: phase 1 done, quick mode 1 answered by an informational exchange
// (encrypted, so its notify is unreadable) or a NO-PROPOSAL-CHOSEN in clear, never by quick
// mode 2. Rests on the answer, which is present.
import { NOTIFY, notifyName } from '../../ike/notify-types.js';
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, seen, type IkeFacts } from '../session-facts.js';

/** The MX's answer to quick mode 1 that is not quick mode 2: an informational, a NO-PROPOSAL-CHOSEN. */
export function quickModeRejection(
  f: IkeFacts,
): { info?: { frame: number }; notify?: { type: number; frame: number } } | undefined {
  const info = f.session.mxInfoAfter.find((i) => i.after === 'QM1');
  const notify = f.session.notifies.find((n) => n.type === NOTIFY.V1_NO_PROPOSAL_CHOSEN && n.from === 'mx');
  return info || notify ? { info, notify } : undefined;
}

export const phase2ProposalRejected: Rule<IkeFacts> = {
  name: 'phase2-proposal-rejected',
  decide(f) {
    if (!seen(f, 'client', 'QM1')) return decline('step-not-reached');
    if (seen(f, 'mx', 'QM2')) return decline('answered');
    const rejection = quickModeRejection(f);
    if (!rejection) return decline('no-reaction');
    const { info, notify } = rejection;
    const frames = [
      ...new Set([...framesOf(f, ['client', 'QM1']), ...(info ? [info.frame] : []), ...(notify ? [notify.frame] : [])]),
    ].sort((a, b) => a - b);
    return {
      code: 'PHASE2_PROPOSAL_REJECTED',
      evidence: {
        frames,
        notifies: notify ? [{ type: notify.type, name: notifyName(notify.type, 1), frame: notify.frame }] : undefined,
        details: { answeredWith: notify ? 'notify' : 'encrypted informational' },
      },
      filter: framesFilter(f, frames),
    };
  },
};
