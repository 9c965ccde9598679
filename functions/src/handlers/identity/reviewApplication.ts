import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { canReviewApplication } from "../../authz/policy";
import {
  claimsForApprovedApplication,
  reviewOutcome,
  type Application,
} from "../../domain/identity/applications";
import { buildApprovedProfile } from "../../domain/identity/profiles";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getApplication, updateApplication } from "../../repo/applications";
import { createDoctor } from "../../repo/doctors";
import { setMember } from "../../repo/members";
import { createPharmacy } from "../../repo/pharmacies";
import { runTransaction, type Transaction } from "../../repo/transaction";
import type { ReviewApplicationRequest } from "../../schemas/identity";
import { changeRoleClaims } from "../../services/identity/revokeSessions";
import { appError } from "../../schemas/errors";

export interface ReviewApplicationResult {
  applicantUid: string;
  status: "approved" | "rejected";
  role: Application["role"];
  org: string;
}

/**
 * An admin of the application's organisation (or a platform admin) approves or rejects it.
 * Approval writes the profile, the membership, the decision and the audit entry in one
 * transaction, then sets the applicant's claims and revokes their sessions (refresh tokens and, for
 * the tokens already issued, `revocations/{uid}`: services/identity/revokeSessions.ts). Repeating
 * the same decision answers as before and re-applies the claims, so a call that failed after
 * the transaction can simply be retried.
 */
export async function reviewApplication({
  actor,
  input,
  now,
  origin,
}: Call<ReviewApplicationRequest>): Promise<ReviewApplicationResult> {
  const { application, status } = await runTransaction(async (tx) => {
    const application = await getApplication(input.applicantUid, tx);
    if (!application) throw appError("not-found", "application-not-found", "no application from this user");
    if (!canReviewApplication(actor, application)) {
      throw appError(
        "permission-denied",
        "other-organisation",
        "only an admin of the applicant's organisation can review this application",
      );
    }
    const outcome = reviewOutcome(application.status, input.decision);
    if (outcome.kind === "refuse")
      throw appError("failed-precondition", "precondition-failed", outcome.message);
    if (outcome.kind === "repeat") return { application, status: outcome.status };

    const decided = { status: outcome.status, reviewedAt: Timestamp.fromDate(now), reviewedBy: actor.uid };
    if (input.decision === "reject") {
      updateApplication(tx, application.uid, { ...decided, reason: input.reason });
    } else {
      createApprovedProfile(tx, application, actor.uid, now);
      setMember(tx, application.org, application.uid, application.role, now);
      updateApplication(tx, application.uid, decided);
    }
    const action = input.decision === "approve" ? "application.approved" : "application.rejected";
    const target = { type: "application", id: application.uid };
    recordAction(tx, { action, actor, org: application.org, target, origin }, now);
    return { application, status: outcome.status };
  });

  if (status === "approved")
    await changeRoleClaims(application.uid, claimsForApprovedApplication(application), now);
  logger.info(`application.${status}`, {
    applicantUid: application.uid,
    org: application.org,
    by: actor.uid,
  });
  return { applicantUid: application.uid, status, role: application.role, org: application.org };
}

/** The doctor's or the pharmacy's public profile, made by the approval. */
function createApprovedProfile(tx: Transaction, application: Application, by: string, now: Date): void {
  // A health worker has no public profile: their name is on their application and on the care
  // links they make (services/care/).
  if (application.role === "healthWorker") return;
  const profile = buildApprovedProfile(application, by, now);
  if (profile.collection === "pharmacies") createPharmacy(tx, profile.id, profile.data);
  else createDoctor(tx, profile.id, profile.data);
}
