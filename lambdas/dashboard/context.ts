// What every view gets: the API client, the language, navigation and the live status region.
import type { Api } from './api.js';
import type { Me } from './api-types.js';
import type { Key, Lang } from './i18n.js';

export interface Ctx {
  api: Api;
  lang: Lang;
  me: Me;
  t(key: Key, params?: Record<string, string | number>): string;
  navigate(hash: string): void;
  /** Polite status message in the aria-live region. */
  announce(message: string): void;
  /** True while the view that captured it is still on screen (stops polling loops). */
  alive(): boolean;
}
