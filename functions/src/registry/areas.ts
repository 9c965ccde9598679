import { callablesWith } from "./define";

/**
 * Where each area's schemas live: the module of its requests and that of its responses. An area's
 * entries (registry/<area>.ts) are declared with its function here, which finds an entry's schemas
 * in these modules by the callable's name (registry/define.ts `callablesWith`).
 */
export const accountCallable = callablesWith({
  requests: () => import("../schemas/records"),
  responses: () => import("../schemas/responses/account"),
});
export const adminCallable = callablesWith({
  requests: () => import("../schemas/admin"),
  responses: () => import("../schemas/responses/admin"),
});
export const bookingCallable = callablesWith({
  requests: () => import("../schemas/scheduling"),
  responses: () => import("../schemas/responses/booking"),
});
export const careCallable = callablesWith({
  requests: () => import("../schemas/care"),
  responses: () => import("../schemas/responses/care"),
});
export const chartCallable = callablesWith({
  requests: () => import("../schemas/chart"),
  responses: () => import("../schemas/responses/chart"),
});
export const clinicalCallable = callablesWith({
  requests: () => import("../schemas/clinical"),
  responses: () => import("../schemas/responses/clinical"),
});
export const prescriptionCallable = callablesWith({
  requests: () => import("../schemas/prescriptions"),
  responses: () => import("../schemas/responses/clinical"),
});
export const consultationCallable = callablesWith({
  requests: () => import("../schemas/consultations"),
  responses: () => import("../schemas/responses/consultations"),
});
export const contactCallable = callablesWith({
  requests: () => import("../schemas/contacts"),
  responses: () => import("../schemas/responses/contacts"),
});
export const healthRecordCallable = callablesWith({
  requests: () => import("../schemas/records"),
  responses: () => import("../schemas/responses/healthRecords"),
});
export const identityCallable = callablesWith({
  requests: () => import("../schemas/identity"),
  responses: () => import("../schemas/responses/identity"),
});
export const inboundCallable = callablesWith({
  requests: () => import("../schemas/inbound"),
  responses: () => import("../schemas/responses/inbound"),
});
export const interopCallable = callablesWith({
  requests: () => import("../schemas/interop"),
  responses: () => import("../schemas/responses/interop"),
});
export const operationsCallable = callablesWith({
  requests: () => import("../schemas/operations"),
  responses: () => import("../schemas/responses/operations"),
});
export const pharmacyCallable = callablesWith({
  requests: () => import("../schemas/pharmacy"),
  responses: () => import("../schemas/responses/pharmacy"),
});
