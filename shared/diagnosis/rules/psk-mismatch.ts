// PSK_MISMATCH: the client's identification message (main mode 5, encrypted with keys derived
// from the PSK) reached the MX — it is in a capture taken at the MX, or the MX visibly reacts
// (an informational answer, or main mode 4 sent again after it) — and no main mode 6 follows.
import { framesFilter, framesOf, repeated, repeatedEntries, seen, type SessionRule } from '../session-facts.js';

export const pskMismatch: SessionRule = (f) => {
  const s = f.session;
  if (!seen(f, 'client', 'MM5') || seen(f, 'mx', 'MM6') || seen(f, 'client', 'QM1')) return null;
  const infoAfterMm5 = s.mxInfoAfter.filter((i) => i.after === 'MM5');
  const mxReacted = infoAfterMm5.length > 0 || s.mm4AfterMm5.length > 0;
  // A capture on the client's side of a NAT cannot show that MM5 arrived; without a reaction it
  // is NAT_T_BLOCKED's or KE_RETRANSMITTED's case.
  if (!mxReacted && f.nat.captureSide === 'client') return null;
  // Phase 1 must visibly have reached Identification: the MX's Key Exchange, or its reaction;
  // and without a reaction the client must have sent MM5 again (not a capture cut short).
  if (!mxReacted && (!seen(f, 'mx', 'MM4') || !repeated(f, 'client', 'MM5'))) return null;
  const frames = [
    ...new Set([...framesOf(f, ['client', 'MM5']), ...infoAfterMm5.map((i) => i.frame), ...s.mm4AfterMm5]),
  ].sort((a, b) => a - b);
  const reaction =
    infoAfterMm5.length > 0
      ? ` (the MX answered with an informational exchange, frame ${infoAfterMm5[0].frame})`
      : s.mm4AfterMm5.length > 0
        ? ` (the MX sent its Key Exchange again, frame ${s.mm4AfterMm5[0]})`
        : '';
  const reactionJa =
    infoAfterMm5.length > 0
      ? `（MX は情報交換で応答: フレーム ${infoAfterMm5[0].frame}）`
      : s.mm4AfterMm5.length > 0
        ? `（MX は Key Exchange を再送: フレーム ${s.mm4AfterMm5[0]}）`
        : '';
  return {
    code: 'PSK_MISMATCH',
    evidence: {
      frames,
      repeated: repeatedEntries(f, ['client', 'MM5'], ['mx', 'MM4']),
      ports: [...(s.labels.get('client:MM5')?.dstPorts ?? [])],
      details: {
        mm5Count: s.labels.get('client:MM5')?.count ?? 0,
        mxInformational: infoAfterMm5.length,
        mxKeyExchangeAgain: s.mm4AfterMm5.length,
        captureSide: f.nat.captureSide,
      },
    },
    filter: framesFilter(f, frames),
    vars: { reaction, reactionJa },
  };
};
