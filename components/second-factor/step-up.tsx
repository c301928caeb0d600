"use client";

import { useApolloClient } from "@apollo/client/react";
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { hasErrorCode } from "@/components/graphql-errors";
import { StepError } from "./api";
import { MY_SECOND_FACTORS } from "./operations";
import { SecondFactorForm, type SecondFactorMethods } from "./verify-form";

type WithStepUp = <T>(action: () => Promise<T>) => Promise<T>;

const StepUpContext = createContext<WithStepUp>((action) => action());

/** Runs an action; when the API answers SECOND_FACTOR_REQUIRED, asks for the second factor and runs it once more. */
export const useStepUp = () => useContext(StepUpContext);

const needsStepUp = (error: unknown) =>
  (error instanceof StepError && error.code === "SECOND_FACTOR_REQUIRED") ||
  (error instanceof Error && hasErrorCode(error, "SECOND_FACTOR_REQUIRED"));

/**
 * The step-up before an administrator's action (and changes to one's own
 * factors): the server decides when the last check is too old (10 minutes);
 * this dialog asks for the factor then and retries the action.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [request, setRequest] = useState<{ methods: SecondFactorMethods; resolve: (passed: boolean) => void } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (request && dialog && !dialog.open) dialog.showModal();
    if (!request && dialog?.open) dialog.close();
  }, [request]);

  const ask = useCallback(async (): Promise<boolean> => {
    const { data } = await client.query({ query: MY_SECOND_FACTORS, fetchPolicy: "network-only" });
    const factors = data?.mySecondFactors;
    const methods = { passkeys: factors?.passkeys.length ?? 0, totp: Boolean(factors?.authenticatorApp), recoveryCodes: factors?.recoveryCodesLeft ?? 0 };
    return new Promise<boolean>((resolve) => setRequest({ methods, resolve }));
  }, [client]);

  const withStepUp = useCallback<WithStepUp>(
    async (action) => {
      try {
        return await action();
      } catch (error) {
        if (!needsStepUp(error)) throw error;
        if (!(await ask())) throw error;
        return action();
      }
    },
    [ask],
  );

  const finish = (passed: boolean) => {
    request?.resolve(passed);
    setRequest(null);
  };

  return (
    <StepUpContext.Provider value={withStepUp}>
      {children}
      <dialog ref={dialogRef} className="step-up-dialog" aria-labelledby={`${id}-title`} onCancel={() => finish(false)}>
        {request && (
          <>
            <h2 id={`${id}-title`}>Confirm it is you</h2>
            <p>This needs your second factor again: the last check was more than 10 minutes ago.</p>
            <SecondFactorForm methods={request.methods} onVerified={() => finish(true)} idPrefix="step-up" />
            <button className="button secondary" type="button" onClick={() => finish(false)}>
              Not now
            </button>
          </>
        )}
      </dialog>
    </StepUpContext.Provider>
  );
}
