import Link from "next/link";
import type { ReactNode } from "react";
import { SetPasswordForm } from "./set-password-form";

/** The page a link opens: its form while the link works, else what to do instead. */
export function LinkPage({
  title,
  intro,
  usable,
  purpose,
  token,
  instead,
}: {
  title: string;
  intro: string;
  usable: boolean;
  purpose: "INVITATION" | "PASSWORD_RESET";
  token: string;
  instead: ReactNode;
}) {
  return (
    <main className="auth-page">
      <div className="card">
        <h1>{title}</h1>
        {usable ? (
          <>
            <p className="muted">{intro}</p>
            <SetPasswordForm purpose={purpose} token={token} />
          </>
        ) : (
          <>
            <p className="error" role="alert" id="link-unusable">
              This link does not work: it may have been used already, replaced by a newer one, or expired.
            </p>
            {instead}
          </>
        )}
        <p>
          <Link href="/login">Go to sign in</Link>
        </p>
      </div>
    </main>
  );
}
