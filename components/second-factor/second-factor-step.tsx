"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { SecondFactorSetup } from "./setup";
import { SecondFactorForm, type SecondFactorMethods } from "./verify-form";

function UseAnotherAccount() {
  return (
    <p>
      <button className="link-button" type="button" onClick={() => void signOut({ callbackUrl: "/login" })}>
        Sign out and use another account
      </button>
    </p>
  );
}

/** The sign-in's second step: once passed, the session reaches the portal. */
export function SecondFactorStep({ methods }: { methods: SecondFactorMethods }) {
  const router = useRouter();
  const done = () => {
    router.replace("/");
    router.refresh();
  };
  return (
    <>
      <SecondFactorForm methods={methods} onVerified={done} />
      <UseAnotherAccount />
    </>
  );
}

/** Forced enrolment after the password. */
export function EnrolmentStep() {
  const router = useRouter();
  const done = () => {
    router.replace("/");
    router.refresh();
  };
  return (
    <>
      <SecondFactorSetup onDone={done} />
      <UseAnotherAccount />
    </>
  );
}
