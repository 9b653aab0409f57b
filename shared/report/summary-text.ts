// What the terminal report says of the sessions and clients the report only counts (a capture
// with more than it keeps in full, e.g. a day of internet scanners): one line per verdict and
// responder, and the clients beyond the list per verdict. Without it a reader of 43,000 sessions
// would see the 200 kept in full and nothing of the rest. Pure: report in, lines out.
import { safe, type TextContext } from './finding-text.js';
import type { Lang } from './ladder-words.js';
import type { AnalysisReport, ClientGroup, SessionSummary } from './types.js';

/** Client addresses a line names as examples. */
const SAMPLE = 3;

interface SummaryWords {
  moreClients(count: number, groups: string): string;
  clientGroup(g: ClientGroup, sample: string): string;
  title(shown: number): string;
  group(s: SessionSummary, mx: string, sample: string, sep: string, to: string): string;
  otherResponders: string;
  sample(ips: string[], more: boolean): string;
}

const WORDS: Readonly<Record<Lang, SummaryWords>> = {
  en: {
    moreClients: (n, groups) => `… and ${n} more ${n === 1 ? 'client' : 'clients'}, counted per verdict: ${groups}`,
    clientGroup: (g, sample) => `${g.verdict} ${g.clients}${sample}`,
    title: (shown) => `Sessions counted, not shown one by one (the ${shown} that say most are shown below):`,
    group: (s, mx, sample, sep, to) =>
      `${s.verdict} — ${s.title.en}${sep}MX ${mx}${sep}${s.sessions} ${s.sessions === 1 ? 'session' : 'sessions'} from ${s.clientAddresses} client ${s.clientAddresses === 1 ? 'address' : 'addresses'}${sample}${sep}frames ${s.firstFrame}–${s.lastFrame}${sep}${s.start} ${to} ${s.end}`,
    otherResponders: 'other responders',
    sample: (ips, more) => ` (e.g. ${ips.join(', ')}${more ? ', …' : ''})`,
  },
  ja: {
    moreClients: (n, groups) => `…ほかに ${n} クライアント（判定ごとの件数）: ${groups}`,
    clientGroup: (g, sample) => `${g.verdict} ${g.clients} 件${sample}`,
    title: (shown) => `件数のみのセッション（重要な ${shown} 件は下に個別に示します）:`,
    group: (s, mx, sample, sep, to) =>
      `${s.verdict} — ${s.title.ja}${sep}MX ${mx}${sep}${s.sessions} セッション、クライアントアドレス ${s.clientAddresses} 件${sample}${sep}フレーム ${s.firstFrame}–${s.lastFrame}${sep}${s.start} ${to} ${s.end}`,
    otherResponders: 'その他のレスポンダー',
    sample: (ips, more) => `（例: ${ips.join('、')}${more ? ' など' : ''}）`,
  },
};

function sampleText(w: SummaryWords, ips: string[], total: number): string {
  if (ips.length === 0) return '';
  const shown = ips.slice(0, SAMPLE).map(safe);
  return w.sample(shown, total > shown.length);
}

/** The line after the client list for the clients it does not list (none when it lists all). */
export function moreClientsLine(report: AnalysisReport, ctx: TextContext): string[] {
  const groups = report.clientSummaries ?? [];
  if (groups.length === 0) return [];
  const w = WORDS[ctx.lang];
  const total = groups.reduce((n, g) => n + g.clients, 0);
  const parts = groups.map((g) => w.clientGroup(g, sampleText(w, g.sample, g.clients)));
  return [`  ${w.moreClients(total, parts.join(ctx.w.partSeparator))}`];
}

/** The sessions counted, one line per verdict and responder (none when every session is shown). */
export function sessionSummaryLines(report: AnalysisReport, ctx: TextContext): string[] {
  const groups = report.sessionSummaries ?? [];
  if (groups.length === 0) return [];
  const w = WORDS[ctx.lang];
  const { g } = ctx;
  const shown = report.sessions.length + (report.anyconnect?.length ?? 0);
  return [
    w.title(shown),
    ...groups.map(
      (s) =>
        `  ${w.group(
          s,
          s.responderIp === '*' ? w.otherResponders : safe(s.responderIp),
          sampleText(w, s.clientSample, s.clientAddresses),
          g.separator,
          g.to,
        )}`,
    ),
    '',
  ];
}
