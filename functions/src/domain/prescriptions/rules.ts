import {
  TIMES_PER_DAY,
  type DoseUnit,
  type Form,
  type MedicationLine,
  type Route,
} from "../../schemas/prescriptions";

/** A clinical consistency problem on one line (1-based), e.g. `{ line: 2, field: "quantity", … }`. */
export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

/** Dose units a form is measured in. Tablets and capsules are dosed in whole or split units
 *  (mg doses need the strength and belong in `strength`); injections may be dosed by volume,
 *  mass or insulin units. */
export const DOSE_UNITS_FOR_FORM: Record<Form, readonly DoseUnit[]> = {
  tablet: ["tablet"],
  capsule: ["capsule"],
  sachet: ["sachet"],
  syrup: ["ml"],
  suspension: ["ml"],
  drops: ["drop", "ml"],
  inhaler: ["puff"],
  ointment: ["application"],
  cream: ["application"],
  injection: ["ml", "mg", "g", "unit"],
};

/** Routes a form can be given by (eye ointments are ophthalmic, mupirocin is nasal). */
export const ROUTES_FOR_FORM: Record<Form, readonly Route[]> = {
  tablet: ["oral", "sublingual"],
  capsule: ["oral"],
  sachet: ["oral"],
  syrup: ["oral"],
  suspension: ["oral"],
  drops: ["ophthalmic", "otic", "nasal", "oral"],
  inhaler: ["inhaled"],
  ointment: ["topical", "ophthalmic", "nasal", "rectal"],
  cream: ["topical", "rectal"],
  injection: ["iv", "im", "sc"],
};

/**
 * Sanity bounds that catch slips (a misplaced decimal, mg typed as g), not a dosing reference:
 * - tablet, capsule: 4 a dose, 16 a day (4 × QID);
 * - sachet: 2 a dose, 8 a day (ORS is given often);
 * - ml: 30 a dose (lactulose), 120 a day;
 * - drop: 10 a dose, 60 a day (10 × Q4H);
 * - puff: 4 a dose, 16 a day (salbutamol 2 puffs Q4H is 12);
 * - application: 2 a dose, 6 a day (Q4H);
 * - mg: 2000 a dose (larger doses are written in g), 12 000 a day;
 * - g: 4.5 a dose (piperacillin-tazobactam), 18 a day (4.5 g Q6H);
 * - unit (insulin U-100): 100 a dose, 300 a day.
 * "A day" counts STAT and WEEKLY as one dose on the day given and SOS as `maxPerDay` doses.
 */
export const DOSE_LIMITS: Record<DoseUnit, { perDose: number; perDay: number }> = {
  tablet: { perDose: 4, perDay: 16 },
  capsule: { perDose: 4, perDay: 16 },
  sachet: { perDose: 2, perDay: 8 },
  ml: { perDose: 30, perDay: 120 },
  drop: { perDose: 10, perDay: 60 },
  puff: { perDose: 4, perDay: 16 },
  application: { perDose: 2, perDay: 6 },
  mg: { perDose: 2000, perDay: 12000 },
  g: { perDose: 4.5, perDay: 18 },
  unit: { perDose: 100, perDay: 300 },
};

/** Tablets, capsules and sachets come in strips of 10; the count may round up to whole strips. */
export const STRIP_SIZE = 10;
/** A liquid may be dispensed with up to one 100 ml bottle more than the course needs. */
export const BOTTLE_ML = 100;
/** Other forms are dispensed in whole packs (tubes, bottles, inhalers, vials), 1 to 10. */
export const MAX_PACKS = 10;

const COUNTABLE: Partial<Record<Form, DoseUnit>> = { tablet: "tablet", capsule: "capsule", sachet: "sachet" };
const LIQUIDS: readonly Form[] = ["syrup", "suspension", "drops"];
const PACK_WORD: Record<Form, string> = {
  tablet: "packs",
  capsule: "packs",
  sachet: "packs",
  syrup: "bottles",
  suspension: "bottles",
  drops: "bottles",
  inhaler: "inhalers",
  ointment: "tubes",
  cream: "tubes",
  injection: "vials or ampoules",
};
const PLURAL: Record<DoseUnit, string> = {
  tablet: "tablets",
  capsule: "capsules",
  ml: "ml",
  mg: "mg",
  g: "g",
  drop: "drops",
  puff: "puffs",
  sachet: "sachets",
  application: "applications",
  unit: "units",
};

/** Rounds away floating-point noise (0.1 × 3 = 0.30000000000000004) before it is shown or ceiled. */
const clean = (n: number) => Math.round(n * 1e6) / 1e6;
const units = (n: number, unit: DoseUnit) => `${clean(n)} ${clean(n) === 1 ? unit : PLURAL[unit]}`;
const either = (list: readonly string[]) =>
  list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
const normalise = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** Doses a day on a day the medicine is taken; undefined for SOS without maxPerDay. */
function dosesPerDay(line: MedicationLine): number | undefined {
  if (line.frequency === "SOS") return line.maxPerDay;
  if (line.frequency === "STAT" || line.frequency === "WEEKLY") return 1;
  return TIMES_PER_DAY[line.frequency];
}

/** Doses over the whole course: STAT once, WEEKLY once per started week, SOS at most maxPerDay a day. */
function dosesInCourse(line: MedicationLine): number | undefined {
  if (line.frequency === "STAT") return 1;
  if (line.frequency === "WEEKLY") return Math.ceil(line.durationDays / 7);
  const perDay = dosesPerDay(line);
  return perDay === undefined ? undefined : perDay * line.durationDays;
}

/** "1 tablet BD for 5 days", "2 tablets SOS up to 3 times a day for 2 days", "2 ml STAT". */
export function describeRegimen(line: MedicationLine): string {
  const dose = `${units(line.dose.amount, line.dose.unit)} ${line.frequency}`;
  if (line.frequency === "STAT") return dose;
  const sos =
    line.frequency === "SOS" && line.maxPerDay !== undefined ? ` up to ${line.maxPerDay} times a day` : "";
  return `${dose}${sos} for ${line.durationDays} ${line.durationDays === 1 ? "day" : "days"}`;
}

function checkDoseBounds(line: MedicationLine): string | undefined {
  const { amount, unit } = line.dose;
  const limit = DOSE_LIMITS[unit];
  if (amount > limit.perDose)
    return `dose ${units(amount, unit)} is more than the ${units(limit.perDose, unit)} allowed in one dose`;
  const perDay = dosesPerDay(line);
  if (perDay !== undefined && clean(amount * perDay) > limit.perDay) {
    const regimen = line.frequency === "SOS" ? `SOS up to ${perDay} times a day` : line.frequency;
    return `${units(amount, unit)} ${regimen} is ${units(amount * perDay, unit)} a day, more than the ${units(limit.perDay, unit)} allowed in a day`;
  }
  return undefined;
}

function checkQuantity(line: MedicationLine): string | undefined {
  const { form, quantity } = line;
  const countUnit = COUNTABLE[form];
  const measured = countUnit === line.dose.unit || (LIQUIDS.includes(form) && line.dose.unit === "ml");
  if (!measured) {
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_PACKS) return undefined;
    return `quantity ${quantity} must be a whole number of ${PACK_WORD[form]} from 1 to ${MAX_PACKS}`;
  }
  const doses = dosesInCourse(line);
  if (doses === undefined) return undefined; // SOS without maxPerDay: the schema reports it
  const needed = Math.ceil(clean(line.dose.amount * doses));
  const unit = countUnit ?? "ml";
  const neededText = `${units(needed, unit)} needed for ${describeRegimen(line)}`;
  if (countUnit && !Number.isInteger(quantity))
    return `quantity ${quantity} must be a whole number of ${PLURAL[unit]}`;
  if (quantity < needed) return `quantity ${quantity} is less than the ${neededText}`;
  if (countUnit) {
    const most = Math.ceil(needed / STRIP_SIZE) * STRIP_SIZE;
    if (quantity > most)
      return `quantity ${quantity} is more than ${units(most, unit)}: ${neededText}, rounded up to whole strips of ${STRIP_SIZE}`;
  } else if (quantity > needed + BOTTLE_ML) {
    return `quantity ${quantity} is more than ${units(needed + BOTTLE_ML, unit)}: ${neededText}, plus at most one ${BOTTLE_ML} ml bottle`;
  }
  return undefined;
}

/**
 * Clinical consistency of lines that passed `medicationLineSchema`: dose unit fits the form,
 * route fits the form, dose within sane bounds, quantity matches dose × frequency × duration,
 * no medicine twice (the later line is reported). Empty when all is well.
 */
export function checkPrescriptionLines(lines: readonly MedicationLine[]): LineProblem[] {
  const problems: LineProblem[] = [];
  lines.forEach((line, index) => {
    const add = (field: string, message: string | undefined) => {
      if (message) problems.push({ line: index + 1, field, message });
    };
    const allowedUnits = DOSE_UNITS_FOR_FORM[line.form];
    const unitFits = allowedUnits.includes(line.dose.unit);
    if (!unitFits)
      add(
        "dose.unit",
        `dose unit ${line.dose.unit} does not fit form ${line.form} (use ${either(allowedUnits)})`,
      );
    const allowedRoutes = ROUTES_FOR_FORM[line.form];
    if (!allowedRoutes.includes(line.route))
      add("route", `route ${line.route} does not fit form ${line.form} (use ${either(allowedRoutes)})`);
    if (unitFits) {
      add("dose.amount", checkDoseBounds(line));
      add("quantity", checkQuantity(line));
    }
    const earlier = lines.slice(0, index);
    const sameId =
      line.medicineId === undefined ? -1 : earlier.findIndex((e) => e.medicineId === line.medicineId);
    if (sameId >= 0) {
      add("medicineId", `repeats line ${sameId + 1}: the same medicineId ${line.medicineId}`);
    } else {
      const key = (l: MedicationLine) =>
        `${normalise(l.name)}|${normalise(l.strength).replace(/ /g, "")}|${l.form}`;
      const sameName = earlier.findIndex((e) => key(e) === key(line));
      if (sameName >= 0) add("name", `repeats line ${sameName + 1}: the same name, strength and form`);
    }
  });
  return problems;
}

/** "line 2 quantity: …; line 3 dose.unit: …", for an invalid-argument message. */
export function describeProblems(problems: readonly LineProblem[]): string {
  return problems.map((p) => `line ${p.line} ${p.field}: ${p.message}`).join("; ");
}
