// Types of the Soundoff engine's public API (hand-written; emscripten 3.1.6
// cannot emit them, and the private bindings underneath are not part of it).

/** Stable error codes. Core and document codes pass through unchanged (docs/errors.md). */
export type ErrorCode =
  | 'invalid_argument' // a bad option, id or document type; the message names it
  | 'invalid_json'
  | 'invalid_document'
  | 'too_large'
  | 'invalid_utf8'
  | 'not_found' // `around` / pageOf: the comment is not shown in this thread
  | 'invalid_cursor'
  | 'disposed' // the thread was disposed
  | 'load_failed' // the WebAssembly module (or, for checkSpam/resolveReplies, the tools module) could not be loaded
  | 'invalid_policy' // checkSpam: the spam policy is not valid (the message names the field)
  | 'invalid_model' // loadSiteModel: the site model is not JSON or not in the soundoff-site-model format (named)
  | 'internal' // the engine trapped (e.g. out of memory); the engine refuses further calls
  | (string & {});

/** Every failure is thrown as a SoundoffError; no bare numbers or wasm errors reach callers. */
export declare class SoundoffError extends Error {
  readonly name: 'SoundoffError';
  readonly code: ErrorCode;
  constructor(code: string, message: string);
}

export type SortOrder = 'oldest' | 'newest' | 'top' | 'best' | 'controversial' | 'active';

/** A comment document: `{thread, comments: [...]}` or a bare array (docs/comment-document.md). */
export type DocumentInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

export interface IngestOptions {
  /** Assemble only the comments of this thread (documents holding several). */
  thread?: string;
}

export interface PageOptions {
  sort?: SortOrder; // default 'oldest'
  /** 1-based page of top-level threads (default 1). At most one of page, around, after. */
  page?: number;
  /** The page holding this comment id (a permalink); it is `highlight`ed. */
  around?: string;
  /** A `next_cursor` or `replies_cursor` from an earlier page. */
  after?: string;
  perPage?: number; // top-level threads per page, 1..1000 (default 50)
  maxDepth?: number; // deepest reply depth shown, deeper replies are flattened (default 5, 0 = unlimited)
  maxReplies?: number; // replies shown per comment before a replies cursor (default 0 = all)
  replies?: 'oldest' | 'newest';
}

export interface PageOfOptions {
  sort?: SortOrder;
  perPage?: number;
}

/** One shown comment with its replies, in the page format (docs/page-format.md). */
export interface PageItem {
  id: string;
  parent: string | null;
  author: string | null; // null for tombstones
  body: string | null; // null for tombstones
  created: string; // ISO-8601 UTC
  status: 'published' | 'pending' | 'spam' | 'deleted';
  score: number;
  up: number;
  down: number;
  depth: number;
  number: number | null; // display number; null for tombstones
  replies: number; // visible comments below this one
  latest_activity: string;
  tombstone: boolean;
  orphan: boolean;
  cycle_broken?: true;
  reply_to: { id: string; author: string | null } | null; // set when shown below a depth cap
  hidden_replies: number;
  replies_cursor: string | null;
  /** A moderator pinned it: shown first in its thread with a badge (server pages; docs/moderation-api.md). */
  pinned?: boolean;
  /** When a moderator or the author last edited the body (server pages), else absent or null. */
  edited?: string | null;
  /** The author's account badge (docs/sso.md), set by the server from the reader's sign-in; absent when anonymous. */
  badge?: 'verified' | 'staff';
  children: PageItem[];
}

export interface RecordError {
  index: number;
  id: string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface ThreadIssue {
  code: string;
  id: string;
  message: string;
}

/** The page format: the same object the CLI prints and the server sends. */
export interface Page {
  thread: string;
  sort: SortOrder;
  total: number; // visible comments in the thread
  threads: number; // shown top-level threads
  page: number | null; // null when reached by cursor
  pages: number;
  per_page: number;
  links: { prev: number | null; next: number | null; pages: (number | null)[] };
  next_cursor: string | null;
  highlight: string | null;
  replies_of: string | null;
  hidden_replies?: number;
  /** Server pages of a closed thread: new comments are refused (403 closed); the widget shows no form. */
  closed?: boolean;
  items: PageItem[];
  errors: RecordError[]; // records of the document that were left out
  issues: ThreadIssue[]; // what assembly repaired (orphans, cycles, duplicates)
}

export type TextSegment =
  | { type: 'text'; text: string }
  | { type: 'link'; text: string; url: string } // url is always http:// or https://
  | { type: 'mention'; text: string; name: string }
  | { type: 'quote'; text: string } // plain text; lines joined by '\n'
  | { type: 'line_break' }
  | { type: 'paragraph_break' };

/** An ingested thread. Owned by the facade: dispose() frees it now, garbage collection later. */
export interface Thread {
  readonly thread: string; // the thread key
  readonly comments: number; // comments assembled
  readonly total: number; // visible comments
  readonly skipped: number; // records left out (listed in every page's `errors`)
  readonly issues: number; // repairs made by assembly (listed in `issues`)
  readonly disposed: boolean;
  page(options?: PageOptions): Page;
  pageOf(commentId: string, options?: PageOfOptions): number;
  /** Follows `page.next_cursor` with the same sort and page size; null at the end. */
  nextPage(page: Page, options?: Omit<PageOptions, 'page' | 'around' | 'after' | 'sort' | 'perPage'>): Page | null;
  /** Idempotent. Methods called afterwards throw SoundoffError('disposed'). */
  dispose(): void;
}

/** The new comment checkSpam judges (the reply form's fields). */
export interface SpamCandidate {
  author?: string | null;
  body: string;
  email?: string | null; // accepted, not a spam signal
  parent?: string | null;
  created?: string | null; // ISO-8601; default: context.now
}

/** An earlier comment; other fields (a page item's id, status, ...) are ignored. */
export interface SpamPriorComment {
  author?: string | null;
  body?: string | null;
  created?: string | null; // ISO-8601
  ip?: string | null; // an opaque address key (the server compares hashed prefixes); equal keys = same sender
}

/** What is known around the new comment (SpamContext in core/include/soundoff/spam.h). All optional. */
export interface SpamContext {
  thread?: SpamPriorComment[]; // the thread's recent comments: duplicates, flood, thread repeats
  authorRecent?: SpamPriorComment[]; // the author's or address's recent comments site-wide
  authorApproved?: number; // approved comments by this author: first_time_link, link_only need it
  ip?: string; // this request's address key
  userAgent?: string; // giving it (even '') marks a live request: automated/missing user agent checks
  now?: string; // ISO-8601; default: the current time
}

/** A site's spam policy (docs/spam-policy.md, "Policy JSON"), as an object or JSON text. */
export type SpamPolicy = Record<string, unknown> | string;

/** Stable reason codes (docs/spam-policy.md, "Reason codes"); translate by code. */
export type SpamReasonCode =
  | 'banned_word' | 'empty_body' | 'moderation_word' | 'too_long' | 'link_limit' | 'first_time_link' | 'flood'
  | 'duplicate' | 'near_duplicate' | 'link' | 'thread_repeat' | 'call_to_action' | 'self_promotion'
  | 'money_offer' | 'phone_number' | 'link_shortener' | 'suspicious_host' | 'content_model'
  | 'automated_user_agent' | 'missing_user_agent' | 'shouting' | 'character_flood' | 'link_only'
  | 'referral_link' | 'obfuscated_link' | 'seo_backlink' | 'keyword_anchor' | 'support_scam' | 'download_bait'
  | 'site_model';

export interface SpamCheckResult {
  verdict: 'accept' | 'hold' | 'reject';
  score: number; // in [0, 1]
  reasons: { code: SpamReasonCode; message: string; weight: number }[]; // strongest first; message is English
}

/** A site's spam model as `soundoff spam export-model` writes it (docs/spam-policy.md, "The site model"). */
export interface SiteModelJson {
  format: 'soundoff-site-model';
  version: 1;
  decisions: number;
  spam_examples: number;
  ham_examples: number;
  features: Record<string, [spam: number, ham: number]>; // bucket number -> decayed counts
}

export interface SiteModelOptions {
  minExamples?: number; // the (decayed) examples of each class it needs before it counts (default 20)
}

/** What loadSiteModel loaded: the counts `soundoff spam --learn-site` prints. */
export interface SiteModelSummary {
  spam_examples: number; // decayed, so not always whole
  ham_examples: number;
  decisions: number; // moderator decisions learnt
  buckets: number; // hashed features with counts
  min_examples: number;
  active: boolean; // it has min_examples of each class: checkSpam's site_model reason can fire
}

export interface ResolveOptions {
  window?: number; // how far back (comments) turn-taking and continuation reach (default 20)
  authorHistory?: number; // an addressed author's latest comments searched (default 3)
  maxGapMinutes?: number; // turn-taking/continuation time limit (default 0 = none)
  quoteWindow?: number; // preceding comments searched for quoted text (default 64)
  botWindow?: number; // how far back a bot's `!command` may be (default 10)
  bots?: string[]; // authors that answer `!commands`
}

export interface ReplyEvidence {
  kind: 'mention' | 'address' | 'quote' | 'turn_taking' | 'continuation' | 'command';
  begin: number; // byte offsets into the body (0/0 for turn_taking, continuation, command)
  end: number;
  text: string;
}

/** `soundoff resolve`'s output: one entry per comment of the document, in input order. */
export interface ResolvedReplies {
  thread: string;
  replies: {
    id: string;
    parent: string | null; // the explicit parent
    inferred_parent: string | null; // the comment it answers, when inferred
    also_inferred_parent?: string; // a second comment it answers, when the ranker's runner-up was close
    confidence: number; // calibrated on IRC dev (docs/reply-resolution.md)
    evidence: ReplyEvidence[];
    features: { name: string; weight: number }[]; // the ranker's top contributions, largest first
  }[];
  errors: RecordError[];
}

/** What check_spam counts in a body (core's count_text). */
export interface TextCounts {
  chars: number; // code points readers see: entities decoded, tags and invisible characters removed, ASCII spaces not counted
  links: number; // links as the link rules count them (also bare domains such as example.com)
}

export interface Engine {
  /** Parses and assembles a whole document in one call. */
  ingest(document: DocumentInput, options?: IngestOptions): Thread;
  /** Turns a comment body into segments safe to render as text nodes and links. */
  segments(body: string): TextSegment[];
  /** Core's name keys (how reply resolution and the widget's mentions compare names), in order; one call per batch. */
  nameKeys(names: readonly string[]): string[];
  /** The server's e-mail rule for a new comment (an '@' and no space), decided by core. */
  isPlausibleEmail(email: string): boolean;
  /** Loads the tools module now; checkSpam and resolveReplies load it on first use. Rejects with `load_failed`. */
  loadTools(): Promise<void>;
  /** What the spam check counts in a body (tools module): visible characters (`too_long`) and links. */
  textCounts(body: string): Promise<TextCounts>;
  /** The spam check (tools module). Rejects with SoundoffError: invalid_json, invalid_argument, invalid_policy, load_failed. */
  checkSpam(candidate: SpamCandidate, context?: SpamContext | null, policy?: SpamPolicy | null): Promise<SpamCheckResult>;
  /**
   * Loads a site's model (tools module) that this engine's later checkSpam calls use (reason `site_model`),
   * replacing any loaded before. Rejects with SoundoffError: invalid_model naming the field (the loaded model
   * stays), invalid_argument (options), load_failed.
   */
  loadSiteModel(model: SiteModelJson | string, options?: SiteModelOptions | null): Promise<SiteModelSummary>;
  /** Forgets the loaded site model (tools module). */
  clearSiteModel(): Promise<void>;
  /** Reply resolution over a comment document (tools module). */
  resolveReplies(input: DocumentInput, options?: ResolveOptions | null): Promise<ResolvedReplies>;
}

export interface LoadOptions {
  /**
   * The tools module (soundoff-tools.mjs): its URL, or a function returning its module (for bundlers:
   * `() => import('soundoff-engine/dist/soundoff-tools.mjs')`). Default: next to the engine file.
   */
  tools?: string | URL | (() => Promise<unknown>);
  /**
   * The web build only (soundoff-engine-web.mjs): where its binary is — a URL, the bytes, or a compiled module.
   * Default: the content-hashed `soundoff-engine.<hash>.wasm` next to the engine file (`wasmFileName`).
   * The single-file builds carry their binary and ignore this.
   */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
}

/** The web build's binary file name (content-hashed), or null in the single-file builds. */
export declare const wasmFileName: string | null;

/** Instantiates an independent engine (its own WebAssembly memory). */
export declare function load(options?: LoadOptions): Promise<Engine>;
