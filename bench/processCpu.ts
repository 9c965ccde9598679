// Where a command's CPU time goes, by kind of process: every second, the CPU time (user + system)
// of each process descended from the command's, read from /proc (Linux only; elsewhere nothing is
// sampled and the breakdown is empty). A process is counted at its last sample, so one that lives
// under a second, or the last second of one, is missed: the kinds' sum is a little under the
// command's own total (getrusage of its children), which bench/testtime.ts reports beside it.
import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface Seen {
  parent: number;
  command: string;
  cpuSeconds: number;
}

/** The kind of a process, by its command line; undefined: it takes its parent's kind. */
function kindOf(command: string): string | undefined {
  if (command.includes("functionsEmulatorRuntime"))
    return "Functions emulator workers (one per function per concurrent call)";
  if (/\bhidane\b/.test(command) && !command.includes("hidane exec")) return "Firestore emulator (hidane)";
  if (command.includes("fake-gcs-server")) return "Storage emulator (fake-gcs-server)";
  if (command.includes("firebase") && command.includes("emulators"))
    return "firebase-tools (Auth, Functions, Tasks, Hosting, hub)";
  if (command.includes("twilio-emulator") || command.includes("bigquery-recorder"))
    return "Twilio and BigQuery recorders";
  if (command.includes("prettier")) return "prettier";
  if (command.includes("eslint")) return "eslint";
  if (/\btsc\b/.test(command)) return "tsc (functions build)";
  if (command.includes("vitest") && command.includes("--project unit")) return "vitest: unit tier";
  if (command.includes("vitest") && command.includes("tests/rules")) return "vitest: rules suites";
  if (command.includes("vitest") && command.includes("--project emulator"))
    return "vitest: integration suites";
  if (/cargo|rustc|\bgo\b|\/go\//.test(command)) return "emulator builds (cargo, go)";
  return undefined;
}

function read(pid: number): Seen | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "pid (name) ": state, ppid, … utime and stime are the 12th and 13th fields from here.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    return {
      parent: Number(fields[1]),
      command,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // ended between the listing and the read
  }
}

/** Starts sampling the processes under `root`; `stop()` ends it and gives CPU seconds per kind. */
export function sampleProcessCpu(root: number): { stop: () => Record<string, number> } {
  const seen = new Map<number, Seen>();
  const sample = () => {
    let pids: number[];
    try {
      pids = readdirSync("/proc")
        .filter((name) => /^\d+$/.test(name))
        .map(Number);
    } catch {
      return;
    }
    for (const pid of pids) {
      const now = read(pid);
      if (now) seen.set(pid, { ...now, command: seen.get(pid)?.command ?? now.command });
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const kindOfPid = (pid: number, depth = 0): string | undefined => {
        if (pid === root) return "npm test's own processes (node, npm, npx)";
        const process = seen.get(pid);
        if (!process || depth > 64) return undefined;
        const under = kindOfPid(process.parent, depth + 1);
        if (under === undefined) return undefined; // not under the command
        return kindOf(process.command) ?? under;
      };
      const totals: Record<string, number> = {};
      for (const [pid, process] of seen) {
        const kind = kindOfPid(pid);
        if (kind) totals[kind] = (totals[kind] ?? 0) + process.cpuSeconds;
      }
      return Object.fromEntries(
        Object.entries(totals)
          .sort(([, a], [, b]) => b - a)
          .map(([kind, seconds]) => [kind, Math.round(seconds * 10) / 10]),
      );
    },
  };
}
