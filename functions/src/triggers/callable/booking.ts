import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { book } from "../../handlers/booking/book";
import { cancel } from "../../handlers/booking/cancel";
import { recordOutcome } from "../../handlers/booking/recordOutcome";
import { reschedule } from "../../handlers/booking/reschedule";
import { listSlots } from "../../handlers/scheduling/listSlots";
import { setAvailability } from "../../handlers/scheduling/setAvailability";

export const setAvailabilityFn = onCall({ ...appCheckFor("setAvailability") }, (request) =>
  setAvailability(request),
);
export const listSlotsFn = onCall({ ...appCheckFor("listSlots") }, (request) => listSlots(request));
export const bookFn = onCall({ ...appCheckFor("book") }, (request) => book(request));
export const rescheduleFn = onCall({ ...appCheckFor("reschedule") }, (request) => reschedule(request));
export const cancelFn = onCall({ ...appCheckFor("cancel") }, (request) => cancel(request));
export const recordOutcomeFn = onCall({ ...appCheckFor("recordOutcome") }, (request) =>
  recordOutcome(request),
);
