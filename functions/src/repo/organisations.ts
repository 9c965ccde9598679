import type { Transaction, UpdateData } from "firebase-admin/firestore";
import { organisationDocSchema, type OrganisationDoc } from "../schemas/documents/organisations";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { OrganisationDoc };

const organisations = () =>
  db().collection(COLLECTIONS.organisations).withConverter(converterFor(organisationDocSchema));

export const organisationRef = (id: string) => organisations().doc(id);

/** A fresh organisation id (the document is created by `createOrganisation`). */
export const newOrganisationId = (): string => organisations().doc().id;

export function getOrganisation(id: string, tx?: Transaction): Promise<OrganisationDoc | null> {
  return readDoc(organisationRef(id), tx);
}

export function createOrganisation(tx: Transaction, id: string, organisation: OrganisationDoc): void {
  tx.create(organisationRef(id), organisation);
}

export function updateOrganisation(tx: Transaction, id: string, patch: UpdateData<OrganisationDoc>): void {
  tx.update(organisationRef(id), patch);
}

/** The organisation's name (for prescriptions and messages); null when it has none or does not exist. */
export async function getOrganisationName(id: string, tx?: Transaction): Promise<string | null> {
  const name = (await getOrganisation(id, tx))?.name;
  return typeof name === "string" ? name : null;
}
