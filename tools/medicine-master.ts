// A small medicine master for the emulators: common generics on India's essential medicines
// list, with familiar brand names. Seeded by tools/seed.ts through the same builder as the
// upsertMedicine callable.
import type { MedicineInput } from "../functions/src/schemas/pharmacy";

const m = (
  generic: string,
  strength: string,
  form: MedicineInput["form"],
  packSize: number,
  brands: string[] = [],
  prescriptionOnly = true,
): MedicineInput => ({
  generic,
  strength,
  form,
  packSize,
  brands,
  prescriptionOnly,
});

export const MEDICINE_MASTER: MedicineInput[] = [
  m("Paracetamol", "500 mg", "tablet", 10, ["Crocin", "Calpol", "Dolo"], false),
  m("Paracetamol", "650 mg", "tablet", 15, ["Dolo 650", "Calpol 650"], false),
  m("Paracetamol", "250 mg/5 ml", "syrup", 60, ["Calpol Syrup"], false),
  m("Ibuprofen", "400 mg", "tablet", 15, ["Brufen", "Ibugesic"], false),
  m("Amoxicillin", "500 mg", "capsule", 10, ["Mox", "Novamox"]),
  m("Amoxicillin and Clavulanic Acid", "625 mg", "tablet", 10, ["Augmentin", "Clavam"]),
  m("Azithromycin", "500 mg", "tablet", 3, ["Azithral", "Azee"]),
  m("Ciprofloxacin", "500 mg", "tablet", 10, ["Ciplox", "Cifran"]),
  m("Metronidazole", "400 mg", "tablet", 15, ["Flagyl", "Metrogyl"]),
  m("Cetirizine", "10 mg", "tablet", 10, ["Cetzine", "Alerid"], false),
  m("Levocetirizine", "5 mg", "tablet", 10, ["Levocet", "Xyzal"], false),
  m("Pantoprazole", "40 mg", "tablet", 15, ["Pan", "Pantocid"]),
  m("Omeprazole", "20 mg", "capsule", 15, ["Omez"]),
  m("Ranitidine", "150 mg", "tablet", 10, ["Aciloc", "Zinetac"]),
  m("Metformin", "500 mg", "tablet", 20, ["Glycomet", "Glyciphage"]),
  m("Glimepiride", "1 mg", "tablet", 10, ["Amaryl", "Glimisave"]),
  m("Amlodipine", "5 mg", "tablet", 15, ["Amlong", "Stamlo"]),
  m("Telmisartan", "40 mg", "tablet", 15, ["Telma", "Telsar"]),
  m("Atorvastatin", "10 mg", "tablet", 15, ["Atorva", "Lipitor"]),
  m("Aspirin", "75 mg", "tablet", 14, ["Ecosprin"]),
  m("Salbutamol", "100 mcg/dose", "inhaler", 200, ["Asthalin"]),
  m("Oral Rehydration Salts", "20.5 g", "sachet", 1, ["Electral"], false),
  m("Zinc Sulphate", "20 mg", "tablet", 10, ["Zinconia"], false),
  m("Ferrous Sulphate and Folic Acid", "100 mg + 0.5 mg", "tablet", 10, ["Livogen"], false),
  m("Calcium Carbonate and Vitamin D3", "500 mg + 250 IU", "tablet", 15, ["Shelcal"], false),
  m("Albendazole", "400 mg", "tablet", 1, ["Zentel"]),
  m("Ondansetron", "4 mg", "tablet", 10, ["Emeset", "Ondem"]),
  m("Domperidone", "10 mg", "tablet", 10, ["Domstal"]),
  m("Diclofenac", "1%", "ointment", 30, ["Volini", "Voveran Gel"], false),
  m("Clotrimazole", "1%", "cream", 15, ["Candid"], false),
  m("Ciprofloxacin", "0.3%", "drops", 5, ["Ciplox Eye Drops"]),
  m("Insulin Regular", "40 IU/ml", "injection", 10, ["Actrapid", "Huminsulin R"]),
];
