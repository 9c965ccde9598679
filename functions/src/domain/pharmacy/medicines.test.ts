import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medicineIdSchema, medicineInputSchema, type MedicineInput } from "../../schemas/pharmacy";
import {
  buildMedicineDoc,
  MAX_PREFIX,
  matchesAllWords,
  medicineDisplayName,
  medicineIdFor,
  medicinePrefixes,
  medicineWords,
  MIN_PREFIX,
  normaliseSearchText,
  planMedicineSearch,
  rankMedicines,
  searchWords,
} from "./medicines";

const NOW = new Date("2026-11-20T06:00:00Z");
const medicine = (overrides: Partial<MedicineInput> = {}): MedicineInput =>
  medicineInputSchema.parse({
    generic: "Paracetamol",
    brands: ["Crocin", "Dolo 650"],
    strength: "500 mg",
    form: "tablet",
    packSize: 10,
    ...overrides,
  });

describe("normaliseSearchText", () => {
  it("drops Latin accents and case", () => {
    expect(normaliseSearchText("Paracétamol")).toBe("paracetamol");
    expect(normaliseSearchText("PARACÉTAMOL")).toBe("paracetamol");
    expect(normaliseSearchText("Naïve Crème Brûlée")).toBe("naive creme brulee");
  });

  it("treats a decomposed accent (e + U+0301) like the precomposed é", () => {
    expect(normaliseSearchText("Parace\u0301tamol")).toBe("paracetamol");
  });

  it("keeps Devanagari and Gurmukhi vowel signs, which are combining marks too", () => {
    expect(normaliseSearchText("पैरासिटामोल")).toBe("पैरासिटामोल");
    expect([...normaliseSearchText("पैरासिटामोल")]).toHaveLength(11);
    expect(normaliseSearchText("ਪੈਰਾਸੀਟਾਮੋਲ")).toBe("ਪੈਰਾਸੀਟਾਮੋਲ");
    expect(normaliseSearchText("दवा Crocin")).toBe("दवा crocin");
  });

  it("turns runs of punctuation and spaces into one space and trims", () => {
    expect(normaliseSearchText("  Ibuprofen  +  Paracetamol (Combiflam) ")).toBe(
      "ibuprofen paracetamol combiflam",
    );
    expect(normaliseSearchText("Amoxicillin/Clavulanic-acid")).toBe("amoxicillin clavulanic acid");
    expect(normaliseSearchText("--")).toBe("");
  });
});

describe("searchWords and medicineWords", () => {
  it("splits normalised text into words; nothing for blank text", () => {
    expect(searchWords("Dolo-650, Tab.")).toEqual(["dolo", "650", "tab"]);
    expect(searchWords("")).toEqual([]);
    expect(searchWords(" ... ")).toEqual([]);
  });

  it("collects the words of the generic name and every brand, sorted and without repeats", () => {
    expect(
      medicineWords({ generic: "Paracetamol", brands: ["Crocin Advance", "Dolo 650", "CROCIN"] }),
    ).toEqual(["650", "advance", "crocin", "dolo", "paracetamol"]);
    expect(medicineWords({ generic: "Cetirizine", brands: [] })).toEqual(["cetirizine"]);
  });
});

describe("medicinePrefixes", () => {
  it("indexes every prefix of 2 to 15 characters", () => {
    expect(medicinePrefixes(["dolo"])).toEqual(["do", "dol", "dolo"]);
    expect(medicinePrefixes(["dolo", "dosa"])).toEqual(["do", "dol", "dolo", "dos", "dosa"]);
  });

  it("skips one-letter words and stops at 15 characters", () => {
    expect(medicinePrefixes(["a"])).toEqual([]);
    const prefixes = medicinePrefixes(["chlorpheniramine"]); // 16 letters
    expect(prefixes).toHaveLength(MAX_PREFIX - MIN_PREFIX + 1);
    expect(prefixes).toContain("chlorpheniramin");
    expect(prefixes).not.toContain("chlorpheniramine");
    expect(prefixes).not.toContain("c");
  });

  it("cuts by code points, so Devanagari prefixes are whole characters", () => {
    expect(medicinePrefixes(["पैरा"])).toEqual(["पै", "पैर", "पैरा"].sort());
  });
});

describe("medicineIdFor", () => {
  it("slugs generic, strength and form", () => {
    expect(medicineIdFor({ generic: "Paracetamol", strength: "500 mg", form: "tablet" })).toBe(
      "paracetamol-500mg-tablet",
    );
    expect(medicineIdFor({ generic: "Paracétamol", strength: "500 MG", form: "tablet" })).toBe(
      "paracetamol-500mg-tablet",
    );
    expect(
      medicineIdFor({
        generic: "Amoxicillin + Clavulanic Acid",
        strength: "500 mg + 125 mg",
        form: "tablet",
      }),
    ).toBe("amoxicillin-clavulanic-acid-500mg125mg-tablet");
  });

  it("joins a strength per volume into one part", () => {
    expect(medicineIdFor({ generic: "Amoxicillin", strength: "250 mg/5 ml", form: "suspension" })).toBe(
      "amoxicillin-250mg5ml-suspension",
    );
    expect(medicineIdFor({ generic: "Vitamin D3", strength: "60,000 IU", form: "sachet" })).toBe(
      "vitamin-d3-60000iu-sachet",
    );
  });

  it("keeps the decimal point of a strength apart, so 2.5 mg and 25 mg are different medicines", () => {
    const small = medicineIdFor({ generic: "Methotrexate", strength: "2.5 mg", form: "tablet" });
    const large = medicineIdFor({ generic: "Methotrexate", strength: "25 mg", form: "tablet" });
    expect(small).not.toBe(large);
    expect(small).toBe("methotrexate-2-5mg-tablet");
    expect(medicineIdFor({ generic: "Ciprofloxacin", strength: "0.3%", form: "drops" })).toBe(
      "ciprofloxacin-0-3-drops",
    );
    expect(medicineIdFor({ generic: "Levosalbutamol", strength: "0.5 mg/2.5 ml", form: "inhaler" })).toBe(
      "levosalbutamol-0-5mg2-5ml-inhaler",
    );
    expect(medicineIdFor({ generic: "ORS", strength: "20.5 g", form: "sachet" })).not.toBe(
      medicineIdFor({ generic: "ORS", strength: "205 g", form: "sachet" }),
    );
  });

  it("gives ids the id schema accepts", () => {
    for (const m of [
      { generic: "Paracetamol", strength: "500 mg", form: "tablet" as const },
      { generic: "Amoxicillin", strength: "250 mg/5 ml", form: "suspension" as const },
      { generic: "Ciprofloxacin", strength: "0.3%", form: "drops" as const },
      { generic: "Salbutamol", strength: "100 mcg", form: "inhaler" as const },
    ]) {
      expect(medicineIdSchema.safeParse(medicineIdFor(m)).success, medicineIdFor(m)).toBe(true);
    }
  });
});

describe("buildMedicineDoc", () => {
  it("adds id, display name, words, prefixes and the given time", () => {
    const doc = buildMedicineDoc(medicine({ brands: ["Dolo"] }), NOW);
    expect(doc.medicineId).toBe("paracetamol-500mg-tablet");
    expect(doc.displayName).toBe(medicineDisplayName(medicine()));
    expect(doc.displayName).toBe("Paracetamol 500 mg tablet");
    expect(doc.words).toEqual(["dolo", "paracetamol"]);
    expect(doc.prefixes).toContain("do");
    expect(doc.prefixes).toContain("paracetamol");
    expect(doc.prefixes).not.toContain("p");
    expect(doc.updatedAt).toBe(NOW);
    expect(doc.packSize).toBe(10);
  });
});

describe("planMedicineSearch", () => {
  it("uses the longest query word as the index key", () => {
    expect(planMedicineSearch("dolo 650")).toEqual({ indexKey: "dolo", words: ["dolo", "650"] });
    expect(planMedicineSearch("650 paracet")).toEqual({ indexKey: "paracet", words: ["650", "paracet"] });
  });

  it("prefers a word with a letter over a longer number", () => {
    expect(planMedicineSearch("crocin 500000")).toEqual({ indexKey: "crocin", words: ["crocin", "500000"] });
    expect(planMedicineSearch("650")).toEqual({ indexKey: "650", words: ["650"] });
  });

  it("normalises the query", () => {
    expect(planMedicineSearch("  PARACÉT ")).toEqual({ indexKey: "paracet", words: ["paracet"] });
  });

  it("cuts a long word to the indexed length but keeps the whole word for checking", () => {
    const plan = planMedicineSearch("chlorpheniramine maleate");
    expect(plan).toEqual({ indexKey: "chlorpheniramin", words: ["chlorpheniramine", "maleate"] });
    expect([...plan!.indexKey]).toHaveLength(MAX_PREFIX);
  });

  it("ignores one-letter words and gives no plan without a word of two letters", () => {
    expect(planMedicineSearch("vitamin b")).toEqual({ indexKey: "vitamin", words: ["vitamin"] });
    expect(planMedicineSearch("a")).toBeNull();
    expect(planMedicineSearch("")).toBeNull();
    expect(planMedicineSearch("- . -")).toBeNull();
  });

  it("counts Devanagari length in code points", () => {
    expect(planMedicineSearch("पै")).toEqual({ indexKey: "पै", words: ["पै"] });
  });
});

describe("matchesAllWords", () => {
  const words = ["amoxicillin", "augmentin", "clavulanic"];
  it("needs every query word to start one of the medicine's words", () => {
    expect(matchesAllWords(words, ["amox", "clav"])).toBe(true);
    expect(matchesAllWords(words, ["amox", "para"])).toBe(false);
    expect(matchesAllWords(words, ["moxi"])).toBe(false);
    expect(matchesAllWords(words, ["amoxicillins"])).toBe(false);
  });
});

describe("rankMedicines", () => {
  const calamine = { generic: "Calamine", displayName: "Calamine 8% cream" };
  const calcium = { generic: "Calcium carbonate", displayName: "Calcium carbonate 500 mg tablet" };
  const calpol = { generic: "Paracetamol", displayName: "Paracetamol 500 mg tablet" }; // found by its brand Calpol
  const calchek = { generic: "Amlodipine", displayName: "Amlodipine 5 mg tablet" }; // found by its brand Calchek

  it("puts generic-name hits first, each group by display name", () => {
    expect(rankMedicines([calpol, calcium, calchek, calamine], ["cal"])).toEqual([
      calamine,
      calcium,
      calchek,
      calpol,
    ]);
    expect(rankMedicines([calchek, calcium], ["cal", "carb"])).toEqual([calcium, calchek]);
  });

  it("orders brand-only hits by display name after the generic ones and leaves the input alone", () => {
    const zinc = { generic: "Zinc", displayName: "Zinc 20 mg tablet" };
    const amlo = { generic: "Amlodipine", displayName: "Amlodipine 5 mg tablet" };
    const input = [zinc, amlo];
    expect(rankMedicines(input, ["para"])).toEqual([amlo, zinc]);
    expect(input).toEqual([zinc, amlo]);
  });
});

// Words as a medicine master would hold them: Latin letters and digits, or Devanagari.
const latinWord = fc.stringMatching(/^[a-z0-9]{1,20}$/);
const devanagariWord = fc
  .array(fc.constantFrom("प", "र", "स", "ट", "म", "ल", "क", "द", "व", "ै", "ा", "ि", "ी", "ो", "्", "ं"), {
    minLength: 1,
    maxLength: 12,
  })
  .map((cs) => cs.join(""));
const wordArb = fc.oneof({ weight: 3, arbitrary: latinWord }, { weight: 1, arbitrary: devanagariWord });
const nameArb = fc
  .array(wordArb, { minLength: 1, maxLength: 4 })
  .chain((ws) =>
    fc
      .array(fc.constantFrom(" ", "-", " + ", "/", ", "), { minLength: ws.length, maxLength: ws.length })
      .map((seps) => ws.map((w, i) => (i ? seps[i] : "") + w).join("")),
  );
const ACCENTS = ["\u0301", "\u0300", "\u0302", "\u0308", "\u0303", "\u0327"];

describe("medicine search properties", () => {
  it("any 2+ character prefix of any word, in any case and with accents added, finds the medicine", () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.array(nameArb, { maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        fc.array(
          fc.record({
            upper: fc.boolean(),
            accent: fc.option(fc.constantFrom(...ACCENTS), { nil: undefined }),
          }),
        ),
        fc.boolean(),
        (generic, brands, pickWord, pickLength, styles, compose) => {
          const doc = buildMedicineDoc(
            { generic, brands, strength: "500 mg", form: "tablet", packSize: 10, prescriptionOnly: true },
            NOW,
          );
          const longEnough = doc.words.filter((w) => [...w].length >= MIN_PREFIX);
          fc.pre(longEnough.length > 0);
          const word = [...longEnough[pickWord % longEnough.length]];
          const prefix = word.slice(0, MIN_PREFIX + (pickLength % (word.length - MIN_PREFIX + 1)));
          let query = prefix
            .map((c, i) => {
              const style = styles[i % Math.max(styles.length, 1)] ?? { upper: false, accent: undefined };
              const latin = /[a-z]/.test(c);
              return (
                (latin && style.upper ? c.toUpperCase() : c) + (latin && style.accent ? style.accent : "")
              );
            })
            .join("");
          if (compose) query = query.normalize("NFC");

          const plan = planMedicineSearch(query);
          expect(plan).not.toBeNull();
          expect(doc.prefixes).toContain(plan!.indexKey);
          expect(matchesAllWords(doc.words, plan!.words)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
