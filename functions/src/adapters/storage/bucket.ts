import type { Bucket, GetSignedUrlConfig, Storage } from "@google-cloud/storage";
import { projectID, storageBucket } from "firebase-functions/params";
import { emulatorCredentials, emulatorOrigin } from "./emulator";
import { reachableUrl } from "../../config/emulator";

/**
 * Cloud Storage for the project's default bucket, through the official @google-cloud/storage
 * client. Files move between clients and the bucket through V4 signed URLs minted here;
 * storage.rules denies every client read and write.
 *
 * The client is required lazily, on the first call: only functions that touch Storage pay for
 * loading it (~0.2 s) on a cold start.
 *
 * Signing. In production no key is configured: the client signs with the function's runtime
 * service account through the IAM Credentials API (signBlob). That needs the IAM Service Account
 * Credentials API (iamcredentials.googleapis.com) enabled and the runtime service account granted
 * roles/iam.serviceAccountTokenCreator on itself (for iam.serviceAccounts.signBlob), e.g.
 *   gcloud iam service-accounts add-iam-policy-binding SA_EMAIL \
 *     --member=serviceAccount:SA_EMAIL --role=roles/iam.serviceAccountTokenCreator
 * In the emulator (STORAGE_EMULATOR_HOST set) the client gets a throwaway key (./emulator.ts)
 * and signs offline; fake-gcs-server does not check signatures, expiry or the signed headers
 * (content type, content-length range), so callers must check an upload's size and type after
 * the fact (getMetadata, readHead) in any case.
 */

type StorageModule = typeof import("@google-cloud/storage");

/** V4 signed URLs live at most seven days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
const MAX_OBJECT_NAME_BYTES = 1024;

/** The client, made for the emulator host it was made with (none in production). */
let client: { host: string | undefined; storage: Promise<Storage> } | undefined;

async function createClient(): Promise<Storage> {
  const { Storage } = require("@google-cloud/storage") as StorageModule;
  const hostEnv = process.env.STORAGE_EMULATOR_HOST;
  if (!hostEnv) return new Storage();

  const origin = emulatorOrigin(hostEnv);
  const storage = new Storage({
    apiEndpoint: origin,
    projectId: projectId(),
    credentials: await emulatorCredentials(),
  });
  // With STORAGE_EMULATOR_HOST set, client v7 sends JSON-API calls to the variable's value
  // as given, without /storage/v1 (googleapis/nodejs-storage#1314), while uploads and signed URLs
  // go to `${apiEndpoint}/upload/storage/v1/...` and `${apiEndpoint}/<bucket>/<object>`. A GCS
  // emulator (fake-gcs-server) serves the JSON API under /storage/v1 only.
  storage.baseUrl = `${origin}/storage/v1`;
  return storage;
}

async function bucket(): Promise<Bucket> {
  // A process that moves to another emulator (a test's own fake-gcs-server) gets a new client.
  const host = process.env.STORAGE_EMULATOR_HOST;
  if (!client || client.host !== host) {
    const made = { host, storage: createClient() };
    made.storage.catch(() => {
      if (client === made) client = undefined;
    });
    client = made;
  }
  return (await client.storage).bucket(defaultBucketName());
}

function projectId(): string {
  const id = process.env.GCLOUD_PROJECT || process.env.GOOGLE_CLOUD_PROJECT || projectID.value();
  if (!id) throw new Error("Storage: no project id (GCLOUD_PROJECT)");
  return id;
}

/**
 * The project's default bucket: Firebase's STORAGE_BUCKET built-in parameter (FIREBASE_CONFIG's
 * storageBucket, which Firebase sets in production and the emulator sets to
 * `<project>.appspot.com`), else `<project>.appspot.com`.
 */
export function defaultBucketName(): string {
  return storageBucket.value() || `${projectId()}.appspot.com`;
}

function checkPath(path: string): void {
  if (
    typeof path !== "string" ||
    path === "" ||
    path.startsWith("/") ||
    Buffer.byteLength(path, "utf8") > MAX_OBJECT_NAME_BYTES ||
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    /[\u0000-\u001f\u007f]/.test(path) ||
    path.split("/").some((segment) => segment === "" || segment === "." || segment === "..")
  ) {
    throw new Error("Storage: invalid object path");
  }
}

function checkExpires(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_EXPIRES_SECONDS) {
    throw new Error(`Storage: expiresInSeconds must be an integer from 1 to ${MAX_EXPIRES_SECONDS}`);
  }
}

function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 404;
}

/**
 * A Content-Disposition that makes a browser save the file as `name`: an ASCII fallback in
 * `filename` and the exact name in `filename*` (RFC 6266 / RFC 8187).
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface SignedRequest {
  url: string;
  method: "PUT" | "GET";
  /** Headers the request must carry exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  /** ISO 8601. */
  expiresAt: string;
}

export interface SignedUploadOptions {
  path: string;
  /** The upload must be sent with exactly this Content-Type. */
  contentType: string;
  /** Largest accepted body; GCS refuses a larger upload (x-goog-content-length-range 0,maxBytes). */
  maxBytes: number;
  expiresInSeconds: number;
}

/**
 * A V4 signed URL for one PUT of the object. The content type and the size range are signed
 * headers: the client must send both as returned in `headers`, and GCS then refuses another type
 * (signature mismatch) or a body outside the range (400). The emulator enforces neither.
 */
export async function signedUploadUrl(options: SignedUploadOptions): Promise<SignedRequest> {
  const { path, contentType, maxBytes, expiresInSeconds } = options;
  checkPath(path);
  checkExpires(expiresInSeconds);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw new Error("Storage: maxBytes must be a positive integer");
  if (!/^[\w.+-]+\/[\w.+-]+(;.*)?$/.test(contentType)) throw new Error("Storage: invalid contentType");
  const range = `0,${maxBytes}`;
  const { url, expiresAt } = await signUrl(path, expiresInSeconds, {
    action: "write",
    contentType,
    extensionHeaders: { "x-goog-content-length-range": range },
  });
  return {
    url,
    method: "PUT",
    headers: { "Content-Type": contentType, "x-goog-content-length-range": range },
    expiresAt,
  };
}

export interface SignedDownloadOptions {
  path: string;
  expiresInSeconds: number;
  /** When set, the response asks the browser to save the file under this name. */
  downloadName?: string;
}

/** A V4 signed URL for GET of the object (no headers needed). */
export async function signedDownloadUrl(options: SignedDownloadOptions): Promise<SignedRequest> {
  const { path, expiresInSeconds, downloadName } = options;
  checkPath(path);
  checkExpires(expiresInSeconds);
  const { url, expiresAt } = await signUrl(path, expiresInSeconds, {
    action: "read",
    ...(downloadName ? { responseDisposition: attachmentDisposition(downloadName) } : {}),
  });
  return { url, method: "GET", headers: {}, expiresAt };
}

/** A V4 signed URL for the (checked) path, valid from now for `expiresInSeconds`. */
async function signUrl(
  path: string,
  expiresInSeconds: number,
  request: Omit<GetSignedUrlConfig, "version" | "accessibleAt" | "expires">,
): Promise<{ url: string; expiresAt: string }> {
  const file = (await bucket()).file(path);
  // Both instants from one clock reading, so X-Goog-Expires is exactly expiresInSeconds.
  const now = Date.now();
  const expires = now + expiresInSeconds * 1000;
  const [url] = await file.getSignedUrl({ version: "v4", accessibleAt: now, expires, ...request });
  // In the emulator with AROGYA_EMULATOR_HOST, a URL a phone on the network can open.
  return { url: reachableUrl(url), expiresAt: new Date(expires).toISOString() };
}

/** Whether the project's default bucket exists and answers (one metadata request); for the health check. */
export async function bucketExists(): Promise<boolean> {
  const [exists] = await (await bucket()).exists();
  return exists;
}

/** Writes the object in one request (no resumable session), replacing any previous version. */
export async function saveBuffer(
  path: string,
  buffer: Buffer,
  contentType: string,
  metadata: Record<string, string> = {},
): Promise<void> {
  checkPath(path);
  await (await bucket()).file(path).save(buffer, {
    resumable: false,
    contentType,
    metadata: { contentType, metadata },
  });
}

/** The first `bytes` bytes of the object (fewer if it is shorter), for content sniffing; null if it does not exist. */
export async function readHead(path: string, bytes: number): Promise<Buffer | null> {
  checkPath(path);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error("Storage: bytes must be a positive integer");
  try {
    const [head] = await (await bucket()).file(path).download({ start: 0, end: bytes - 1 });
    // A server may ignore the range and send everything.
    return head.length > bytes ? head.subarray(0, bytes) : head;
  } catch (err) {
    if (isNotFound(err)) return null;
    // An empty object has no byte 0: GCS answers 416.
    if (typeof err === "object" && err !== null && (err as { code?: unknown }).code === 416)
      return Buffer.alloc(0);
    throw err;
  }
}

export interface ObjectInfo {
  /** The object's generation: a new one each time the object is written. */
  generation: string | null;
  /** Bytes. */
  size: number;
  contentType: string | null;
  /** Custom metadata (x-goog-meta-*). */
  metadata: Record<string, string>;
  /** ISO 8601. */
  updated: string | null;
}

/** Size, type and custom metadata of the object; null if it does not exist. */
export async function getMetadata(path: string): Promise<ObjectInfo | null> {
  checkPath(path);
  try {
    const [meta] = await (await bucket()).file(path).getMetadata();
    const custom: Record<string, string> = {};
    for (const [key, value] of Object.entries(meta.metadata ?? {})) {
      if (value !== null && value !== undefined) custom[key] = String(value);
    }
    return {
      generation: meta.generation === undefined || meta.generation === null ? null : String(meta.generation),
      size: Number(meta.size ?? 0),
      contentType: meta.contentType ?? null,
      metadata: custom,
      updated: meta.updated ?? null,
    };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export interface CopyOptions {
  /** Copy exactly this generation of the source; if the source has changed since, nothing is copied (null). */
  sourceGeneration?: string;
  /**
   * Refuse to overwrite: GCS copies only if the destination does not exist yet (ifGenerationMatch
   * 0) and answers 412 otherwise, reported here as null. fake-gcs-server does not check it.
   */
  onlyIfAbsent?: boolean;
}

/**
 * Copies an object inside the bucket, server-side (content, type and custom metadata), and returns
 * the copy's metadata; null when the source (or the asked generation of it) does not exist, or the
 * destination exists and `onlyIfAbsent` was asked.
 */
export async function copyObject(
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<ObjectInfo | null> {
  checkPath(from);
  checkPath(to);
  const b = await bucket();
  const source = options.sourceGeneration
    ? b.file(from, { generation: options.sourceGeneration })
    : b.file(from);
  try {
    await source.copy(b.file(to), options.onlyIfAbsent ? { preconditionOpts: { ifGenerationMatch: 0 } } : {});
  } catch (err) {
    const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
    if (code === 404 || code === 412) return null;
    throw err;
  }
  return getMetadata(to);
}

/** Deletes the object; deleting one that does not exist is not an error. */
export async function deleteObject(path: string): Promise<void> {
  checkPath(path);
  await (await bucket()).file(path).delete({ ignoreNotFound: true });
}

/** The whole object; null if it does not exist. For exports: objects here are at most 10 MB. */
export async function downloadBuffer(path: string): Promise<Buffer | null> {
  checkPath(path);
  try {
    const [data] = await (await bucket()).file(path).download();
    return data;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Deletes every object under a prefix (e.g. `records/{uid}/`); returns how many there were. */
export async function deletePrefix(prefix: string): Promise<number> {
  checkPath(prefix.replace(/\/$/, ""));
  const [files] = await (await bucket()).getFiles({ prefix });
  await Promise.all(files.map((f) => f.delete({ ignoreNotFound: true })));
  return files.length;
}
