import { describe, expect, it } from "vitest";
import { appCheckOptions, parseCallableList } from "./appCheck";
import { CALLABLE_NAMES } from "./callables";

describe("App Check per callable", () => {
  it("is off everywhere when nothing is set (the emulator's default)", () => {
    for (const name of CALLABLE_NAMES)
      expect(appCheckOptions(name, {})).toEqual({ enforceAppCheck: false, consumeAppCheckToken: false });
  });

  it("enforces on the listed callables only", () => {
    const env = { APP_CHECK_ENFORCED: "book, requestRecordUpload" };
    expect(appCheckOptions("book", env)).toEqual({ enforceAppCheck: true, consumeAppCheckToken: false });
    expect(appCheckOptions("requestRecordUpload", env).enforceAppCheck).toBe(true);
    expect(appCheckOptions("listSlots", env).enforceAppCheck).toBe(false);
  });

  it("`all` enforces on every callable", () => {
    for (const name of CALLABLE_NAMES)
      expect(appCheckOptions(name, { APP_CHECK_ENFORCED: "all" }).enforceAppCheck).toBe(true);
    expect(parseCallableList("X", " ALL ").size).toBe(CALLABLE_NAMES.length);
  });

  it("a consumed callable is enforced too (no token would dodge the replay check)", () => {
    expect(appCheckOptions("exportMyData", { APP_CHECK_CONSUMED: "exportMyData" })).toEqual({
      enforceAppCheck: true,
      consumeAppCheckToken: true,
    });
    expect(appCheckOptions("book", { APP_CHECK_CONSUMED: "exportMyData" })).toEqual({
      enforceAppCheck: false,
      consumeAppCheckToken: false,
    });
  });

  it("refuses an unknown name, so a typo fails the deploy instead of leaving a callable open", () => {
    expect(() => appCheckOptions("book", { APP_CHECK_ENFORCED: "book,bookk" })).toThrow(
      "APP_CHECK_ENFORCED: unknown callable bookk",
    );
    expect(() => appCheckOptions("book", { APP_CHECK_CONSUMED: "all,book" })).toThrow("unknown callable all");
  });

  it("ignores empty entries and spaces", () => {
    expect([...parseCallableList("X", " , book ,, cancel ,")]).toEqual(["book", "cancel"]);
    expect(parseCallableList("X", "").size).toBe(0);
  });
});
