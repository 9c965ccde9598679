import { beforeUserCreated } from "firebase-functions/v2/identity";

/** Every new account starts as a patient (handlers/auth/beforeUserCreated.ts, loaded on the first sign-up). */
export const beforeCreate = beforeUserCreated({}, async (event) => {
  const { assignPatientRole } = await import("../../handlers/auth/beforeUserCreated");
  return assignPatientRole(event);
});
