// Ids of the demo organisations, shared by the seed and the demo journey.
export const ORG_IDS = {
  ludhiana: "org-ludhiana-clinic",
  sangrur: "org-sangrur-village",
  raikot: "org-raikot-pharmacy",
} as const;
