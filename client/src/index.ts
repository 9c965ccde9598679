// @arogya/client: the typed contract of the Arogya backend for web and React Native apps on the
// Firebase JS SDK. See docs/app-developers.md.
export { arogyaCallables, type ArogyaCallables, type CallableOptions } from "./callables";
export type { CallableName, RequestOf, ResponseOf, Wire } from "./types";
export { CALLABLE_INFO } from "./generated/callables";
export {
  ArogyaError,
  ERROR_REASONS,
  ERROR_REASON_NAMES,
  isErrorReason,
  isReason,
  toArogyaError,
  type ErrorCode,
  type ErrorDetails,
  type ErrorReason,
  type FieldProblem,
} from "./errors";
export { ERROR_MESSAGES, LANGUAGES, messageFor, type Language } from "./messages";
export {
  CLIENT_COLLECTIONS,
  CLIENT_QUERIES,
  MalformedDocumentError,
  clientQuery,
  consultationEvents,
  converterFor,
  docRef,
  type ClientCollection,
  type ClientDoc,
  type ClientQueryName,
  type DocOf,
  type QuerySpec,
} from "./firestore";
export { EMULATOR_PORTS, connectToEmulators, emulatorHost } from "./emulators";
