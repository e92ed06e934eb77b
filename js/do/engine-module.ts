/**
 * The compiled engine as a Workers module import. Workers forbid compiling wasm at run time, so the
 * bundler (wrangler, or js/tools/bundle.ts with esbuild's copy loader) ships engine.wasm beside
 * the script and the runtime hands it over as a ready WebAssembly.Module.
 */
import wasm from "../../build/wasm/engine.wasm";

// Typed here, so the emitted declaration does not need a "*.wasm" module declaration.
const engineModule: WebAssembly.Module = wasm;
export default engineModule;
