// Types of the Soundoff widget's JavaScript API (dist/soundoff-widget.mjs, and
// window.SoundoffWidget from dist/soundoff.js). See docs/widget.md.
import type { Engine, SortOrder, SpamPolicy } from './soundoff-engine.js';

/** A locale's strings: templates with {name} placeholders, plural entries by Intl.PluralRules category. */
export type Strings = Record<string, string | Partial<Record<Intl.LDMLPluralRule, string>>>;

export interface WidgetOptions {
  /** Static mode: URL of a comment document (docs/comment-document.md). */
  src?: string;
  /** Static mode: the document itself (string, bytes or object) instead of `src`. */
  document?: string | Uint8Array | ArrayBuffer | object;
  /** API mode: the server's origin ('' for the page's own), with `thread`, or alone (the thread is the page's). */
  api?: string;
  /** API mode: the thread key; static mode: the thread of a document holding several. */
  thread?: string;
  /** API mode without `thread`: the page whose thread to show (default: `<link rel=canonical>`, else `location.href`). */
  url?: string;
  sort?: SortOrder; // default 'oldest'
  perPage?: number; // top-level threads per page, 1..1000 (default 50)
  maxDepth?: number; // deepest nesting shown, deeper replies say "in reply to" (default 5; 0 = unlimited)
  maxReplies?: number; // replies per comment before "show N more replies" (default 0 = all)
  /** BCP 47 tag; default the page's <html lang>, then the browser's. */
  lang?: string;
  theme?: 'auto' | 'light' | 'dark'; // default 'auto' (prefers-color-scheme)
  paging?: 'pages' | 'more'; // numbered page links (default) or "load more"
  /** Heading wording before the count, default "soundoff". */
  title?: string;
  /** API mode: seconds between checks for new comments (default 30; 0 = off). */
  poll?: number;
  /** Extra or overriding translations: { 'fr': {...}, 'en': { heading: '...' } }. */
  strings?: Record<string, Strings>;
  /** An engine to use instead of loading the bundled one (or a promise of one). */
  engine?: Engine | Promise<Engine>;
  /** The reply form pre-check's spam policy: a URL of policy JSON (e.g. the server's), or the policy. Default: core's. */
  spamPolicy?: string | Exclude<SpamPolicy, string>;
  /** API mode: the site's signed token for its logged-in reader (docs/sso.md), sent as `X-Soundoff-User`. */
  ssoToken?: string;
  /** API mode: show an "Email me replies" checkbox that sends `notify_replies` (the server has `reader_mail` on). */
  notify?: boolean;
}

export interface Widget {
  readonly host: HTMLElement;
  /** The widget's open shadow root; comments are its `#comment-<id>` articles. */
  readonly shadowRoot: ShadowRoot;
  /** Settles after the first page rendered (or the error was shown). */
  readonly ready: Promise<unknown>;
  reload(): Promise<unknown>;
  /** API mode: checks for new comments now instead of waiting for the poll. */
  checkNow(): Promise<void>;
  /** Signs the reader in (the site's token) or out (`null`) for the next post, vote or report. */
  setUser(token: string | null): void;
  destroy(): void;
}

/** Mounts a widget into an element (or the first element a selector matches). */
export declare function mount(target: HTMLElement | string, options?: WidgetOptions): Widget;
/** The page's shared engine instance (loaded on first call). */
export declare function loadEngine(): Promise<Engine>;
export declare const locales: Record<string, Strings>;

/** Events dispatched on the host element. */
export interface WidgetEventMap {
  'soundoff:render': CustomEvent<{ page: number | null; total: number; items: number }>;
  'soundoff:error': CustomEvent<{ code: string; message?: string }>;
}
