// The top of `analyze`'s human output for a capture with several clients: one line per client
// with its verdict and title, so a multi-client capture does not read as one verdict.
import { CATALOG_EN } from '#shared/diagnosis/catalog-en.js';
import { CATALOG_JA } from '#shared/diagnosis/catalog-ja.js';
import type { AnalysisReport } from '#shared/report/types.js';
import { clientVerdicts } from '#shared/view/client-verdicts.js';

type Lang = 'en' | 'ja';

const WORDS = {
  en: { clients: (n: number) => `Clients: ${n}`, sessions: (n: number) => `${n} session${n === 1 ? '' : 's'}` },
  ja: { clients: (n: number) => `クライアント: ${n}`, sessions: (n: number) => `${n} セッション` },
};

function title(code: string, lang: Lang): string {
  const catalog: Record<string, { title: string } | undefined> = lang === 'ja' ? CATALOG_JA : CATALOG_EN;
  return catalog[code]?.title ?? code;
}

/** Lines for the clients of `report`, or [] when it has fewer than two. */
export function clientSummaryLines(report: AnalysisReport, lang: Lang): string[] {
  const clients = clientVerdicts(report.sessions, (report as { clients?: unknown }).clients);
  if (clients.length < 2) return [];
  const width = Math.max(...clients.map((c) => c.ip.length));
  return [
    WORDS[lang].clients(clients.length),
    ...clients.map(
      (c) =>
        `  ${c.ip.padEnd(width)}  ${c.verdict} — ${title(c.verdict, lang)} (${WORDS[lang].sessions(c.sessionIds.length)})`,
    ),
  ];
}

/** The rendered report with the client lines after its first two (header and capture verdict). */
export function withClientSummary(text: string, report: AnalysisReport, lang: Lang): string {
  const lines = clientSummaryLines(report, lang);
  if (!lines.length) return text;
  const rows = text.split('\n');
  const at = Math.min(2, rows.length);
  return [...rows.slice(0, at), ...lines, ...rows.slice(at)].join('\n');
}
