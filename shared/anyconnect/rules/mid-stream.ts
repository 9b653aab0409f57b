// A connection to the AnyConnect port already running when the capture began, and nothing begun
// inside it: no SYN, no hello, no DTLS. Its TLS is not read (the decoder follows TLS on the port
// from a flow's start), only its segments counted. The handshake and the login that would decide
// are before the capture: INCONCLUSIVE (capture-started-late), with no leaning, since a tunnel
// over TLS and a login's exchanges look alike without them.
import { type AnyConnectFacts, firstClose } from '../facts.js';
import { type Decision, frameList } from './decision.js';

export function midStreamRule(f: AnyConnectFacts): Decision | undefined {
  if (f.syns.length > 0 || f.main?.clientHello || f.dtlsHellos.length > 0 || f.dtlsDataClient.length > 0)
    return undefined;
  const c = f.raw.connections.find((x) => x.midStream);
  if (!c?.midStream) return undefined;
  const close = firstClose(c);
  return {
    verdict: 'INCONCLUSIVE',
    step: 'TLS',
    frames: frameList(c.midStream.client[0], c.midStream.mx[0], close),
    details: {
      tcpSegmentsClientToMx: c.midStream.clientSegments,
      tcpSegmentsMxToClient: c.midStream.mxSegments,
      closed: close !== undefined,
    },
    reason: 'capture-started-late',
  };
}
