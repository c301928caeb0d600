"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { apiErrors, hasErrorCode } from "@/components/graphql-errors";
import {
  CANCEL_REASONS,
  CANCEL_REASON_LABELS,
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
  DISCIPLINE_LABELS,
  type CancelReason,
  type DeclineReason,
  type Discipline,
  type PartAction,
} from "@/components/labels";
import type { ReferralPartFieldsFragment as ReferralPart } from "@/lib/generated/graphql/graphql";
import { CHANGE_REFERRAL_PART, THERAPY_SERVICES, UNREAD_REFERRAL_COUNT } from "./operations";

type Action = Exclude<PartAction, "SEND">;

/** What the confirmation dialog of an action that cannot be undone says. */
interface Confirmation {
  title: (discipline: string) => string;
  description: string;
  confirm: string;
  keep: string;
}

/**
 * Each action's button, what it says once done, and whether it needs a form first; in the order offered.
 * An action that cannot be undone asks in a dialog (its form inside) instead of a form under the buttons.
 */
const ACTIONS: Record<Action, { label: string; done: string; form: boolean; confirmation?: Confirmation }> = {
  ACCEPT: { label: "Accept", done: "Accepted.", form: false },
  ASK_QUESTION: { label: "Ask the referrer a question", done: "Question sent; the referral waits on the referrer.", form: true },
  REDIRECT: { label: "Redirect", done: "Redirected.", form: true },
  DECLINE: {
    label: "Decline",
    done: "Declined.",
    form: true,
    confirmation: {
      title: (discipline) => `Decline this ${discipline} referral?`,
      description: "The referrer sees it declined, with your reason and comment. This cannot be undone.",
      confirm: "Decline referral",
      keep: "Keep referral open",
    },
  },
  ANSWER_QUESTION: { label: "Answer the question", done: "Answer sent; the referral is back with the service.", form: true },
  START: { label: "Start", done: "Started: in progress.", form: false },
  COMPLETE: { label: "Complete with an outcome", done: "Completed.", form: true },
  ACKNOWLEDGE_OUTCOME: { label: "Acknowledge the outcome", done: "Outcome acknowledged.", form: false },
  CANCEL: {
    label: "Cancel referral",
    done: "Cancelled.",
    form: true,
    confirmation: {
      title: (discipline) => `Cancel this ${discipline} referral?`,
      description: "The service stops work on it and sees it cancelled, with your reason. This cannot be undone.",
      confirm: "Cancel referral",
      keep: "Keep referral",
    },
  },
};
const ORDER = Object.keys(ACTIONS) as Action[];

/** Therapy Outcome Measures: 0 to 5 in half points. */
const TOMS_SCORES = Array.from({ length: 11 }, (_, index) => index / 2);

const otherDiscipline = (discipline: Discipline): Discipline =>
  discipline === "OCCUPATIONAL_THERAPY" ? "PHYSIOTHERAPY" : "OCCUPATIONAL_THERAPY";

type Field = "note" | "declineReason" | "cancelReason" | "serviceId" | "provided";
type Errors = Partial<Record<Field | "form", string>>;

/** What each form asks for: the note's label, and which inputs are required. */
function noteLabel(action: Action): { label: string; required: boolean } {
  switch (action) {
    case "DECLINE":
      return { label: "Comment (required)", required: true };
    case "ASK_QUESTION":
      return { label: "Question for the referrer (required)", required: true };
    case "ANSWER_QUESTION":
      return { label: "Your answer (required)", required: true };
    case "CANCEL":
      return { label: "Comment (required for Other)", required: false };
    default:
      return { label: "Note (optional)", required: false };
  }
}

function RedirectServices({ id, discipline, value, onChange, error }: { id: string; discipline: Discipline; value: string; onChange: (id: string) => void; error?: string }) {
  const { data, error: loadError } = useQuery(THERAPY_SERVICES, { variables: { discipline } });
  return (
    <div className="field">
      <label htmlFor={id}>Redirect to a {DISCIPLINE_LABELS[discipline].toLowerCase()} service</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Choose a service</option>
        {data?.therapyServices.map((service) => (
          <option key={service.id} value={service.id}>
            {service.own ? service.name : `${service.name} (${service.clinic.name})`}
          </option>
        ))}
      </select>
      {loadError && <p className="field-error">{apiErrors(loadError)[0]?.message}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The actions `allowedActions` offers the viewer on one part, each with the inputs it needs. */
export function PartActions({
  part,
  refreshUnread,
  onChanged,
}: {
  part: ReferralPart;
  /** Whether the viewer's navigation shows an unread count to refresh. */
  refreshUnread: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  const [note, setNote] = useState("");
  const [declineReason, setDeclineReason] = useState<DeclineReason | "">("");
  const [cancelReason, setCancelReason] = useState<CancelReason | "">("");
  const [serviceId, setServiceId] = useState("");
  const [provided, setProvided] = useState("");
  const [recommendations, setRecommendations] = useState("");
  const [score, setScore] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const [change, { loading, error: mutationError, reset }] = useMutation(CHANGE_REFERRAL_PART, {
    refetchQueries: refreshUnread ? [UNREAD_REFERRAL_COUNT] : [],
  });
  const conflict = hasErrorCode(mutationError, "CONFLICT");
  const offered = ORDER.filter((action) => (part.allowedActions as string[]).includes(action));
  const idOf = (field: string) => `${field}-${part.id}`;

  /** A field's message goes as soon as the field is changed: it was about what was there before. */
  function edited(field: Field) {
    setErrors((current) => {
      if (!current[field]) return current;
      const rest = { ...current };
      delete rest[field];
      return rest;
    });
  }

  function clearForm() {
    setNote("");
    setDeclineReason("");
    setCancelReason("");
    setServiceId("");
    setProvided("");
    setRecommendations("");
    setScore("");
    setErrors({});
  }

  function validate(action: Action): Errors {
    const found: Errors = {};
    if (noteLabel(action).required && !note.trim()) found.note = "Write this before sending.";
    if (action === "DECLINE" && !declineReason) found.declineReason = "Choose the reason for declining.";
    if (action === "CANCEL" && !cancelReason) found.cancelReason = "Choose the reason for cancelling.";
    if (action === "CANCEL" && cancelReason === "OTHER" && !note.trim()) found.note = "Say why you are cancelling.";
    if (action === "REDIRECT" && !serviceId) found.serviceId = "Choose the service to redirect to.";
    if (action === "COMPLETE" && !provided.trim()) found.provided = "Say what was provided.";
    return found;
  }

  async function act(action: Action) {
    setDone(null);
    reset();
    const found = validate(action);
    flushSync(() => setErrors(found));
    const first = (["declineReason", "cancelReason", "serviceId", "provided", "note"] as Field[]).find((field) => found[field]);
    if (first) {
      document.getElementById(idOf(first))?.focus();
      return;
    }
    try {
      await change({
        variables: {
          input: {
            id: part.id,
            // The version on screen: if anyone changed the part since, the API answers CONFLICT.
            expectedVersion: part.version,
            action,
            note: action === "COMPLETE" ? null : note.trim() || null,
            declineReason: action === "DECLINE" ? (declineReason as DeclineReason) : null,
            cancelReason: action === "CANCEL" ? (cancelReason as CancelReason) : null,
            serviceId: action === "REDIRECT" ? serviceId : null,
            outcome:
              action === "COMPLETE"
                ? { provided: provided.trim(), recommendations: recommendations.trim(), score: score === "" ? null : Number(score) }
                : null,
          },
        },
      });
      clearForm();
      setOpen(null);
      setDone(ACTIONS[action].done);
      // A redirect opens a new part and any action can change the referral's summary and timeline.
      await onChanged();
      // Confirmed in a dialog, the action took away the button that opened it: focus lands on what happened.
      if (ACTIONS[action].confirmation) doneRef.current?.focus();
    } catch (error) {
      const byField: Errors = {};
      for (const problem of apiErrors(error instanceof Error ? error : null)) {
        const name = problem.field?.at(-1);
        if (
          problem.code === "BAD_USER_INPUT" &&
          (name === "note" || name === "declineReason" || name === "cancelReason" || name === "serviceId" || name === "provided")
        ) {
          byField[name] = problem.message;
        }
      }
      setErrors(byField);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>, action: Action) {
    event.preventDefault();
    void act(action);
  }

  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${idOf(field)}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const invalid = (field: Field) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${idOf(field)}-error` : undefined,
  });
  const general = apiErrors(mutationError).filter((problem) => !(problem.code === "BAD_USER_INPUT" && problem.field && errors[problem.field.at(-1) as Field]));

  const problems =
    general.length > 0 ? (
      <div className="error" role="alert">
        <p>{conflict ? "Someone else changed this referral; reload to see the latest." : general.map((problem) => problem.message).join(" ")}</p>
        {conflict && (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              onChanged().then(() => {
                reset();
                setOpen(null);
              })
            }
          >
            Reload
          </button>
        )}
      </div>
    ) : null;

  const shown = open && offered.includes(open) ? open : null;
  const confirmation = shown ? ACTIONS[shown].confirmation : undefined;

  /** The inputs the open action needs; the first of a dialog's takes focus when it opens. */
  const fields = (action: Action) => (
    <>
      {action === "DECLINE" && (
        <div className="field">
          <label htmlFor={idOf("declineReason")}>Reason for declining (required)</label>
          <select
            id={idOf("declineReason")}
            data-initial-focus
            value={declineReason}
            onChange={(event) => {
              setDeclineReason(event.target.value as DeclineReason);
              edited("declineReason");
            }}
            {...invalid("declineReason")}
          >
            <option value="">Choose a reason</option>
            {DECLINE_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {DECLINE_REASON_LABELS[reason]}
              </option>
            ))}
          </select>
          {fieldError("declineReason")}
        </div>
      )}
      {action === "CANCEL" && (
        <div className="field">
          <label htmlFor={idOf("cancelReason")}>Reason for cancelling (required)</label>
          <select
            id={idOf("cancelReason")}
            data-initial-focus
            value={cancelReason}
            onChange={(event) => {
              setCancelReason(event.target.value as CancelReason);
              edited("cancelReason");
            }}
            {...invalid("cancelReason")}
          >
            <option value="">Choose a reason</option>
            {CANCEL_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {CANCEL_REASON_LABELS[reason]}
              </option>
            ))}
          </select>
          {fieldError("cancelReason")}
        </div>
      )}
      {action === "REDIRECT" && (
        <RedirectServices
          id={idOf("serviceId")}
          discipline={otherDiscipline(part.discipline)}
          value={serviceId}
          onChange={(id) => {
            setServiceId(id);
            edited("serviceId");
          }}
          error={errors.serviceId}
        />
      )}
      {action === "COMPLETE" ? (
        <>
          <div className="field">
            <label htmlFor={idOf("provided")}>What was provided (required)</label>
            <textarea
              id={idOf("provided")}
              rows={3}
              value={provided}
              onChange={(event) => {
                setProvided(event.target.value);
                edited("provided");
              }}
              {...invalid("provided")}
            />
            {fieldError("provided")}
          </div>
          <div className="field">
            <label htmlFor={idOf("recommendations")}>Recommendations</label>
            <textarea id={idOf("recommendations")} rows={3} value={recommendations} onChange={(event) => setRecommendations(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={idOf("score")}>Therapy Outcome Measures score (optional)</label>
            <select id={idOf("score")} value={score} onChange={(event) => setScore(event.target.value)} aria-describedby={idOf("score-hint")}>
              <option value="">Not scored</option>
              {TOMS_SCORES.map((value) => (
                <option key={value} value={String(value)}>
                  {value.toFixed(1)}
                </option>
              ))}
            </select>
            <span className="hint" id={idOf("score-hint")}>
              0 (most severe) to 5 (no difficulty), in half points.
            </span>
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor={idOf("note")}>{noteLabel(action).label}</label>
          <textarea
            id={idOf("note")}
            rows={3}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              edited("note");
            }}
            {...invalid("note")}
          />
          {fieldError("note")}
        </div>
      )}
    </>
  );

  function button(action: Action) {
    if (ACTIONS[action].confirmation) {
      return (
        <button
          key={action}
          type="button"
          className="button secondary"
          aria-haspopup="dialog"
          disabled={loading}
          onClick={() => {
            clearForm();
            reset();
            setOpen(action);
          }}
        >
          {ACTIONS[action].label}
        </button>
      );
    }
    if (ACTIONS[action].form) {
      return (
        <button
          key={action}
          type="button"
          className={`button ${open === action ? "" : "secondary"}`}
          aria-expanded={open === action}
          aria-controls={idOf(`form-${action}`)}
          disabled={loading}
          onClick={() => {
            setErrors({});
            setOpen(open === action ? null : action);
          }}
        >
          {ACTIONS[action].label}
        </button>
      );
    }
    return (
      <button key={action} type="button" className="button" disabled={loading || conflict} onClick={() => act(action)}>
        {ACTIONS[action].label}
      </button>
    );
  }

  if (offered.length === 0 && !done) return null;
  return (
    <div className="part-actions">
      <h3>What you can do</h3>
      <p className="muted" role="status" tabIndex={-1} ref={doneRef}>
        {done}
      </p>
      {!confirmation && problems}
      {offered.length === 0 ? (
        <p className="muted">Nothing more for you to do on this part now.</p>
      ) : (
        <>
          {/* What the part waits for comes first; cancelling, which ends it, stands apart below. */}
          {offered.some((action) => action !== "CANCEL") && <div className="actions">{offered.filter((action) => action !== "CANCEL").map(button)}</div>}
          {offered.includes("CANCEL") && <div className="actions cancel-action">{button("CANCEL")}</div>}
        </>
      )}
      <ConfirmDialog
        open={Boolean(confirmation)}
        title={shown && confirmation ? confirmation.title(DISCIPLINE_LABELS[part.discipline].toLowerCase()) : ""}
        description={<p>{confirmation?.description}</p>}
        confirmLabel={confirmation?.confirm ?? ""}
        keepLabel={confirmation?.keep ?? ""}
        busy={loading}
        fallbackFocus={doneRef}
        onConfirm={() => shown && void act(shown)}
        onKeep={() => {
          setOpen(null);
          setErrors({});
          reset();
        }}
      >
        {shown && confirmation && fields(shown)}
        {confirmation && problems}
      </ConfirmDialog>
      {shown && !confirmation && (
        <form className="action-form" id={idOf(`form-${shown}`)} noValidate onSubmit={(event) => onSubmit(event, shown)} aria-label={ACTIONS[shown].label}>
          {fields(shown)}
          <div className="actions">
            <button type="submit" className="button" disabled={loading || conflict}>
              {loading ? "Sending…" : `Confirm: ${ACTIONS[shown].label.toLowerCase()}`}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
