// The guide's retransmission signatures, decided by the step at which messages repeat:
// SA (main mode 1/2), Key Exchange (3/4), or phase 2 (identification 5/6 and quick mode).
import {
  framesFilter,
  framesOf,
  mxSentAnything,
  repeated,
  repeatedEntries,
  seen,
  type SessionRule,
} from '../session-facts.js';

export const noResponseFromMx: SessionRule = (f) => {
  if (!(seen(f, 'client', 'MM1') || seen(f, 'client', 'AM1')) || mxSentAnything(f)) return null;
  const frames = framesOf(f, ['client', 'MM1'], ['client', 'AM1']);
  const count = (f.session.labels.get('client:MM1')?.count ?? 0) + (f.session.labels.get('client:AM1')?.count ?? 0);
  return {
    code: 'NO_RESPONSE_FROM_MX',
    evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM1']), ports: [f.session.responderPort] },
    filter: framesFilter(f, frames),
    vars: { count },
  };
};

export const saRetransmitted: SessionRule = (f) => {
  if (!seen(f, 'mx', 'MM2') || seen(f, 'client', 'MM3')) return null;
  if (!repeated(f, 'client', 'MM1') && !repeated(f, 'mx', 'MM2')) return null;
  const frames = framesOf(f, ['client', 'MM1'], ['mx', 'MM2']);
  return {
    code: 'SA_RETRANSMITTED',
    evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM1'], ['mx', 'MM2']), ports: [500] },
    filter: framesFilter(f, frames),
  };
};

export const keRetransmitted: SessionRule = (f) => {
  if (!seen(f, 'client', 'MM3') || seen(f, 'mx', 'MM6')) return null;
  if (!repeated(f, 'client', 'MM3') && !repeated(f, 'mx', 'MM4') && !repeated(f, 'client', 'MM5')) return null;
  const frames = framesOf(f, ['client', 'MM3'], ['mx', 'MM4'], ['client', 'MM5']);
  return {
    code: 'KE_RETRANSMITTED',
    evidence: { frames, repeated: repeatedEntries(f, ['client', 'MM3'], ['mx', 'MM4'], ['client', 'MM5']) },
    filter: framesFilter(f, frames),
  };
};

export const phase2Retransmitted: SessionRule = (f) => {
  // Quick mode 3 means phase 2 completed: repeats before it were recovered from.
  if (!seen(f, 'mx', 'MM6') || seen(f, 'client', 'QM3')) return null;
  const keys: ['client' | 'mx', string][] = [
    ['client', 'MM5'],
    ['mx', 'MM6'],
    ['client', 'QM1'],
    ['mx', 'QM2'],
    ['client', 'QM3'],
  ];
  if (!keys.some(([from, label]) => repeated(f, from, label))) return null;
  const frames = framesOf(f, ...keys);
  return {
    code: 'PHASE2_RETRANSMITTED',
    evidence: { frames, repeated: repeatedEntries(f, ...keys) },
    filter: framesFilter(f, frames),
  };
};
