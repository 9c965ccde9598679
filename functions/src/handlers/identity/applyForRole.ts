import { FieldValue } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { checkCanApply, type Application } from "../../domain/identity/applications";
import { canonicalJson } from "../../domain/shared/canonical";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getApplication, newPharmacyId, setApplication } from "../../repo/applications";
import { getRecordedAnswer, createRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import { getOrganisation } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import type { ApplyForRoleRequest } from "../../schemas/identity";
import { appError, refusalError } from "../../schemas/errors";

export interface ApplyForRoleResult {
  status: "pending";
  role: Application["role"];
  org: string;
}

/**
 * A signed-in patient applies to act as a doctor or pharmacist in an organisation. The
 * application waits for an admin of that organisation. A retry of the same pending
 * application answers as the first call did and writes nothing; with an idempotency key, so does
 * a retry after the application was decided.
 */
export async function applyForRole({
  actor,
  input,
  now,
  origin,
}: Call<ApplyForRoleRequest>): Promise<ApplyForRoleResult> {
  const { idempotencyKey, ...request } = input;
  const call: IdempotentCall = { uid: actor.uid, key: idempotencyKey, operation: "applyForRole", request };
  const recorded = await getRecordedAnswer<ApplyForRoleResult>(call);
  if (recorded) return recorded;
  const result: ApplyForRoleResult = { status: "pending", role: input.role, org: input.org };
  const answer = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<ApplyForRoleResult>(call, tx);
    if (again) return again;
    const org = await getOrganisation(input.org, tx);
    if (!org)
      throw appError("not-found", "organisation-not-found", `organisation ${input.org} does not exist`);
    const existing = await getApplication(actor.uid, tx);
    if (existing?.status === "pending" && sameRequest(existing, input)) {
      createRecordedAnswer(tx, call, result, now);
      return result;
    }
    const refusal = checkCanApply(
      actor.role,
      input.role,
      { id: input.org, type: org.type },
      existing ?? undefined,
    );
    if (refusal) throw refusalError(refusal);

    const base = { uid: actor.uid, org: input.org, status: "pending" as const };
    const application: Application =
      input.role === "doctor"
        ? { ...base, role: "doctor", doctor: input.doctor }
        : input.role === "pharmacist"
          ? { ...base, role: "pharmacist", pharmacyId: newPharmacyId(), pharmacy: input.pharmacy }
          : { ...base, role: "healthWorker", healthWorker: input.healthWorker };
    setApplication(tx, { ...application, submittedAt: FieldValue.serverTimestamp() });
    const target = { type: "application", id: actor.uid };
    recordAction(tx, { action: "application.submitted", actor, org: input.org, target, origin }, now);
    createRecordedAnswer(tx, call, result, now);
    return result;
  });
  logger.info("application.submitted", { uid: actor.uid, org: input.org, role: input.role });
  return answer;
}

/** A retry of the pending application: same role, organisation and profile. */
function sameRequest(existing: Application, input: ApplyForRoleRequest): boolean {
  if (existing.role !== input.role || existing.org !== input.org) return false;
  const profileOf = (a: Application | ApplyForRoleRequest) =>
    a.role === "doctor" ? a.doctor : a.role === "pharmacist" ? a.pharmacy : a.healthWorker;
  const submitted = profileOf(existing);
  const requested = profileOf(input);
  return canonicalJson(submitted) === canonicalJson(requested);
}
