// Which step of the guide an IKE message belongs to, and the short label drawn on the ladder.
// IKEv1 main mode is recognised by the header's next payload (SA, KE) and, once encrypted, by
// direction; quick mode messages are told apart per message ID.
import type { GuideStep } from '../report/types.js';
import { EXCHANGE } from '../ike/exchange-types.js';
import { PAYLOAD } from '../ike/payload-types.js';
import type { IsakmpMessage } from '../ike/types.js';

/** Order of the guide's steps, to compute how far a negotiation got. */
export const STEP_ORDER: Record<GuideStep, number> = {
  NONE: 0,
  INFO: 0,
  AUTH: 0,
  SA: 1,
  KE: 2,
  ID: 3,
  HASH: 4,
  ESP: 5,
};

export type Role = 'client' | 'mx';

export interface StepLabel {
  step: GuideStep;
  /** Ladder label: MM1..MM6, AM1..AM3, QM1..QM3, INFO, CFG, IKE_SA_INIT … */
  label: string;
}

/**
 * Quick mode per message ID: who opened it, and its opener's first message length (which tells
 * QM1 from QM3). Made on the first quick mode message (most sessions of a busy capture never get
 * there). `phase1Done`: phase 1's last messages (or a quick mode of the client) were seen, so a
 * quick mode the MX sends first is its own (a phase 2 renewal), not an answer the capture missed.
 */
export interface QuickModeMemory {
  exchanges?: Map<string, QuickExchange>;
  phase1Done?: boolean;
}

interface QuickExchange {
  opener: Role;
  /** The opener's first message length (-1: none seen yet, the capture missed it). */
  firstLength: number;
  /** The other side has sent a message of it. */
  answered: boolean;
}

/** Quick mode exchanges remembered per session (bounded; past it, each message is a first). */
const MAX_QUICK_EXCHANGES = 1024;

/** The guide step of each label (IKEv1 main, aggressive and quick mode, IKEv2 exchanges). */
const STEP_OF_LABEL = {
  MM1: 'SA',
  MM2: 'SA',
  MM3: 'KE',
  MM4: 'KE',
  MM5: 'ID',
  MM6: 'ID',
  AM1: 'SA',
  AM2: 'SA',
  AM3: 'ID',
  QM1: 'HASH',
  QM2: 'HASH',
  QM3: 'HASH',
  INFO: 'INFO',
  CFG: 'INFO',
  IKE_SA_INIT: 'SA',
  IKE_AUTH: 'ID',
  CREATE_CHILD_SA: 'HASH',
  INFORMATIONAL: 'INFO',
} as const satisfies Record<string, GuideStep>;
type KnownLabel = keyof typeof STEP_OF_LABEL;

/** One frozen object per label: classifying a message allocates nothing. */
const L = Object.fromEntries(
  Object.entries(STEP_OF_LABEL).map(([label, step]) => [label, Object.freeze({ step, label })]),
) as Record<KnownLabel, StepLabel>;

/**
 * `capturedBefore`: the capture ran long enough before this message to hold the question it
 * would answer (roles.ts ANSWER_SECONDS): a quick mode the MX sends first is then its own.
 */
export function classifyMessage(
  msg: IsakmpMessage,
  from: Role,
  quick: QuickModeMemory,
  capturedBefore = false,
): StepLabel {
  if (msg.majorVersion === 2) return classifyV2(msg);
  const client = from === 'client';
  switch (msg.exchangeType) {
    case EXCHANGE.MAIN_MODE: {
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.SA) return client ? L.MM1 : L.MM2;
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.KE) return client ? L.MM3 : L.MM4;
      if (!client) quick.phase1Done = true;
      return client ? L.MM5 : L.MM6;
    }
    case EXCHANGE.AGGRESSIVE:
      if (!client) return L.AM2;
      if (msg.encrypted || msg.nextPayload === PAYLOAD.HASH) {
        quick.phase1Done = true;
        return L.AM3;
      }
      return L.AM1;
    case EXCHANGE.QUICK_MODE:
      return quickModeLabel(msg, from, quick, capturedBefore);
    case EXCHANGE.INFORMATIONAL_V1:
      return L.INFO;
    case EXCHANGE.TRANSACTION:
      return L.CFG;
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}

/**
 * QM1 opens a quick mode (its message ID), QM2 answers from the other side, QM3 is the opener's
 * second, other message. The client opens most; the MX opens one to renew phase 2 (RFC 2409 5.5:
 * either side may), and its messages are then QM1 and QM3, the client's QM2.
 */
function quickModeLabel(msg: IsakmpMessage, from: Role, quick: QuickModeMemory, capturedBefore: boolean): StepLabel {
  const exchanges = (quick.exchanges ??= new Map());
  let q = exchanges.get(msg.messageId);
  if (!q) {
    // The MX's message as the capture starts may answer a QM1 sent just before it.
    const opener: Role = from === 'client' || quick.phase1Done || capturedBefore ? from : 'client';
    q = { opener, firstLength: from === opener ? msg.length : -1, answered: from !== opener };
    if (exchanges.size < MAX_QUICK_EXCHANGES) exchanges.set(msg.messageId, q);
    if (from === 'client') quick.phase1Done = true;
    return from === opener ? L.QM1 : L.QM2;
  }
  if (from !== q.opener) {
    q.answered = true;
    return L.QM2;
  }
  if (q.firstLength < 0) {
    q.firstLength = msg.length;
    return L.QM1;
  }
  return q.firstLength !== msg.length && q.answered ? L.QM3 : L.QM1;
}

function classifyV2(msg: IsakmpMessage): StepLabel {
  switch (msg.exchangeType) {
    case EXCHANGE.IKE_SA_INIT:
      return L.IKE_SA_INIT;
    case EXCHANGE.IKE_AUTH:
      return L.IKE_AUTH;
    case EXCHANGE.CREATE_CHILD_SA:
      return L.CREATE_CHILD_SA;
    case EXCHANGE.INFORMATIONAL:
      return L.INFORMATIONAL;
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}
