"use client";

import { useMutation } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { DateInput } from "@/components/date-input";
import { apiErrors } from "@/components/graphql-errors";
import { parseTypedDate } from "@/lib/dates";
import type { CreatePatientInput } from "@/lib/generated/graphql/graphql";
import { CREATE_PATIENT } from "./operations";

type PatientField = keyof CreatePatientInput;

const FIELDS: { name: PatientField; label: string; type: "text" | "date" }[] = [
  { name: "medicalRecordNumber", label: "Medical record number", type: "text" },
  { name: "givenName", label: "Given name", type: "text" },
  { name: "familyName", label: "Family name", type: "text" },
  { name: "dateOfBirth", label: "Date of birth", type: "date" },
];

const isPatientField = (name: unknown): name is PatientField => FIELDS.some((field) => field.name === name);

export function NewPatientForm() {
  const router = useRouter();
  const [createPatient, { loading }] = useMutation(CREATE_PATIENT);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PatientField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function showErrors(errors: Partial<Record<PatientField, string>>) {
    flushSync(() => setFieldErrors(errors));
    const first = FIELDS.find((field) => errors[field.name]);
    if (first) document.getElementById(`patient-${first.name}`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = Object.fromEntries(FIELDS.map((field) => [field.name, String(form.get(field.name) ?? "").trim()])) as unknown as CreatePatientInput;
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
    try {
      const result = await createPatient({ variables: { input } });
      const patientId = result.data?.createPatient.id;
      if (patientId) router.push(`/patients/${patientId}`);
    } catch (error) {
      const byField: Partial<Record<PatientField, string>> = {};
      const general: string[] = [];
      for (const problem of apiErrors(error instanceof Error ? error : null)) {
        // The API names the field as a path such as ["input", "dateOfBirth"].
        const name = problem.field?.at(-1);
        if (problem.code === "BAD_USER_INPUT" && isPatientField(name)) byField[name] = problem.message;
        else general.push(problem.message);
      }
      setFormError(general.length > 0 ? general.join(" ") : null);
      showErrors(byField);
    }
  }

  return (
    <section className="card" aria-labelledby="new-patient-heading">
      <h2 id="new-patient-heading">New patient</h2>
      <form onSubmit={onSubmit} noValidate>
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
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <button className="button" type="submit" disabled={loading}>
          {loading ? "Adding…" : "Add patient"}
        </button>
      </form>
    </section>
  );
}
