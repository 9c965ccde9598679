// Rotates the prescription signing key (docs/pharmacy-counter.md):
//
//   npm run rx:rotate-key -- --local           the emulator's key in functions/.secret.local
//   npm run rx:rotate-key -- --project <id>    production: Secret Manager, then redeploy
//
// Order, so that no prescription is ever signed by a key the key set lacks and none stops
// verifying: (1) read the current key; (2) make a new one; (3) publish both public halves in
// rxKeys/ (the new one current, the old one retired: it keeps verifying what it signed); (4) store
// the new private key as the RX_SIGNING_KEY secret. Functions sign with the new key once they
// load the new secret version (redeploy; restart the emulators). The private key never leaves
// the secret store and this process; it is not printed.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { rxKeysFrom } from "../functions/src/adapters/keys/rxSigningKey";

const SECRET = "RX_SIGNING_KEY";
const ROOT = path.resolve(import.meta.dirname, "..");
const LOCAL_SECRETS = path.join(ROOT, "functions", ".secret.local");

export interface PublicKeyHalf {
  keyId: string;
  publicKeyPem: string;
}

export interface RotationSteps {
  readSecret: () => string | null;
  publish: (next: PublicKeyHalf, previous: PublicKeyHalf[], at: Date) => Promise<void>;
  storeSecret: (value: string) => void;
}

/** A new Ed25519 private key as the secret holds it (PKCS#8 DER, base64), as tools/emulators.mjs makes it. */
export const newSigningSecret = (): string =>
  generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");

export function publicHalf(secret: string): PublicKeyHalf {
  const keys = rxKeysFrom(secret);
  return {
    keyId: keys.keyId,
    publicKeyPem: keys.publicKey.export({ type: "spki", format: "pem" }) as string,
  };
}

/** The rotation, its steps given (tests pass their own); returns the old and new key ids. */
export async function rotateRxKey(
  steps: RotationSteps,
  now = new Date(),
  next = newSigningSecret(),
): Promise<{ previousKeyId: string | null; keyId: string }> {
  const current = steps.readSecret();
  const previous = current ? [publicHalf(current)] : [];
  const half = publicHalf(next);
  await steps.publish(half, previous, now);
  steps.storeSecret(next);
  return { previousKeyId: previous[0]?.keyId ?? null, keyId: half.keyId };
}

function localSteps(): RotationSteps {
  return {
    readSecret: () => {
      if (!existsSync(LOCAL_SECRETS)) return null;
      const line = readFileSync(LOCAL_SECRETS, "utf8").match(new RegExp(`^${SECRET}=(.*)$`, "m"));
      return line ? line[1].trim() : null;
    },
    publish: publishToFirestore,
    storeSecret: (value) => {
      const text = existsSync(LOCAL_SECRETS) ? readFileSync(LOCAL_SECRETS, "utf8") : "";
      const pattern = new RegExp(`^${SECRET}=.*$`, "m");
      const line = `${SECRET}=${value}`;
      const updated = pattern.test(text)
        ? text.replace(pattern, line)
        : `${text}${text && !text.endsWith("\n") ? "\n" : ""}${line}\n`;
      writeFileSync(LOCAL_SECRETS, updated, { mode: 0o600 });
    },
  };
}

function productionSteps(project: string): RotationSteps {
  const firebase = path.join(ROOT, "node_modules", ".bin", "firebase");
  return {
    readSecret: () => {
      try {
        return execFileSync(firebase, ["functions:secrets:access", SECRET, "--project", project], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        }).trim();
      } catch {
        return null;
      }
    },
    publish: publishToFirestore,
    storeSecret: (value) => {
      // Through a private temporary file, never the command line (other users can read argv).
      const dir = mkdtempSync(path.join(os.tmpdir(), "rx-key-"));
      const file = path.join(dir, "secret");
      try {
        writeFileSync(file, value, { mode: 0o600 });
        execFileSync(
          firebase,
          ["functions:secrets:set", SECRET, "--data-file", file, "--project", project, "--force"],
          { stdio: "inherit" },
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Publishes through the functions' repository (repo/rxKeys.ts), which uses the functions' own
 * copy of firebase-admin (functions/node_modules): its default app is initialised here.
 */
export async function publishToFirestore(
  next: PublicKeyHalf,
  previous: PublicKeyHalf[],
  at: Date,
): Promise<void> {
  const require = createRequire(path.join(ROOT, "functions", "package.json"));
  const { getApps, initializeApp } = require("firebase-admin/app") as typeof import("firebase-admin/app");
  if (!getApps().some((app) => app.name === "[DEFAULT]"))
    initializeApp({ projectId: process.env.GCLOUD_PROJECT });
  const { publishRotation } = await import("../functions/src/repo/rxKeys");
  await publishRotation(next, previous, at);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const project = args.includes("--project") ? args[args.indexOf("--project") + 1] : undefined;
  if (!args.includes("--local") && !project) {
    console.error("usage: npm run rx:rotate-key -- --local | --project <id>");
    process.exit(2);
  }
  if (args.includes("--local")) {
    process.env.GCLOUD_PROJECT ??= "demo-arogya";
    process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
  }
  rotateRxKey(project ? productionSteps(project) : localSteps())
    .then(({ previousKeyId, keyId }) => {
      console.log(
        `[arogya] ${SECRET} rotated: ${previousKeyId ?? "(none)"} -> ${keyId} (old key retired, still verifying)`,
      );
      console.log(
        project
          ? "[arogya] redeploy the functions that sign (firebase deploy --only functions) so they load the new secret version"
          : "[arogya] restart the emulators (npm start) so the functions load the new key",
      );
    })
    .catch((error: unknown) => {
      console.error(`[arogya] rotation failed before the secret changed: ${(error as Error).message}`);
      process.exit(1);
    });
}
