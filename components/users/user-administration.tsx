"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CLINIC_SECOND_FACTOR_POLICY, RESET_SECOND_FACTORS, SET_SECOND_FACTOR_POLICY } from "@/components/second-factor/operations";
import { useStepUp } from "@/components/second-factor/step-up";
import { apiErrors } from "@/components/graphql-errors";
import { DISCIPLINE_LABELS, ROLES, ROLE_LABELS, type Role } from "@/components/labels";
import type { ClinicUserFieldsFragment as ClinicUser } from "@/lib/generated/graphql/graphql";
import { CREATE_USER, INVITE_USER, OWN_SERVICES, RESEND_INVITATION, RESET_USER_PASSWORD, SET_USER_ACTIVE, USERS } from "./operations";
import styles from "./users.module.css";

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

// The API's own limits (lib/auth/password-policy.ts), checked here too so every missing field shows at once.
const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 128;
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type NewUserInput = { name: string; email: string; role: Role; password: string; serviceId: string | null };

/** What is wrong with every field at once, as Add patient does; the API still has the last word (common passwords, taken emails). */
function newUserProblems(input: NewUserInput, needsService: boolean, invite: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!input.name.trim()) problems.name = "Enter their name.";
  if (!input.email.trim()) problems.email = "Enter their email address.";
  else if (!LOOKS_LIKE_EMAIL.test(input.email.trim())) problems.email = "Enter an email address such as name@clinic.example.";
  if (needsService && !input.serviceId) problems.serviceId = "Choose the service a therapist works for.";
  if (invite) return problems;
  if (!input.password) problems.password = "Enter a first password.";
  else if (input.password.length < PASSWORD_MIN_LENGTH) problems.password = `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (input.password.length > PASSWORD_MAX_LENGTH) problems.password = `The password must be at most ${PASSWORD_MAX_LENGTH} characters.`;
  return problems;
}

/** The fields in the order the form shows them: focus goes to the first with a problem. */
const NEW_USER_FIELDS = ["name", "email", "serviceId", "password"] as const;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function NewUserForm() {
  const withStepUp = useStepUp();
  const [createUser, creating] = useMutation(CREATE_USER, { refetchQueries: [USERS] });
  const [inviteUser, inviting] = useMutation(INVITE_USER, { refetchQueries: [USERS] });
  const loading = creating.loading || inviting.loading;
  // An invitation by e-mail by default: nobody but the user ever knows their password.
  const [invite, setInvite] = useState(true);
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
    const input: NewUserInput = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: ROLES.find((option) => option === data.get("role")) ?? "CLINICIAN",
      password: String(data.get("password") ?? ""),
      serviceId: needsService ? String(data.get("serviceId") ?? "") || null : null,
    };
    setCreated(null);
    const problemsFound = newUserProblems(input, needsService, invite);
    if (Object.keys(problemsFound).length > 0) {
      showProblems({ fields: problemsFound, general: null });
      return;
    }
    try {
      if (invite) {
        const invitation = { name: input.name, email: input.email, role: input.role, serviceId: input.serviceId };
        const result = await withStepUp(() => inviteUser({ variables: { input: invitation } }));
        setCreated(result.data ? `Invited ${result.data.inviteUser.email}: they have 72 hours to set their password with the link e-mailed to them.` : null);
      } else {
        const result = await withStepUp(() => createUser({ variables: { input } }));
        setCreated(result.data ? `Added ${result.data.createUser.email}. Give them the first password in person.` : null);
      }
      setProblems({ fields: {}, general: null });
      form.reset();
      setRole("CLINICIAN");
    } catch (error) {
      showProblems(errorsByField(error));
    }
  }

  function showProblems(found: { fields: Record<string, string>; general: string | null }) {
    flushSync(() => setProblems(found));
    const first = NEW_USER_FIELDS.find((name) => found.fields[name]);
    if (first) document.getElementById(`new-user-${first}`)?.focus();
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
    <section className={`card ${styles.addUser}`} aria-labelledby="new-user-heading">
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
        <fieldset className="field">
          <legend>Their first password</legend>
          <label className={styles.choice}>
            <input type="radio" name="how" value="invite" checked={invite} onChange={() => setInvite(true)} /> E-mail them an invitation link
            (72 hours, works once)
          </label>
          <label className={styles.choice}>
            <input type="radio" name="how" value="password" checked={!invite} onChange={() => setInvite(false)} /> Type a first password and
            give it to them in person
          </label>
        </fieldset>
        {!invite && field("password", "First password (at least 12 characters)", "password", "new-password")}
        {problems.general && (
          <p className="error" role="alert">
            {problems.general}
          </p>
        )}
        {created && <p role="status">{created}</p>}
        <button className="button" type="submit" disabled={loading}>
          {loading ? "Adding…" : invite ? "Send invitation" : "Add user"}
        </button>
      </form>
    </section>
  );
}

function UserRow({ user, isSelf }: { user: ClinicUser; isSelf: boolean }) {
  const withStepUp = useStepUp();
  const [setActive, activeState] = useMutation(SET_USER_ACTIVE);
  const [resetPassword, resetState] = useMutation(RESET_USER_PASSWORD);
  const [resetFactors, resetFactorsState] = useMutation(RESET_SECOND_FACTORS);
  const [resendInvitation, resendState] = useMutation(RESEND_INVITATION);
  const [resetting, setResetting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmingFactors, setConfirmingFactors] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function onReset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get("newPassword") ?? "");
    try {
      await withStepUp(() => resetPassword({ variables: { id: user.id, newPassword } }));
      setResetting(false);
      setMessage("Password reset; their sessions have ended.");
    } catch (error) {
      const problems = errorsByField(error);
      setMessage(problems.fields.newPassword ?? problems.general);
    }
  }

  async function onResend() {
    try {
      await withStepUp(() => resendInvitation({ variables: { id: user.id } }));
      setMessage("A new invitation link is on its way; the earlier one no longer works.");
    } catch (error) {
      setMessage(errorsByField(error).general ?? errorsByField(error).fields.id ?? "That did not work.");
    }
  }

  async function changeActive(active: boolean) {
    try {
      await withStepUp(() => setActive({ variables: { id: user.id, active } }));
      setMessage(active ? "Reactivated." : "Deactivated; their sessions have ended.");
    } catch (error) {
      setMessage(errorsByField(error).general ?? "That did not work.");
    }
    setConfirming(false);
  }

  async function resetSecondFactors() {
    try {
      await withStepUp(() => resetFactors({ variables: { userId: user.id } }));
      setMessage("Second factors removed; their sessions have ended.");
    } catch (error) {
      setMessage(errorsByField(error).general ?? "That did not work.");
    }
    setConfirmingFactors(false);
  }

  return (
    <tr>
      <th scope="row">
        {user.name}
        <span className={styles.email}>{user.email}</span>
      </th>
      <td data-label="Role">
        {ROLE_LABELS[user.role]}
        {user.service && <span className={styles.email}>{user.service.name}</span>}
      </td>
      <td data-label="Status">
        <span className={`chip ${user.active ? "status-accepted" : "status-cancelled"}`}>{user.active ? "Active" : "Inactive"}</span>
        {user.invited && <span className="chip status-sent">Invited</span>}
      </td>
      <td className={styles.actionsCell}>
        <div className={styles.actions}>
          {!isSelf &&
            (user.active ? (
              // Deactivating ends their sessions at once: it asks first. Reactivating takes one click.
              <button className="button secondary" type="button" aria-haspopup="dialog" onClick={() => setConfirming(true)} disabled={activeState.loading}>
                Deactivate<span className="visually-hidden"> {user.name}</span>
              </button>
            ) : (
              <button className="button secondary" type="button" onClick={() => changeActive(true)} disabled={activeState.loading}>
                Reactivate<span className="visually-hidden"> {user.name}</span>
              </button>
            ))}
          {user.invited && user.active && (
            <button className="button secondary" type="button" onClick={() => void onResend()} disabled={resendState.loading}>
              Resend invitation<span className="visually-hidden"> to {user.name}</span>
            </button>
          )}
          <button className="button secondary" type="button" onClick={() => setResetting(!resetting)} aria-expanded={resetting}>
            Reset password<span className="visually-hidden"> of {user.name}</span>
          </button>
          {!isSelf && user.hasSecondFactor && (
            <button className="button secondary" type="button" aria-haspopup="dialog" onClick={() => setConfirmingFactors(true)} disabled={resetFactorsState.loading}>
              Reset second factor<span className="visually-hidden"> of {user.name}</span>
            </button>
          )}
        </div>
        {resetting && (
          <form onSubmit={onReset} className={styles.reset}>
            <label htmlFor={`reset-${user.id}`}>New password for {user.name}</label>
            <input id={`reset-${user.id}`} name="newPassword" type="password" autoComplete="new-password" required />
            <button className="button" type="submit" disabled={resetState.loading}>
              Set password
            </button>
          </form>
        )}
        {message && (
          <p role="status" className={styles.message}>
            {message}
          </p>
        )}
        <ConfirmDialog
          open={confirming}
          title={`Deactivate ${user.name}?`}
          description={<p>They are signed out at once and cannot sign in until an administrator reactivates them.</p>}
          confirmLabel="Deactivate user"
          keepLabel="Keep user active"
          busy={activeState.loading}
          onConfirm={() => void changeActive(false)}
          onKeep={() => setConfirming(false)}
        />
        <ConfirmDialog
          open={confirmingFactors}
          title={`Reset ${user.name}'s second factor?`}
          description={
            <p>Their passkeys, authenticator app and recovery codes are removed and they are signed out. If the clinic requires a second factor, they set up a new one when they next sign in.</p>
          }
          confirmLabel="Reset second factor"
          keepLabel="Keep their second factor"
          busy={resetFactorsState.loading}
          onConfirm={() => void resetSecondFactors()}
          onKeep={() => setConfirmingFactors(false)}
        />
      </td>
    </tr>
  );
}

export function UserAdministration({ viewerId }: { viewerId: string }) {
  const { data, loading, error } = useQuery(USERS);
  return (
    <div className={styles.layout}>
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users of the clinic</h2>
        {loading && <p className="muted">Loading…</p>}
        {error && (
          <p className="error" role="alert">
            {apiErrors(error)[0]?.message}
          </p>
        )}
        {data && (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Name and email</th>
                <th scope="col">Role and service</th>
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
        )}
      </section>
      <div className={styles.side}>
        <NewUserForm />
        <SecondFactorPolicyForm />
      </div>
    </div>
  );
}

const POLICY_LABELS = {
  ADMINISTRATORS: "Administrators only (others may add one)",
  EVERYONE: "Everyone",
} as const;

/** The clinic's policy: who must sign in with a second factor. */
function SecondFactorPolicyForm() {
  const withStepUp = useStepUp();
  const { data } = useQuery(CLINIC_SECOND_FACTOR_POLICY);
  const [setPolicy, { loading }] = useMutation(SET_SECOND_FACTOR_POLICY);
  const [message, setMessage] = useState<string | null>(null);
  const current = data?.me?.clinic.secondFactorPolicy;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const policy = new FormData(event.currentTarget).get("policy") === "EVERYONE" ? "EVERYONE" : "ADMINISTRATORS";
    try {
      await withStepUp(() => setPolicy({ variables: { policy } }));
      setMessage(policy === "EVERYONE" ? "Everyone now needs a second factor; those without one set it up when they next open a page." : "Only administrators now need a second factor.");
    } catch (error) {
      setMessage(errorsByField(error).general ?? "That did not work.");
    }
  }

  return (
    <section className="card" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Second factor</h2>
      {current && (
        <form onSubmit={onSubmit}>
          <fieldset className="field">
            <legend>Who must sign in with a second factor</legend>
            {(["ADMINISTRATORS", "EVERYONE"] as const).map((option) => (
              <label key={option} className="choice">
                <input type="radio" name="policy" value={option} defaultChecked={current === option} /> {POLICY_LABELS[option]}
              </label>
            ))}
          </fieldset>
          <button className="button" type="submit" disabled={loading}>
            Save the policy
          </button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
