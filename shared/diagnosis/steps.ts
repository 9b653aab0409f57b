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
 * Quick mode per message ID: the client's first message length tells QM1 from QM3. Made on
 * the first quick mode message (most sessions of a busy capture never get there).
 */
export interface QuickModeMemory {
  firstClientLength?: Map<string, number>;
  mxAnswered?: Set<string>;
}

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

export function classifyMessage(msg: IsakmpMessage, from: Role, quick: QuickModeMemory): StepLabel {
  if (msg.majorVersion === 2) return classifyV2(msg);
  const client = from === 'client';
  switch (msg.exchangeType) {
    case EXCHANGE.MAIN_MODE: {
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.SA) return client ? L.MM1 : L.MM2;
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.KE) return client ? L.MM3 : L.MM4;
      return client ? L.MM5 : L.MM6;
    }
    case EXCHANGE.AGGRESSIVE:
      if (!client) return L.AM2;
      return msg.encrypted || msg.nextPayload === PAYLOAD.HASH ? L.AM3 : L.AM1;
    case EXCHANGE.QUICK_MODE: {
      const answered = (quick.mxAnswered ??= new Set());
      const firstLength = (quick.firstClientLength ??= new Map());
      if (!client) {
        answered.add(msg.messageId);
        return L.QM2;
      }
      const first = firstLength.get(msg.messageId);
      if (first === undefined) {
        if (firstLength.size < 1024) firstLength.set(msg.messageId, msg.length);
        return L.QM1;
      }
      return first !== msg.length && answered.has(msg.messageId) ? L.QM3 : L.QM1;
    }
    case EXCHANGE.INFORMATIONAL_V1:
      return L.INFO;
    case EXCHANGE.TRANSACTION:
      return L.CFG;
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
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
