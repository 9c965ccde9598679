import { describe, expect, it } from "vitest";
import { prescriptionMessageId, prescriptionOfMessage } from "./messages";

describe("prescription messages", () => {
  it("name the prescription in the outbox id, and only prescriptions' messages do", () => {
    expect(prescriptionOfMessage(prescriptionMessageId("AbC123"))).toBe("AbC123");
    expect(prescriptionOfMessage("appt_x_booked")).toBeNull();
    expect(prescriptionOfMessage("rx-")).toBeNull();
  });
});
