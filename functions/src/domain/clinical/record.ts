import type { WriteClinicalRecordRequest } from "../../schemas/clinical";
import type { ErrorReason } from "../../schemas/errorReasons";

export interface RecordParties {
  appointmentId: string;
  patientUid: string;
  doctorUid: string;
  org: string;
}

export interface RecordContent {
  soap: WriteClinicalRecordRequest["soap"];
  diagnoses: WriteClinicalRecordRequest["diagnoses"];
  vitals: NonNullable<WriteClinicalRecordRequest["vitals"]> | null;
}

export type RecordDecision =
  | { ok: true; version: number; amendment: boolean }
  | { ok: false; code: "invalid-argument" | "failed-precondition"; message: string; reason?: ErrorReason };

/**
 * The next version of a clinical record. The first write is version 1; every later write is an
 * amendment, which must say why and is stored beside the earlier versions, never over them.
 */
export function nextVersion(
  current: { version: number } | null,
  amendmentReason: string | undefined,
): RecordDecision {
  if (!current) {
    if (amendmentReason)
      return {
        ok: false,
        code: "invalid-argument",
        reason: "amendment-reason-required",
        message: "amendmentReason: there is nothing to amend yet",
      };
    return { ok: true, version: 1, amendment: false };
  }
  if (!amendmentReason)
    return {
      ok: false,
      code: "invalid-argument",
      reason: "amendment-reason-required",
      message: "amendmentReason: this record exists; an amendment must say why",
    };
  return { ok: true, version: current.version + 1, amendment: true };
}

/** One version of the record as written: who it concerns, what it says, its number, author and reason. */
export function buildVersion(
  version: {
    parties: RecordParties;
    content: RecordContent;
    version: number;
    author: string;
    amendmentReason: string | null;
  },
  now: Date,
) {
  const { parties, content, author, amendmentReason } = version;
  return { ...parties, ...content, version: version.version, author, amendmentReason, writtenAt: now };
}
