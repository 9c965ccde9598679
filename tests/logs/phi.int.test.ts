// No PHI in logs: runs the whole demo journey (seed, then tools/demo.ts) against the running
// emulators, then scans every line the functions logged during it (the harness copies the
// emulators' output to AROGYA_EMULATOR_LOG) for patient names, phone numbers, e-mail addresses,
// note and diagnosis text and medicine names. Function log lines are the ones the Functions
// emulator prefixes with ">  ".
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");

function runScript(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Waits until the log file stops growing (triggers such as the outbox finish after the journey). */
async function settled(file: string): Promise<void> {
  let size = -1;
  for (let i = 0; i < 30; i += 1) {
    const now = statSync(file).size;
    if (now === size) return;
    size = now;
    await new Promise((r) => setTimeout(r, 1500));
  }
}

/** What the demo journey and the seed put into the system that must never reach a log. */
const PHI: Array<[label: string, pattern: RegExp]> = [
  // Full names (the demo's uids such as demo-patient-simran are ids, and appear in logs by design).
  ["person name", /Simran Kaur|Ramesh Kumar|Anita Verma|Jaspreet Singh|Harleen Kaur|Neha Bansal|Anil Sharma/],
  ["phone number", /\+91\d{10}|\b[6-9]\d{9}\b/],
  ["e-mail address", /[\w.+-]+@[\w-]+\.[\w.]+/],
  ["note text", /sore throat|runny nose|congested|pharyngitis|rhinitis|antibiotic/i],
  ["diagnosis code with text", /Acute pharyngitis|Allergic rhinitis/i],
  ["medicine name", /Paracetamol|Amoxicillin|Cetirizine/],
  ["record title", /Haemoglobin|CBC/],
];

it("a full demo journey logs no PHI", async () => {
  const file = process.env.AROGYA_EMULATOR_LOG;
  expect(file, "run inside tools/emulators.mjs exec").toBeTruthy();
  const from = statSync(file!).size;
  const seed = await runScript([path.join("tools", "seed.ts"), "--quiet"]);
  expect(seed.code, seed.output.slice(-2000)).toBe(0);
  const demo = await runScript([path.join("tools", "demo.ts")]);
  expect(demo.code, demo.output.slice(-3000)).toBe(0);
  expect(demo.output).toMatch(/Demo journey complete/);
  await settled(file!);

  const logged = readFileSync(file!).subarray(from).toString("utf8");
  const functionLines = logged.split("\n").filter((line) => line.startsWith(">  "));
  // The scan means something only if the journey's own events are in what was scanned.
  for (const event of [
    "stock.import.done",
    "prescription.issued",
    "prescription.dispensed",
    "clinicalRecord.amended",
    "record.upload.ready",
    "record.upload.rejected",
  ]) {
    expect(
      functionLines.some((line) => line.includes(`"${event}"`)),
      `the log has ${event}`,
    ).toBe(true);
  }
  const leaks = functionLines.flatMap((line) =>
    PHI.filter(([, pattern]) => pattern.test(line)).map(([label]) => `${label}: ${line.slice(0, 300)}`),
  );
  expect(leaks).toEqual([]);
}, 900_000);
