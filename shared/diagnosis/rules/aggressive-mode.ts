// AGGRESSIVE_MODE: exchange type 4, unsupported for Client VPN on MX 15 and later. Rests on
// what is present (the exchange type), so it stands however short the capture.
import { EXCHANGE } from '../../ike/exchange-types.js';
import { decline, type Rule } from '../rule-types.js';
import { framesFilter, framesOf, type IkeFacts } from '../session-facts.js';

export const aggressiveMode: Rule<IkeFacts> = {
  name: 'aggressive-mode',
  decide(f) {
    if (!f.session.exchangeTypes.includes(EXCHANGE.AGGRESSIVE)) return decline('not-this-kind');
    return {
      code: 'AGGRESSIVE_MODE',
      detail: () => {
        const frames = framesOf(f, ['client', 'AM1'], ['mx', 'AM2'], ['client', 'AM3']);
        return { evidence: { frames }, filter: framesFilter(f, frames) };
      },
    };
  },
};
