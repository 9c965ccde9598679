import type { Claims } from "../../schemas/identity";
import type {
  DoctorApplicationProfile,
  HealthWorkerApplicationProfile,
  PharmacyApplicationProfile,
} from "../../schemas/profiles";
import type { ErrorReason } from "../../schemas/errorReasons";

export type ApplicationStatus = "pending" | "approved" | "rejected";

export interface OrganisationSummary {
  id: string;
  type: "clinic" | "village" | "pharmacy" | "lab";
}

interface ApplicationBase {
  uid: string;
  org: string;
  status: ApplicationStatus;
  reason?: string;
}

export type Application =
  | (ApplicationBase & { role: "doctor"; doctor: DoctorApplicationProfile })
  | (ApplicationBase & { role: "pharmacist"; pharmacyId: string; pharmacy: PharmacyApplicationProfile })
  | (ApplicationBase & { role: "healthWorker"; healthWorker: HealthWorkerApplicationProfile });

/** Which kinds of organisation each applying role may join. */
const ORG_TYPES_FOR_ROLE: Record<Application["role"], ReadonlyArray<OrganisationSummary["type"]>> = {
  doctor: ["clinic", "village", "lab"],
  pharmacist: ["pharmacy"],
  healthWorker: ["clinic", "village"],
};

export type Refusal = {
  code: "failed-precondition" | "already-exists";
  message: string;
  reason?: ErrorReason;
};

/**
 * May this user submit an application now? Pure: takes the current role, the target
 * organisation and any earlier application.
 */
export function checkCanApply(
  currentRole: Claims["role"],
  role: Application["role"],
  org: OrganisationSummary,
  existing: Pick<Application, "status"> | undefined,
): Refusal | null {
  if (currentRole !== "patient") {
    return {
      code: "failed-precondition",
      reason: "role-conflict",
      message: `an account with the role ${currentRole} cannot apply`,
    };
  }
  if (!ORG_TYPES_FOR_ROLE[role].includes(org.type)) {
    return {
      code: "failed-precondition",
      reason: "role-conflict",
      message: `a ${role} cannot join an organisation of type ${org.type}`,
    };
  }
  if (existing?.status === "pending") {
    return {
      code: "already-exists",
      reason: "application-pending",
      message: "an application is already pending review",
    };
  }
  if (existing?.status === "approved") {
    return {
      code: "failed-precondition",
      reason: "role-conflict",
      message: "this account's application was already approved",
    };
  }
  return null;
}

/** The claims an approved application grants. */
export function claimsForApprovedApplication(application: Application): Claims {
  switch (application.role) {
    case "doctor":
      return { role: "doctor", org: application.org };
    case "pharmacist":
      return { role: "pharmacist", org: application.org, pharmacy: application.pharmacyId };
    case "healthWorker":
      return { role: "healthWorker", org: application.org };
  }
}

export type ReviewOutcome =
  | { kind: "apply"; status: "approved" | "rejected" }
  /** The same decision was already taken: answer as before (a retry), re-syncing claims. */
  | { kind: "repeat"; status: "approved" | "rejected" }
  | { kind: "refuse"; message: string };

/** What reviewing an application with this decision does, given its current status. */
export function reviewOutcome(current: ApplicationStatus, decision: "approve" | "reject"): ReviewOutcome {
  const target = decision === "approve" ? "approved" : "rejected";
  if (current === "pending") return { kind: "apply", status: target };
  if (current === target) return { kind: "repeat", status: target };
  return { kind: "refuse", message: `the application was already ${current}` };
}
