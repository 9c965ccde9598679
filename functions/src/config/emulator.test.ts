import { describe, expect, it } from "vitest";
import { reachableUrl } from "./emulator";

describe("reachableUrl (emulators a phone can reach)", () => {
  const lan = { FUNCTIONS_EMULATOR: "true", AROGYA_EMULATOR_HOST: "192.168.1.20" };

  it("moves a loopback URL to the LAN address in the emulator", () => {
    expect(reachableUrl("http://127.0.0.1:4443/b/o?X-Goog-Signature=ab", lan)).toBe(
      "http://192.168.1.20:4443/b/o?X-Goog-Signature=ab",
    );
    expect(reachableUrl("http://localhost:5000/api", lan)).toBe("http://192.168.1.20:5000/api");
    expect(reachableUrl("http://127.0.0.1:5000", lan)).toBe("http://192.168.1.20:5000");
  });

  it("leaves every other URL, and production, alone", () => {
    expect(reachableUrl("https://storage.googleapis.com/b/o", lan)).toBe(
      "https://storage.googleapis.com/b/o",
    );
    expect(reachableUrl("http://127.0.0.1:4443/b/o", { AROGYA_EMULATOR_HOST: "192.168.1.20" })).toBe(
      "http://127.0.0.1:4443/b/o",
    );
    expect(reachableUrl("http://127.0.0.1:4443/b/o", { FUNCTIONS_EMULATOR: "true" })).toBe(
      "http://127.0.0.1:4443/b/o",
    );
  });
});
