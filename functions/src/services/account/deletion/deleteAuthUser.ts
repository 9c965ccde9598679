import { getAuth } from "firebase-admin/auth";

/**
 * Step 5, last: the Auth user is deleted, which signs the patient out everywhere. Last, so that a
 * step that failed before can be run again by the patient, who can still sign in.
 */
export async function deleteAuthUser(uid: string): Promise<void> {
  await getAuth().deleteUser(uid);
}
