// `npm test`: unit tests (no emulator), then the emulator tier (integration and security
// rules) inside `firebase emulators:exec`. Non-zero if anything fails.
import { execWithEmulators } from "./emulators.mjs";
import { bin, log, run } from "./lib.mjs";

const started = Date.now();
log("unit tests (no emulator)");
const unit = await run(bin("vitest"), ["run", "--project", "unit"]);
log("emulator tests: integration and security rules");
const emulator = await execWithEmulators(`"${bin("vitest")}" run --project emulator`);
const seconds = Math.round((Date.now() - started) / 1000);
log(`unit: ${unit === 0 ? "passed" : "FAILED"}; emulator: ${emulator === 0 ? "passed" : "FAILED"}; ${seconds} s in all`);
process.exit(unit !== 0 ? unit : emulator);
