import { onCall } from "firebase-functions/v2/https";
import { applyForRole } from "../../handlers/identity/applyForRole";
import { reviewApplication } from "../../handlers/identity/reviewApplication";
import { assignOrgAdmin } from "../../handlers/organisations/assignOrgAdmin";
import { createOrganisation } from "../../handlers/organisations/createOrganisation";

export const applyForRoleFn = onCall({}, (request) => applyForRole(request));
export const reviewApplicationFn = onCall({}, (request) => reviewApplication(request));
export const createOrganisationFn = onCall({}, (request) => createOrganisation(request));
export const assignOrgAdminFn = onCall({}, (request) => assignOrgAdmin(request));
