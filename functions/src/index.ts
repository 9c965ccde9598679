/**
 * Initialise and re-export only. Each trigger is one line around a named handler in
 * handlers/; the callable names are what clients pass to httpsCallable().
 */
import { initializeApp } from "firebase-admin/app";
import { setGlobalOptions } from "firebase-functions/v2";
import { REGION } from "./config/params";
import { callableTriggers } from "./triggers/callable";

initializeApp();
setGlobalOptions({ region: REGION, maxInstances: 20 });

export { beforeCreate } from "./triggers/auth/beforeUserCreated";

// Every callable of registry/callables.ts, under the name clients call it by. module.exports, not
// exports: a bundler's CommonJS output (tsx, esbuild) replaces the exports object.
Object.assign(module.exports, callableTriggers());
export { api } from "./triggers/http/api";
export { sendOutboxMessage } from "./triggers/firestore/sendOutboxMessage";
export { confirmBooking } from "./triggers/firestore/confirmBooking";
export { syncPharmacyListing } from "./triggers/firestore/syncPharmacyListing";
export { retryOutboxMessages } from "./triggers/scheduled/retryOutboxMessages";
export { sendDueReminders } from "./triggers/scheduled/sendDueReminders";
export { markNoShows } from "./triggers/scheduled/markNoShows";
export { exportEventsToBigQuery } from "./triggers/scheduled/exportEventsToBigQuery";
export { refreshExpiredStock } from "./triggers/scheduled/refreshExpiredStock";
export { refreshPatientCards } from "./triggers/firestore/refreshPatientCards";
export { sendDailyAgendas } from "./triggers/scheduled/sendDailyAgendas";
export { closeConsultations } from "./triggers/scheduled/closeConsultations";
export { releaseExpiredReservations } from "./triggers/scheduled/releaseExpiredReservations";
export { expireProposals } from "./triggers/scheduled/expireProposals";
export { finishScheduleChanges } from "./triggers/scheduled/finishScheduleChanges";
