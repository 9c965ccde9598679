import { z } from "zod";
import { timestampSchema } from "./stored";

/** optOuts/{phone}: the number replied STOP; only required messages reach it (repo/optOuts.ts). */
export const optOutDocSchema = z.object({ optedOutAt: timestampSchema, keyword: z.string() });
export type OptOutDoc = z.infer<typeof optOutDocSchema>;
