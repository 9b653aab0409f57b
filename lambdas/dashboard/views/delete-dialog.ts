// The confirmation before a capture is deleted: a modal <dialog> naming the file, its upload time
// and how many diagnoses go with it. Cancel has the focus, so Enter or Escape deletes nothing.
import type { CaptureItem } from '../api-types.js';
import type { Ctx } from '../context.js';
import { h } from '../dom.js';
import { formatTime } from '../format.js';
import { phrase } from './common.js';

export function confirmDelete(ctx: Ctx, c: CaptureItem): Promise<boolean> {
  const { t } = ctx;
  const cancel = h('button', { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, t('cancel'));
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-body' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'delete-title' }, t('deleteTitle')),
      h(
        'p',
        { id: 'delete-body' },
        phrase(ctx, 'deleteBody', {
          name: c.fileName,
          time: formatTime(c.uploadedAt, ctx.lang),
          n: c.sessions ?? 0,
        }),
      ),
      h(
        'div',
        { class: 'dialog-actions' },
        cancel,
        h('button', { type: 'submit', value: 'delete', class: 'danger' }, t('deleteConfirm')),
      ),
    ),
  );
  document.body.appendChild(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'delete');
      dialog.remove();
    });
    dialog.showModal();
    cancel.focus();
  });
}
