/** Wasm files imported as modules (Workers' CompiledWasm rule) arrive as a WebAssembly.Module. */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
