import { canAssignOrgAdmin, canCreateOrganisation } from "../authz/policy";
import { defineCallable, roles } from "./define";

/** Roles and organisations: handlers/identity/, handlers/organisations/. */
export const IDENTITY_CALLABLES = [
  defineCallable({
    name: "applyForRole",
    summary: "Applies to act as a doctor or pharmacist in an organisation; a retry answers the same.",
    who: "a signed-in patient",
    request: () => import("../schemas/identity").then((m) => m.applyForRoleRequestSchema),
    response: () => import("../schemas/responses/identity").then((m) => m.applyForRoleResponseSchema),
    handler: () => import("../handlers/identity/applyForRole").then((m) => m.applyForRole),
  }),
  defineCallable({
    name: "reviewApplication",
    summary: "Approves (profile, membership, claims) or rejects an application; repeating answers the same.",
    who: "an admin of the application's organisation, or a platform admin",
    request: () => import("../schemas/identity").then((m) => m.reviewApplicationRequestSchema),
    checkRevoked: true,
    allow: { check: roles("admin"), denied: "only admins review applications" },
    response: () => import("../schemas/responses/identity").then((m) => m.reviewApplicationResponseSchema),
    handler: () => import("../handlers/identity/reviewApplication").then((m) => m.reviewApplication),
  }),
  defineCallable({
    name: "createOrganisation",
    summary: "Creates an organisation: a clinic, a village, a partner pharmacy or lab.",
    who: "platform admins",
    request: () => import("../schemas/identity").then((m) => m.createOrganisationRequestSchema),
    checkRevoked: true,
    allow: { check: canCreateOrganisation, denied: "only a platform admin creates organisations" },
    response: () => import("../schemas/responses/identity").then((m) => m.createOrganisationResponseSchema),
    handler: () => import("../handlers/organisations/createOrganisation").then((m) => m.createOrganisation),
  }),
  defineCallable({
    name: "setOrganisationContact",
    summary: "Sets an organisation's postal address and phone, printed on its prescriptions.",
    who: "the organisation's admins and platform admins",
    request: () => import("../schemas/identity").then((m) => m.setOrganisationContactRequestSchema),
    allow: { check: roles("admin"), denied: "only an organisation's admin sets its contact details" },
    response: () =>
      import("../schemas/responses/identity").then((m) => m.setOrganisationContactResponseSchema),
    handler: () =>
      import("../handlers/organisations/setOrganisationContact").then((m) => m.setOrganisationContact),
  }),
  defineCallable({
    name: "assignOrgAdmin",
    summary: "Makes an existing patient or admin the admin of an organisation.",
    who: "platform admins",
    request: () => import("../schemas/identity").then((m) => m.assignOrgAdminRequestSchema),
    checkRevoked: true,
    allow: { check: canAssignOrgAdmin, denied: "only a platform admin assigns organisation admins" },
    response: () => import("../schemas/responses/identity").then((m) => m.assignOrgAdminResponseSchema),
    handler: () => import("../handlers/organisations/assignOrgAdmin").then((m) => m.assignOrgAdmin),
  }),
] as const;
