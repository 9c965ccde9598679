import { describe, expect, it } from "vitest";
import { INBOUND_BODY_MAX, twilioInboundSchema, twilioStatusCallbackSchema } from "./webhooks";

const sid = `SM${"0123456789abcdef".repeat(2)}`;

describe("twilioStatusCallbackSchema", () => {
  it("reads a status callback, with Twilio's other fields passed through", () => {
    expect(
      twilioStatusCallbackSchema.parse({ MessageSid: sid, MessageStatus: "delivered", AccountSid: "AC1" }),
    ).toMatchObject({ MessageSid: sid, MessageStatus: "delivered" });
    expect(
      twilioStatusCallbackSchema.safeParse({
        MessageSid: sid,
        MessageStatus: "undelivered",
        ErrorCode: "63016",
      }).success,
    ).toBe(true);
    expect(
      twilioStatusCallbackSchema.safeParse({ MessageSid: sid, MessageStatus: "sent", ErrorCode: "" }).success,
    ).toBe(true);
  });

  it.each([
    ["an oversized SID", { MessageSid: `SM${"a".repeat(20_000)}`, MessageStatus: "delivered" }, "MessageSid"],
    ["an oversized status", { MessageSid: sid, MessageStatus: "d".repeat(20_000) }, "MessageStatus"],
    [
      "an oversized error code",
      { MessageSid: sid, MessageStatus: "failed", ErrorCode: "9".repeat(20_000) },
      "ErrorCode",
    ],
    ["a SID that is a list", { MessageSid: [sid, sid], MessageStatus: "delivered" }, "MessageSid"],
  ])("refuses %s, naming the field", (_what, body, field) => {
    const result = twilioStatusCallbackSchema.safeParse(body);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual([field]);
  });
});

describe("twilioInboundSchema", () => {
  it("reads a reply; missing fields are empty", () => {
    expect(twilioInboundSchema.parse({ From: "whatsapp:+919812345678", Body: " stop " })).toMatchObject({
      From: "whatsapp:+919812345678",
      Body: " stop ",
    });
    expect(twilioInboundSchema.parse({})).toMatchObject({ From: "", Body: "" });
  });
  it("refuses a sender or a message longer than Twilio ever sends", () => {
    expect(twilioInboundSchema.safeParse({ From: `+91${"9".repeat(100)}`, Body: "STOP" }).success).toBe(
      false,
    );
    expect(
      twilioInboundSchema.safeParse({ From: "+919812345678", Body: "x".repeat(INBOUND_BODY_MAX + 1) })
        .success,
    ).toBe(false);
  });
});
