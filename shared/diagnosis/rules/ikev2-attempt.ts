// IKEV2_NOT_SUPPORTED: the client opened with IKE_SA_INIT; Client VPN speaks IKEv1.
import { framesFilter, framesOf, type SessionRule } from '../session-facts.js';

export const ikev2Attempt: SessionRule = (f) => {
  if (f.session.version !== 2) return null;
  const frames = framesOf(
    f,
    ['client', 'IKE_SA_INIT'],
    ['mx', 'IKE_SA_INIT'],
    ['client', 'IKE_AUTH'],
    ['mx', 'IKE_AUTH'],
  );
  return {
    code: 'IKEV2_NOT_SUPPORTED',
    evidence: { frames, ports: [f.session.responderPort] },
    filter: framesFilter(f, frames),
  };
};
