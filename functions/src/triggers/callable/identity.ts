import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { applyForRole } from "../../handlers/identity/applyForRole";
import { reviewApplication } from "../../handlers/identity/reviewApplication";
import { assignOrgAdmin } from "../../handlers/organisations/assignOrgAdmin";
import { createOrganisation } from "../../handlers/organisations/createOrganisation";

export const applyForRoleFn = onCall({ ...appCheckFor("applyForRole") }, (request) => applyForRole(request));
export const reviewApplicationFn = onCall({ ...appCheckFor("reviewApplication") }, (request) =>
  reviewApplication(request),
);
export const createOrganisationFn = onCall({ ...appCheckFor("createOrganisation") }, (request) =>
  createOrganisation(request),
);
export const assignOrgAdminFn = onCall({ ...appCheckFor("assignOrgAdmin") }, (request) =>
  assignOrgAdmin(request),
);
