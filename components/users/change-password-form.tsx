"use client";

import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { apiErrors } from "@/components/graphql-errors";
import { signOutHere } from "@/components/sign-out";
import { CHANGE_MY_PASSWORD } from "./operations";

export function ChangePasswordForm() {
  const [changePassword, { loading }] = useMutation(CHANGE_MY_PASSWORD);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = String(data.get("newPassword") ?? "");
    if (newPassword !== String(data.get("confirmPassword") ?? "")) {
      setErrors({ confirmPassword: "The two new passwords differ." });
      return;
    }
    try {
      await changePassword({ variables: { currentPassword: String(data.get("currentPassword") ?? ""), newPassword } });
      // Every session of this user has just ended on the server, this one too.
      await signOutHere("/login");
    } catch (error) {
      const next: Record<string, string> = {};
      for (const problem of apiErrors(error instanceof Error ? error : null)) {
        next[typeof problem.field?.at(-1) === "string" ? String(problem.field.at(-1)) : "form"] = problem.message;
      }
      setErrors(next);
    }
  }

  const field = (name: string, label: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
      />
      {errors[name] && (
        <p className="field-error" id={`${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <form
      onSubmit={onSubmit}
      // A field's message goes as soon as the field is changed: it was about what was there before.
      onInput={(event) => {
        const name = (event.target as HTMLInputElement).name;
        setErrors((current) => (current[name] ? Object.fromEntries(Object.entries(current).filter(([key]) => key !== name)) : current));
      }}
      noValidate
    >
      {field("currentPassword", "Current password", "current-password")}
      {field("newPassword", "New password (12 to 128 characters)", "new-password")}
      {field("confirmPassword", "New password again", "new-password")}
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <p className="muted">Changing your password signs you out everywhere, here too.</p>
      <button className="button" type="submit" disabled={loading}>
        {loading ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
