// The functions' secrets: made locally for the emulator, or created in Secret Manager for a deploy.
//
//   npm run secrets                              functions/.secret.local: a local value for every
//                                                secret that has none (npm start also does this)
//   npm run secrets -- --project <id>            creates the generated secrets (signing key, CSRF
//                                                key, room salt) in Secret Manager, unless they
//                                                exist, and prints the commands for the others
//   npm run secrets -- --project <id> --dry-run  prints what it would do
//
// The prescription signing key's public half is printed: keep it with the project's records (a
// prescription verifies only under it). A key is never printed or logged.
import { generateKeyPairSync, randomBytes, createPrivateKey, createPublicKey } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, bin, log } from "./lib.mjs";

const ed25519 = () =>
  generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");

/** Secrets the project generates itself, in production too. */
export const GENERATED = {
  SESSION_CSRF_SECRET: () => randomBytes(32).toString("base64url"),
  RX_SIGNING_KEY: ed25519,
  VIDEO_ROOM_SALT: () => randomBytes(16).toString("base64url"),
};
/** Secrets an outside service issues (Twilio, the Jitsi deployment); locally, placeholders. */
export const ISSUED = {
  TWILIO_ACCOUNT_SID: () => `AC${randomBytes(16).toString("hex")}`,
  TWILIO_AUTH_TOKEN: () => randomBytes(16).toString("hex"),
  JITSI_APP_SECRET: () => randomBytes(32).toString("base64url"),
  TWILIO_API_KEY_SECRET: () => randomBytes(16).toString("hex"),
};

/** Local values for the functions' secrets (never used outside the emulator); missing ones are added. */
export function ensureLocalSecrets() {
  const file = path.join(ROOT, "functions", ".secret.local");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  const wanted = { ...GENERATED, ...ISSUED };
  const missing = Object.entries(wanted).filter(([key]) => !new RegExp(`^${key}=`, "m").test(current));
  if (!missing.length) return [];
  const lines = missing.map(([key, make]) => `${key}=${make()}`).join("\n");
  writeFileSync(file, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${lines}\n`, {
    mode: 0o600,
  });
  log(`wrote local emulator secrets (${missing.map(([k]) => k).join(", ")}) to functions/.secret.local`);
  return missing.map(([k]) => k);
}

/** The base64 SPKI public key of a base64 PKCS#8 Ed25519 private key. */
export function publicKeyOf(privateKeyBase64) {
  const key = createPrivateKey({
    key: Buffer.from(privateKeyBase64, "base64"),
    format: "der",
    type: "pkcs8",
  });
  return createPublicKey(key).export({ format: "der", type: "spki" }).toString("base64");
}

function firebase(args, input) {
  return spawnSync(bin("firebase"), args, { cwd: ROOT, input, encoding: "utf8" });
}

function deploySecrets(project, dryRun) {
  for (const [name, make] of Object.entries(GENERATED)) {
    const exists = !dryRun && firebase(["--project", project, "functions:secrets:access", name]).status === 0;
    if (exists) {
      log(`${name}: exists in Secret Manager, left as it is`);
      continue;
    }
    const value = make();
    if (dryRun) log(`would create ${name} (generated)`);
    else {
      const set = firebase(["--project", project, "functions:secrets:set", name, "--data-file", "-"], value);
      if (set.status !== 0) {
        log(`${name}: firebase functions:secrets:set failed:\n${set.stderr}`);
        process.exit(1);
      }
      log(`${name}: created`);
    }
    if (name === "RX_SIGNING_KEY") log(`RX_SIGNING_KEY public key (SPKI, base64): ${publicKeyOf(value)}`);
  }
  log("set the secrets an outside service issues yourself:");
  for (const name of Object.keys(ISSUED))
    log(`  firebase --project ${project} functions:secrets:set ${name}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--project");
  if (at >= 0) deploySecrets(args[at + 1], args.includes("--dry-run"));
  else if (!ensureLocalSecrets().length) log("functions/.secret.local already has every secret");
}
