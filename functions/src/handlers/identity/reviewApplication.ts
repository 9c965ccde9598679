import { GeoPoint } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { applyRoleClaims } from "../../adapters/identity";
import { canReviewApplication } from "../../authz/policy";
import {
  claimsForApprovedApplication,
  reviewOutcome,
  type Application,
} from "../../domain/identity/applications";
import { buildApprovedProfile } from "../../domain/identity/profiles";
import { reviewApplicationRequestSchema } from "../../schemas/identity";
import { applicationRef, getApplication } from "../../repo/applications";
import { appendAudit } from "../../repo/audit";
import { db } from "../../repo/firestore";
import { setMember } from "../../repo/organisations";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";

export interface ReviewApplicationResult {
  applicantUid: string;
  status: "approved" | "rejected";
  role: Application["role"];
  org: string;
}

/**
 * An admin of the application's organisation (or a platform admin) approves or rejects it.
 * Approval writes the profile, the membership, the decision and the audit entry in one
 * transaction, then sets the applicant's claims and revokes their refresh tokens. Repeating
 * the same decision answers as before and re-applies the claims, so a call that failed after
 * the transaction can simply be retried.
 */
export async function reviewApplication(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<ReviewApplicationResult> {
  const actor = await requireActor(request, { checkRevoked: true });
  if (actor.role !== "admin") throw new HttpsError("permission-denied", "only admins review applications");
  const input = parseRequest(reviewApplicationRequestSchema, request.data);

  const { application, status } = await db().runTransaction(async (tx) => {
    const application = await getApplication(tx, input.applicantUid);
    if (!application) throw new HttpsError("not-found", "no application from this user");
    if (!canReviewApplication(actor, application)) {
      throw new HttpsError(
        "permission-denied",
        "only an admin of the applicant's organisation can review this application",
      );
    }
    const outcome = reviewOutcome(application.status, input.decision);
    if (outcome.kind === "refuse") throw new HttpsError("failed-precondition", outcome.message);
    if (outcome.kind === "repeat") return { application, status: outcome.status };

    const decided = { status: outcome.status, reviewedAt: now, reviewedBy: actor.uid };
    if (input.decision === "reject") {
      tx.update(applicationRef(application.uid), { ...decided, reason: input.reason });
    } else {
      const profile = buildApprovedProfile(application, actor.uid, now);
      const data =
        profile.collection === "pharmacies"
          ? { ...profile.data, location: new GeoPoint(profile.data.location.lat, profile.data.location.lng) }
          : profile.data;
      tx.create(db().collection(profile.collection).doc(profile.id), data);
      setMember(tx, application.org, application.uid, application.role, now);
      tx.update(applicationRef(application.uid), decided);
    }
    appendAudit(
      tx,
      {
        action: input.decision === "approve" ? "application.approved" : "application.rejected",
        actor,
        org: application.org,
        target: { type: "application", id: application.uid },
        origin: requestOrigin(request),
      },
      now,
    );
    return { application, status: outcome.status };
  });

  if (status === "approved")
    await applyRoleClaims(application.uid, claimsForApprovedApplication(application));
  logger.info(`application.${status}`, {
    applicantUid: application.uid,
    org: application.org,
    by: actor.uid,
  });
  return { applicantUid: application.uid, status, role: application.role, org: application.org };
}
