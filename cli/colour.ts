// Colour on a terminal only: off when stdout is not a TTY or NO_COLOR is set (https://no-color.org).
// Verdict codes are coloured by severity; the text stays the same, so colour is never the only signal.
import { CODE_META } from '#shared/diagnosis/catalog.js';

const SGR = { error: '31;1', warning: '33;1', info: '36', ok: '32;1' } as const;

export function useColour(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

/** Colours every known verdict or finding code in `text`. */
export function colourCodes(text: string): string {
  return text.replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, (code) => {
    const sev = (CODE_META as Record<string, { severity: keyof typeof SGR } | undefined>)[code]?.severity;
    return sev ? `\x1b[${SGR[sev]}m${code}\x1b[0m` : code;
  });
}
