import { describe, expect, it } from "vitest";
import { ageOn, initials, postalAddress, printedPhone } from "./document";

const on = (day: string, time = "06:00:00") => new Date(`${day}T${time}Z`);

describe("ageOn", () => {
  it("adds a year on the birthday itself", () => {
    expect(ageOn("1990-11-20", on("2026-11-20"))).toBe(36);
    expect(ageOn("1990-11-20", on("2026-11-20", "00:00:00"))).toBe(36);
  });

  it("does not add it the day before, nor in an earlier month", () => {
    expect(ageOn("1990-11-20", on("2026-11-19"))).toBe(35);
    expect(ageOn("1990-11-20", on("2026-11-19", "23:59:59"))).toBe(35);
    expect(ageOn("1990-12-01", on("2026-11-30"))).toBe(35);
    expect(ageOn("1990-01-01", on("2026-12-31"))).toBe(36);
  });

  it("counts a leap-day birth a year older from 1 March of a non-leap year, not on 28 February", () => {
    expect(ageOn("2000-02-29", on("2027-02-28"))).toBe(26);
    expect(ageOn("2000-02-29", on("2027-03-01"))).toBe(27);
    expect(ageOn("2000-02-29", on("2028-02-29"))).toBe(28);
  });

  it("is 0 on the day of birth and in the first year", () => {
    expect(ageOn("2026-11-20", on("2026-11-20"))).toBe(0);
    expect(ageOn("2025-11-21", on("2026-11-20"))).toBe(0);
  });

  it("is undefined without a date of birth", () => {
    expect(ageOn(undefined, on("2026-11-20"))).toBeUndefined();
    expect(ageOn("", on("2026-11-20"))).toBeUndefined();
  });

  it("is undefined for a birth after the day", () => {
    expect(ageOn("2026-11-21", on("2026-11-20"))).toBeUndefined();
    expect(ageOn("2027-01-01", on("2026-11-20"))).toBeUndefined();
  });
});

describe("initials", () => {
  it("takes the first letter of each word, upper-cased, with a dot", () => {
    expect(initials("Simran Kaur")).toBe("S. K.");
    expect(initials("ravi shankar prasad")).toBe("R. S. P.");
  });

  it("ignores extra, leading and trailing whitespace", () => {
    expect(initials("  Simran   Kaur \t")).toBe("S. K.");
    expect(initials("Simran\nKaur")).toBe("S. K.");
  });

  it("keeps the first letter of a Devanagari name", () => {
    expect(initials("सिमरन कौर")).toBe("स. क.");
    expect(initials("अनिल")).toBe("अ.");
  });

  it("gives one initial for a single word and none for an empty name", () => {
    expect(initials("Madonna")).toBe("M.");
    expect(initials("   ")).toBe("");
  });
});

describe("sex on the prescription", () => {
  it("is printed in the chosen language, not as the stored value", async () => {
    const { labelsFor } = await import("./labels");
    expect(labelsFor("en").sexText("female")).toBe("Female");
    expect(labelsFor("hi").sexText("female")).toBe("महिला");
    expect(labelsFor("pa").sexText("male")).toBe("ਪੁਰਸ਼");
    expect(labelsFor("pa").sexText("x")).toBe("x");
  });
});

describe("the clinic's address and phone as printed", () => {
  it("writes an address on one line, skipping what is missing", () => {
    expect(
      postalAddress({ line1: "12 Mall Road", district: "Ludhiana", state: "Punjab", pincode: "141001" }),
    ).toBe("12 Mall Road, Ludhiana, Punjab 141001");
    expect(
      postalAddress({
        line1: "Hospital Road",
        line2: " ",
        village: "Nabha",
        district: "Patiala",
        state: "Punjab",
        pincode: "147201",
      }),
    ).toBe("Hospital Road, Nabha, Patiala, Punjab 147201");
    expect(postalAddress(undefined)).toBeUndefined();
    expect(postalAddress({})).toBeUndefined();
  });

  it("groups a phone number for reading aloud", () => {
    expect(printedPhone("+919812345678")).toBe("+91 98123 45678");
    expect(printedPhone("+911765220111")).toBe("+91 1765220111");
    expect(printedPhone("+441632960961")).toBe("+441632960961");
    expect(printedPhone(undefined)).toBeUndefined();
    expect(printedPhone(" ")).toBeUndefined();
  });
});
