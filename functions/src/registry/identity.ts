import { canAssignOrgAdmin, canCreateOrganisation } from "../authz/policy";
import { identityCallable } from "./areas";
import { roles } from "./define";

/** Roles and organisations: handlers/identity/, handlers/organisations/. */
export const IDENTITY_CALLABLES = [
  identityCallable({
    name: "applyForRole",
    summary: "Applies to act as a doctor or pharmacist in an organisation; a retry answers the same.",
    who: "a signed-in patient",
    handler: () => import("../handlers/identity/applyForRole").then((m) => m.applyForRole),
  }),
  identityCallable({
    name: "reviewApplication",
    summary: "Approves (profile, membership, claims) or rejects an application; repeating answers the same.",
    who: "an admin of the application's organisation, or a platform admin",
    checkRevoked: true,
    allow: { check: roles("admin"), denied: "only admins review applications" },
    handler: () => import("../handlers/identity/reviewApplication").then((m) => m.reviewApplication),
  }),
  identityCallable({
    name: "createOrganisation",
    summary: "Creates an organisation: a clinic, a village, a partner pharmacy or lab.",
    who: "platform admins",
    checkRevoked: true,
    allow: { check: canCreateOrganisation, denied: "only a platform admin creates organisations" },
    handler: () => import("../handlers/organisations/createOrganisation").then((m) => m.createOrganisation),
  }),
  identityCallable({
    name: "setOrganisationContact",
    summary: "Sets an organisation's postal address and phone, printed on its prescriptions.",
    who: "the organisation's admins and platform admins",
    allow: { check: roles("admin"), denied: "only an organisation's admin sets its contact details" },
    handler: () =>
      import("../handlers/organisations/setOrganisationContact").then((m) => m.setOrganisationContact),
  }),
  identityCallable({
    name: "assignOrgAdmin",
    summary: "Makes an existing patient or admin the admin of an organisation.",
    who: "platform admins",
    checkRevoked: true,
    allow: { check: canAssignOrgAdmin, denied: "only a platform admin assigns organisation admins" },
    handler: () => import("../handlers/organisations/assignOrgAdmin").then((m) => m.assignOrgAdmin),
  }),
] as const;
