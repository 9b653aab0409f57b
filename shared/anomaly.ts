// One shape for everything odd found in a capture, at any layer. Bad bytes become an
// anomaly on the frame or the capture (as Suricata does with its events), never an exception.
// The codes are a closed set: programs (and the damage rule) may switch on them.

export type AnomalyLayer =
  'capture' | 'link' | 'ip' | 'udp' | 'tcp' | 'isakmp' | 'esp' | 'radius' | 'dns' | 'tls' | 'l2tp' | 'dtls';

/** Capture-file codes after which nothing more of the file could be read (the file breaks off). */
export const READING_STOPPED_CODES = [
  'truncated-record',
  'truncated-file-header',
  'bad-record-length',
  'bad-block',
] as const;

export const ANOMALY_CODES = [
  ...READING_STOPPED_CODES,
  // capture file
  'unusual-version',
  'bad-timestamp',
  'bad-option',
  'snaplen-cut',
  'anomalies-truncated',
  // link, IP, UDP, TCP
  'unsupported-link-type',
  'too-many-vlan-tags',
  'truncated',
  'bad-version',
  'bad-header-length',
  'bad-total-length',
  'bad-length',
  'fragment-overlap',
  'fragment-overlap-conflict',
  'fragment-conflict',
  'fragment-too-large',
  'truncated-fragment',
  'too-many-fragments',
  'reassembly-evicted',
  'bad-payload-length',
  'stream-gap',
  'stream-buffer-overflow',
  // ISAKMP
  'too-many-sessions',
  'duplicate-copies',
  'nat-both-legs',
  'attribute-truncated',
  'extra-data',
  'notify-bad-spi-size',
  'payload-body-truncated',
  'proposal-bad-spi-size',
  'proposal-truncated',
  'sa-truncated',
  'selector-truncated',
  'too-many-payloads',
  'too-many-selectors',
  'too-many-spis',
  'transform-truncated',
  'truncated-header',
  'truncated-message',
  'payload-overrun',
  // ESP
  'reserved-spi',
  // RADIUS, DNS
  'bad-attribute-length',
  'bad-name',
  'bad-txt',
  'trailing-data',
  'truncated-answer',
  'truncated-packet',
  'truncated-question',
  // TLS
  'bad-record-header',
  // further decoder codes
  'attribute-overrun',
  'delete-truncated',
  'message-length-mismatch',
  'payload-chain-truncated',
  'payload-too-short',
  'payload-truncated',
  'proposal-bad-length',
  'proposal-bad-next-payload',
  'reassembly-timeout',
  'selector-bad-length',
  'too-many-attributes',
  'too-many-messages',
  'too-many-proposals',
  'too-many-transforms',
  'transform-bad-length',
  // the decoder itself
  'internal-error',
] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];

export interface Anomaly {
  layer: AnomalyLayer;
  /** Stable, kebab-case identifier from ANOMALY_CODES, e.g. `truncated-record`, `payload-overrun`. */
  code: AnomalyCode;
  /** One human sentence; never contains raw capture bytes other than as escaped hex. */
  message: string;
  /** Frame number (1-based) when the anomaly belongs to one frame. */
  frame?: number;
}
