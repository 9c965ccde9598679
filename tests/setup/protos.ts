// Emulator-tier setup (vitest.config.ts setupFiles): every Firestore client the Web SDK makes in
// Node parses the same built-in protocol definitions again (@grpc/proto-loader `fromJSON` of a
// constant object, ~25 ms of CPU each). The rules suites make two clients per test (the seed's
// and the actor's), so that parse was most of their time: it is done once per worker here.
// Only the parse is shared; each client still gets its own gRPC channel, stream and state, and
// `fromJSON` returns the same definitions for the same input. Registered before any test file
// imports the SDK, so its ES-module build (which binds the function at import) gets this one too.
import { createRequire } from "node:module";

const protoLoader = createRequire(import.meta.url)("@grpc/proto-loader") as {
  fromJSON: (json: object, options?: object) => unknown;
};
const parse = protoLoader.fromJSON;
const parsed = new WeakMap<object, Map<string, unknown>>();

protoLoader.fromJSON = (json, options) => {
  let byOptions = parsed.get(json);
  if (!byOptions) parsed.set(json, (byOptions = new Map()));
  const key = JSON.stringify(options ?? {});
  if (!byOptions.has(key)) byOptions.set(key, parse(json, options));
  return byOptions.get(key);
};
