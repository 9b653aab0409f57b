// Where the browser keeps the key (sessionStorage: this tab only, gone when it closes), the
// operator's chosen tenant (same) and the language (localStorage: remembered).
import type { TimeZoneMode } from './format.js';
import { isLang, type Lang } from './i18n.js';

const KEY = 'vpn-doctor.apiKey';
const TENANT = 'vpn-doctor.tenantId';
const LANG = 'vpn-doctor.lang';

function read(store: Storage, k: string): string | undefined {
  try {
    return store.getItem(k) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(store: Storage, k: string, v: string | undefined): void {
  try {
    if (v === undefined) store.removeItem(k);
    else store.setItem(k, v);
  } catch {
    // storage disabled: the value lives for this page only
  }
}

export const storedKey = (): string | undefined => read(sessionStorage, KEY);
export const storeKey = (v: string | undefined): void => write(sessionStorage, KEY, v);
export const storedTenant = (): string | undefined => read(sessionStorage, TENANT);
export const storeTenant = (v: string | undefined): void => write(sessionStorage, TENANT, v);

export function storedLang(): Lang {
  const v = read(localStorage, LANG);
  if (isLang(v)) return v;
  return navigator.language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
export const storeLang = (v: Lang): void => write(localStorage, LANG, v);

const ZONE = 'vpn-doctor.timeZone';
export const storedZone = (): TimeZoneMode => (read(localStorage, ZONE) === 'utc' ? 'utc' : 'local');
export const storeZone = (v: TimeZoneMode): void => write(localStorage, ZONE, v);
