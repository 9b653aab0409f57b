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

/** One object per step and label: classifying a message allocates nothing. */
function stepLabel(step: GuideStep, label: string): StepLabel {
  return Object.freeze({ step, label });
}
const MM = [1, 2, 3, 4, 5, 6].map((n) => stepLabel(n <= 2 ? 'SA' : n <= 4 ? 'KE' : 'ID', `MM${n}`));
const AM1 = stepLabel('SA', 'AM1');
const AM2 = stepLabel('SA', 'AM2');
const AM3 = stepLabel('ID', 'AM3');
const QM1 = stepLabel('HASH', 'QM1');
const QM2 = stepLabel('HASH', 'QM2');
const QM3 = stepLabel('HASH', 'QM3');
const INFO = stepLabel('INFO', 'INFO');
const CFG = stepLabel('INFO', 'CFG');
const IKE_SA_INIT = stepLabel('SA', 'IKE_SA_INIT');
const IKE_AUTH = stepLabel('ID', 'IKE_AUTH');
const CREATE_CHILD_SA = stepLabel('HASH', 'CREATE_CHILD_SA');
const INFORMATIONAL = stepLabel('INFO', 'INFORMATIONAL');

export function classifyMessage(msg: IsakmpMessage, from: Role, quick: QuickModeMemory): StepLabel {
  if (msg.majorVersion === 2) return classifyV2(msg);
  const client = from === 'client';
  switch (msg.exchangeType) {
    case EXCHANGE.MAIN_MODE: {
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.SA) return client ? MM[0] : MM[1];
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.KE) return client ? MM[2] : MM[3];
      return client ? MM[4] : MM[5];
    }
    case EXCHANGE.AGGRESSIVE:
      if (!client) return AM2;
      return msg.encrypted || msg.nextPayload === PAYLOAD.HASH ? AM3 : AM1;
    case EXCHANGE.QUICK_MODE: {
      const answered = (quick.mxAnswered ??= new Set());
      const firstLength = (quick.firstClientLength ??= new Map());
      if (!client) {
        answered.add(msg.messageId);
        return QM2;
      }
      const first = firstLength.get(msg.messageId);
      if (first === undefined) {
        if (firstLength.size < 1024) firstLength.set(msg.messageId, msg.length);
        return QM1;
      }
      return first !== msg.length && answered.has(msg.messageId) ? QM3 : QM1;
    }
    case EXCHANGE.INFORMATIONAL_V1:
      return INFO;
    case EXCHANGE.TRANSACTION:
      return CFG;
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}

function classifyV2(msg: IsakmpMessage): StepLabel {
  switch (msg.exchangeType) {
    case EXCHANGE.IKE_SA_INIT:
      return IKE_SA_INIT;
    case EXCHANGE.IKE_AUTH:
      return IKE_AUTH;
    case EXCHANGE.CREATE_CHILD_SA:
      return CREATE_CHILD_SA;
    case EXCHANGE.INFORMATIONAL:
      return INFORMATIONAL;
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}
