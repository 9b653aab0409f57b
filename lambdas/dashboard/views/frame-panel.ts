// A ladder message opened like Wireshark's packet details: the frame decoded on demand
// (GET /api/captures/{id}/frames/{n}) as a tree of its ISAKMP payloads, with the frame number to
// jump to (a display filter to copy) and, for NAT-D payloads, whether the hash matched.
import type { SessionDiagnosis } from '#shared/report/types.js';
import type { TreeNode } from '#shared/view/payload-tree.js';
import type { Ctx } from '../context.js';
import { h, replace } from '../dom.js';
import { errorBox } from './common.js';
import { copyButton } from './copy.js';

/** The report's NAT-D verdicts for one frame: [peer hash matches, sender hash matches]. */
function natdMatches(sd: SessionDiagnosis, frame: number): (boolean | undefined)[] {
  const out: (boolean | undefined)[] = [undefined, undefined];
  for (const f of sd.findings) {
    const d = f.evidence.details ?? {};
    const peer = d[`frame${frame}PeerHashMatches`] ?? d[`frame${frame}DestinationHashMatches`];
    const own = d[`frame${frame}OwnHashMatches`] ?? d[`frame${frame}SourceHashMatches`];
    if (typeof peer === 'boolean') out[0] = peer;
    if (typeof own === 'boolean') out[1] = own;
  }
  return out;
}

function tree(ctx: Ctx, nodes: TreeNode[], natd: (boolean | undefined)[], counter: { natd: number }): HTMLElement {
  return h(
    'ul',
    { class: 'tree', role: 'group' },
    nodes.map((n) => {
      let match: HTMLElement | null = null;
      if (n.kind === 'natd') {
        const i = counter.natd++;
        const m = natd[Math.min(i, 1)];
        const who = ctx.t(i === 0 ? 'natdPeer' : 'natdSender');
        match =
          m === undefined
            ? null
            : h(
                'span',
                { class: `tag ${m ? 'tag-ok' : 'tag-bad'}`, 'data-natd-match': String(m) },
                m ? `✓ ${ctx.t('natdMatches', { who })}` : `✕ ${ctx.t('natdDiffers', { who })}`,
              );
      }
      const line = [
        h('span', { class: 'tree-label', translate: 'no' }, n.label),
        n.value ? [': ', h('span', { class: 'tree-value mono' }, n.value)] : null,
        match ? [' ', match] : null,
      ];
      return h(
        'li',
        { 'data-kind': n.kind ?? null },
        n.children?.length
          ? h('details', { open: true }, h('summary', null, line), tree(ctx, n.children, natd, counter))
          : line,
      );
    }),
  );
}

export function framePanel(
  ctx: Ctx,
  captureId: string,
  sd: SessionDiagnosis,
): {
  panel: HTMLElement;
  open(frame: number): void;
} {
  const panel = h('section', { class: 'frame-detail', 'aria-live': 'polite', hidden: true, tabindex: -1 });
  let want = 0;
  async function open(frame: number): Promise<void> {
    want = frame;
    panel.hidden = false;
    panel.setAttribute('data-frame', String(frame));
    replace(panel, h('p', { class: 'muted' }, ctx.t('loading')));
    try {
      const d = await ctx.api.frame(captureId, frame);
      if (want !== frame || !ctx.alive()) return;
      const filter = `frame.number == ${frame}`;
      const code = h('code', { class: 'filter' }, filter);
      replace(
        panel,
        h(
          'header',
          { class: 'frame-head' },
          h('h4', null, ctx.t('frameDetail', { n: frame })),
          h(
            'span',
            { class: 'mono small' },
            `${d.src ?? '?'}:${d.srcPort ?? '?'} → ${d.dst ?? '?'}:${d.dstPort ?? '?'}`,
          ),
          h('span', { class: 'small muted' }, ctx.t('jumpTo')),
          code,
          copyButton(ctx, filter, code),
          h(
            'button',
            { type: 'button', class: 'ghost small close', onclick: () => (panel.hidden = true) },
            ctx.t('close'),
          ),
        ),
        d.isakmp.length
          ? tree(ctx, d.isakmp, natdMatches(sd, frame), { natd: 0 })
          : h('p', { class: 'muted' }, ctx.t('noPayloads')),
      );
      panel.focus({ preventScroll: true });
    } catch (e) {
      if (want === frame) replace(panel, errorBox(ctx, e));
    }
  }
  return { panel, open: (f) => void open(f) };
}
