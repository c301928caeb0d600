"use client";

import { useMutation } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { DateInput } from "@/components/date-input";
import { DuplicateDialog } from "@/components/duplicate-dialog";
import { apiErrors } from "@/components/graphql-errors";
import { parseTypedDate } from "@/lib/dates";
import type { CreatePatientInput } from "@/lib/generated/graphql/graphql";
import { ContactFields, contactInputOf, CONTACT_FIELD_NAMES, type ContactFieldName } from "./contact-fields";
import { CREATE_PATIENT } from "./operations";

type IdentityField = "medicalRecordNumber" | "givenName" | "familyName" | "dateOfBirth";
type PatientField = IdentityField | ContactFieldName;

const FIELDS: { name: IdentityField; label: string; type: "text" | "date" }[] = [
  { name: "medicalRecordNumber", label: "Medical record number", type: "text" },
  { name: "givenName", label: "Given name", type: "text" },
  { name: "familyName", label: "Family name", type: "text" },
  { name: "dateOfBirth", label: "Date of birth", type: "date" },
];

const isPatientField = (name: unknown): name is PatientField =>
  FIELDS.some((field) => field.name === name) || (CONTACT_FIELD_NAMES as readonly unknown[]).includes(name);

/** Adds a patient; their contact details may be given now or later. A patient like one the clinic has asks first. */
export function NewPatientForm() {
  const router = useRouter();
  const [createPatient, { loading }] = useMutation(CREATE_PATIENT);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PatientField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const pending = useRef<CreatePatientInput | null>(null);
  const [contactOpen, setContactOpen] = useState(false);

  function showErrors(errors: Partial<Record<PatientField, string>>) {
    flushSync(() => {
      setFieldErrors(errors);
      // A message about a contact detail must not hide in a folded section.
      if (CONTACT_FIELD_NAMES.some((name) => errors[name])) setContactOpen(true);
    });
    const first = [...FIELDS.map((field) => field.name), ...CONTACT_FIELD_NAMES].find((name) => errors[name]);
    if (first) document.getElementById(`patient-${first}`)?.focus();
  }

  /** A field's message goes as soon as the field is changed: it was about what was there before. */
  function edited(name: string) {
    if (!isPatientField(name)) return;
    setFieldErrors((current) => {
      if (!current[name]) return current;
      const rest = { ...current };
      delete rest[name];
      return rest;
    });
  }

  async function add(input: CreatePatientInput) {
    try {
      const result = await createPatient({ variables: { input } });
      const patientId = result.data?.createPatient.id;
      setDuplicate(null);
      if (patientId) router.push(`/patients/${patientId}`);
    } catch (error) {
      const byField: Partial<Record<PatientField, string>> = {};
      const general: string[] = [];
      for (const problem of apiErrors(error instanceof Error ? error : null)) {
        // The API names the field as a path such as ["input", "dateOfBirth"].
        const name = problem.field?.at(-1);
        if (problem.code === "CONFLICT" && name === "duplicateReason") {
          pending.current = input;
          setDuplicate(problem.message);
          return;
        }
        if (problem.code === "BAD_USER_INPUT" && isPatientField(name)) byField[name] = problem.message;
        else general.push(problem.message);
      }
      setDuplicate(null);
      setFormError(general.length > 0 ? general.join(" ") : null);
      showErrors(byField);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const input: CreatePatientInput = {
      medicalRecordNumber: text("medicalRecordNumber"),
      givenName: text("givenName"),
      familyName: text("familyName"),
      dateOfBirth: text("dateOfBirth"),
      ...contactInputOf(form),
    };
    const missing: Partial<Record<PatientField, string>> = Object.fromEntries(
      FIELDS.filter((field) => input[field.name] === "").map((field) => [field.name, `Enter the ${field.label.toLowerCase()}.`]),
    );
    // The date is typed day first (components/date-input.tsx); the API takes YYYY-MM-DD.
    const dateOfBirth = parseTypedDate(input.dateOfBirth);
    if (dateOfBirth.error !== undefined) missing.dateOfBirth = dateOfBirth.error;
    else if (dateOfBirth.date) input.dateOfBirth = dateOfBirth.date;
    setFormError(null);
    showErrors(missing);
    if (Object.keys(missing).length > 0) return;
    await add(input);
  }

  return (
    <section className="card" aria-labelledby="new-patient-heading">
      <h2 id="new-patient-heading">New patient</h2>
      <form onSubmit={onSubmit} onInput={(event) => edited((event.target as HTMLInputElement).name)} noValidate>
        {FIELDS.map((field) => {
          const id = `patient-${field.name}`;
          const error = fieldErrors[field.name];
          if (field.type === "date") {
            return <DateInput key={field.name} id={id} name={field.name} label={field.label} error={error} required />;
          }
          return (
            <div className="field" key={field.name}>
              <label htmlFor={id}>{field.label}</label>
              <input
                id={id}
                name={field.name}
                type={field.type}
                // A patient's details are not the clinician's own: the browser must not offer to fill them.
                autoComplete="off"
                required
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
        <details className="contact-details" open={contactOpen} onToggle={(event) => setContactOpen(event.currentTarget.open)}>
          <summary>Contact details (optional)</summary>
          <ContactFields idPrefix="patient" errors={fieldErrors} />
        </details>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <button className="button" type="submit" disabled={loading}>
          {loading ? "Adding…" : "Add patient"}
        </button>
      </form>
      <DuplicateDialog
        open={duplicate !== null}
        title="Add this patient anyway?"
        message={duplicate ?? ""}
        confirmLabel="Add anyway"
        keepLabel="Do not add"
        busy={loading}
        onConfirm={(reason) => pending.current && void add({ ...pending.current, duplicateReason: reason })}
        onKeep={() => setDuplicate(null)}
      />
    </section>
  );
}
