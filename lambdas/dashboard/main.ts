// Entry point: the page shell (header, tenant switcher, language, sign out), hash routing
// (#/, #/capture/<id>[/session/<sessionId>], #/ip/<addr>) and sign-in. The API key is never put in the URL.
import { Api, ApiError } from './api.js';
import type { Me } from './api-types.js';
import type { Ctx } from './context.js';
import { h, replace, s } from './dom.js';

/** Two endpoints joined by a tunnel: the brand mark, drawn so no font is needed. */
function logo(): SVGSVGElement {
  return s(
    'svg',
    { class: 'logo', viewBox: '0 0 24 16', width: 24, height: 16, 'aria-hidden': 'true' },
    s('rect', { x: 5, y: 5, width: 14, height: 6, rx: 3, class: 'logo-tunnel' }),
    s('circle', { cx: 4, cy: 8, r: 3.5, class: 'logo-end' }),
    s('circle', { cx: 20, cy: 8, r: 3.5, class: 'logo-end' }),
  );
}
import { LANGS, translate, type Key, type Lang } from './i18n.js';
import { storeKey, storeLang, storeTenant, storedKey, storedLang, storedTenant } from './session.js';
import { capturesView } from './views/captures.js';
import { detailView } from './views/detail.js';
import { historyView } from './views/history.js';
import { signInView } from './views/signin.js';
import { merakiView } from './views/meraki.js';

let lang: Lang = storedLang();
let apiKey = storedKey();
let tenantId = storedTenant();
let me: Me | undefined;
let generation = 0;

let notice: Key | undefined;

const api = new Api(
  () => ({ apiKey: apiKey ?? '', tenantId }),
  () => {
    // The key stopped working mid-session: back to sign-in, saying why.
    signOut('keyRefused');
  },
);
const t = (key: Key, params?: Record<string, string | number>) => translate(lang, key, params);

const app = document.getElementById('app')!;
const live = document.getElementById('live')!;

function announce(message: string): void {
  // Clear first so the same message twice is announced twice.
  live.textContent = '';
  setTimeout(() => (live.textContent = message), 50);
}

function languageSelect(): HTMLElement {
  const select = h(
    'select',
    {
      id: 'lang',
      onchange: () => {
        lang = select.value === 'ja' ? 'ja' : 'en';
        storeLang(lang);
        render();
      },
    },
    LANGS.map((l) => h('option', { value: l, selected: l === lang }, l === 'en' ? 'English' : '日本語')),
  );
  return h('div', { class: 'field-inline' }, h('label', { for: 'lang' }, t('language')), select);
}

function tenantSelect(m: Me): HTMLElement | null {
  if (!m.operator) return null;
  const tenants = [...m.tenants];
  if (!tenants.some((x) => x.tenantId === m.tenantId)) tenants.unshift({ tenantId: m.tenantId, name: m.tenantName });
  const current = tenantId ?? m.tenantId;
  const select = h(
    'select',
    {
      id: 'tenant',
      onchange: () => {
        tenantId = select.value === m.tenantId ? undefined : select.value;
        storeTenant(tenantId);
        announce(`${t('tenant')}: ${select.selectedOptions[0]?.textContent ?? ''}`);
        if (location.hash.startsWith('#/capture/')) location.hash = '#/';
        else render();
      },
    },
    tenants.map((x) => h('option', { value: x.tenantId, selected: x.tenantId === current }, x.name)),
  );
  return h('div', { class: 'field-inline' }, h('label', { for: 'tenant' }, t('tenant')), select);
}

/** An operator's stored tenant that it may no longer act for is forgotten. */
function dropStaleTenant(): void {
  if (tenantId && !(me?.operator && me.tenants.some((x) => x.tenantId === tenantId))) {
    tenantId = undefined;
    storeTenant(undefined);
  }
}

function signOut(reason?: Key): void {
  apiKey = undefined;
  tenantId = undefined;
  me = undefined;
  notice = reason;
  storeKey(undefined);
  storeTenant(undefined);
  if (location.hash && location.hash !== '#/')
    location.hash = '#/'; // hashchange renders
  else render();
}

function shell(content: HTMLElement, route: string): HTMLElement {
  const nav = (href: string, key: Key, active: boolean) =>
    h('a', { href, class: active ? 'active' : null, 'aria-current': active ? 'page' : null }, t(key));
  return h(
    'div',
    { class: 'shell' },
    h(
      'header',
      { class: 'topbar' },
      h('a', { href: '#/', class: 'brand' }, logo(), ' ', t('appName')),
      me
        ? h(
            'nav',
            { 'aria-label': 'main' },
            nav('#/', 'navCaptures', route === 'captures'),
            nav('#/ip/', 'navSearch', route === 'ip'),
            nav('#/meraki', 'navMeraki', route === 'meraki'),
          )
        : h('span', { class: 'tagline' }, t('tagline')),
      h('div', { class: 'spacer' }),
      me ? tenantSelect(me) : null,
      me && !me.operator ? h('span', { class: 'tenant-name' }, me.tenantName) : null,
      languageSelect(),
      me ? h('button', { type: 'button', class: 'ghost', onclick: () => signOut() }, t('signOut')) : null,
    ),
    h('main', { id: 'main', tabindex: -1 }, content),
  );
}

async function signIn(key: string): Promise<void> {
  apiKey = key;
  try {
    me = await api.me();
  } catch (e) {
    apiKey = undefined;
    throw e;
  }
  storeKey(key);
  notice = undefined;
  dropStaleTenant();
  render();
}

function render(): void {
  const gen = ++generation;
  document.documentElement.lang = lang;
  document.title = t('appName');
  if (!apiKey || !me) {
    replace(app, shell(signInView(t, signIn, notice), 'signin'));
    return;
  }
  const ctx: Ctx = {
    api,
    lang,
    me,
    t,
    navigate: (hash) => {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    announce,
    alive: () => gen === generation,
  };
  const hash = location.hash.replace(/^#/, '');
  const capture = /^\/capture\/([^/]+)(?:\/session\/([^/]+))?$/.exec(hash);
  const ip = /^\/ip\/(.*)$/.exec(hash);
  let view: HTMLElement;
  let route = 'captures';
  if (hash === '/meraki') {
    route = 'meraki';
    view = merakiView(ctx);
  } else if (capture)
    view = detailView(ctx, decodeURIComponent(capture[1]!), capture[2] ? decodeURIComponent(capture[2]) : undefined);
  else if (ip) {
    route = 'ip';
    view = historyView(ctx, ip[1] ? decodeURIComponent(ip[1]) : undefined);
  } else view = capturesView(ctx);
  replace(app, shell(view, route));
}

window.addEventListener('hashchange', () => {
  render();
  document.getElementById('main')?.focus({ preventScroll: true });
});

async function boot(): Promise<void> {
  if (apiKey) {
    try {
      me = await api.me();
      dropStaleTenant();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        apiKey = undefined;
        notice = 'keyRefused';
        storeKey(undefined);
      }
    }
  }
  render();
}
void boot();
