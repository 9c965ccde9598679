// Type tests, checked by `tsc -p tsconfig.json` (part of the checks before each commit and of
// tools/typecheck.test.ts): each `@ts-expect-error` fails the build if the line below it compiles,
// so a wrong request type is proven to be a compile error. Never called.
import type { ArogyaCallables } from "./callables";
import { isReason, type ArogyaError } from "./errors";
import type { RequestOf, ResponseOf } from "./types";

export async function typeTests(arogya: ArogyaCallables): Promise<void> {
  // A right request compiles, and its answer is typed.
  const booked: ResponseOf<"book"> = await arogya.book({
    doctorUid: "dr-1",
    start: "2026-12-01T04:30:00.000Z",
    mode: "video",
  });
  const id: string = booked.appointmentId;
  const status: "booked" | "cancelled" | "completed" | "no_show" = booked.status;

  // @ts-expect-error: `mode` is "video" | "in_person", not a number.
  await arogya.book({ doctorUid: "dr-1", start: "2026-12-01T04:30:00.000Z", mode: 1 });
  // @ts-expect-error: `doctorUid` is required.
  await arogya.book({ start: "2026-12-01T04:30:00.000Z", mode: "video" });
  // @ts-expect-error: no such callable.
  await arogya.bookk({});
  // @ts-expect-error: the answer has no `slotId`.
  void booked.slotId;

  const slots = await arogya.listSlots({ doctorUid: "dr-1", from: "2026-12-01", to: "2026-12-07" });
  const first: string | undefined = slots.slots[0]?.start;

  const request: RequestOf<"cancel"> = { appointmentId: id };
  await arogya.cancel(request);

  try {
    await arogya.book({ doctorUid: "dr-1", start: "2026-12-01T04:30:00.000Z", mode: "in_person" });
  } catch (error) {
    if (isReason(error, "slot-taken")) void (error satisfies ArogyaError).localized("hi");
    // @ts-expect-error: not a reason of the catalogue.
    isReason(error, "slot-gone");
  }
  void [status, first];
}
