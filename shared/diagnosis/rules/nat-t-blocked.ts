// NAT_T_BLOCKED: NAT-D shows a NAT, so identification must move to UDP 4500, and nothing on
// 4500 gets through. At the MX: nothing arrives on 4500 after Key Exchange (rests on something
// missing: proven when the capture ran on past the MX's first one, or the MX sent it again; a
// client that sends its own again never got that far). At the client: main mode 5 leaves on
// 4500 and nothing at all comes back (proven the same way). At the MX, a client that hashed
// another address for the MX (nat-detection.ts: responderForwarded) says the MX sits behind a
// port forward: the finding names it, and the checklist puts its forward of UDP 4500 first.
import { isWindowsClient } from '../fingerprint.js';
import { decline, type Rule, type RuleOutcome } from '../rule-types.js';
import {
  firstQuestionOf,
  framesFilter,
  framesOf,
  mxSentAfter,
  questionOf,
  repeated,
  repeatedEntries,
  seen,
  userSaPayloads,
  type IkeFacts,
} from '../session-facts.js';

export const natTBlocked: Rule<IkeFacts> = {
  name: 'nat-t-blocked',
  decide(f): RuleOutcome {
    const s = f.session;
    if (f.session.version === 2) return decline('not-this-kind');
    if (!seen(f, 'client', 'MM3')) return decline('step-not-reached');
    if (!(f.nat.client || f.nat.responder)) return decline('no-nat');
    if (seen(f, 'mx', 'MM6')) return decline('went-further');
    const mxOn4500 = s.port4500.mx.length > 0;
    if (f.nat.captureSide === 'client') {
      const mm5 = s.labels.get('client:MM5');
      // "Nothing at all comes back": any MX message after MM5, on any port, rules it out.
      if (!mm5 || !mm5.dstPorts.includes(4500)) return decline('step-not-reached');
      if (mxOn4500 || mxSentAfter(f, mm5.firstFrame)) return decline('answered');
      return {
        code: 'NAT_T_BLOCKED',
        detail: () => {
          const frames = [...new Set([...f.nat.frames, ...mm5.frames])].sort((a, b) => a - b);
          return {
            evidence: {
              frames,
              repeated: repeatedEntries(f, ['client', 'MM5']),
              ports: [4500],
              details: { captureSide: 'client', mm5SentOn4500: mm5.count },
            },
            filter: framesFilter(f, frames),
            values: { captureSide: 'client', sent: mm5.count },
          };
        },
        missing: questionOf(f, 'client', 'MM5')!,
      };
    }
    if (s.port4500.client.length > 0 || seen(f, 'client', 'MM5')) return decline('answered');
    // A client sending its Key Exchange again has not received the MX's: it never reached the
    // move to UDP 4500, and the capture cannot tell a blocked 4500 (GUIDE.md: KE_RETRANSMITTED).
    if (repeated(f, 'client', 'MM3')) return decline('step-not-reached');
    // Main mode 5 is due from the MX's first Key Exchange on: a responder that resends it on its
    // own timer (libreswan) must not push the question to the capture's end.
    const question = firstQuestionOf(f, 'mx', 'MM4') ?? questionOf(f, 'client', 'MM3')!;
    // The client dialled another address than the MX's own: a port forward in front of the MX
    // passes UDP 500, and is the first suspect for UDP 4500 — unless the client is Windows, which
    // by default does not go on to NAT-T towards a server behind NAT (no main mode 5 at all):
    // the MX's side cannot tell the two apart.
    const forwarded = f.nat.responderForwarded === true;
    return {
      code: 'NAT_T_BLOCKED',
      detail: () => {
        const frames = [...new Set([...f.nat.frames, ...framesOf(f, ['client', 'MM3'], ['mx', 'MM4'])])].sort(
          (a, b) => a - b,
        );
        return {
          evidence: {
            frames,
            repeated: repeatedEntries(f, ['client', 'MM3'], ['mx', 'MM4']),
            ports: [4500],
            details: {
              captureSide: f.nat.captureSide,
              messagesOn4500: 0,
              ...(forwarded ? { mxBehindPortForward: true } : {}),
            },
          },
          filter: framesFilter(f, frames),
          values: {
            captureSide: 'mx',
            sent: 0,
            mxForwarded: forwarded,
            windowsClient: forwarded && isWindowsClient(userSaPayloads(f)),
          },
        };
      },
      // The MX's own resends (libreswan's timer) say main mode 5 has not come.
      missing: { ...question, repeated: repeated(f, 'mx', 'MM4') },
    };
  },
};
