"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { DISCIPLINE_LABELS, ROLES, ROLE_LABELS, type Role } from "@/components/labels";
import type { ClinicUserFieldsFragment as ClinicUser } from "@/lib/generated/graphql/graphql";
import { CREATE_USER, OWN_SERVICES, RESET_USER_PASSWORD, SET_USER_ACTIVE, USERS } from "./operations";

/** Only a therapist works for a service; the choice is the clinic's own services. */
const WORKS_FOR_A_SERVICE: ReadonlySet<Role> = new Set<Role>(["THERAPIST"]);

/** Messages by input field name, from the API's BAD_USER_INPUT paths such as ["input", "password"]. */
function errorsByField(error: unknown): { fields: Record<string, string>; general: string | null } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const problem of apiErrors(error instanceof Error ? error : null)) {
    const name = problem.field?.at(-1);
    if (problem.code === "BAD_USER_INPUT" && typeof name === "string") fields[name] = problem.message;
    else general.push(problem.message);
  }
  return { fields, general: general.length ? general.join(" ") : null };
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function NewUserForm() {
  const [createUser, { loading }] = useMutation(CREATE_USER, { refetchQueries: [USERS] });
  const [problems, setProblems] = useState<{ fields: Record<string, string>; general: string | null }>({ fields: {}, general: null });
  const [created, setCreated] = useState<string | null>(null);
  const [role, setRole] = useState<Role>("CLINICIAN");
  const needsService = WORKS_FOR_A_SERVICE.has(role);
  const services = useQuery(OWN_SERVICES, { skip: !needsService });
  const ownServices = services.data?.therapyServices.filter((service) => service.own) ?? [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: ROLES.find((option) => option === data.get("role")) ?? "CLINICIAN",
      password: String(data.get("password") ?? ""),
      serviceId: needsService ? String(data.get("serviceId") ?? "") || null : null,
    };
    setCreated(null);
    try {
      const result = await createUser({ variables: { input } });
      setProblems({ fields: {}, general: null });
      setCreated(result.data?.createUser.email ?? null);
      form.reset();
      setRole("CLINICIAN");
    } catch (error) {
      setProblems(errorsByField(error));
    }
  }

  const field = (name: string, label: string, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`new-user-${name}`}>{label}</label>
      <input
        id={`new-user-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={problems.fields[name] ? true : undefined}
        aria-describedby={problems.fields[name] ? `new-user-${name}-error` : undefined}
      />
      <FieldError id={`new-user-${name}-error`} message={problems.fields[name]} />
    </div>
  );

  return (
    <section className="card" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a user</h2>
      <form onSubmit={onSubmit} noValidate>
        {field("name", "Name", "text", "off")}
        {field("email", "Email", "email", "off")}
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
        {needsService && (
          <div className="field">
            <label htmlFor="new-user-serviceId">Service they work for</label>
            <select
              id="new-user-serviceId"
              name="serviceId"
              required
              defaultValue=""
              aria-invalid={problems.fields.serviceId ? true : undefined}
              aria-describedby={problems.fields.serviceId ? "new-user-serviceId-error" : undefined}
            >
              <option value="">{services.data ? "Choose a service" : "Loading the services…"}</option>
              {ownServices.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name} ({DISCIPLINE_LABELS[service.discipline]})
                </option>
              ))}
            </select>
            <FieldError id="new-user-serviceId-error" message={problems.fields.serviceId} />
          </div>
        )}
        {field("password", "First password (at least 12 characters)", "password", "new-password")}
        {problems.general && (
          <p className="error" role="alert">
            {problems.general}
          </p>
        )}
        {created && <p role="status">Added {created}. Give them the first password in person.</p>}
        <button className="button" type="submit" disabled={loading}>
          {loading ? "Adding…" : "Add user"}
        </button>
      </form>
    </section>
  );
}

function UserRow({ user, isSelf }: { user: ClinicUser; isSelf: boolean }) {
  const [setActive, activeState] = useMutation(SET_USER_ACTIVE);
  const [resetPassword, resetState] = useMutation(RESET_USER_PASSWORD);
  const [resetting, setResetting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function onReset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get("newPassword") ?? "");
    try {
      await resetPassword({ variables: { id: user.id, newPassword } });
      setResetting(false);
      setMessage("Password reset; their sessions have ended.");
    } catch (error) {
      const problems = errorsByField(error);
      setMessage(problems.fields.newPassword ?? problems.general);
    }
  }

  async function toggleActive() {
    try {
      await setActive({ variables: { id: user.id, active: !user.active } });
      setMessage(user.active ? "Deactivated; their sessions have ended." : "Reactivated.");
    } catch (error) {
      setMessage(errorsByField(error).general ?? "That did not work.");
    }
  }

  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>{user.service?.name ?? <span className="muted">None</span>}</td>
      <td>
        <span className={`chip ${user.active ? "status-accepted" : "status-cancelled"}`}>{user.active ? "Active" : "Inactive"}</span>
      </td>
      <td>
        <div className="actions">
          {!isSelf && (
            <button className="button secondary" type="button" onClick={toggleActive} disabled={activeState.loading}>
              {user.active ? `Deactivate ${user.name}` : `Reactivate ${user.name}`}
            </button>
          )}
          <button className="button secondary" type="button" onClick={() => setResetting(!resetting)} aria-expanded={resetting}>
            Reset password
          </button>
        </div>
        {resetting && (
          <form onSubmit={onReset} className="inline-form">
            <label htmlFor={`reset-${user.id}`}>New password for {user.name}</label>
            <input id={`reset-${user.id}`} name="newPassword" type="password" autoComplete="new-password" required />
            <button className="button" type="submit" disabled={resetState.loading}>
              Set password
            </button>
          </form>
        )}
        {message && <p role="status">{message}</p>}
      </td>
    </tr>
  );
}

export function UserAdministration({ viewerId }: { viewerId: string }) {
  const { data, loading, error } = useQuery(USERS);
  return (
    <div className="two-columns">
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users of the clinic</h2>
        {loading && <p className="muted">Loading…</p>}
        {error && (
          <p className="error" role="alert">
            {apiErrors(error)[0]?.message}
          </p>
        )}
        {data && (
          <div className="table-scroll">
            <table className="referral-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Service</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <UserRow key={user.id} user={user} isSelf={user.id === viewerId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewUserForm />
    </div>
  );
}
