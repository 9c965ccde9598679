import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";

describe("canonicalJson", () => {
  it("is the same whatever the key order, at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 2 } })).toBe(
      canonicalJson({ a: { c: 2, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
  it("keeps array order and drops undefined values", () => {
    expect(canonicalJson({ a: [2, 1], b: undefined })).toBe('{"a":[2,1]}');
  });
});
