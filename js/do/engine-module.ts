/**
 * The compiled engine as a Workers module import. Workers forbid compiling wasm at run time, so the
 * bundler (wrangler, or scripts-js/bundle.mjs with esbuild's copy loader) ships engine.wasm beside
 * the script and the runtime hands it over as a ready WebAssembly.Module.
 */
import engineModule from "../../build/wasm/engine.wasm";

export default engineModule;
