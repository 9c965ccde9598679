import { describe, expect, it } from "vitest";
import { buildEvent, ID_FIELDS } from "../../domain/events/events";
import { EVENT_FIELDS, EVENTS_TABLE, eventRow, idColumn } from "./schema";

describe("events table schema", () => {
  it("has the required event columns and a nullable STRING column per id field", () => {
    expect(EVENT_FIELDS.map((f) => [f.name, f.type, f.mode])).toEqual([
      ["event_id", "STRING", "REQUIRED"],
      ["type", "STRING", "REQUIRED"],
      ["occurred_at", "TIMESTAMP", "REQUIRED"],
      ["org", "STRING", "NULLABLE"],
      ["ids", "RECORD", "NULLABLE"],
    ]);
    const ids = EVENT_FIELDS.find((f) => f.name === "ids")!.fields!;
    expect(ids.map((f) => f.name)).toEqual(ID_FIELDS.map(idColumn));
    expect(ids.every((f) => f.type === "STRING" && f.mode === "NULLABLE")).toBe(true);
    expect(EVENTS_TABLE.timePartitioning).toEqual({ type: "DAY", field: "occurred_at" });
  });

  it("names id columns in snake_case", () => {
    expect(idColumn("appointmentId")).toBe("appointment_id");
    expect(idColumn("uid")).toBe("uid");
    expect(idColumn("granteeOrg")).toBe("grantee_org");
  });

  it("turns an event into a row whose insertId is the event id", () => {
    const event = buildEvent(
      "prescription.dispensed",
      { org: "org-ph", ids: { prescriptionId: "rx1", pharmacyId: "ph1", pharmacistUid: "u9" }, key: "rx1" },
      new Date("2026-11-20T10:00:00Z"),
    );
    expect(eventRow(event)).toEqual({
      insertId: "prescription.dispensed:rx1",
      json: {
        event_id: "prescription.dispensed:rx1",
        type: "prescription.dispensed",
        occurred_at: "2026-11-20T10:00:00.000Z",
        org: "org-ph",
        ids: { pharmacist_uid: "u9", prescription_id: "rx1", pharmacy_id: "ph1" },
      },
    });
  });
});
