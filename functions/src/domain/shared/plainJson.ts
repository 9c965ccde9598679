/**
 * Firestore values as JSON: timestamps (anything with `toDate()`) and Dates as ISO strings, geo
 * points as {lat, lng}, the rest as it is. Duck-typed, so that pure code can use it.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === "object" && typeof (value as { toDate?: unknown }).toDate === "function") {
    return (value as { toDate: () => Date }).toDate().toISOString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    if ("latitude" in (value as object) && "longitude" in (value as object)) {
      const g = value as { latitude: number; longitude: number };
      return { lat: g.latitude, lng: g.longitude };
    }
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}
