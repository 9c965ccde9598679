import type { Transaction } from "firebase-admin/firestore";
import { organisationDocSchema, type OrganisationDoc } from "../schemas/documents/organisations";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { OrganisationDoc };

const organisations = documents(COLLECTIONS.organisations, organisationDocSchema);

export const organisationRef = organisations.ref;
/** A fresh organisation id (the document is created by `createOrganisation`). */
export const newOrganisationId = organisations.newId;
export const getOrganisation = organisations.get;
export const createOrganisation = organisations.create;
export const updateOrganisation = organisations.update;

/** The organisation's name (for prescriptions and messages); null when it has none or does not exist. */
export async function getOrganisationName(id: string, tx?: Transaction): Promise<string | null> {
  const name = (await getOrganisation(id, tx))?.name;
  return typeof name === "string" ? name : null;
}
