import type { CareAppointment } from "../../authz/chart";
import { findAppointmentsBetween } from "../../repo/appointments";
import type { Transaction } from "../../repo/transaction";

/**
 * This doctor's appointments with this patient, as authz/chart.ts decides with them (one query,
 * both fields equal: no composite index needed).
 */
export async function careAppointments(
  doctorUid: string,
  patientUid: string,
  tx?: Transaction,
): Promise<CareAppointment[]> {
  const found = await findAppointmentsBetween(doctorUid, patientUid, tx);
  return found.map((a) => ({
    id: a.id,
    patientUid: a.patientUid,
    doctorUid: a.doctorUid,
    status: a.status,
    createdAt: a.createdAt.toDate(),
    end: a.end.toDate(),
  }));
}
