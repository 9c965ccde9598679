import { FieldValue } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { checkCanApply, type Application } from "../../domain/identity/applications";
import { canonicalJson } from "../../domain/shared/canonical";
import { applyForRoleRequestSchema, type ApplyForRoleRequest } from "../../schemas/identity";
import { applicationRef, getApplication, newPharmacyId } from "../../repo/applications";
import { appendAudit } from "../../repo/audit";
import { db } from "../../repo/firestore";
import { getOrganisation } from "../../repo/organisations";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";

export interface ApplyForRoleResult {
  status: "pending";
  role: Application["role"];
  org: string;
}

/**
 * A signed-in patient applies to act as a doctor or pharmacist in an organisation. The
 * application waits for an admin of that organisation. A retry of the same pending
 * application answers as the first call did and writes nothing.
 */
export async function applyForRole(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<ApplyForRoleResult> {
  const actor = await requireActor(request);
  const input = parseRequest(applyForRoleRequestSchema, request.data);
  const ref = applicationRef(actor.uid);

  await db().runTransaction(async (tx) => {
    const org = await getOrganisation(tx, input.org);
    if (!org) throw new HttpsError("not-found", `organisation ${input.org} does not exist`);
    const existing = await getApplication(tx, actor.uid);
    if (existing?.status === "pending" && sameRequest(existing, input)) return;
    const refusal = checkCanApply(actor.role, input.role, org, existing ?? undefined);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);

    const application: Application =
      input.role === "doctor"
        ? { uid: actor.uid, role: "doctor", org: input.org, status: "pending", doctor: input.doctor }
        : {
            uid: actor.uid,
            role: "pharmacist",
            org: input.org,
            status: "pending",
            pharmacyId: newPharmacyId(),
            pharmacy: input.pharmacy,
          };
    tx.set(ref, { ...application, submittedAt: FieldValue.serverTimestamp() });
    appendAudit(
      tx,
      {
        action: "application.submitted",
        actor,
        org: input.org,
        target: { type: "application", id: actor.uid },
        origin: requestOrigin(request),
      },
      now,
    );
  });
  logger.info("application.submitted", { uid: actor.uid, org: input.org, role: input.role });
  return { status: "pending", role: input.role, org: input.org };
}

/** A retry of the pending application: same role, organisation and profile. */
function sameRequest(existing: Application, input: ApplyForRoleRequest): boolean {
  if (existing.role !== input.role || existing.org !== input.org) return false;
  const submitted = existing.role === "doctor" ? existing.doctor : existing.pharmacy;
  const requested = input.role === "doctor" ? input.doctor : input.pharmacy;
  return canonicalJson(submitted) === canonicalJson(requested);
}
