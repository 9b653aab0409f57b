// How much the AnyConnect tracker keeps, whatever the capture holds (tracker.ts, record-frame.ts).
export const TRACKER_LIMITS = {
  sessions: 1000,
  /** Of those, on ports nobody named (any HTTPS on another port may start one): 443's stay free. */
  ownPortSessions: 100,
  /**
   * Of those, begun by a connection caught mid-stream on the AnyConnect port (a WAN capture's
   * HTTPS looks the same until recognised: only the first few are kept).
   */
  midStreamSessions: 32,
  /** Client and MX pairs remembered once their session was retired (ids stay unique past it). */
  retiredKeys: 65536,
  connectionsPerSession: 16,
  dtlsFlowsPerSession: 8,
  framesPerEvent: 32,
  timeline: 200,
  /** Application-data entries per direction and channel in the timeline (all are counted). */
  dataEntries: 16,
};
