"use client";

import type { PatientContactFieldsFragment as PatientContact } from "@/lib/generated/graphql/graphql";

/** A patient's contact details as a form's fields (new patient, edit details), read back with FormData. */

export const CONTACT_FIELD_NAMES = [
  "addressLine1",
  "addressLine2",
  "city",
  "postalCode",
  "phone",
  "email",
  "gpPractice",
  "nextOfKinName",
  "nextOfKinRelationship",
  "nextOfKinPhone",
  "preferredLanguage",
  "interpreterNeeded",
] as const;

export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];
type TextField = Exclude<ContactFieldName, "interpreterNeeded">;

const TEXT_FIELDS: { name: TextField; label: string; type: "text" | "tel" | "email"; group: string }[] = [
  { name: "addressLine1", label: "Address line 1", type: "text", group: "Address" },
  { name: "addressLine2", label: "Address line 2", type: "text", group: "Address" },
  { name: "city", label: "Town or city", type: "text", group: "Address" },
  { name: "postalCode", label: "Postcode", type: "text", group: "Address" },
  { name: "phone", label: "Phone", type: "tel", group: "Reaching the patient" },
  { name: "email", label: "Email", type: "email", group: "Reaching the patient" },
  { name: "preferredLanguage", label: "Preferred language", type: "text", group: "Reaching the patient" },
  { name: "gpPractice", label: "GP practice", type: "text", group: "GP and next of kin" },
  { name: "nextOfKinName", label: "Next of kin", type: "text", group: "GP and next of kin" },
  { name: "nextOfKinRelationship", label: "Relationship to the patient", type: "text", group: "GP and next of kin" },
  { name: "nextOfKinPhone", label: "Next of kin's phone", type: "tel", group: "GP and next of kin" },
];

const GROUPS = [...new Set(TEXT_FIELDS.map((field) => field.group))];

/** The form's values as the API takes them: an empty box is no value. */
export function contactInputOf(form: FormData): Record<TextField, string | null> & { interpreterNeeded: boolean } {
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field.name, String(form.get(field.name) ?? "").trim() || null])) as Record<TextField, string | null>;
  return { ...text, interpreterNeeded: form.get("interpreterNeeded") === "on" };
}

export function ContactFields({
  idPrefix,
  errors,
  values,
}: {
  idPrefix: string;
  errors: Partial<Record<string, string>>;
  /** The record as it is, for an edit; nothing for a new patient. */
  values?: PatientContact;
}) {
  return (
    <>
      {GROUPS.map((group) => (
        <fieldset key={group} className="contact-group">
          <legend>{group}</legend>
          {TEXT_FIELDS.filter((field) => field.group === group).map((field) => {
            const id = `${idPrefix}-${field.name}`;
            const error = errors[field.name];
            return (
              <div className="field" key={field.name}>
                <label htmlFor={id}>{field.label}</label>
                <input
                  id={id}
                  name={field.name}
                  type={field.type}
                  autoComplete="off"
                  defaultValue={values?.[field.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
                {error && (
                  <p className="field-error" id={`${id}-error`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          {group === "Reaching the patient" && (
            <div className="check">
              <input id={`${idPrefix}-interpreterNeeded`} name="interpreterNeeded" type="checkbox" defaultChecked={values?.interpreterNeeded ?? false} />
              <label htmlFor={`${idPrefix}-interpreterNeeded`}>Interpreter needed</label>
            </div>
          )}
        </fieldset>
      ))}
    </>
  );
}
