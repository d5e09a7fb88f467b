/**
 * The app takes the API's types from the server's zod schemas (`shared/api/views.ts`, imported with
 * `import type` only, so none of that code reaches the bundle). Type-checking those files reaches
 * `node:crypto`, which the BSN check they use sits next to. It is declared here, untyped, instead of
 * adding Node's types to the app, which would let `process` and `Buffer` into browser code unnoticed.
 */
declare module 'node:crypto';
