// Which step of the guide an IKE message belongs to, and the short label drawn on the ladder.
// IKEv1 main mode is recognised by the header's next payload (SA, KE) and, once encrypted, by
// direction; quick mode messages are told apart per message ID.
import type { GuideStep } from '../report/types.js';
import type { IsakmpMessage } from '../ike/types.js';

export const ExchangeV1 = {
  Base: 1,
  IdentityProtection: 2,
  AuthOnly: 3,
  Aggressive: 4,
  Informational: 5,
  Transaction: 6,
  Quick: 32,
} as const;
export const ExchangeV2 = { IkeSaInit: 34, IkeAuth: 35, CreateChildSa: 36, Informational: 37 } as const;
export const PayloadV1 = { SA: 1, KE: 4, ID: 5, HASH: 8, NOTIFY: 11, VID: 13 } as const;

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
    case ExchangeV1.IdentityProtection: {
      if (!msg.encrypted && msg.nextPayload === PayloadV1.SA)
        return { step: 'SA', label: from === 'client' ? 'MM1' : 'MM2' };
      if (!msg.encrypted && msg.nextPayload === PayloadV1.KE)
        return { step: 'KE', label: from === 'client' ? 'MM3' : 'MM4' };
      return { step: 'ID', label: from === 'client' ? 'MM5' : 'MM6' };
    }
    case ExchangeV1.Aggressive:
      if (from === 'mx') return { step: 'SA', label: 'AM2' };
      return msg.encrypted || msg.nextPayload === PayloadV1.HASH
        ? { step: 'ID', label: 'AM3' }
        : { step: 'SA', label: 'AM1' };
    case ExchangeV1.Quick: {
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
    case ExchangeV1.Informational:
      return { step: 'INFO', label: 'INFO' };
    case ExchangeV1.Transaction:
      return { step: 'INFO', label: 'CFG' };
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}

function classifyV2(msg: IsakmpMessage): StepLabel {
  switch (msg.exchangeType) {
    case ExchangeV2.IkeSaInit:
      return { step: 'SA', label: 'IKE_SA_INIT' };
    case ExchangeV2.IkeAuth:
      return { step: 'ID', label: 'IKE_AUTH' };
    case ExchangeV2.CreateChildSa:
      return { step: 'HASH', label: 'CREATE_CHILD_SA' };
    case ExchangeV2.Informational:
      return { step: 'INFO', label: 'INFORMATIONAL' };
    default:
      return { step: 'INFO', label: `EXCH ${msg.exchangeType}` };
  }
}
