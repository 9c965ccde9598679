// Ids of the demo organisations, shared by the seed and the demo journey.
export const ORG_IDS = {
  ludhiana: "org-ludhiana-clinic",
  sangrur: "org-sangrur-village",
  raikot: "org-raikot-pharmacy",
  chemists: "org-malwa-chemists",
} as const;

/** Demo pharmacies: Raikot imports its stock in the demo; the Malwa chemists are seeded with some. */
export const PHARMACY_IDS = {
  raikot: "demo-pharmacy-raikot",
  mullanpur: "demo-pharmacy-mullanpur",
  jodhan: "demo-pharmacy-jodhan",
  jagraon: "demo-pharmacy-jagraon",
} as const;
