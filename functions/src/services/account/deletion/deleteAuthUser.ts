import { deleteUser } from "../../../adapters/identity";
import { revokeDeletedAccount } from "../../identity/revokeSessions";

/**
 * Step 6, last: the Auth user is deleted, which signs the patient out everywhere. Last, so that a
 * step that failed before can be run again by the patient, who can still sign in. Then every token
 * ever issued to them is refused (step 2 refused those signed in before it; this also refuses one
 * signed in during its second or while the steps ran), as nobody can sign in as them again.
 */
export async function deleteAuthUser(uid: string): Promise<void> {
  await deleteUser(uid);
  // The clock after the deletion, not the request's `now`: the steps took time.
  await revokeDeletedAccount(uid, new Date());
}
