import { onCall } from "firebase-functions/v2/https";
import { book } from "../../handlers/booking/book";
import { cancel } from "../../handlers/booking/cancel";
import { recordOutcome } from "../../handlers/booking/recordOutcome";
import { reschedule } from "../../handlers/booking/reschedule";
import { listSlots } from "../../handlers/scheduling/listSlots";
import { setAvailability } from "../../handlers/scheduling/setAvailability";

export const setAvailabilityFn = onCall({}, (request) => setAvailability(request));
export const listSlotsFn = onCall({}, (request) => listSlots(request));
export const bookFn = onCall({}, (request) => book(request));
export const rescheduleFn = onCall({}, (request) => reschedule(request));
export const cancelFn = onCall({}, (request) => cancel(request));
export const recordOutcomeFn = onCall({}, (request) => recordOutcome(request));
