import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  MESSAGE_KINDS,
  renderMessage,
  templateVariables,
  withoutTitle,
  type Language,
  type MessageKind,
  type TemplateVars,
} from "./templates";

const LANGS: Language[] = ["en", "hi", "pa"];
const KOLKATA = { timezone: "Asia/Kolkata" };
const LONDON = { timezone: "Europe/London" };

/** 2026-11-23T03:30Z is Monday 9:00 in Kolkata, 3:30 in London (GMT in November). */
const start = new Date("2026-11-23T03:30:00Z");
const previousStart = new Date("2026-11-22T11:30:00Z"); // Sunday 5:00 pm in Kolkata

const SAMPLES: { [K in MessageKind]: TemplateVars[K] } = {
  "appointment.booked": { doctorName: "Harpreet Sandhu", start, mode: "video", clinicName: "PHC Nabha" },
  "appointment.rescheduled": { doctorName: "Harpreet Sandhu", start, previousStart, mode: "in_person" },
  "appointment.cancelled": { doctorName: "Harpreet Sandhu", start, cancelledBy: "clinic" },
  "appointment.reminder": {
    doctorName: "Harpreet Sandhu",
    start,
    mode: "video",
    joinHint: "Open the Arogya app to join",
  },
  "prescription.ready": { doctorName: "Harpreet Sandhu", link: "https://arogya.example/p/Xy7Q" },
  "phone.verification": { code: "482913", minutes: "10" },
  "clinician.booked": { patientName: "Asha K.", start, mode: "video" },
  "clinician.cancelled": { patientName: "Asha K.", start },
  "clinician.rescheduled": { patientName: "Asha K.", start, previousStart },
  "clinician.reminder": { patientName: "Asha K.", start, mode: "in_person" },
  "clinician.agenda": {
    day: "Mon, 23 Nov",
    summary: "3 consultations: 9:00 video, 10:30 clinic, 14:00 video",
  },
  "consultation.doctorLate": { doctorName: "Harpreet Sandhu" },
  "care.consent": { code: "482913", minutes: "10", clinicName: "Sehat Clinic" },
  "appointment.proposed": { doctorName: "Harpreet Sandhu", start, previousStart, deadline: previousStart },
  "schedule.proposalAccepted": {
    doctorName: "Harpreet Sandhu",
    patientName: "Asha K.",
    start,
    previousStart,
  },
  "schedule.proposalDeclined": { doctorName: "Harpreet Sandhu", patientName: "Asha K.", previousStart },
  "schedule.proposalExpired": { doctorName: "Harpreet Sandhu", patientName: "Asha K.", previousStart },
  "schedule.appointmentsChanged": { doctorName: "Harpreet Sandhu", cancelledCount: "3", proposedCount: "2" },
  "reservation.confirmed": { pharmacyName: "Sandhu Medical Hall", pickupBy: start },
  "reservation.declined": { pharmacyName: "Sandhu Medical Hall" },
  "reservation.lapsed": { pharmacyName: "Sandhu Medical Hall", pickupBy: start },
};

/** The variables the product spec lists for each kind: templates use exactly these. */
const LISTED: Record<MessageKind, string[]> = {
  "appointment.booked": ["doctorName", "start", "mode", "clinicName"],
  "appointment.rescheduled": ["doctorName", "start", "previousStart", "mode"],
  "appointment.cancelled": ["doctorName", "start", "cancelledBy"],
  "appointment.reminder": ["doctorName", "start", "mode", "joinHint"],
  "prescription.ready": ["doctorName", "link"],
  "phone.verification": ["code", "minutes"],
  "clinician.booked": ["patientName", "start", "mode"],
  "clinician.cancelled": ["patientName", "start"],
  "clinician.rescheduled": ["patientName", "start", "previousStart"],
  "clinician.reminder": ["patientName", "start", "mode"],
  "clinician.agenda": ["day", "summary"],
  "consultation.doctorLate": ["doctorName"],
  "care.consent": ["code", "minutes", "clinicName"],
  "appointment.proposed": ["doctorName", "start", "previousStart", "deadline"],
  "schedule.proposalAccepted": ["doctorName", "patientName", "start", "previousStart"],
  "schedule.proposalDeclined": ["doctorName", "patientName", "previousStart"],
  "schedule.proposalExpired": ["doctorName", "patientName", "previousStart"],
  "schedule.appointmentsChanged": ["doctorName", "cancelledCount", "proposedCount"],
  "reservation.confirmed": ["pharmacyName", "pickupBy"],
  "reservation.declined": ["pharmacyName"],
  "reservation.lapsed": ["pharmacyName", "pickupBy"],
};

/** Written out by hand from what Node 20's ICU prints (not computed by the code under test). */
const NINE_AM_KOLKATA: Record<Language, string> = {
  en: "Mon, 23 Nov, 9:00 am",
  hi: "सोम, 23 नवंबर को सुबह 9:00 बजे",
  pa: "ਸੋਮ, 23 ਨਵੰਬਰ ਸਵੇਰੇ 9:00 ਵਜੇ",
};
const FIVE_PM_KOLKATA: Record<Language, string> = {
  en: "Sun, 22 Nov, 5:00 pm",
  hi: "रवि, 22 नवंबर को शाम 5:00 बजे",
  pa: "ਐਤ, 22 ਨਵੰਬਰ ਸ਼ਾਮੀਂ 5:00 ਵਜੇ",
};
const THREE_THIRTY_LONDON: Record<Language, string> = {
  en: "Mon, 23 Nov, 3:30 am",
  hi: "सोम, 23 नवंबर को रात 3:30 बजे",
  pa: "ਸੋਮ, 23 ਨਵੰਬਰ ਰਾਤੀਂ 3:30 ਵਜੇ",
};

const DEVANAGARI = /[\u0900-\u097F]/;
const GURMUKHI = /[\u0A00-\u0A7F]/;
/** Devanagari letters; the danda "।" (U+0964/5) is shared: Punjabi uses it too. */
const DEVANAGARI_LETTERS = /[\u0900-\u0963\u0966-\u097F]/;
const DATED: MessageKind[] = [
  "appointment.booked",
  "appointment.rescheduled",
  "appointment.cancelled",
  "appointment.reminder",
  "clinician.booked",
  "clinician.rescheduled",
  "clinician.cancelled",
  "clinician.reminder",
];
/** Messages to the doctor: about a patient named by first name and initial, or about their day. */
const TO_CLINICIAN: MessageKind[] = [
  "clinician.booked",
  "clinician.cancelled",
  "clinician.rescheduled",
  "clinician.reminder",
  "clinician.agenda",
];

function render(
  kind: MessageKind,
  language: Language,
  vars: unknown = SAMPLES[kind],
  options = KOLKATA,
): string {
  return renderMessage(kind, language, vars as never, options);
}

const cases = MESSAGE_KINDS.flatMap((kind) =>
  LANGS.map((language): [MessageKind, Language] => [kind, language]),
);

describe("every kind in every language", () => {
  it.each(cases)("%s / %s renders completely", (kind, language) => {
    const text = render(kind, language);
    expect(text).not.toMatch(/[{}]/);
    // The code is the one message about no doctor.
    if (kind === "phone.verification") expect(text).toContain("482913");
    else if (kind === "care.consent") {
      expect(text).toContain("482913");
      expect(text).toContain("Sehat Clinic");
    } else if (kind === "clinician.agenda") expect(text).toContain("3 consultations: 9:00 video");
    else if (kind.startsWith("reservation.")) {
      // The pharmacy and, but for a decline, the pickup time: no medicine, no doctor.
      expect(text).toContain("Sandhu Medical Hall");
      if (kind !== "reservation.declined") expect(text).toContain(NINE_AM_KOLKATA[language]);
    } else if (TO_CLINICIAN.includes(kind)) expect(text).toContain("Asha K.");
    else expect(text).toContain("Harpreet Sandhu");
    expect(text).not.toContain("undefined");
    expect(text).not.toContain("null");
    if (DATED.includes(kind)) expect(text).toContain(NINE_AM_KOLKATA[language]);
    if (kind === "appointment.rescheduled" || kind === "clinician.rescheduled")
      expect(text).toContain(FIVE_PM_KOLKATA[language]);
    if (kind === "appointment.proposed" || kind === "schedule.proposalAccepted")
      expect(text).toContain(NINE_AM_KOLKATA[language]);
    if (kind.startsWith("schedule.proposal") || kind === "appointment.proposed")
      expect(text).toContain(FIVE_PM_KOLKATA[language]);
    if (kind.startsWith("schedule.proposal")) expect(text).toContain("Asha K.");
    if (kind === "schedule.appointmentsChanged") expect(text).toMatch(/3.*2/);
    if (kind === "prescription.ready") expect(text).toContain("https://arogya.example/p/Xy7Q");
    if (kind === "appointment.booked") expect(text).toContain("PHC Nabha");
    if (kind === "appointment.reminder") expect(text).toContain("Open the Arogya app to join");
    if (language === "hi") {
      expect(text).toMatch(DEVANAGARI);
      expect(text).not.toMatch(GURMUKHI);
    }
    if (language === "pa") {
      expect(text).toMatch(GURMUKHI);
      expect(text).not.toMatch(DEVANAGARI_LETTERS);
    }
    if (language === "en") expect(text).not.toMatch(/[\u0900-\u0A7F]/);
  });

  it("English fits one SMS segment in the GSM-7 alphabet", () => {
    for (const kind of MESSAGE_KINDS) {
      const text = render(kind, "en");
      expect(text, kind).toMatch(/^[A-Za-z0-9 @$!"#%&'()*+,\-./:;<=>?_]*$/);
      expect(text.length, kind).toBeLessThanOrEqual(160);
    }
  });
});

/** The replies the inbound SMS handler understands (domain/inbound/conversation.ts `decide`). */
const REPLY_HINTS: Record<Language, string> = {
  en: "Reply 1 confirm, 2 cancel, 3 another time.",
  hi: "जवाब दें: 1 पुष्टि, 2 रद्द, 3 दूसरा समय।",
  pa: "ਜਵਾਬ ਦਿਓ: 1 ਪੁਸ਼ਟੀ, 2 ਰੱਦ, 3 ਹੋਰ ਸਮਾਂ।",
};

describe("reply hints", () => {
  it.each(LANGS)(
    "the confirmation and the reminder end with the replies in %s; no other kind offers them",
    (language) => {
      for (const kind of MESSAGE_KINDS) {
        const text = render(kind, language);
        if (kind === "appointment.booked" || kind === "appointment.reminder")
          expect(text.endsWith(REPLY_HINTS[language]), kind).toBe(true);
        else expect(text, kind).not.toContain(REPLY_HINTS[language]);
      }
    },
  );
});

describe("placeholders", () => {
  it.each(MESSAGE_KINDS)(
    "%s uses the same placeholders in every language, exactly the listed ones",
    (kind) => {
      const sets = LANGS.map((language) => [...templateVariables(kind, language)].sort());
      for (const set of sets) expect(set).toEqual([...LISTED[kind]].sort());
    },
  );

  it("templateVariables lists each name once, in order of appearance", () => {
    expect(templateVariables("appointment.reminder", "en")).toEqual([
      "mode",
      "doctorName",
      "start",
      "joinHint",
    ]);
    expect(templateVariables("prescription.ready", "pa")).toEqual(["doctorName", "link"]);
  });
});

describe("missing and bad variables", () => {
  it.each(cases)("%s / %s throws for each missing variable", (kind, language) => {
    for (const name of LISTED[kind]) {
      const vars: Record<string, unknown> = { ...SAMPLES[kind] };
      delete vars[name];
      expect(() => render(kind, language, vars)).toThrow(
        new Error(`template ${kind}/${language}: missing variable ${name}`),
      );
      expect(() => render(kind, language, { ...vars, [name]: undefined })).toThrow(
        `missing variable ${name}`,
      );
    }
  });

  it("a blank text variable is missing, not rendered as a gap", () => {
    expect(() =>
      render("appointment.booked", "hi", { ...SAMPLES["appointment.booked"], doctorName: "   " }),
    ).toThrow(new Error("template appointment.booked/hi: missing variable doctorName"));
    expect(() => render("prescription.ready", "en", { ...SAMPLES["prescription.ready"], link: "" })).toThrow(
      "missing variable link",
    );
  });

  it("rejects values of the wrong shape", () => {
    const booked = SAMPLES["appointment.booked"];
    expect(() => render("appointment.booked", "en", { ...booked, mode: "phone" })).toThrow(
      /unknown mode "phone"/,
    );
    expect(() =>
      render("appointment.cancelled", "pa", { ...SAMPLES["appointment.cancelled"], cancelledBy: "doctor" }),
    ).toThrow(/unknown cancelledBy/);
    expect(() => render("appointment.booked", "en", { ...booked, start: "2026-11-23T03:30:00Z" })).toThrow(
      /start must be a valid Date/,
    );
    expect(() => render("appointment.booked", "en", { ...booked, start: new Date("nope") })).toThrow(
      /start must be a valid Date/,
    );
    expect(() => render("appointment.booked", "en", { ...booked, doctorName: 42 })).toThrow(
      /doctorName must be text/,
    );
  });

  it("missing variables are a compile error too", () => {
    expect(() =>
      // @ts-expect-error clinicName is required for appointment.booked
      renderMessage("appointment.booked", "en", { doctorName: "A", start, mode: "video" }, KOLKATA),
    ).toThrow("missing variable clinicName");
  });
});

describe("unknown kind, language or timezone", () => {
  it("throws for an unknown language or kind", () => {
    for (const language of ["de", "pa-IN", "", "toString"]) {
      expect(() => render("appointment.booked", language as Language)).toThrow(
        `unknown language "${language}"`,
      );
      expect(() => templateVariables("appointment.booked", language as Language)).toThrow("unknown language");
    }
    for (const kind of ["appointment.noshow", "constructor", "__proto__"]) {
      expect(() => render(kind as MessageKind, "en", {})).toThrow(`unknown message kind "${kind}"`);
      expect(() => templateVariables(kind as MessageKind, "en")).toThrow("unknown message kind");
    }
  });

  it("never falls back to the server's timezone", () => {
    expect(() => render("appointment.booked", "en", SAMPLES["appointment.booked"], { timezone: "" })).toThrow(
      "a timezone is required",
    );
    expect(() =>
      render("appointment.booked", "en", SAMPLES["appointment.booked"], {} as { timezone: string }),
    ).toThrow("a timezone is required");
    expect(() =>
      render("appointment.booked", "en", SAMPLES["appointment.booked"], { timezone: "Mars/Olympus" }),
    ).toThrow(RangeError);
    expect(() => formatDateTime(start, "en", undefined as unknown as string)).toThrow(
      "a timezone is required",
    );
  });
});

describe("times in the recipient's timezone", () => {
  it("2026-11-23T03:30Z is 9:00 in Kolkata and 3:30 in London", () => {
    for (const language of LANGS) {
      const kolkata = render("appointment.reminder", language, SAMPLES["appointment.reminder"], KOLKATA);
      const london = render("appointment.reminder", language, SAMPLES["appointment.reminder"], LONDON);
      expect(kolkata).toContain(NINE_AM_KOLKATA[language]);
      expect(london).toContain(THREE_THIRTY_LONDON[language]);
      expect(kolkata).not.toContain("3:30");
      expect(london).not.toContain("9:00");
    }
  });

  it("the date follows the timezone across midnight", () => {
    const late = new Date("2026-11-23T20:00:00Z");
    expect(formatDateTime(late, "en", "Asia/Kolkata")).toBe("Tue, 24 Nov, 1:30 am");
    expect(formatDateTime(late, "en", "Europe/London")).toBe("Mon, 23 Nov, 8:00 pm");
    expect(formatDateTime(late, "pa", "Asia/Kolkata")).toBe("ਮੰਗਲ, 24 ਨਵੰਬਰ ਰਾਤੀਂ 1:30 ਵਜੇ");
    expect(formatDateTime(late, "hi", "Europe/London")).toBe("सोम, 23 नवंबर को रात 8:00 बजे");
  });

  it("uses plain spaces and Latin digits", () => {
    for (const language of LANGS) {
      const text = formatDateTime(start, language, "Asia/Kolkata");
      expect(text).not.toMatch(/[\u00A0\u2009\u202F]/);
      expect(text).not.toMatch(/[\u0966-\u096F\u0A66-\u0A6F]/); // Devanagari / Gurmukhi digits
    }
  });
});

describe("translated values", () => {
  it("translates the mode", () => {
    const reminder = SAMPLES["appointment.reminder"];
    const labels: Record<Language, [string, string]> = {
      en: ["video call", "clinic visit"],
      hi: ["वीडियो कॉल", "क्लिनिक में मुलाकात"],
      pa: ["ਵੀਡੀਓ ਕਾਲ", "ਕਲੀਨਿਕ ਵਿੱਚ ਮੁਲਾਕਾਤ"],
    };
    for (const language of LANGS) {
      const [video, inPerson] = labels[language];
      const v = render("appointment.reminder", language, { ...reminder, mode: "video" });
      const p = render("appointment.reminder", language, { ...reminder, mode: "in_person" });
      expect(v).toContain(video);
      expect(v).not.toContain(inPerson);
      expect(p).toContain(inPerson);
      expect(p).not.toContain(video);
      expect(p).not.toContain("in_person");
    }
  });

  it("says who cancelled, in the recipient's language, and nothing more", () => {
    const cancelled = SAMPLES["appointment.cancelled"];
    expect(render("appointment.cancelled", "en", { ...cancelled, cancelledBy: "clinic" })).toContain(
      "cancelled by the clinic",
    );
    expect(render("appointment.cancelled", "en", { ...cancelled, cancelledBy: "patient" })).toContain(
      "cancelled as you asked",
    );
    expect(render("appointment.cancelled", "hi", { ...cancelled, cancelledBy: "clinic" })).toContain(
      "क्लिनिक की ओर से",
    );
    expect(render("appointment.cancelled", "hi", { ...cancelled, cancelledBy: "patient" })).toContain(
      "आपके कहने पर",
    );
    expect(render("appointment.cancelled", "pa", { ...cancelled, cancelledBy: "clinic" })).toContain(
      "ਕਲੀਨਿਕ ਵੱਲੋਂ",
    );
    expect(render("appointment.cancelled", "pa", { ...cancelled, cancelledBy: "patient" })).toContain(
      "ਤੁਹਾਡੇ ਕਹਿਣ 'ਤੇ",
    );
  });
});

describe("privacy", () => {
  const FORBIDDEN = /diagnos|reason|symptom|patient|condition|निदान|कारण|बीमारी|ਨਿਦਾਨ|ਕਾਰਨ|ਬਿਮਾਰੀ/i;

  it.each(cases)("%s / %s has no clinical words and no unlisted placeholder", (kind, language) => {
    const names = templateVariables(kind, language);
    for (const name of names) expect(LISTED[kind]).toContain(name);
    // The sample values carry none of these words, so any hit would come from the template.
    expect(render(kind, language)).not.toMatch(FORBIDDEN);
    if (kind === "appointment.cancelled")
      expect(render(kind, language, { ...SAMPLES[kind], cancelledBy: "patient" })).not.toMatch(FORBIDDEN);
  });

  it.each(cases)("%s / %s ignores variables that are not listed", (kind, language) => {
    // A patient's name is not a variable of a message to them; a clinician's carries the short
    // name it is given (patientName), never another.
    const extra = {
      ...(LISTED[kind].includes("patientName") ? {} : { patientName: "Simran Kaur" }),
      diagnosis: "Tuberculosis",
      reason: "Fever and cough",
      phone: "+919812345678",
    };
    const text = render(kind, language, { ...SAMPLES[kind], ...extra });
    for (const value of Object.values(extra)) expect(text).not.toContain(value);
    expect(text).toBe(render(kind, language));
  });

  it("substitutes in one pass and keeps values on one line", () => {
    const text = render("prescription.ready", "en", {
      doctorName: "{link}\nCall 99999",
      link: "https://arogya.example/p/1",
    });
    expect(text).toBe(
      "Arogya: Your prescription from Dr {link} Call 99999 is ready. View it: https://arogya.example/p/1",
    );
  });
});

describe("doctor names", () => {
  it("are not titled twice when the stored name carries its own Dr.", () => {
    const text = renderMessage(
      "prescription.ready",
      "pa",
      { doctorName: "Dr. Harleen Kaur", link: "https://a.example/rx/1" },
      { timezone: "Asia/Kolkata" },
    );
    expect(text).toContain("Harleen Kaur");
    expect(text).not.toMatch(/Dr\.? Harleen/);
    expect(withoutTitle("doctor Anil Sharma")).toBe("Anil Sharma");
    expect(withoutTitle("Drishti Rao")).toBe("Drishti Rao");
  });
});
