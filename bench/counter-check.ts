// `npm run bench:counter`: proves the Firestore counter of bench/lib.ts on calls whose cost is
// known, made directly through the functions' firebase-admin against the Firestore emulator
// (inside `firebase emulators:exec`). Each case seeds what it needs, resets the counter, makes
// its calls and compares the reads and writes counted with the cost Firestore bills for them.
// Any difference fails the run (exit 1) and names the case; the result is written to
// bench/results/counter.json, where `npm run bench` reads it.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { ROOT, installFirestoreCounters, writeResults } from "./lib";

if (!process.env.FIRESTORE_EMULATOR_HOST) {
  console.error("bench/counter-check.ts needs the Firestore emulator: run `npm run bench:counter`");
  process.exit(2);
}

const counter = installFirestoreCounters();
const { getFirestore } = counter.module;
const db = getFirestore();
const root = db.collection("counterCheck").doc(randomUUID());
const col = (name: string) => root.collection(name);

async function seed(name: string, n: number) {
  const batch = db.batch();
  for (let i = 0; i < n; i += 1) batch.set(col(name).doc(`d${i}`), { i, group: "a" });
  await batch.commit();
  return Array.from({ length: n }, (_, i) => col(name).doc(`d${i}`));
}

interface Cost {
  reads: number;
  writes: number;
}
/** Runs fn with the counter reset first; fn returns the cost its calls should have counted. */
async function measured(fn: () => Promise<Cost>): Promise<{ expected: Cost; counted: Cost }> {
  counter.reset();
  const expected = await fn();
  return { expected, counted: { ...counter.counts } };
}

// Each case seeds what it needs (not counted), then measures its calls.
const cases: Array<{ name: string; measure: () => Promise<{ expected: Cost; counted: Cost }> }> = [
  {
    name: "DocumentReference.get of an existing document",
    measure: async () => {
      const [ref] = await seed("get", 1);
      return measured(async () => {
        const snap = await ref.get();
        if (!snap.exists) throw new Error("seeded document missing");
        return { reads: 1, writes: 0 };
      });
    },
  },
  {
    name: "DocumentReference.get of a missing document",
    measure: async () =>
      measured(async () => {
        await col("missing").doc("nope").get();
        return { reads: 1, writes: 0 };
      }),
  },
  {
    name: "Query.get returning 3 documents",
    measure: async () => {
      await seed("query", 3);
      return measured(async () => {
        const snap = await col("query").where("group", "==", "a").get();
        if (snap.size !== 3) throw new Error(`query returned ${snap.size}`);
        return { reads: 3, writes: 0 };
      });
    },
  },
  {
    name: "Query.get returning nothing",
    measure: async () =>
      measured(async () => {
        const snap = await col("empty").get();
        if (!snap.empty) throw new Error("empty query returned documents");
        return { reads: 1, writes: 0 };
      }),
  },
  {
    name: "Firestore.getAll of 4 documents",
    measure: async () => {
      const refs = await seed("getAll", 4);
      return measured(async () => {
        const snaps = await db.getAll(...refs);
        if (snaps.length !== 4) throw new Error(`getAll returned ${snaps.length}`);
        return { reads: 4, writes: 0 };
      });
    },
  },
  {
    name: "count() over 3 documents",
    measure: async () => {
      await seed("count", 3);
      return measured(async () => {
        const n = (await col("count").count().get()).data().count;
        if (n !== 3) throw new Error(`count() returned ${n}`);
        return { reads: 1, writes: 0 };
      });
    },
  },
  {
    name: "10 concurrent DocumentReference.get",
    measure: async () => {
      const refs = await seed("concurrent", 10);
      return measured(async () => {
        await Promise.all(refs.map((r) => r.get()));
        return { reads: 10, writes: 0 };
      });
    },
  },
  {
    name: "transaction: 2 gets + 3 writes (create, set, update)",
    measure: async () => {
      const [a, b] = await seed("tx", 2);
      return measured(async () => {
        let attempts = 0;
        await db.runTransaction(async (tx) => {
          attempts += 1;
          const [sa, sb] = [await tx.get(a), await tx.get(b)];
          tx.create(col("tx").doc("new"), { from: [sa.id, sb.id] });
          tx.set(a, { i: 10 }, { merge: true });
          tx.update(b, { i: 11 });
        });
        return { reads: 2 * attempts, writes: 3 * attempts };
      });
    },
  },
  {
    name: "transaction: getAll of 2 + a query of 3 + 1 delete",
    measure: async () => {
      const refs = await seed("txAll", 3);
      return measured(async () => {
        let attempts = 0;
        await db.runTransaction(async (tx) => {
          attempts += 1;
          await tx.getAll(refs[0], refs[1]);
          const q = await tx.get(col("txAll").where("group", "==", "a"));
          if (q.size !== 3) throw new Error(`transactional query returned ${q.size}`);
          tx.delete(refs[2]);
        });
        return { reads: 5 * attempts, writes: attempts };
      });
    },
  },
  {
    name: "WriteBatch of 5 writes (2 set, create, update, delete)",
    measure: async () => {
      const refs = await seed("batch", 3);
      return measured(async () => {
        const batch = db.batch();
        batch.set(refs[0], { i: 1 });
        batch.set(col("batch").doc("x"), { i: 2 });
        batch.create(col("batch").doc("y"), { i: 3 });
        batch.update(refs[1], { i: 4 });
        batch.delete(refs[2]);
        await batch.commit();
        return { reads: 0, writes: 5 };
      });
    },
  },
  {
    name: "DocumentReference.create",
    measure: async () =>
      measured(async () => {
        await col("single").doc("c").create({ i: 1 });
        return { reads: 0, writes: 1 };
      }),
  },
  {
    name: "DocumentReference.set",
    measure: async () =>
      measured(async () => {
        await col("single").doc("s").set({ i: 1 });
        return { reads: 0, writes: 1 };
      }),
  },
  {
    name: "DocumentReference.update",
    measure: async () => {
      const [ref] = await seed("update", 1);
      return measured(async () => {
        await ref.update({ i: 2 });
        return { reads: 0, writes: 1 };
      });
    },
  },
  {
    name: "DocumentReference.delete",
    measure: async () => {
      const [ref] = await seed("delete", 1);
      return measured(async () => {
        await ref.delete();
        return { reads: 0, writes: 1 };
      });
    },
  },
  {
    name: "CollectionReference.add",
    measure: async () =>
      measured(async () => {
        await col("add").add({ i: 1 });
        return { reads: 0, writes: 1 };
      }),
  },
];

const results = [];
for (const c of cases) {
  let outcome: { expected: Cost; counted: Cost } | undefined;
  let error: string | undefined;
  try {
    outcome = await c.measure();
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const exact =
    !!outcome &&
    outcome.expected.reads === outcome.counted.reads &&
    outcome.expected.writes === outcome.counted.writes;
  results.push({ case: c.name, ...outcome, exact, ...(error ? { error } : {}) });
}
await db.recursiveDelete(root);

const show = (c?: Cost) => (c ? `${c.reads} r + ${c.writes} w` : "-");
const width = Math.max(...results.map((r) => r.case.length));
console.log(`${"case".padEnd(width)}  ${"expected".padEnd(13)}  ${"counted".padEnd(13)}  result`);
for (const r of results)
  console.log(
    `${r.case.padEnd(width)}  ${show(r.expected).padEnd(13)}  ${show(r.counted).padEnd(13)}  ${
      r.exact ? "ok" : `DIFFERS${r.error ? ` (${r.error})` : ""}`
    }`,
  );
const wrong = results.filter((r) => !r.exact);
const file = writeResults("counter", {
  cases: results.length,
  exact: results.length - wrong.length,
  allExact: wrong.length === 0,
  results,
});
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
if (wrong.length) {
  console.error(
    `\nFIRESTORE COUNTER IS WRONG in ${wrong.length} of ${results.length} cases: ${wrong
      .map((r) => r.case)
      .join("; ")}`,
  );
  process.exit(1);
}
console.log(`Firestore counter exact in all ${results.length} cases`);
process.exit(0);
