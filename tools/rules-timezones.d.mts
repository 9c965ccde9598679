// Types for tools/rules-timezones.mjs, for its test.

/** Whether this Node's ICU accepts the zone and it has the shape the functions accept. */
export function accepted(zone: string): boolean;
/** The zone names the rules should accept, sorted. */
export function zoneNames(tzdataZi?: string): string[];
/** The generated rules block for these zones. */
export function rulesBlock(zones: string[]): string;
/** The regular expression between the generated markers of a rules source. */
export function timezonePattern(source: string): string;
/** The zones between the generated markers of a rules source. */
export function zonesInRules(source: string): string[];
