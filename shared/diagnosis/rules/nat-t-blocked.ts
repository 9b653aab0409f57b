// NAT_T_BLOCKED: NAT-D shows a NAT, so identification must move to UDP 4500, and nothing on
// 4500 gets through. At the MX: nothing arrives on 4500 while Key Exchange repeats or stops.
// At the client: main mode 5 leaves on 4500 again and again and nothing comes back.
import {
  framesFilter,
  framesOf,
  mxSentAfter,
  repeatedEntries,
  seen,
  type RuleHit,
  type SessionRule,
} from '../session-facts.js';

export const natTBlocked: SessionRule = (f): RuleHit | null => {
  const s = f.session;
  if (!(f.nat.client || f.nat.responder) || !seen(f, 'client', 'MM3') || seen(f, 'mx', 'MM6')) return null;
  const mxOn4500 = s.port4500.mx.length > 0;
  if (f.nat.captureSide === 'client') {
    const mm5 = s.labels.get('client:MM5');
    // "Nothing at all comes back": any MX message after MM5, on any port, rules it out.
    if (!mm5 || !mm5.dstPorts.has(4500) || mxOn4500 || mxSentAfter(f, mm5.firstFrame)) return null;
    const frames = [...new Set([...f.nat.frames, ...mm5.frames])].sort((a, b) => a - b);
    return {
      code: 'NAT_T_BLOCKED',
      evidence: {
        frames,
        repeated: repeatedEntries(f, ['client', 'MM5']),
        ports: [4500],
        details: { captureSide: 'client', mm5SentOn4500: mm5.count },
      },
      filter: framesFilter(f, frames),
      vars: {
        where: ' (main mode 5 left on UDP 4500 again and again; nothing came back)',
        whereJa: '（メインモード 5 が UDP 4500 で繰り返し送信され、応答がありません）',
      },
    };
  }
  if (s.port4500.client.length > 0 || seen(f, 'client', 'MM5')) return null;
  const frames = [...new Set([...f.nat.frames, ...framesOf(f, ['client', 'MM3'], ['mx', 'MM4'])])].sort(
    (a, b) => a - b,
  );
  return {
    code: 'NAT_T_BLOCKED',
    evidence: {
      frames,
      repeated: repeatedEntries(f, ['client', 'MM3'], ['mx', 'MM4']),
      ports: [4500],
      details: { captureSide: f.nat.captureSide, messagesOn4500: 0 },
    },
    filter: framesFilter(f, frames),
    vars: {
      where: ' (after Key Exchange nothing arrived at the MX on UDP 4500)',
      whereJa: '（鍵交換の後、UDP 4500 で MX に何も届いていません）',
    },
  };
};
