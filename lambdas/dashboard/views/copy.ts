// Copy to clipboard with navigator.clipboard, falling back to execCommand on a hidden textarea
// (plain http origins have no async clipboard), and finally to selecting the text for the user.
import type { Ctx } from '../context.js';
import { h } from '../dom.js';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  ta.value = text;
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

export function copyButton(ctx: Ctx, text: string, selectable: Element): HTMLButtonElement {
  const btn: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'secondary small copy',
      onclick: () => void copyAndTell(),
    },
    ctx.t('copy'),
  );
  async function copyAndTell(): Promise<void> {
    const ok = await copyText(text);
    if (ok) {
      btn.textContent = `✓ ${ctx.t('copied')}`;
      ctx.announce(ctx.t('copied'));
    } else {
      const range = document.createRange();
      range.selectNodeContents(selectable);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      btn.textContent = ctx.t('copyFailed');
    }
    setTimeout(() => (btn.textContent = ctx.t('copy')), 2500);
  }
  return btn;
}
