// AGGRESSIVE_MODE: exchange type 4, unsupported for Client VPN on MX 15 and later.
import { framesFilter, framesOf, type SessionRule } from '../session-facts.js';

const AGGRESSIVE = 4;

export const aggressiveMode: SessionRule = (f) => {
  if (!f.session.exchangeTypes.has(AGGRESSIVE)) return null;
  const frames = framesOf(f, ['client', 'AM1'], ['mx', 'AM2'], ['client', 'AM3']);
  return { code: 'AGGRESSIVE_MODE', evidence: { frames }, filter: framesFilter(f, frames) };
};
