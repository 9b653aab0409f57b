// How the user's terminal draws East Asian ambiguous characters (─ ▶ ◀ → · …), decided from
// the environment and the report language, for shared/report to lay the ladder out.
import type { AmbiguousWidth } from '#shared/report/display-width.js';

/** Set to 1 (wide) or 0 (narrow) to override what the locale and --lang suggest. */
export const AMBIGUOUS_WIDE_ENV = 'VPN_DOCTOR_AMBIGUOUS_WIDE';

/** The locale that decides character classes, by POSIX precedence: LC_ALL, LC_CTYPE, LANG. */
function ctypeLocale(env: Readonly<Record<string, string | undefined>>): string {
  return env.LC_ALL || env.LC_CTYPE || env.LANG || '';
}

/**
 * Wide when the environment switch says 1; narrow when it says 0; otherwise wide when the
 * locale is Japanese (ja, ja_JP.UTF-8, …) or the report is asked for in Japanese, since
 * Japanese terminal setups (Tera Term, PuTTY, iTerm2) commonly draw these characters two
 * columns wide.
 */
export function ambiguousWidth(env: Readonly<Record<string, string | undefined>>, lang: 'en' | 'ja'): AmbiguousWidth {
  const forced = env[AMBIGUOUS_WIDE_ENV]?.trim();
  if (forced === '1') return 'wide';
  if (forced === '0') return 'narrow';
  return lang === 'ja' || /^ja([_.@-]|$)/i.test(ctypeLocale(env)) ? 'wide' : 'narrow';
}
