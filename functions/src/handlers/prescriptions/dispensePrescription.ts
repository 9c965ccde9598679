import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { prescriptionSigningKey } from "../../config/prescriptions";
import { allocateFefo } from "../../domain/pharmacy/fefo";
import { fillRefusal } from "../../domain/prescriptions/window";
import { recordAction } from "../../repo/actions";
import { getAppointment } from "../../repo/appointments";
import {
  createDispensation,
  getDispensation,
  updateDispensation,
  type DispensationDoc,
} from "../../repo/dispensations";
import { getInventory, setStockInTransaction, type InventoryDoc } from "../../repo/inventory";
import { getPharmacy } from "../../repo/pharmacies";
import { getPrescription, updatePrescription } from "../../repo/prescriptions";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { Fill } from "../../schemas/documents/dispensations";
import type { DispenseLine, DispensePrescriptionRequest } from "../../schemas/prescriptions";
import { pharmacyToday } from "../../services/pharmacy/managedPharmacy";
import { isGenuine } from "../../services/prescriptions/verification";
import { appError, refusalError } from "../../schemas/errors";

export interface DispenseAnswer {
  prescriptionId: string;
  dispensedAt: string;
  /** Per line: prescribed, given so far (all pharmacies), and the balance still to give. */
  lines: Array<{ line: number; prescribed: number; dispensed: number; balance: number }>;
  complete: boolean;
}

/**
 * A pharmacist dispenses a verified prescription: every line's balance, or the lines and
 * quantities named (partial dispensing; the balance stays, here or at another pharmacy). Each
 * line is drawn from the pharmacy's batches earliest expiry first (domain/pharmacy/fefo.ts), and
 * the private stock, the public in-stock answer, the claim `dispensations/{prescriptionId}` (its
 * totals and fills), the prescription's status, the audit entry and the event commit in one
 * transaction. Concurrent counters conflict on the claim and the prescription: the one that
 * commits second re-reads the totals, so no line is ever given beyond its quantity. A substitute
 * is recorded with its reason and the patient's acknowledgement. A medicine this pharmacy does
 * not keep in its stock (no inventory item) is recorded without drawing stock. Refused, writing
 * nothing: not genuine, void (appointment cancelled), expired, nothing left on a line, more
 * than its balance, or not enough unexpired, unreserved stock.
 */
export async function dispensePrescription({
  actor,
  input,
  now,
  origin,
}: Call<DispensePrescriptionRequest>): Promise<DispenseAnswer> {
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw appError("permission-denied", "role-not-allowed", "only a pharmacist dispenses");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw appError("failed-precondition", "pharmacy-not-approved", "your pharmacy is not approved");
  const secret = prescriptionSigningKey();
  const { prescriptionId } = input;
  const at = Timestamp.fromDate(now);
  const today = pharmacyToday(pharmacy, now);
  const answer = await runTransaction(async (tx) => {
    const [rx, first] = await Promise.all([
      getPrescription(prescriptionId, tx),
      getDispensation(prescriptionId, tx),
    ]);
    if (!rx) throw appError("not-found", "prescription-not-found", "no such prescription");
    if (!(await isGenuine(rx, secret, input.signature, tx)))
      throw appError(
        "failed-precondition",
        "prescription-not-verified",
        "this prescription does not verify; do not dispense it",
      );
    const prescribed = rx.content.lines.map((l) => l.quantity);
    const given = givenSoFar(first, prescribed);
    if (given.every((g, i) => g >= prescribed[i])) {
      const where = first?.pharmacyId === pharmacy.id ? "by your pharmacy" : "by another pharmacy";
      throw appError(
        "failed-precondition",
        "already-dispensed",
        `already dispensed ${where} at ${first!.at.toDate().toISOString()}`,
        { at: first!.at.toDate().toISOString() },
      );
    }
    const appointment = await getAppointment(rx.appointmentId, tx);
    const refusal = fillRefusal(appointment?.status ?? null, Date.parse(rx.content.issuedAt), now.getTime());
    if (refusal) throw refusalError({ code: "failed-precondition", ...refusal });

    const wanted: DispenseLine[] =
      input.lines ??
      prescribed.map((q, line) => ({ line, quantity: q - given[line] })).filter((l) => l.quantity > 0);
    for (const w of wanted) {
      if (w.line >= prescribed.length)
        throw appError(
          "invalid-argument",
          "invalid-request",
          `line ${w.line + 1}: the prescription has ${prescribed.length} lines`,
        );
      const balance = prescribed[w.line] - given[w.line];
      if (w.quantity > balance)
        throw appError(
          "failed-precondition",
          "line-balance-exceeded",
          `line ${w.line + 1}: ${balance} of ${prescribed[w.line]} left to dispense, not ${w.quantity}`,
        );
    }
    // The medicine each line draws: the substitute's, or the prescribed one's.
    const drawn = wanted.map((w) => w.substitute?.medicineId ?? rx.content.lines[w.line].medicineId ?? null);
    const ids = [...new Set(drawn.filter((m): m is string => m !== null))];
    const stock = new Map<string, InventoryDoc>();
    for (const [i, doc] of (await Promise.all(ids.map((m) => getInventory(pharmacy.id, m, tx)))).entries())
      if (doc) stock.set(ids[i], doc);
    for (const w of wanted)
      if (w.substitute && !stock.has(w.substitute.medicineId))
        throw appError(
          "failed-precondition",
          "substitute-not-stocked",
          `line ${w.line + 1}: the substitute ${w.substitute.medicineId} is not in your stock`,
        );

    const fillLines: Fill["lines"] = [];
    const batches = new Map<string, InventoryDoc["batches"]>();
    for (const [i, w] of wanted.entries()) {
      const medicineId = drawn[i];
      const item = medicineId ? stock.get(medicineId) : undefined;
      let draws: Fill["lines"][number]["draws"] = [];
      if (item) {
        const current = batches.get(item.medicineId) ?? item.batches;
        const allocation = allocateFefo(current, w.quantity, today, item.held ?? 0);
        if (!allocation.ok)
          throw appError(
            "failed-precondition",
            "not-enough-stock",
            `line ${w.line + 1}: only ${allocation.available} of ${item.medicineId} in stock (unexpired, not reserved), not ${w.quantity}`,
          );
        batches.set(item.medicineId, allocation.batches);
        draws = allocation.draws;
      }
      fillLines.push({
        line: w.line,
        quantity: w.quantity,
        medicineId,
        draws,
        ...(w.substitute ? { substitution: w.substitute } : {}),
      });
    }

    for (const [medicineId, after] of batches)
      setStockInTransaction(
        tx,
        pharmacy,
        stock.get(medicineId)!,
        { batches: after, held: stock.get(medicineId)!.held ?? 0 },
        today,
        now,
      );
    const totals = [...given];
    for (const f of fillLines) totals[f.line] += f.quantity;
    const complete = totals.every((t, i) => t >= prescribed[i]);
    const fill: Fill = { pharmacyId: pharmacy.id, pharmacistUid: actor.uid, at, lines: fillLines };
    if (first) {
      updateDispensation(tx, prescriptionId, {
        quantities: totals,
        fills: [...(first.fills ?? []), fill],
        complete,
      });
    } else {
      createDispensation(tx, {
        prescriptionId,
        pharmacyId: pharmacy.id,
        pharmacistUid: actor.uid,
        at,
        quantities: totals,
        fills: [fill],
        complete,
      });
    }
    updatePrescription(tx, prescriptionId, {
      status: complete ? "dispensed" : "partially_dispensed",
      dispensedQuantities: totals,
      dispensedAt: at,
      dispensedBy: pharmacy.id,
      updatedAt: FieldValue.serverTimestamp(),
    });
    const fillNumber = (first?.fills?.length ?? 0) + 1;
    recordAction(
      tx,
      {
        action: "prescription.dispensed",
        actor,
        org: pharmacy.org,
        target: { type: "prescription", id: prescriptionId },
        origin,
        event: {
          type: "prescription.dispensed",
          ids: {
            prescriptionId,
            pharmacyId: pharmacy.id,
            pharmacistUid: actor.uid,
            patientUid: rx.patientUid,
            doctorUid: rx.doctorUid,
          },
          key: fillNumber === 1 ? prescriptionId : `${prescriptionId}:${fillNumber}`,
        },
      },
      now,
    );
    return {
      prescriptionId,
      dispensedAt: now.toISOString(),
      lines: prescribed.map((p, line) => ({
        line,
        prescribed: p,
        dispensed: totals[line],
        balance: p - totals[line],
      })),
      complete,
    };
  });
  logger.info("prescription.dispensed", {
    prescriptionId,
    pharmacyId: pharmacy.id,
    complete: answer.complete,
  });
  return answer;
}

/** Units given per line: the totals, or all of it for a claim recorded before partial dispensing. */
function givenSoFar(claim: DispensationDoc | null, prescribed: number[]): number[] {
  if (!claim) return prescribed.map(() => 0);
  return claim.quantities ?? prescribed;
}
