/** Whole years between a date of birth (YYYY-MM-DD) and a day. */
export function ageOn(dateOfBirth: string | undefined, on: Date): number | undefined {
  if (!dateOfBirth) return undefined;
  const [y, m, d] = dateOfBirth.split("-").map(Number);
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age -= 1;
  return age >= 0 ? age : undefined;
}

/** "Simran Kaur" → "S. K.": enough for a pharmacist to match the person in front of them. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0].toUpperCase()}.`)
    .join(" ");
}

/**
 * A postal address on one line as India writes it: "12 Mall Road, Model Town, Ludhiana, Punjab
 * 141001" (line1, line2, village, district, then state and PIN code); undefined when there is none.
 */
export function postalAddress(address: Record<string, string> | undefined): string | undefined {
  if (!address) return undefined;
  const state = [address.state, address.pincode].filter((p) => p?.trim()).join(" ");
  const parts = [address.line1, address.line2, address.village, address.district, state]
    .map((p) => p?.trim())
    .filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(", ") : undefined;
}

/**
 * An E.164 number as people read it aloud: an Indian mobile "+91 98123 45678", an Indian landline
 * or any other number with its country code set apart ("+91 1765220111"); undefined when absent.
 */
export function printedPhone(phone: string | undefined): string | undefined {
  const p = phone?.trim();
  if (!p) return undefined;
  const mobile = /^\+91([6-9]\d{4})(\d{5})$/.exec(p);
  if (mobile) return `+91 ${mobile[1]} ${mobile[2]}`;
  const india = /^\+91(\d+)$/.exec(p);
  return india ? `+91 ${india[1]}` : p;
}
