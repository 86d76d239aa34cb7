// The public JavaScript API of the Soundoff engine (typed in
// soundoff-engine.d.ts). web/scripts/build.mjs places this file after the
// Emscripten glue, which defines `createSoundoffModule`, and adds the exports
// (ES module) or a `Soundoff` global (classic script). Everything under the
// facade — the private `_`-prefixed bindings, handles, JSON envelopes — may
// change without breaking callers.

/** The one error type callers see: a stable snake_case `code` and a sentence. */
class SoundoffError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SoundoffError';
    this.code = code;
  }
}

// Bindings answer `{"ok":true,"value":...}` or `{"ok":false,"error":{code,message}}`.
function unwrap(envelopeJson) {
  const envelope = JSON.parse(envelopeJson);
  if (envelope.ok) return envelope.value;
  throw new SoundoffError(envelope.error.code, envelope.error.message);
}

// Calls one binding. A trap inside wasm (out of memory, an abort) leaves the
// instance unusable: report it as `internal` and refuse later calls rather
// than let a bare WebAssembly error or number reach the caller.
function call(instance, name, args) {
  if (instance.failure) throw new SoundoffError('internal', `the engine stopped after an earlier failure: ${instance.failure}`);
  try {
    return instance.module[name](...args);
  } catch (e) {
    instance.failure = `${name}: ${(e && e.message) || String(e)}`;
    throw new SoundoffError('internal', `the engine failed in ${instance.failure}`);
  }
}

const invoke = (instance, name, args) => unwrap(call(instance, name, args));

// A document's bytes go into wasm memory with one copy: the engine hands out
// a view of a buffer of that size, valid until the next call into the engine.
function stageDocument(instance, bytes) {
  call(instance, '_stageDocument', [bytes.length]).set(bytes);
}

function optionsJson(options, what) {
  if (options === undefined || options === null) return '';
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new SoundoffError('invalid_argument', `${what} options must be an object`);
  }
  return JSON.stringify(options);
}

// Page options are camelCase here and snake_case in the engine, whose one
// rule set (core/include/soundoff/page_query.h) reads them for every surface.
// Other keys pass unchanged, so the engine names a typo such as `perpage`;
// its messages name options as callers wrote them.
const pageOptionNames = { perPage: 'per_page', maxDepth: 'max_depth', maxReplies: 'max_replies' };
const pageOptionCallerNames = {
  ...Object.fromEntries(Object.entries(pageOptionNames).map(([camel, snake]) => [snake, camel])),
  page_of: 'pageOf',
};

function pageOptionsJson(options, what) {
  if (options === undefined || options === null) return '';
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new SoundoffError('invalid_argument', `${what} options must be an object`);
  }
  const engineOptions = Object.create(null);  // a `__proto__` key stays a key, for the engine to refuse
  for (const [key, value] of Object.entries(options)) engineOptions[pageOptionNames[key] ?? key] = value;
  return JSON.stringify(engineOptions);
}

function invokePaging(instance, name, args) {
  try {
    return invoke(instance, name, args);
  } catch (e) {
    if (e instanceof SoundoffError && e.code === 'invalid_argument') {
      e.message = e.message.replace(/\b(per_page|max_depth|max_replies|page_of)\b/g, (snake) => pageOptionCallerNames[snake]);
    }
    throw e;
  }
}

// Strings cross as UTF-8 bytes encoded here: TextEncoder turns a lone
// surrogate into U+FFFD, while Embind 3.1.6's own encoder pairs it with the
// next character and silently swallows that character.
const utf8Encoder = new TextEncoder();
const utf8 = (text) => utf8Encoder.encode(text);

// Bytes go to wasm memory as they are; an already parsed document is serialised once.
function documentInput(document) {
  if (document instanceof Uint8Array) return document;
  if (typeof document === 'string') return utf8(document);
  if (document instanceof ArrayBuffer) return new Uint8Array(document);
  if (ArrayBuffer.isView(document)) return new Uint8Array(document.buffer, document.byteOffset, document.byteLength);
  if (document !== null && typeof document === 'object') return utf8(JSON.stringify(document));
  throw new SoundoffError('invalid_argument', 'a document must be a string, bytes or an object');
}

function utf8String(value, what) {
  if (typeof value !== 'string') throw new SoundoffError('invalid_argument', `${what} must be a string`);
  return utf8(value);
}

// Releases handles of threads the caller dropped without dispose().
const threadFinalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry(({ instance, handle }) => {
        if (!instance.failure) instance.module._release(handle);
      })
    : null;

/** An ingested, assembled thread: pages, permalinks and cursors over it. */
class Thread {
  #instance;
  #handle;

  constructor(instance, summary) {
    this.#instance = instance;
    this.#handle = summary.handle;
    this.thread = summary.thread;
    this.comments = summary.comments;
    this.total = summary.total;
    this.skipped = summary.skipped;
    this.issues = summary.issues;
    // The held value must not reference `this`, or the thread would never be collected.
    threadFinalizer?.register(this, { instance, handle: summary.handle }, this);
  }

  /** One page (numbered, `around` a comment, or `after` a cursor) in the page format. */
  page(options) {
    // The page without its comments comes as JSON ("items": null), the comments as arrays (binary-page.js).
    const page = invokePaging(this.#instance, '_page', [this.#live(), pageOptionsJson(options, 'page')]);
    const array = (which) => call(this.#instance, '_pageArray', [which]);
    page.items = binaryPageItems(array(0), array(1), array(2));
    return page;
  }

  /** The 1-based page that holds a comment (a permalink). */
  pageOf(commentId, options) {
    const id = utf8String(commentId, 'a comment id');
    return invokePaging(this.#instance, '_pageOf', [this.#live(), id, pageOptionsJson(options, 'pageOf')]);
  }

  /** The page after `page`, or null at the end (follows `next_cursor`). */
  nextPage(page, options) {
    if (!page || !('next_cursor' in page)) throw new SoundoffError('invalid_argument', 'nextPage needs a page');
    if (page.next_cursor === null) return null;
    return this.page({ ...options, sort: page.sort, perPage: page.per_page, after: page.next_cursor });
  }

  get disposed() {
    return this.#handle === 0;
  }

  /** Frees the thread's memory now. Idempotent; later calls throw `disposed`. */
  dispose() {
    if (this.#handle === 0) return;
    threadFinalizer?.unregister(this);
    if (!this.#instance.failure) this.#instance.module._release(this.#handle);
    this.#handle = 0;
  }

  #live() {
    if (this.#handle === 0) throw new SoundoffError('disposed', 'this thread was disposed');
    return this.#handle;
  }
}

// A JSON object argument: a plain object, or JSON text a caller already has
// (a policy file). `null`/`undefined` give "" (the binding's "none").
function objectJson(value, what, { optional = true, text = false } = {}) {
  if (value === undefined || value === null) {
    if (optional) return '';
    throw new SoundoffError('invalid_argument', `${what} is required`);
  }
  if (text && typeof value === 'string') return utf8(value);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SoundoffError('invalid_argument', `${what} must be an object${text ? ' or JSON text' : ''}`);
  }
  return utf8(JSON.stringify(value));
}

// Instantiates the tools module from `source`: a URL of soundoff-tools.mjs
// (dynamic import, which a strict CSP's `script-src 'self'` allows), or a
// function returning its module namespace or factory (bundlers).
async function instantiateTools(source) {
  let where = typeof source === 'function' ? 'the given loader' : '';
  try {
    let loaded;
    if (typeof source === 'function') loaded = await source();
    else {
      where = String(source ?? defaultToolsLocation());
      loaded = await import(where);
    }
    const factory = typeof loaded === 'function' ? loaded : loaded && loaded.default;
    if (typeof factory !== 'function') throw new Error('it has no module factory as its default export');
    return { module: await factory(), failure: '' };
  } catch (e) {
    throw new SoundoffError('load_failed', `the tools module (spam check, reply resolution) could not be loaded from ${where}: ${(e && e.message) || String(e)}`);
  }
}

/** One loaded engine instance (its own wasm memory; the tools module has its own). */
class Engine {
  #instance;
  #toolsSource;
  #tools = null; // Promise of the tools instance: one load shared by every caller

  constructor(module, toolsSource) {
    this.#instance = { module, failure: '' };
    this.#toolsSource = toolsSource;
  }

  /** Parses and assembles a comment document (docs/comment-document.md). */
  ingest(document, options) {
    const input = documentInput(document);
    const optionsText = optionsJson(options, 'ingest');
    stageDocument(this.#instance, input);
    const summary = invoke(this.#instance, '_ingest', [optionsText]);
    return new Thread(this.#instance, summary);
  }

  /** A comment body as safe segments: text, link, mention, quote, line and paragraph breaks. */
  segments(body) {
    return invoke(this.#instance, '_segments', [utf8String(body, 'a comment body')]);
  }

  /**
   * Core's name keys (the key reply resolution compares names by), in order: one call for
   * a whole page's names. Names that are not strings are invalid_argument.
   */
  nameKeys(names) {
    if (!Array.isArray(names)) throw new SoundoffError('invalid_argument', 'nameKeys needs an array of names');
    if (names.length === 0) return [];
    // Each name is followed by a 0xFF byte, which UTF-8 never contains: one buffer, no JSON to parse in wasm.
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so the buffer is sized once and filled in place.
    let capacity = 0;
    names.forEach((name, i) => {
      if (typeof name !== 'string') throw new SoundoffError('invalid_argument', `name ${i} must be a string`);
      capacity += name.length * 3 + 1;
    });
    const joined = new Uint8Array(capacity);
    let at = 0;
    for (const name of names) {
      at += utf8Encoder.encodeInto(name, joined.subarray(at)).written;
      joined[at++] = 0xff;
    }
    return invoke(this.#instance, '_nameKeys', [joined.subarray(0, at)]);
  }

  /** The server's e-mail rule for a new comment (an '@', no space), as core decides it. */
  isPlausibleEmail(email) {
    return invoke(this.#instance, '_isPlausibleEmail', [utf8String(email, 'an e-mail address')]);
  }

  /** What the spam check counts in a body: `{chars, links}` (tools module; docs/spam-policy.md). */
  async textCounts(body) {
    const bytes = utf8String(body, 'a comment body');
    return invoke(await this.#loadedTools(), '_textCounts', [bytes]);
  }

  /** Loads the tools module now (checkSpam and resolveReplies load it on first use). */
  async loadTools() {
    await this.#loadedTools();
  }

  /** The spam check's verdict for a new comment (docs/spam-policy.md). */
  async checkSpam(candidate, context, policy) {
    const args = [
      objectJson(candidate, 'a candidate comment', { optional: false }),
      objectJson(withNow(context), 'a spam check context'),
      objectJson(policy, 'a spam policy', { text: true }),
    ];
    return invoke(await this.#loadedTools(), '_checkSpam', args);
  }

  /**
   * Loads a site's own spam model (`soundoff spam export-model`, as an object or JSON text; docs/spam.md) that
   * every later checkSpam of this engine uses, replacing any loaded before. `options.minExamples`: the examples
   * of each class it needs before it counts (default 20). Resolves with its summary; a model that does not parse
   * rejects with `invalid_model` and leaves the loaded one in place.
   */
  async loadSiteModel(model, options) {
    const args = [objectJson(model, 'a site model', { optional: false, text: true }), optionsJson(options, 'loadSiteModel')];
    return invoke(await this.#loadedTools(), '_loadSiteModel', args);
  }

  /** Forgets the loaded site model: checkSpam goes back to the shipped rules and filter alone. */
  async clearSiteModel() {
    invoke(await this.#loadedTools(), '_clearSiteModel', []);
  }

  /** Who each comment of a document answers: `soundoff resolve`'s output (docs/reply-resolution.md). */
  async resolveReplies(input, options) {
    const args = [documentInput(input), optionsJson(options, 'resolveReplies')];
    return invoke(await this.#loadedTools(), '_resolveReplies', args);
  }

  #loadedTools() {
    // A failed load is forgotten, so a later call can try again (a network hiccup is not forever).
    this.#tools ??= instantiateTools(this.#toolsSource).catch((e) => {
      this.#tools = null;
      throw e;
    });
    return this.#tools;
  }
}

// The candidate's time defaults to now: duplicate and flood checks compare it with the thread's.
function withNow(context) {
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) return context;
  return { ...context, now: context?.now ?? new Date().toISOString() };
}

/**
 * Instantiates the engine. Each call gives an independent instance.
 * `options.tools`: where the tools module is (a URL of soundoff-tools.mjs, or a
 * function returning its module); default: next to this file.
 * `options.wasm` (the web build, soundoff-engine-web.mjs, only): where its
 * binary is (a URL, the bytes or a compiled WebAssembly.Module); default: the
 * hashed .wasm file next to this file.
 */
async function load(options) {
  let module;
  try {
    const { settings, failure } = await engineSettings(options);
    const starting = createSoundoffModule(settings);
    module = await (failure ? Promise.race([starting, failure]) : starting);
  } catch (e) {
    throw new SoundoffError('load_failed', `the WebAssembly engine could not start: ${(e && e.message) || String(e)}`);
  }
  return new Engine(module, options?.tools);
}
