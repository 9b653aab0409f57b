// A verdict or finding code with its title: "PSK_MISMATCH · Pre-shared key mismatch". Titles
// come from the core's catalog (one definition of the words); a code the catalog does not know
// (a newer report) is shown humanised.
import { CATALOG_EN } from '#shared/diagnosis/catalog-en.js';
import { CATALOG_JA } from '#shared/diagnosis/catalog-ja.js';
import type { Lang } from './i18n.js';

const CATALOGS: Record<Lang, Record<string, { title: string } | undefined>> = { en: CATALOG_EN, ja: CATALOG_JA };

export function codeTitle(code: string, lang: Lang): string {
  const title = CATALOGS[lang][code]?.title ?? CATALOGS.en[code]?.title;
  if (title) return title;
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
