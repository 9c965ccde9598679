import { wallTimeOf } from "../../domain/scheduling/slots";
import type { AppointmentDoc } from "../../repo/appointments";

/** What the booking callables answer: ids, instants and the doctor's wall time. */
export interface AppointmentView {
  appointmentId: string;
  patientUid: string;
  doctorUid: string;
  org: string;
  start: string;
  end: string;
  timezone: string;
  localDate: string;
  localTime: string;
  mode: AppointmentDoc["mode"];
  status: AppointmentDoc["status"];
}

export function appointmentView(
  id: string,
  a: Pick<AppointmentDoc, "patientUid" | "doctorUid" | "org" | "timezone" | "mode" | "status"> & {
    startMs: number;
    endMs: number;
  },
): AppointmentView {
  return {
    appointmentId: id,
    patientUid: a.patientUid,
    doctorUid: a.doctorUid,
    org: a.org,
    start: new Date(a.startMs).toISOString(),
    end: new Date(a.endMs).toISOString(),
    timezone: a.timezone,
    ...wallTimeOf(a.startMs, a.timezone),
    mode: a.mode,
    status: a.status,
  };
}
