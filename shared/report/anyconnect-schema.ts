// JSON Schema (draft-07) of an AnyConnect session in the report (`anyconnect[]`), the shape of
// shared/anyconnect/types.ts. The codes are the contract's ANYCONNECT_* (report/types.ts).
import {
  ANYCONNECT_EVENT_KINDS,
  ANYCONNECT_STEPS,
  RECOGNIZED_BY,
  type AnyConnectFindingCode,
  type AnyConnectVerdict,
} from '../anyconnect/types.js';
import { bool, direction, epoch, findingSchema, int, ints, str, strs } from './schema-parts.js';
import { FINDING_CODES, INCONCLUSIVE_REASONS, VERDICT_CODES } from './types.js';

const isAnyConnect = (c: string) => c.startsWith('ANYCONNECT_');
export const ANYCONNECT_VERDICT_CODES = [...VERDICT_CODES.filter(isAnyConnect), 'INCONCLUSIVE'] as AnyConnectVerdict[];
export const ANYCONNECT_FINDING_CODES = FINDING_CODES.filter(isAnyConnect) as AnyConnectFindingCode[];

const counts = {
  type: 'object',
  required: ['records', 'bytes'],
  additionalProperties: false,
  properties: { records: int, bytes: int },
};

const finding = findingSchema([...ANYCONNECT_VERDICT_CODES, ...ANYCONNECT_FINDING_CODES], ANYCONNECT_STEPS);

const certificate = {
  type: 'object',
  required: ['subject', 'issuer', 'sans', 'selfIssued', 'isCA', 'serial', 'length'],
  additionalProperties: false,
  properties: {
    subject: str,
    issuer: str,
    notBefore: str,
    notAfter: str,
    sans: strs,
    ipSans: strs,
    keyType: str,
    selfIssued: bool,
    isCA: bool,
    serial: str,
    length: int,
    error: str,
  },
};

export const ANYCONNECT_SESSION_SCHEMA = {
  type: 'object',
  required: [
    'id',
    'mode',
    'clientIp',
    'responderIp',
    'responderPort',
    'recognizedBy',
    'stepReached',
    'verdict',
    'findings',
    'timeline',
    'timelineTruncated',
    'tcp',
    'tls',
    'start',
    'end',
  ],
  additionalProperties: false,
  properties: {
    id: str,
    mode: { const: 'anyconnect' },
    clientIp: str,
    responderIp: str,
    responderPort: int,
    recognizedBy: { enum: [...RECOGNIZED_BY] },
    stepReached: { enum: [...ANYCONNECT_STEPS] },
    verdict: { enum: ANYCONNECT_VERDICT_CODES },
    reason: { enum: [...INCONCLUSIVE_REASONS] },
    likelyVerdict: { enum: ANYCONNECT_VERDICT_CODES },
    findings: { type: 'array', minItems: 1, items: finding },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['frame', 'time', 'direction', 'channel', 'kind', 'clientPort', 'retransmission', 'label'],
        additionalProperties: false,
        properties: {
          frame: int,
          time: epoch,
          direction,
          channel: { enum: ['tcp', 'tls', 'dtls'] },
          kind: { enum: [...ANYCONNECT_EVENT_KINDS] },
          clientPort: int,
          retransmission: bool,
          label: str,
        },
      },
    },
    timelineTruncated: bool,
    tcp: {
      type: 'object',
      required: ['connections', 'clientPorts', 'synSent', 'synAnswered'],
      additionalProperties: false,
      properties: { connections: int, clientPorts: ints, synSent: int, synAnswered: bool, beganBeforeCapture: int },
    },
    tls: {
      type: 'object',
      required: ['completed', 'clientToMx', 'mxToClient'],
      additionalProperties: false,
      properties: {
        sni: str,
        clientHelloVersion: int,
        supportedVersions: ints,
        offeredSuites: ints,
        alpn: strs,
        serverVersion: int,
        cipherSuite: int,
        alert: {
          type: 'object',
          required: ['level', 'description', 'from', 'frame'],
          additionalProperties: false,
          properties: {
            level: int,
            description: { type: 'integer' },
            name: str,
            from: { enum: ['client', 'mx'] },
            frame: int,
          },
        },
        completed: bool,
        clientToMx: counts,
        mxToClient: counts,
      },
    },
    dtls: {
      type: 'object',
      required: ['clientPorts', 'clientHellos', 'answered', 'clientToMx', 'mxToClient'],
      additionalProperties: false,
      properties: {
        clientPorts: ints,
        version: int,
        sessionIdLength: int,
        offeredSuites: ints,
        cipherSuite: int,
        clientHellos: int,
        answered: bool,
        clientToMx: counts,
        mxToClient: counts,
      },
    },
    certificates: { type: 'array', items: certificate },
    start: str,
    end: str,
  },
} as const;
