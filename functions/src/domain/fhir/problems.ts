/** One field that could not be mapped to FHIR, and why. */
export interface MappingProblem {
  resource: string;
  field: string;
  problem: string;
}

/** What a mapping could not carry over: reported with the field, never silently dropped. */
export class MappingError extends Error {
  constructor(readonly problems: MappingProblem[]) {
    super(`cannot map to FHIR: ${problems.map((p) => `${p.resource}.${p.field} ${p.problem}`).join("; ")}`);
    this.name = "MappingError";
  }
}

/** Collects a mapping's problems; `throwIfAny` after the mapping reports them all at once. */
export class MappingProblems {
  readonly list: MappingProblem[];
  constructor(
    readonly resource: string,
    shared?: MappingProblems,
  ) {
    this.list = shared?.list ?? [];
  }
  add(field: string, problem: string): void {
    this.list.push({ resource: this.resource, field, problem });
  }
  /** The same list, under another resource's name. */
  for(resource: string): MappingProblems {
    return new MappingProblems(resource, this);
  }
  throwIfAny(): void {
    if (this.list.length) throw new MappingError(this.list);
  }
}
