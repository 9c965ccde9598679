// Who counts as a pharmacy's pharmacist. The rules trust the token's `pharmacy` claim (with role
// pharmacist), not the pharmacy document's ownerUid, and an admin only with an org claim: each
// collection a pharmacy's staff read (inventory, imports, a suspended pharmacy's stock) is asked
// the same questions with the same actors, built here once around the suite's owner.
import { doc, setDoc, type Firestore } from "firebase/firestore";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  PHARMACY_A,
  PHARMACY_B,
  pharmacy,
  type Actor,
  type Decision,
} from "../support";

/** The actors whose claims almost make them the pharmacy's pharmacist, and one who is. */
export function pharmacyClaimActors(owner: Actor & { uid: string }) {
  return {
    claimsOtherPharmacy: {
      label: "the owner's uid with a claim naming pharmacy B",
      uid: owner.uid,
      claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_B },
    },
    sameOrgOtherPharmacy: {
      label: "a pharmacist of another orgA pharmacy",
      uid: "pharmacist-a2",
      claims: { role: "pharmacist", org: ORG_A, pharmacy: "pharmacy-a2" },
    },
    noPharmacyClaim: {
      label: "a pharmacist without a pharmacy claim",
      uid: "pharmacist-unassigned",
      claims: { role: "pharmacist", org: ORG_A },
    },
    patientWithClaim: {
      label: "the owner's uid with a patient role",
      uid: owner.uid,
      claims: { role: "patient", pharmacy: PHARMACY_A },
    },
    doctorWithClaim: {
      label: "a doctor with a pharmacy claim",
      uid: "doctor-colleague",
      claims: { role: "doctor", org: ORG_A, pharmacy: PHARMACY_A },
    },
    orglessAdmin: { label: "an admin without an org claim", uid: "admin-orgless", claims: { role: "admin" } },
    staffPharmacist: {
      label: "a second pharmacist of pharmacy A (not its ownerUid)",
      uid: "pharmacist-staff",
      claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_A },
    },
  } satisfies Record<string, Actor>;
}

/**
 * The cases: every actor but the staff pharmacist refused. `withUnclaimed` adds the pharmacist
 * without a pharmacy claim and the doctor with one (the inventory suite asks them too).
 */
export function pharmacyClaimCases(
  owner: Actor & { uid: string },
  { withUnclaimed = false } = {},
): Array<[Actor, Decision]> {
  const a = pharmacyClaimActors(owner);
  const unclaimed = (actor: Actor): Array<[Actor, Decision]> => (withUnclaimed ? [[actor, "deny"]] : []);
  return [
    [a.claimsOtherPharmacy, "deny"],
    [a.sameOrgOtherPharmacy, "deny"],
    ...unclaimed(a.noPharmacyClaim),
    [a.patientWithClaim, "deny"],
    ...unclaimed(a.doctorWithClaim),
    [a.orglessAdmin, "deny"],
    [a.staffPharmacist, "allow"],
  ];
}

/** Both pharmacies: A of `ownerUid` in ORG_A (with `status`), B of another pharmacist in ORG_B. */
export async function seedPharmacies(db: Firestore, ownerUid: string, status = "approved"): Promise<void> {
  await setDoc(doc(db, "pharmacies", PHARMACY_A), pharmacy(ownerUid, { status }));
  await setDoc(
    doc(db, "pharmacies", PHARMACY_B),
    pharmacy(ACTORS.pharmacist.uid, { name: "Jan Aushadhi Kendra", org: ORG_B }),
  );
}
