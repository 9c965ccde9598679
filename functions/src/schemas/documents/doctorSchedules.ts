import { z } from "zod";
import { bookedIntervalsSchema } from "./bookedTime";

/** doctorSchedules/{doctor}/days/{UTC date}: the doctor's appointments booked to start that day. */
export const doctorDayDocSchema = z.object({ booked: bookedIntervalsSchema });
export type DoctorDayDoc = z.infer<typeof doctorDayDocSchema>;
