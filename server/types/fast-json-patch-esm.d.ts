// fast-json-patch's ES module build has the same API as its main entry.
declare module 'fast-json-patch/index.mjs' {
  export * from 'fast-json-patch';
}
