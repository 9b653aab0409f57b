// JSON Schema (draft-07) of the analysis report, schemaVersion 2: what `analyze --json`
// promises to programs that read it. Kept beside types.ts; a test validates real reports.
import { ANOMALY_CODES } from '../anomaly.js';
import { ANYCONNECT_SESSION_SCHEMA } from './anyconnect-schema.js';
import {
  MAX_CLIENTS_IN_FULL,
  MAX_SESSION_IDS_PER_CLIENT,
  MAX_ANYCONNECT_IN_FULL,
  MAX_SESSIONS_IN_FULL,
  MAX_SUMMARY_CLIENT_SAMPLE,
  MAX_SUMMARY_GROUPS,
  MAX_TRACKED_CLIENTS,
} from './limits.js';
import {
  DECLINE_REASONS,
  FINDING_CODES,
  INCONCLUSIVE_REASONS,
  ROLE_EVIDENCE,
  SCHEMA_VERSION,
  SESSION_MODES,
  VERDICT_CODES,
} from './types.js';
import { bool, direction, epoch, findingSchema, int, localized, str } from './schema-parts.js';

const nullableBool = { type: ['boolean', 'null'] } as const;
const STEPS = ['NONE', 'SA', 'KE', 'ID', 'HASH', 'ESP', 'INFO', 'AUTH'] as const;
const step = { enum: [...STEPS] } as const;

const anomaly = {
  type: 'object',
  required: ['layer', 'code', 'message'],
  additionalProperties: false,
  properties: { layer: str, code: { enum: [...ANOMALY_CODES] }, message: str, frame: int },
};
const reason = { enum: [...INCONCLUSIVE_REASONS] } as const;
const likely = { enum: [...VERDICT_CODES, null] } as const;

const finding = findingSchema([...VERDICT_CODES, ...FINDING_CODES], STEPS, {
  repeated: {
    type: 'array',
    items: {
      type: 'object',
      required: ['message', 'from', 'count', 'frames'],
      properties: {
        message: str,
        from: { enum: ['client', 'mx'] },
        count: int,
        frames: { type: 'array', items: int },
      },
    },
  },
  notifies: {
    type: 'array',
    items: {
      type: 'object',
      required: ['type', 'name', 'frame'],
      properties: { type: int, name: str, frame: int },
    },
  },
  ports: { type: 'array', items: int },
});

const proposal = {
  type: 'object',
  required: ['text', 'acceptedByMeraki'],
  properties: {
    text: str,
    encryption: str,
    keyLength: int,
    hash: str,
    auth: str,
    dhGroup: str,
    lifetimeSeconds: int,
    acceptedByMeraki: bool,
  },
};

const session = {
  type: 'object',
  required: [
    'id',
    'clientIp',
    'clientPort',
    'responderIp',
    'responderPort',
    'ikeVersion',
    'mode',
    'natT',
    'nat',
    'stepReached',
    'verdict',
    'roles',
    'coverage',
    'rules',
    'findings',
    'timeline',
    'timelineTruncated',
    'esp',
    'client',
    'proposals',
    'start',
    'end',
  ],
  additionalProperties: false,
  properties: {
    id: str,
    clientIp: str,
    clientPort: int,
    responderIp: str,
    responderPort: int,
    ikeVersion: { enum: [1, 2, null] },
    mode: { enum: [...SESSION_MODES] },
    natT: bool,
    nat: {
      type: 'object',
      required: ['client', 'responder'],
      properties: { client: nullableBool, responder: nullableBool },
    },
    stepReached: step,
    verdict: { enum: [...VERDICT_CODES] },
    reason,
    likelyVerdict: likely,
    roles: {
      type: 'object',
      required: ['decidedBy'],
      additionalProperties: false,
      properties: { decidedBy: { enum: [...ROLE_EVIDENCE] } },
    },
    coverage: {
      type: 'object',
      required: ['sawFirstMessage', 'firstFrame', 'lastFrame', 'secondsBefore', 'secondsAfter'],
      additionalProperties: false,
      properties: {
        sawFirstMessage: bool,
        firstFrame: int,
        lastFrame: int,
        secondsBefore: { type: 'number', minimum: 0 },
        secondsAfter: { type: 'number', minimum: 0 },
      },
    },
    rules: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        required: ['rule', 'outcome'],
        additionalProperties: false,
        properties: {
          rule: str,
          outcome: { enum: ['verdict', 'finding', 'not-proven', 'declined'] },
          code: { enum: [...VERDICT_CODES] },
          because: { enum: [...DECLINE_REASONS] },
        },
      },
    },
    findings: { type: 'array', minItems: 1, items: finding },
    timeline: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'frame',
          'time',
          'direction',
          'step',
          'exchangeType',
          'exchangeName',
          'nextPayload',
          'nextPayloadName',
          'srcPort',
          'dstPort',
          'messageId',
          'encrypted',
          'retransmission',
          'notifies',
          'label',
          'relativeTime',
        ],
        properties: {
          frame: int,
          time: epoch,
          direction,
          step,
          exchangeType: int,
          exchangeName: str,
          nextPayload: int,
          nextPayloadName: str,
          srcPort: int,
          dstPort: int,
          messageId: { type: 'string', pattern: '^[0-9a-f]{8}$' },
          encrypted: bool,
          retransmission: bool,
          notifies: { type: 'array', items: int },
          label: str,
          relativeTime: epoch,
        },
      },
    },
    timelineTruncated: bool,
    esp: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'spi',
          'direction',
          'udpEncapsulated',
          'packets',
          'bytes',
          'firstFrame',
          'lastFrame',
          'firstTime',
          'lastTime',
        ],
        properties: {
          spi: { type: 'string', pattern: '^[0-9a-f]{8}$' },
          direction,
          udpEncapsulated: bool,
          packets: int,
          bytes: int,
          firstFrame: int,
          lastFrame: int,
          firstTime: epoch,
          lastTime: epoch,
        },
      },
    },
    client: {
      type: 'object',
      required: ['fingerprint', 'vendorIds'],
      properties: {
        fingerprint: str,
        os: str,
        identity: { type: 'object', required: ['type', 'value'], properties: { type: str, value: str } },
        vendorIds: {
          type: 'array',
          items: { type: 'object', required: ['name', 'hex'], properties: { name: str, hex: str } },
        },
      },
    },
    proposals: {
      type: 'object',
      required: ['phase1Offered'],
      properties: { phase1Offered: { type: 'array', items: proposal }, phase1Chosen: proposal },
    },
    start: str,
    end: str,
  },
};

const clientSample = { type: 'array', maxItems: MAX_SUMMARY_CLIENT_SAMPLE, items: str } as const;

/** Sessions beyond MAX_SESSIONS_IN_FULL (AnyConnect: MAX_ANYCONNECT_IN_FULL), counted per verdict and responder (report/limits.ts). */
const sessionSummary = {
  type: 'object',
  required: [
    'verdict',
    'responderIp',
    'title',
    'sessions',
    'clientAddresses',
    'clientSample',
    'firstFrame',
    'lastFrame',
    'start',
    'end',
  ],
  additionalProperties: false,
  properties: {
    verdict: { enum: [...VERDICT_CODES] },
    responderIp: str,
    title: localized(str),
    sessions: int,
    clientAddresses: { type: 'integer', minimum: 0, maximum: MAX_TRACKED_CLIENTS },
    clientSample,
    firstFrame: int,
    lastFrame: int,
    start: str,
    end: str,
  },
} as const;

/** Clients beyond MAX_CLIENTS_IN_FULL, counted per verdict. */
const clientGroup = {
  type: 'object',
  required: ['verdict', 'clients', 'sample'],
  additionalProperties: false,
  properties: { verdict: { enum: [...VERDICT_CODES] }, clients: int, sample: clientSample },
} as const;

export const REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vpn-doctor.invalid/schema/report-v2.json',
  title: 'vpn-doctor analysis report',
  type: 'object',
  required: ['schemaVersion', 'capture', 'verdict', 'clients', 'sessions', 'auth', 'findings', 'hosts'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: SCHEMA_VERSION },
    capture: {
      type: 'object',
      required: ['format', 'linkTypes', 'frames', 'bytes', 'anomalies', 'protocols'],
      additionalProperties: false,
      properties: {
        fileName: str,
        format: { enum: ['pcap', 'pcap-nsec', 'pcapng'] },
        linkTypes: { type: 'array', items: int },
        frames: int,
        bytes: int,
        start: str,
        end: str,
        firstTime: epoch,
        anomalies: { type: 'array', items: anomaly },
        damage: {
          type: 'object',
          required: ['code', 'message'],
          additionalProperties: false,
          properties: { code: { enum: [...ANOMALY_CODES] }, frame: int, message: str },
        },
        protocols: { type: 'object', additionalProperties: int },
      },
    },
    verdict: { enum: [...VERDICT_CODES] },
    reason,
    likelyVerdict: likely,
    mxIp: str,
    clients: {
      type: 'array',
      maxItems: MAX_CLIENTS_IN_FULL,
      items: {
        type: 'object',
        required: ['ip', 'verdict', 'sessions'],
        additionalProperties: false,
        properties: {
          ip: str,
          verdict: { enum: [...VERDICT_CODES] },
          // Ids of sessions counted in sessionSummaries too: the report holds those only as counts.
          sessions: { type: 'array', maxItems: MAX_SESSION_IDS_PER_CLIENT, items: str },
          notClientVpn: { const: true },
        },
      },
    },
    clientSummaries: { type: 'array', maxItems: VERDICT_CODES.length, items: clientGroup },
    sessions: { type: 'array', maxItems: MAX_SESSIONS_IN_FULL, items: session },
    // Verdict × responder groups, plus one `*` group per verdict once responders fold: IKE's, then
    // AnyConnect's (each kind counted apart).
    sessionSummaries: {
      type: 'array',
      maxItems: 2 * (MAX_SUMMARY_GROUPS + VERDICT_CODES.length),
      items: sessionSummary,
    },
    auth: { type: 'array', items: finding },
    findings: { type: 'array', items: finding },
    hosts: {
      type: 'array',
      items: { type: 'object', required: ['ip', 'frames'], properties: { ip: str, frames: int } },
    },
    anyconnect: { type: 'array', maxItems: MAX_ANYCONNECT_IN_FULL, items: ANYCONNECT_SESSION_SCHEMA },
  },
} as const;
