// How the web build of the engine (dist/soundoff-engine-web.mjs, which
// scripts/build.mjs assembles with `wasmFileName` defined before this file)
// gets its binary: compiled from the content-hashed .wasm file with
// WebAssembly.compileStreaming, so the browser compiles while the bytes
// arrive and caches the compiled code with the immutable file. load({ wasm })
// may name another URL, or hand over the bytes or a compiled module (a
// bundler, node, a page that preloads).

// Fetches and compiles `where`. A server that does not send application/wasm
// (compileStreaming refuses those) still works, without streaming.
async function compileWasmFrom(where) {
  if (where instanceof WebAssembly.Module) return where;
  if (where instanceof ArrayBuffer || ArrayBuffer.isView(where)) return WebAssembly.compile(where);
  let response;
  try {
    response = await fetch(where, { credentials: 'same-origin' });
  } catch (e) {
    throw new Error(`${where} could not be fetched: ${(e && e.message) || String(e)}`);
  }
  if (!response.ok) throw new Error(`${where} answered HTTP ${response.status}`);
  const type = response.headers.get('Content-Type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function defaultWasmLocation() {
  // A classic-script bundle has no import.meta (it is defined away): its loader passes load({ wasm }).
  const base = import.meta.url;
  if (!base) throw new Error("this script's location is unknown: pass load({ wasm: url })");
  return new URL(`./${wasmFileName}`, base).href;
}

// The settings for the Emscripten factory, and a promise that rejects if
// instantiating fails (the factory's own promise would wait forever).
// Fetching and compiling happen first, so a missing file rejects load() here.
async function engineSettings(options) {
  const compiled = await compileWasmFrom(options?.wasm ?? defaultWasmLocation());
  let fail;
  const failure = new Promise((resolve, reject) => (fail = reject));
  const settings = {
    instantiateWasm(imports, receiveInstance) {
      // A module that is not this engine (wrong exports) fails inside receiveInstance: that rejects too.
      WebAssembly.instantiate(compiled, imports)
        .then((instance) => receiveInstance(instance, compiled))
        .catch(fail);
      return {}; // the exports arrive through receiveInstance
    },
  };
  return { settings, failure };
}
