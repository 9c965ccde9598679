import { onDocumentCreated } from "firebase-functions/v2/firestore";

/** A new appointment's confirmation message (handlers/booking/confirmBooking.ts); retried until it is enqueued. */
export const confirmBooking = onDocumentCreated(
  { document: "appointments/{appointmentId}", retry: true },
  async (event) => {
    const { confirmBooking: confirm } = await import("../../handlers/booking/confirmBooking");
    await confirm(event.params.appointmentId, new Date());
  },
);
