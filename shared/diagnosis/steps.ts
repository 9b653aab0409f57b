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

/** Quick mode per message ID: the client's first message length tells QM1 from QM3. */
export interface QuickModeMemory {
  firstClientLength: Map<string, number>;
  mxAnswered: Set<string>;
}

export function classifyMessage(msg: IsakmpMessage, from: Role, quick: QuickModeMemory): StepLabel {
  if (msg.majorVersion === 2) return classifyV2(msg);
  switch (msg.exchangeType) {
    case EXCHANGE.MAIN_MODE: {
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.SA)
        return { step: 'SA', label: from === 'client' ? 'MM1' : 'MM2' };
      if (!msg.encrypted && msg.nextPayload === PAYLOAD.KE)
        return { step: 'KE', label: from === 'client' ? 'MM3' : 'MM4' };
      return { step: 'ID', label: from === 'client' ? 'MM5' : 'MM6' };
    }
    case EXCHANGE.AGGRESSIVE:
      if (from === 'mx') return { step: 'SA', label: 'AM2' };
      return msg.encrypted || msg.nextPayload === PAYLOAD.HASH
        ? { step: 'ID', label: 'AM3' }
        : { step: 'SA', label: 'AM1' };
    case EXCHANGE.QUICK_MODE: {
      if (from === 'mx') {
        quick.mxAnswered.add(msg.messageId);
        return { step: 'HASH', label: 'QM2' };
      }
      const first = quick.firstClientLength.get(msg.messageId);
      if (first === undefined) {
        if (quick.firstClientLength.size < 1024) quick.firstClientLength.set(msg.messageId, msg.length);
        return { step: 'HASH', label: 'QM1' };
      }
      return { step: 'HASH', label: first !== msg.length && quick.mxAnswered.has(msg.messageId) ? 'QM3' : 'QM1' };
    }
    case EXCHANGE.INFORMATIONAL_V1:
      return { step: 'INFO', label: 'INFO' };
    case EXCHANGE.TRANSACTION:
      return { step: 'INFO', label: 'CFG' };
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}

function classifyV2(msg: IsakmpMessage): StepLabel {
  switch (msg.exchangeType) {
    case EXCHANGE.IKE_SA_INIT:
      return { step: 'SA', label: 'IKE_SA_INIT' };
    case EXCHANGE.IKE_AUTH:
      return { step: 'ID', label: 'IKE_AUTH' };
    case EXCHANGE.CREATE_CHILD_SA:
      return { step: 'HASH', label: 'CREATE_CHILD_SA' };
    case EXCHANGE.INFORMATIONAL:
      return { step: 'INFO', label: 'INFORMATIONAL' };
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}
