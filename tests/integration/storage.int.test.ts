import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  copyObject,
  defaultBucketName,
  deleteObject,
  getMetadata,
  readHead,
  saveBuffer,
  signedDownloadUrl,
  signedUploadUrl,
} from "../../functions/src/adapters/storage/bucket";
import { EMULATOR_SIGNER_EMAIL, emulatorOrigin } from "../../functions/src/adapters/storage/emulator";
import { reachableUrl } from "../../functions/src/config/emulator";
import { DEFAULT_BUCKET, ensureFakeGcs, startFakeGcs, type FakeGcs } from "../../tools/gcs.mjs";

// The Storage adapter with the real @google-cloud/storage client against fake-gcs-server on a free
// port (the harness's is 4443). The first run on a machine builds fake-gcs-server (minutes).
const BUILD_TIMEOUT = 10 * 60_000;

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
    "trailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

let gcs: FakeGcs;
const savedEnv = {
  STORAGE_EMULATOR_HOST: process.env.STORAGE_EMULATOR_HOST,
  GCLOUD_PROJECT: process.env.GCLOUD_PROJECT,
  FIREBASE_CONFIG: process.env.FIREBASE_CONFIG,
};

beforeAll(async () => {
  await ensureFakeGcs();
  gcs = await startFakeGcs({ port: 0 });
  process.env.STORAGE_EMULATOR_HOST = gcs.url;
  process.env.GCLOUD_PROJECT = "demo-arogya";
  delete process.env.FIREBASE_CONFIG;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await gcs?.stop();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("fake-gcs-server (tools/gcs.mjs)", () => {
  it("answers on the free port it reports, with the project's default bucket", async () => {
    expect(gcs.url).toBe(`http://127.0.0.1:${gcs.port}`);
    expect(gcs.port).not.toBe(4443);
    expect(DEFAULT_BUCKET).toBe("demo-arogya.appspot.com");
    const res = await fetch(`${gcs.url}/storage/v1/b/${DEFAULT_BUCKET}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe(DEFAULT_BUCKET);
  });
});

describe("storage adapter against fake-gcs-server", () => {
  it("uses <project>.appspot.com when Firebase names no bucket", () => {
    expect(defaultBucketName()).toBe(DEFAULT_BUCKET);
  });

  it("uploads through a signed PUT URL, reads head and metadata, downloads byte-identical, deletes idempotently", async () => {
    const path = "records/patient-1/lab report 01.pdf";

    const upload = await signedUploadUrl({
      path,
      contentType: "application/pdf",
      maxBytes: 1024 * 1024,
      expiresInSeconds: 300,
    });
    const put = new URL(upload.url);
    expect(put.origin).toBe(gcs.url);
    expect(decodeURIComponent(put.pathname)).toBe(`/${DEFAULT_BUCKET}/${path}`);
    expect(put.searchParams.get("X-Goog-Algorithm")).toBe("GOOG4-RSA-SHA256");
    expect(put.searchParams.get("X-Goog-Credential")).toMatch(
      new RegExp(`^${EMULATOR_SIGNER_EMAIL}/\\d{8}/auto/storage/goog4_request$`),
    );
    expect(put.searchParams.get("X-Goog-Expires")).toBe("300");
    expect(put.searchParams.get("X-Goog-SignedHeaders")).toBe(
      "content-type;host;x-goog-content-length-range",
    );
    // An RSA-2048 signature, made offline with the throwaway key.
    expect(put.searchParams.get("X-Goog-Signature")).toMatch(/^[0-9a-f]{512}$/);
    expect(upload.method).toBe("PUT");
    expect(upload.headers).toEqual({
      "Content-Type": "application/pdf",
      "x-goog-content-length-range": "0,1048576",
    });
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(290_000);

    const putResponse = await fetch(upload.url, {
      method: upload.method,
      headers: upload.headers,
      body: PDF,
    });
    expect(putResponse.status).toBe(200);

    expect((await readHead(path, 5))?.toString("latin1")).toBe("%PDF-");
    expect(await getMetadata(path)).toMatchObject({ size: PDF.length, contentType: "application/pdf" });

    const download = await signedDownloadUrl({
      path,
      expiresInSeconds: 60,
      downloadName: "Lab report (Jan).pdf",
    });
    expect(new URL(download.url).origin).toBe(gcs.url);
    expect(download.method).toBe("GET");
    const getResponse = await fetch(download.url);
    expect(getResponse.status).toBe(200);
    expect(getResponse.headers.get("content-type")).toBe("application/pdf");
    expect(getResponse.headers.get("content-disposition")).toBe(
      attachmentDisposition("Lab report (Jan).pdf"),
    );
    expect(Buffer.from(await getResponse.arrayBuffer()).equals(PDF)).toBe(true);

    await deleteObject(path);
    expect(await getMetadata(path)).toBeNull();
    expect((await fetch(download.url)).status).toBe(404);
    await expect(deleteObject(path)).resolves.toBeUndefined();
  });

  it("saves a buffer with custom metadata; a head longer than the object is the whole object", async () => {
    const path = "prescriptions/rx-1.pdf";
    await saveBuffer(path, PDF, "application/pdf", { appointmentId: "appt-1" });
    expect(await getMetadata(path)).toMatchObject({
      size: PDF.length,
      contentType: "application/pdf",
      metadata: { appointmentId: "appt-1" },
    });
    expect((await readHead(path, 10_000))?.equals(PDF)).toBe(true);
    await deleteObject(path);
  });

  it("copies one generation of an object server-side; a copy of a generation that was replaced is null", async () => {
    const from = "records/patient-2/upload";
    const to = "records/patient-2/upload.checked";
    await saveBuffer(from, PDF, "application/pdf", { recordId: "r1" });
    const first = await getMetadata(from);
    expect(first?.generation).toMatch(/^\d+$/);

    const copy = await copyObject(from, to, { sourceGeneration: first!.generation! });
    expect(copy).toMatchObject({
      size: PDF.length,
      contentType: "application/pdf",
      metadata: { recordId: "r1" },
    });
    expect((await readHead(to, 10_000))?.equals(PDF)).toBe(true);

    // The upload is replaced: the generation checked is gone, and is not copied.
    await saveBuffer(from, Buffer.from("<html></html>"), "text/html");
    expect((await getMetadata(from))?.generation).not.toBe(first!.generation);
    expect(await copyObject(from, `${to}2`, { sourceGeneration: first!.generation! })).toBeNull();
    expect(await getMetadata(`${to}2`)).toBeNull();
    // The copy made before is untouched by the new upload.
    expect((await readHead(to, 10_000))?.equals(PDF)).toBe(true);
    expect(await copyObject("records/none", `${to}3`)).toBeNull();
    await Promise.all([deleteObject(from), deleteObject(to)]);
  });

  it("reports a missing object as null", async () => {
    expect(await readHead("records/none.pdf", 8)).toBeNull();
    expect(await getMetadata("records/none.pdf")).toBeNull();
  });

  it("fake-gcs-server enforces none of the signed limits: size and type must be checked after upload", async () => {
    // Real GCS refuses both requests (400 for the size range, 403 signature mismatch for the type).
    const path = "records/patient-1/too-big.bin";
    const upload = await signedUploadUrl({
      path,
      contentType: "application/pdf",
      maxBytes: 16,
      expiresInSeconds: 60,
    });
    const body = Buffer.alloc(64, 1);
    const res = await fetch(upload.url, {
      method: "PUT",
      headers: { "Content-Type": "image/png", "x-goog-content-length-range": "0,16" },
      body,
    });
    expect(res.status).toBe(200);
    expect(await getMetadata(path)).toMatchObject({ size: 64, contentType: "image/png" });
    await deleteObject(path);
  });

  it("refuses bad paths, expiry beyond seven days and bad sizes before calling Storage", async () => {
    for (const path of ["", "/abs", "a/../b", "a//b", "a/\nb"]) {
      await expect(signedDownloadUrl({ path, expiresInSeconds: 60 })).rejects.toThrow(/invalid object path/);
    }
    await expect(signedDownloadUrl({ path: "a", expiresInSeconds: 7 * 24 * 3600 + 1 })).rejects.toThrow(
      /expiresInSeconds/,
    );
    await expect(
      signedUploadUrl({ path: "a", contentType: "application/pdf", maxBytes: 0, expiresInSeconds: 60 }),
    ).rejects.toThrow(/maxBytes/);
    await expect(
      signedUploadUrl({ path: "a", contentType: "pdf", maxBytes: 1, expiresInSeconds: 60 }),
    ).rejects.toThrow(/contentType/);
  });
});

describe("storage adapter helpers", () => {
  it("takes the emulator's origin from STORAGE_EMULATOR_HOST in any usual form", () => {
    expect(emulatorOrigin("http://127.0.0.1:4443")).toBe("http://127.0.0.1:4443");
    expect(emulatorOrigin("127.0.0.1:4443")).toBe("http://127.0.0.1:4443");
    expect(emulatorOrigin("http://127.0.0.1:4443/storage/v1/")).toBe("http://127.0.0.1:4443");
  });

  it("builds an attachment disposition with an ASCII fallback and the exact UTF-8 name", () => {
    expect(attachmentDisposition("report.pdf")).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(attachmentDisposition('रिपोर्ट "1".pdf')).toBe(
      `attachment; filename="_______ _1_.pdf"; filename*=UTF-8''%E0%A4%B0%E0%A4%BF%E0%A4%AA%E0%A5%8B%E0%A4%B0%E0%A5%8D%E0%A4%9F%20%221%22.pdf`,
    );
  });
});

describe("fake-gcs-server for a phone (LAN mode: tools/emulators.mjs with AROGYA_EMULATOR_HOST)", () => {
  // Listening on every interface, a signed URL carries the LAN address (reachableUrl rewrites its
  // host); fake-gcs-server answers the XML API (signed URLs: /<bucket>/<object>) only when the
  // Host header is its public host. `localhost` stands in for the LAN address: another name for
  // this machine than the 127.0.0.1 the URL was signed for.
  const env = { FUNCTIONS_EMULATOR: "true", AROGYA_EMULATOR_HOST: "localhost" };
  async function upload(port: number, path: string): Promise<{ status: number; url: string }> {
    const signed = await signedUploadUrl({
      path,
      contentType: "application/pdf",
      maxBytes: 1024,
      expiresInSeconds: 60,
    });
    const phone = new URL(reachableUrl(signed.url, env));
    expect(phone.hostname).toBe("localhost");
    phone.port = String(port);
    const res = await fetch(phone, { method: "PUT", headers: signed.headers, body: new Uint8Array(PDF) });
    return { status: res.status, url: phone.toString() };
  }
  const stored = async (port: number, path: string) =>
    (await fetch(`http://127.0.0.1:${port}/storage/v1/b/${DEFAULT_BUCKET}/o/${encodeURIComponent(path)}`))
      .status;

  it("answers signed URLs under the public host it is given", async () => {
    const lan = await startFakeGcs({ port: 0, host: "0.0.0.0", publicHost: "localhost" });
    try {
      expect((await upload(lan.port, "lan/probe.pdf")).status).toBe(200);
      expect(await stored(lan.port, "lan/probe.pdf")).toBe(200);
    } finally {
      await lan.stop();
    }
  });

  it("without it (public host 0.0.0.0) the same upload is refused and nothing is stored: why the harness passes it", async () => {
    const bare = await startFakeGcs({ port: 0, host: "0.0.0.0" });
    try {
      expect((await upload(bare.port, "lan/probe.pdf")).status).not.toBe(200);
      expect(await stored(bare.port, "lan/probe.pdf")).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});
