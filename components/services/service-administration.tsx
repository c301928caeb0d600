"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { apiErrors } from "@/components/graphql-errors";
import { DISCIPLINE_LABELS, PRIORITY_LABELS, type Discipline, type ReferralPriority } from "@/components/labels";
import type { ClinicServiceFieldsFragment as ClinicService, CreateTherapyServiceInput } from "@/lib/generated/graphql/graphql";
import { CLINIC_SERVICES, CREATE_THERAPY_SERVICE, REMOVE_THERAPY_SERVICE, UPDATE_THERAPY_SERVICE } from "./operations";
import styles from "./services.module.css";

const PRIORITIES: readonly ReferralPriority[] = ["STAT", "ASAP", "URGENT", "ROUTINE"];
const TEXT_MAX = 4000;

type Problems = { fields: Record<string, string>; general: string | null };

/** The API's BAD_USER_INPUT paths (["input", "contactEmail"], ["input", "responseTargets", "STAT"]) as field names of the form. */
function problemsOf(error: unknown): Problems {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const problem of apiErrors(error instanceof Error ? error : null)) {
    const path = problem.field?.filter((part) => part !== "input") ?? [];
    if (problem.code === "BAD_USER_INPUT" && path.length) fields[path.join(".")] = problem.message;
    else general.push(problem.message);
  }
  return { fields, general: general.length ? general.join(" ") : null };
}

/** The form's values as the API takes them; an empty text clears it. */
function inputOf(form: HTMLFormElement, creating: boolean) {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const targets = Object.fromEntries(
    PRIORITIES.map((priority) => {
      const value = text(`target-${priority}`);
      return [priority, value === "" ? null : Number(value)];
    }),
  );
  return {
    name: text("name"),
    ...(creating ? { discipline: text("discipline") as Discipline } : { closed: data.get("closed") === "on" }),
    description: text("description"),
    eligibilityCriteria: text("eligibilityCriteria"),
    exclusions: text("exclusions"),
    contactPhone: text("contactPhone"),
    contactEmail: text("contactEmail"),
    address: text("address"),
    acceptsExternalReferrals: data.get("acceptsExternalReferrals") === "on",
    responseTargets: targets,
  };
}

function ServiceForm({ service, onDone }: { service: ClinicService | null; onDone: (message: string) => void }) {
  const creating = service === null;
  const prefix = creating ? "new-service" : `service-${service.id}`;
  const [create, created] = useMutation(CREATE_THERAPY_SERVICE, { refetchQueries: [CLINIC_SERVICES] });
  const [update, updated] = useMutation(UPDATE_THERAPY_SERVICE);
  const [problems, setProblems] = useState<Problems>({ fields: {}, general: null });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = inputOf(form, creating);
    if (!input.name) {
      show({ fields: { name: "Enter the service's name." }, general: null });
      return;
    }
    try {
      if (creating) {
        await create({ variables: { input: input as CreateTherapyServiceInput } });
        form.reset();
        onDone(`Added ${input.name}.`);
      } else {
        await update({ variables: { id: service.id, input } });
        onDone(`Saved ${input.name}.`);
      }
      setProblems({ fields: {}, general: null });
    } catch (error) {
      show(problemsOf(error));
    }
  }

  function show(found: Problems) {
    flushSync(() => setProblems(found));
    const first = Object.keys(found.fields)[0];
    if (first) document.getElementById(`${prefix}-${first.replace(".", "-")}`)?.focus();
  }

  const described = (name: string) => (problems.fields[name] ? `${prefix}-${name.replace(".", "-")}-error` : undefined);
  const error = (name: string) =>
    problems.fields[name] ? (
      <p className="field-error" id={`${prefix}-${name.replace(".", "-")}-error`}>
        {problems.fields[name]}
      </p>
    ) : null;
  const input = (name: string, label: string, value: string | null | undefined, type = "text", autoComplete = "off") => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      <input
        id={`${prefix}-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={value ?? ""}
        aria-invalid={problems.fields[name] ? true : undefined}
        aria-describedby={described(name)}
      />
      {error(name)}
    </div>
  );
  const textarea = (name: string, label: string, value: string | null | undefined, hint: string) => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      <p className="muted" id={`${prefix}-${name}-hint`}>
        {hint}
      </p>
      <textarea
        id={`${prefix}-${name}`}
        name={name}
        rows={3}
        maxLength={TEXT_MAX}
        defaultValue={value ?? ""}
        aria-invalid={problems.fields[name] ? true : undefined}
        aria-describedby={[`${prefix}-${name}-hint`, described(name)].filter(Boolean).join(" ")}
      />
      {error(name)}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className={styles.form}>
      {input("name", "Name", service?.name)}
      {creating ? (
        <div className="field">
          <label htmlFor={`${prefix}-discipline`}>Discipline</label>
          <select id={`${prefix}-discipline`} name="discipline" defaultValue="OCCUPATIONAL_THERAPY">
            {(Object.keys(DISCIPLINE_LABELS) as Discipline[]).map((discipline) => (
              <option key={discipline} value={discipline}>
                {DISCIPLINE_LABELS[discipline]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {textarea("description", "Description", service?.description, "What the service does; referrers read it when they choose a service.")}
      {textarea("eligibilityCriteria", "Eligibility criteria", service?.eligibilityCriteria, "Who the service takes.")}
      {textarea("exclusions", "Exclusions", service?.exclusions, "Who it does not take.")}
      {input("contactPhone", "Phone", service?.contactPhone, "tel", "off")}
      {input("contactEmail", "Email", service?.contactEmail, "email", "off")}
      {textarea("address", "Address", service?.address, "One line per line.")}
      <div className={`field ${styles.check}`}>
        <input
          id={`${prefix}-acceptsExternalReferrals`}
          name="acceptsExternalReferrals"
          type="checkbox"
          defaultChecked={service?.acceptsExternalReferrals ?? false}
        />
        <label htmlFor={`${prefix}-acceptsExternalReferrals`}>Other clinics may refer to it</label>
      </div>
      <fieldset className="field">
        <legend>Response targets (working days to a decision; empty: the portal&apos;s)</legend>
        <div className={styles.targets}>
          {PRIORITIES.map((priority) => {
            const target = service?.responseTargets.find((candidate) => candidate.priority === priority);
            const name = `target-${priority}`;
            return (
              <div key={priority} className="field">
                <label htmlFor={`${prefix}-responseTargets-${priority}`}>{PRIORITY_LABELS[priority]}</label>
                <input
                  id={`${prefix}-responseTargets-${priority}`}
                  name={name}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={365}
                  defaultValue={target?.own ? target.workingDays : ""}
                  placeholder={target && !target.own ? String(target.workingDays) : undefined}
                  aria-invalid={problems.fields[`responseTargets.${priority}`] ? true : undefined}
                  aria-describedby={described(`responseTargets.${priority}`)}
                />
                {error(`responseTargets.${priority}`)}
              </div>
            );
          })}
        </div>
      </fieldset>
      {!creating && (
        <div className={`field ${styles.check}`}>
          <input id={`${prefix}-closed`} name="closed" type="checkbox" defaultChecked={service.closed} />
          <label htmlFor={`${prefix}-closed`}>Closed to new referrals (its open referrals carry on)</label>
        </div>
      )}
      {problems.general && (
        <p className="error" role="alert">
          {problems.general}
        </p>
      )}
      <button className="button" type="submit" disabled={created.loading || updated.loading}>
        {creating ? "Add service" : "Save changes"}
      </button>
    </form>
  );
}

function ServiceCard({ service }: { service: ClinicService }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [remove, removing] = useMutation(REMOVE_THERAPY_SERVICE, { refetchQueries: [CLINIC_SERVICES] });
  const headingId = `service-${service.id}-heading`;

  async function onRemove() {
    try {
      await remove({ variables: { id: service.id } });
    } catch (error) {
      setMessage(apiErrors(error instanceof Error ? error : null)[0]?.message ?? "That did not work.");
    }
    setConfirming(false);
  }

  return (
    <li className={`card ${styles.service}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {service.name} <span className="muted">({DISCIPLINE_LABELS[service.discipline]})</span>
      </h3>
      <p>
        {service.closed ? <span className="chip status-cancelled">Closed to new referrals</span> : <span className="chip status-accepted">Open</span>}{" "}
        {service.acceptsExternalReferrals ? "Other clinics may refer to it." : "Only your clinic refers to it."}
      </p>
      {service.description ? <p className={styles.text}>{service.description}</p> : <p className="muted">No description yet.</p>}
      <div className={styles.actions}>
        <button className="button secondary" type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Edit<span className="visually-hidden"> {service.name}</span>
        </button>
        <button className="button secondary" type="button" aria-haspopup="dialog" onClick={() => setConfirming(true)}>
          Remove<span className="visually-hidden"> {service.name}</span>
        </button>
      </div>
      {message && (
        <p role="status" className={styles.message}>
          {message}
        </p>
      )}
      {editing && (
        <ServiceForm
          service={service}
          onDone={(done) => {
            setMessage(done);
            setEditing(false);
          }}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Remove ${service.name}?`}
        description={
          <p>
            It leaves every directory. A service with open referrals cannot be removed: close it to new referrals instead. Its past referrals keep
            its name.
          </p>
        }
        confirmLabel="Remove service"
        keepLabel="Keep service"
        busy={removing.loading}
        onConfirm={() => void onRemove()}
        onKeep={() => setConfirming(false)}
      />
    </li>
  );
}

export function ServiceAdministration() {
  const { data, loading, error } = useQuery(CLINIC_SERVICES);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <div className={styles.layout}>
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">Your clinic&apos;s services</h2>
        {loading && <p className="muted">Loading…</p>}
        {error && (
          <p className="error" role="alert">
            {apiErrors(error)[0]?.message}
          </p>
        )}
        {data && data.clinicServices.length === 0 && <p className="muted">Your clinic has no service yet.</p>}
        <ul className={styles.list}>
          {data?.clinicServices.map((service) => (
            <ServiceCard key={service.id} service={service} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="new-service-heading">
        <h2 id="new-service-heading">Add a service</h2>
        {added && <p role="status">{added}</p>}
        <ServiceForm service={null} onDone={setAdded} />
      </section>
    </div>
  );
}
