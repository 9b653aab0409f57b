// Sign-in: one password field for the API key. A refused key (401) is said in words.
import { ApiError } from '../api.js';
import { h } from '../dom.js';
import type { Key } from '../i18n.js';

export function signInView(
  t: (k: Key) => string,
  submit: (apiKey: string) => Promise<void>,
  notice?: Key,
): HTMLElement {
  const input = h('input', {
    id: 'api-key',
    name: 'apiKey',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'api-key-help',
  });
  const message = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' }, notice ? t(notice) : null);
  const button = h('button', { type: 'submit', class: 'primary' }, t('signIn'));
  const form = h(
    'form',
    {
      class: 'signin card',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void signIn();
      },
    },
    h('h1', null, t('signInTitle')),
    h('label', { for: 'api-key' }, t('apiKey')),
    input,
    h('p', { class: 'help', id: 'api-key-help' }, t('apiKeyHelp')),
    button,
    message,
  );
  async function signIn(): Promise<void> {
    const key = input.value.trim();
    if (!key) return;
    button.disabled = true;
    message.textContent = '';
    try {
      await submit(key);
    } catch (e) {
      message.textContent =
        e instanceof ApiError && e.status === 401
          ? t('keyRefused')
          : e instanceof ApiError && e.status === 0
            ? t('networkError')
            : String(e instanceof Error ? e.message : e);
      input.focus();
      input.select();
    } finally {
      button.disabled = false;
    }
  }
  queueMicrotask(() => input.focus());
  return h('section', { class: 'signin-wrap' }, form);
}
