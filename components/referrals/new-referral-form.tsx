"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { apiErrors, isMissingRecord, type ApiError } from "@/components/graphql-errors";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { recommendedDisciplines } from "@/lib/referrals/lifecycle";
import {
  DISCIPLINES,
  DISCIPLINE_LABELS,
  PRIORITY_LABELS,
  RECOMMENDATION_LABELS,
  REFERRAL_PRIORITIES,
  formatDate,
  formatDateTime,
  personName,
  type Discipline,
  type ReferralPriority,
} from "@/components/labels";
import { PATIENT_NAME } from "@/components/patients/operations";
import { DuplicateDialog } from "@/components/duplicate-dialog";
import { NotFound } from "@/components/not-found";
import { useDebouncedValue } from "@/components/use-debounced-value";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_REFERRAL, formatSize } from "@/lib/attachments/validation";
import type {
  CatalogEntryFieldsFragment as CatalogEntry,
  ConditionCode,
  NeedCode,
  NeedsInput,
  Recommendation,
  ReferralDraftFieldsFragment as ReferralDraft,
  ReferralDraftInput,
} from "@/lib/generated/graphql/graphql";
import { uploadAttachment } from "./attachment-upload";
import { CREATE_REFERRAL, DISCARD_REFERRAL_DRAFT, NEED_CATALOG, REFERRAL_DRAFT, SAVE_REFERRAL_DRAFT, THERAPY_SERVICES, TRIAGE_PREVIEW } from "./operations";
import { TriagePreview } from "./triage-preview";

// The API refuses longer notes (lib/triage NOTES_MAX_LENGTH); the engine itself stays out of the browser bundle.
const NOTES_MAX_LENGTH = 10_000;
/** How long the form waits after the last change before it saves the draft on the server. */
const DRAFT_SAVE_DELAY_MS = 800;

/** Nothing is cut: notes over the limit stay in the box, and this says what to do about them. */
function notesProblem(notes: string): string | null {
  if (notes.length <= NOTES_MAX_LENGTH) return null;
  const over = notes.length - NOTES_MAX_LENGTH;
  return `The notes are ${notes.length.toLocaleString("en-GB")} characters, over the limit of ${NOTES_MAX_LENGTH.toLocaleString("en-GB")}: shorten them by ${over.toLocaleString("en-GB")} ${over === 1 ? "character" : "characters"} before sending. Nothing has been cut.`;
}

/**
 * What the clinician may refer to. "Assess first" sends the referral to one
 * service the clinician chooses (of either discipline), recorded as assess
 * first: that service assesses, then decides like any other, redirecting to
 * the other discipline when the assessment says so. A referral with no part
 * would reach no worklist, so assessing first always names a service.
 */
type Choice = Recommendation;
const CHOICES: readonly Choice[] = ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY", "BOTH", "NEEDS_ASSESSMENT"];
const CHOICE_LABELS: Record<Choice, string> = {
  OCCUPATIONAL_THERAPY: "Occupational therapy",
  PHYSIOTHERAPY: "Physiotherapy",
  BOTH: "Both",
  NEEDS_ASSESSMENT: "Assess first",
};

function disciplinesOfChoice(choice: Exclude<Choice, "NEEDS_ASSESSMENT">): Discipline[] {
  return choice === "BOTH" ? [...DISCIPLINES] : [choice];
}

type Assessment = { serviceId: string; discipline: Discipline };

/** The needs as the form holds them: the API's NeedsInput with every field given. */
type NeedsSelection = { [Field in keyof NeedsInput]-?: NonNullable<NeedsInput[Field]> };

type FieldName = "needs" | "notes" | "decision" | "choice" | "overrideReason" | "assessment" | "priority";
type FieldErrors = Partial<Record<FieldName, string>>;

/** What takes focus for each field's error, in the order the fields appear. */
const FOCUS_TARGETS: Record<FieldName, string> = {
  needs: "needs-error",
  notes: "notes",
  decision: "decision-accept",
  choice: "choice-fieldset",
  overrideReason: "override-reason",
  assessment: "assessment-service",
  priority: "priority",
};

/** Where the API put a BAD_USER_INPUT error, in terms of this form's fields. */
function fieldOf(error: ApiError): FieldName | null {
  const [, first, second] = error.field ?? [];
  if (first === "needs") return second === "notes" ? "notes" : "needs";
  if (first === "overrideReason") return "overrideReason";
  if (first === "disciplines") return "choice";
  if (first === "priority") return "priority";
  return null;
}

const LEAVE_WARNING =
  "This referral has not been sent. Leave the page? Its latest changes may not be saved in your draft yet.";

/**
 * While the form holds changes not yet saved in the draft: a reload or closing the tab asks first
 * (beforeunload), and so does a click on a link to another page of the portal
 * (the menu, the breadcrumb), which the router would otherwise follow silently.
 */
function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin || (to.pathname === window.location.pathname && to.search === window.location.search)) return;
      if (window.confirm(LEAVE_WARNING)) return;
      // Captured on the window, before React's handler: the router never sees the click.
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [active]);
}

function groupEntries(entries: readonly CatalogEntry[], groups: readonly string[]) {
  return groups
    .map((group) => ({ group, entries: entries.filter((entry) => entry.group === group) }))
    .filter((section) => section.entries.length > 0);
}

interface ServiceDescription {
  id: string;
  name: string;
  description?: string | null;
  eligibilityCriteria?: string | null;
  exclusions?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

/** What the chosen service says of itself, under the choice: what it does, whom it takes and does not, how to reach it. */
function ServiceDetails({ service, id }: { service: ServiceDescription | undefined; id: string }) {
  if (!service) return null;
  const contact = [service.contactPhone, service.contactEmail].filter(Boolean).join(" · ");
  const described = service.description || service.eligibilityCriteria || service.exclusions || contact;
  return (
    <div className="service-details" id={id} aria-live="polite" data-testid="service-details">
      {!described && <p className="muted">{service.name} has not described itself yet.</p>}
      {service.description && <p className="service-description">{service.description}</p>}
      {service.eligibilityCriteria && (
        <p>
          <strong>Who it takes:</strong> {service.eligibilityCriteria}
        </p>
      )}
      {service.exclusions && (
        <p>
          <strong>Who it does not take:</strong> {service.exclusions}
        </p>
      )}
      {contact && (
        <p>
          <strong>Contact:</strong> {contact}
        </p>
      )}
    </div>
  );
}

/**
 * The services of one discipline the clinic can refer to, its own first (the API's order), then other
 * clinics' that accept outside referrals; the first is chosen until the clinician picks another.
 */
function ServiceChoice({ discipline, value, onChange }: { discipline: Discipline; value: string | undefined; onChange: (serviceId: string) => void }) {
  const { data, error } = useQuery(THERAPY_SERVICES, { variables: { discipline } });
  const services = data?.therapyServices ?? [];
  const first = services[0]?.id;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  const own = services.filter((service) => service.own);
  const others = services.filter((service) => !service.own);
  const id = `service-${discipline}`;
  return (
    <div className="field">
      <label htmlFor={id}>{DISCIPLINE_LABELS[discipline]} service</label>
      <select
        id={id}
        name={id}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
        disabled={!data}
        aria-describedby={value ? `${id}-details` : undefined}
      >
        {!data && <option value="">Loading the services…</option>}
        {own.length > 0 && (
          <optgroup label="Your clinic">
            {own.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label="Other clinics">
            {others.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name} ({service.clinic.name})
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <ServiceDetails service={services.find((service) => service.id === value)} id={`${id}-details`} />
      {error && <p className="field-error">{apiErrors(error)[0]?.message}</p>}
    </div>
  );
}

/** Every service the clinic can refer to, of both disciplines, for the one that assesses the patient first; the first is chosen until the clinician picks another. */
function AssessmentServiceChoice({ value, onChange, error }: { value: Assessment | null; onChange: (assessment: Assessment) => void; error?: string }) {
  const { data, error: loadError } = useQuery(THERAPY_SERVICES, { variables: { discipline: null } });
  const services = data?.therapyServices ?? [];
  const first = services[0];
  useEffect(() => {
    if (!value && first) onChange({ serviceId: first.id, discipline: first.discipline });
  }, [value, first, onChange]);
  const groups = [
    { label: "Your clinic", services: services.filter((service) => service.own) },
    { label: "Other clinics", services: services.filter((service) => !service.own) },
  ].filter((group) => group.services.length > 0);
  return (
    <div className="field">
      <label htmlFor="assessment-service">Service to assess the patient</label>
      <select
        id="assessment-service"
        name="assessmentService"
        value={value?.serviceId ?? ""}
        disabled={!data}
        onChange={(event) => {
          const service = services.find((candidate) => candidate.id === event.target.value);
          if (service) onChange({ serviceId: service.id, discipline: service.discipline });
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? "assessment-service-error" : "", value ? "assessment-service-details" : ""].filter(Boolean).join(" ") || undefined}
      >
        {!data && <option value="">Loading the services…</option>}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name} ({DISCIPLINE_LABELS[service.discipline]}
                {service.own ? "" : `, ${service.clinic.name}`})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <ServiceDetails service={services.find((service) => service.id === value?.serviceId)} id="assessment-service-details" />
      {loadError && <p className="field-error">{apiErrors(loadError)[0]?.message}</p>}
      {error && (
        <p className="field-error" id="assessment-service-error">
          {error}
        </p>
      )}
    </div>
  );
}

function CodeCheckboxes<Code extends string>({
  kind,
  legend,
  entries,
  groups,
  selected,
  onToggle,
}: {
  kind: "need" | "condition";
  legend: string;
  entries: readonly CatalogEntry[];
  groups: readonly string[];
  selected: readonly Code[];
  onToggle: (code: Code) => void;
}) {
  return (
    <fieldset className="code-fieldset">
      <legend>{legend}</legend>
      {groupEntries(entries, groups).map(({ group, entries: groupEntriesList }) => (
        <fieldset key={group} className="code-group">
          <legend>{group}</legend>
          <div className="code-options">
            {groupEntriesList.map((entry) => {
              const id = `${kind}-${entry.code}`;
              return (
                <div className="check" key={entry.code}>
                  <input
                    type="checkbox"
                    id={id}
                    name={`${kind}s`}
                    value={entry.code}
                    checked={selected.includes(entry.code as Code)}
                    onChange={() => onToggle(entry.code as Code)}
                    aria-describedby={`${id}-description`}
                  />
                  <label htmlFor={id}>{entry.label}</label>
                  <span className="check-description" id={`${id}-description`}>
                    {entry.description}
                  </span>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

function toggled<Code>(codes: readonly Code[], code: Code): Code[] {
  return codes.includes(code) ? codes.filter((existing) => existing !== code) : [...codes, code];
}

function isEmpty(input: NeedsSelection): boolean {
  return input.needs.length === 0 && input.conditions.length === 0 && input.notes.trim() === "";
}

function sameInput(a: NeedsSelection, b: NeedsSelection): boolean {
  return a.notes === b.notes && a.needs.join() === b.needs.join() && a.conditions.join() === b.conditions.join();
}

type Decision = "accept" | "override";

export function NewReferralForm({ patientId }: { patientId: string }) {
  const router = useRouter();
  const patientQuery = useQuery(PATIENT_NAME, { variables: { id: patientId } });
  const catalogQuery = useQuery(NEED_CATALOG);

  const [needs, setNeeds] = useState<NeedCode[]>([]);
  const [conditions, setConditions] = useState<ConditionCode[]>([]);
  const [notes, setNotes] = useState("");
  // Nothing is chosen for the clinician: accepting the recommendation is a decision they make.
  const [decision, setDecision] = useState<Decision | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const [priority, setPriority] = useState<ReferralPriority>("ROUTINE");
  const [serviceIds, setServiceIds] = useState<Partial<Record<Discipline, string>>>({});
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const chooseService = useMemo(
    () =>
      Object.fromEntries(
        DISCIPLINES.map((discipline) => [discipline, (serviceId: string) => setServiceIds((current) => ({ ...current, [discipline]: serviceId }))]),
      ) as Record<Discipline, (serviceId: string) => void>,
    [],
  );
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  // One key for this form: a retry or a second click can never send the referral twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  // The ref stops a second click in the same tick; the state shows it.
  const sendingRef = useRef(false);
  const [sending, setSending] = useState(false);
  const [createReferral] = useMutation(CREATE_REFERRAL);
  const [showDescriptions, setShowDescriptions] = useState(false);
  /** The server's duplicate warning, while it waits for "send anyway" and a reason. */
  const [duplicate, setDuplicate] = useState<string | null>(null);
  /** Sent, but some attachments were refused: the page stays to say which. */
  const [sentWithRefusals, setSentWithRefusals] = useState<{ referralId: string; problems: string[] } | null>(null);
  const [attaching, setAttaching] = useState<string | null>(null);

  /** A field's message goes as soon as the field is changed: it was about what was there before. */
  function edited(...fields: FieldName[]) {
    setFieldErrors((current) => {
      if (!fields.some((field) => current[field])) return current;
      const rest = { ...current };
      for (const field of fields) delete rest[field];
      return rest;
    });
  }

  // The draft on the server (lib/drafts) is offered once; until the clinician restores or discards it, nothing overwrites it.
  const draftQuery = useQuery(REFERRAL_DRAFT, { variables: { patientId }, fetchPolicy: "network-only" });
  const [saveDraft] = useMutation(SAVE_REFERRAL_DRAFT);
  const [discardDraftMutation] = useMutation(DISCARD_REFERRAL_DRAFT);
  const [draftAnswered, setDraftAnswered] = useState(false);
  const storedDraft = draftQuery.data?.referralDraft ?? null;
  const draftOffer = draftAnswered ? null : storedDraft;
  const draftReady = !draftQuery.loading && !draftOffer;
  const draftId = useRef<string | null>(null);
  const [savedInput, setSavedInput] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const sentRef = useRef(false);
  const [sent, setSent] = useState(false);
  const pristine =
    needs.length === 0 &&
    conditions.length === 0 &&
    notes === "" &&
    decision === null &&
    choice === null &&
    overrideReason === "" &&
    priority === "ROUTINE";
  const draftInput: ReferralDraftInput = useMemo(
    () => ({
      patientId,
      needs,
      conditions,
      notes,
      decision: decision === null ? null : decision === "accept" ? "ACCEPT" : "OVERRIDE",
      choice,
      overrideReason,
      priority,
      services: DISCIPLINES.flatMap((discipline) => (serviceIds[discipline] ? [{ discipline, serviceId: serviceIds[discipline] }] : [])),
      assessment: assessment ? { discipline: assessment.discipline, serviceId: assessment.serviceId } : null,
    }),
    [patientId, needs, conditions, notes, decision, choice, overrideReason, priority, serviceIds, assessment],
  );
  const draftKey = JSON.stringify(draftInput);
  const settledDraftKey = useDebouncedValue(draftKey, DRAFT_SAVE_DELAY_MS);
  useEffect(() => {
    if (!draftReady || sentRef.current || settledDraftKey !== draftKey) return;
    if (pristine) {
      const id = draftId.current;
      if (!id) return;
      draftId.current = null;
      void discardDraftMutation({ variables: { id } }).catch(() => undefined);
      return;
    }
    if (settledDraftKey === savedInput) return;
    saveDraft({ variables: { input: JSON.parse(settledDraftKey) as ReferralDraftInput } })
      .then((result) => {
        const saved = result.data?.saveReferralDraft;
        if (!saved) return;
        draftId.current = saved.id;
        setSavedInput(settledDraftKey);
        setSavedAt(saved.updatedAt);
      })
      .catch(() => setSavedAt(null));
  }, [draftReady, settledDraftKey, draftKey, pristine, savedInput, saveDraft, discardDraftMutation]);
  useLeaveWarning(!pristine && !sending && !sent && draftKey !== savedInput);

  function restoreDraft(draft: ReferralDraft) {
    setNeeds(draft.needs);
    setConditions(draft.conditions);
    setNotes(draft.notes);
    setDecision(draft.decision === "OVERRIDE" ? "override" : draft.decision === "ACCEPT" ? "accept" : null);
    setChoice(draft.choice && CHOICES.includes(draft.choice) ? draft.choice : null);
    setOverrideReason(draft.overrideReason);
    setPriority(REFERRAL_PRIORITIES.includes(draft.priority) ? draft.priority : "ROUTINE");
    setServiceIds(Object.fromEntries(draft.services.map((service) => [service.discipline, service.serviceId])));
    setAssessment(draft.assessment ? { discipline: draft.assessment.discipline, serviceId: draft.assessment.serviceId } : null);
    draftId.current = draft.id;
    setDraftAnswered(true);
  }

  function discardDraft(draft: ReferralDraft) {
    void discardDraftMutation({ variables: { id: draft.id } }).catch(() => undefined);
    setDraftAnswered(true);
  }

  function chooseFiles(chosen: FileList | null) {
    const list = Array.from(chosen ?? []);
    setFiles(list);
    const tooLarge = list.filter((file) => file.size > ATTACHMENT_MAX_BYTES);
    setFilesError(
      list.length > ATTACHMENTS_PER_REFERRAL
        ? `Choose at most ${ATTACHMENTS_PER_REFERRAL} files.`
        : tooLarge.length
          ? `${tooLarge.map((file) => `“${file.name}”`).join(", ")} ${tooLarge.length === 1 ? "is" : "are"} larger than ${formatSize(ATTACHMENT_MAX_BYTES)}: choose a smaller file.`
          : null,
    );
  }

  // Codes are kept in catalogue order so equal selections make equal queries (and cache hits).
  const catalog = catalogQuery.data?.needCatalog;
  const needsInput = useMemo<NeedsSelection>(() => {
    const order = (codes: readonly string[], entries: readonly CatalogEntry[] | undefined) =>
      entries ? entries.map((entry) => entry.code).filter((code) => codes.includes(code)) : [...codes];
    return {
      needs: order(needs, catalog?.needs) as NeedCode[],
      conditions: order(conditions, catalog?.conditions) as ConditionCode[],
      notes,
    };
  }, [needs, conditions, notes, catalog]);
  const settledInput = useDebouncedValue(needsInput, 250);
  const settledEmpty = isEmpty(settledInput);
  const triageQuery = useQuery(TRIAGE_PREVIEW, { variables: { input: settledInput }, skip: settledEmpty });
  // While the next preview loads, the last one stays on screen (marked as updating) so the panel does not jump.
  const shownTriage =
    settledEmpty || triageQuery.error ? null : (triageQuery.data ?? triageQuery.previousData)?.triage ?? null;
  const previewIsCurrent = sameInput(settledInput, needsInput) && !triageQuery.loading && !settledEmpty;
  const recommendation: Recommendation | null = shownTriage?.recommendation ?? null;

  const assessFirstRecommended = recommendation === "NEEDS_ASSESSMENT";
  // Nothing to accept or override until there is a recommendation.
  const overriding = recommendation !== null && decision === "override";
  const accepting = recommendation !== null && decision === "accept";
  // "Choose otherwise" means something other than the recommendation itself.
  const offeredChoices = CHOICES.filter((option) => option !== recommendation);
  const validChoice = choice && offeredChoices.includes(choice) ? choice : null;
  // Accepting an assess-first recommendation, or choosing it instead of a discipline.
  const sendingForAssessment = overriding ? validChoice === "NEEDS_ASSESSMENT" : accepting && assessFirstRecommended;
  // The disciplines the referral would go to as the form stands: each is offered its services.
  const disciplines: Discipline[] =
    recommendation === null
      ? []
      : sendingForAssessment
        ? assessment
          ? [assessment.discipline]
          : []
        : overriding
          ? validChoice && validChoice !== "NEEDS_ASSESSMENT"
            ? disciplinesOfChoice(validChoice)
            : []
          : accepting
            ? recommendedDisciplines(recommendation)
            : [];

  if (isMissingRecord(patientQuery.error) || (patientQuery.data && !patientQuery.data.patient)) return <NotFound what="patient" />;
  if (patientQuery.error) {
    return (
      <p className="error" role="alert">
        {apiErrors(patientQuery.error)[0]?.message}
      </p>
    );
  }
  const patient = patientQuery.data?.patient;

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (isEmpty(needsInput)) errors.needs = "Record at least one need, condition or note.";
    const tooLong = notesProblem(notes);
    if (tooLong) errors.notes = tooLong;
    if (recommendation !== null && decision === null) errors.decision = "Accept the recommendation, or choose otherwise and say why.";
    if (overriding && !validChoice) errors.choice = "Choose where to refer the patient.";
    if (overriding && overrideReason.trim() === "") {
      errors.overrideReason = assessFirstRecommended
        ? "Give a reason for your choice: the recommendation is to assess first."
        : "Give a reason for not following the recommendation.";
    }
    if (sendingForAssessment && !assessment) errors.assessment = "Choose the service to assess the patient.";
    return errors;
  }

  /** Shows the errors, then moves focus to the first, so a keyboard user lands where the fix is. */
  function showFieldErrors(errors: FieldErrors) {
    flushSync(() => setFieldErrors(errors));
    const firstInvalid = (Object.keys(FOCUS_TARGETS) as FieldName[]).find((field) => errors[field]);
    if (firstInvalid) document.getElementById(FOCUS_TARGETS[firstInvalid])?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingRef.current) return;
    setFormError(null);
    const errors = validate();
    showFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (filesError) {
      document.getElementById("attachments-input")?.focus();
      return;
    }
    if (triageQuery.error) {
      setFormError(`There is no recommendation to decide on: ${apiErrors(triageQuery.error)[0]?.message ?? ""}`);
      return;
    }
    if (!previewIsCurrent || recommendation === null) {
      setFormError("The recommendation is still updating. Check it, then send again.");
      return;
    }
    await send(null);
  }

  /** Sends the referral (with the reason for sending despite an open one, once asked), then its attachments. */
  async function send(duplicateReason: string | null) {
    sendingRef.current = true;
    setSending(true);
    try {
      const result = await createReferral({
        variables: {
          input: {
            idempotencyKey,
            patientId,
            needs: needsInput,
            disciplines,
            overrideReason: overriding ? overrideReason.trim() : null,
            duplicateReason,
            assessFirst: sendingForAssessment,
            priority,
            serviceIds: sendingForAssessment && assessment ? [assessment.serviceId] : disciplines.flatMap((discipline) => serviceIds[discipline] ?? []),
          },
        },
      });
      const referralId = result.data?.createReferral.id;
      if (!referralId) throw new Error("The referral was not returned");
      // Sent: the server deleted the draft with it, and leaving now loses nothing.
      sentRef.current = true;
      setSent(true);
      draftId.current = null;
      setDuplicate(null);
      const problems: string[] = [];
      for (const [index, file] of files.entries()) {
        setAttaching(`Attaching ${index + 1} of ${files.length}: ${file.name}…`);
        const uploaded = await uploadAttachment(referralId, file);
        if (!uploaded.ok) problems.push(uploaded.message);
      }
      setAttaching(null);
      if (problems.length > 0) {
        setSending(false);
        setSentWithRefusals({ referralId, problems });
        return;
      }
      // Stays "sending" until the referral page replaces this one.
      router.push(`/referrals/${referralId}`);
    } catch (error) {
      sendingRef.current = false;
      setSending(false);
      setAttaching(null);
      const problems = apiErrors(error instanceof Error ? error : null);
      const warning = problems.find((problem) => problem.code === "CONFLICT" && problem.field?.at(-1) === "duplicateReason");
      if (warning) {
        setDuplicate(warning.message);
        return;
      }
      const byField: FieldErrors = {};
      const general: string[] = [];
      for (const problem of problems) {
        const field = problem.code === "BAD_USER_INPUT" ? fieldOf(problem) : null;
        if (field) byField[field] = problem.message;
        else general.push(problem.message);
      }
      setFormError(general.length > 0 ? general.join(" ") : null);
      showFieldErrors(byField);
    }
  }

  if (sentWithRefusals) {
    return (
      <section className="card" aria-labelledby="sent-heading">
        <h1 id="sent-heading">Referral sent</h1>
        <div className="error" role="alert" data-testid="attachment-refusals">
          <p>
            {sentWithRefusals.problems.length === 1 ? "One file was not attached:" : `${sentWithRefusals.problems.length} files were not attached:`}
          </p>
          <ul>
            {sentWithRefusals.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
        <p>
          <Link className="button" href={`/referrals/${sentWithRefusals.referralId}`}>
            Open the referral
          </Link>{" "}
          to attach another file.
        </p>
      </section>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/patients">Patients</Link> ›{" "}
        {patient ? <Link href={`/patients/${patient.id}`}>{personName(patient)}</Link> : <span>Patient</span>} › New referral
      </nav>
      <h1>New referral</h1>
      <p className="muted patient-line" aria-busy={!patient}>
        {patient ? (
          <>
            For <strong>{personName(patient)}</strong> · record {patient.medicalRecordNumber} · born {formatDate(patient.dateOfBirth)}
          </>
        ) : (
          "Loading the patient…"
        )}
      </p>

      {draftOffer && (
        <section className="notice draft-offer" aria-labelledby="draft-offer-heading">
          <h2 id="draft-offer-heading">Unsent draft</h2>
          <p>
            You started a referral for this patient and left it unsent (last changed {formatDateTime(draftOffer.updatedAt)}; kept until{" "}
            {formatDateTime(draftOffer.expiresAt)}).
          </p>
          <div className="actions">
            <button className="button" type="button" onClick={() => restoreDraft(draftOffer)}>
              Restore draft
            </button>
            <button className="button secondary" type="button" onClick={() => discardDraft(draftOffer)}>
              Discard
            </button>
          </div>
        </section>
      )}
      <DuplicateDialog
        open={duplicate !== null}
        title="Send anyway?"
        message={duplicate ?? ""}
        confirmLabel="Send anyway"
        keepLabel="Do not send"
        busy={sending}
        onConfirm={(reason) => void send(reason)}
        onKeep={() => setDuplicate(null)}
      />

      {catalogQuery.error && (
        <p className="error" role="alert">
          {apiErrors(catalogQuery.error)[0]?.message}
        </p>
      )}
      {!catalog ? (
        !catalogQuery.error && <p className="muted">Loading the need catalogue…</p>
      ) : (
        <form
          className={`referral-form${showDescriptions ? " show-descriptions" : ""}`}
          onSubmit={onSubmit}
          noValidate
          aria-labelledby="new-referral-heading"
        >
          <h2 id="new-referral-heading" className="visually-hidden">
            Needs and decision
          </h2>
          <div className="referral-layout">
            <div className="referral-main">
              <div className="card" id="needs-section">
                <p className="muted">What does the patient need? Tick all that apply, and add notes in your own words.</p>
                {/* On a phone the descriptions fold away so the checklist fits; they stay the checkboxes' descriptions. */}
                <button
                  type="button"
                  className="link-button description-toggle"
                  aria-pressed={showDescriptions}
                  onClick={() => setShowDescriptions((shown) => !shown)}
                >
                  Show descriptions
                </button>
                {fieldErrors.needs && (
                  <p className="field-error" id="needs-error" role="alert" tabIndex={-1}>
                    {fieldErrors.needs}
                  </p>
                )}
                <CodeCheckboxes<NeedCode>
                  kind="need"
                  legend="Needs"
                  entries={catalog.needs}
                  groups={catalog.groups}
                  selected={needs}
                  onToggle={(code) => {
                    setNeeds((current) => toggled(current, code));
                    edited("needs");
                  }}
                />
                <CodeCheckboxes<ConditionCode>
                  kind="condition"
                  legend="Conditions"
                  entries={catalog.conditions}
                  groups={catalog.groups}
                  selected={conditions}
                  onToggle={(code) => {
                    setConditions((current) => toggled(current, code));
                    edited("needs");
                  }}
                />
                <div className="field">
                  <label htmlFor="notes">Notes</label>
                  {/* No maxLength: the browser would cut a long paste silently; over the limit the form says so instead. */}
                  <textarea
                    id="notes"
                    name="notes"
                    rows={5}
                    value={notes}
                    onChange={(event) => {
                      setNotes(event.target.value);
                      edited("needs", "notes");
                    }}
                    aria-invalid={notesProblem(notes) ? true : undefined}
                    aria-describedby={notesProblem(notes) ? "notes-hint notes-count notes-error" : "notes-hint notes-count"}
                  />
                  <span className="hint" id="notes-hint">
                    What the patient finds hard, in plain words; the recommendation reads these too.
                  </span>
                  <span className="hint counter" id="notes-count">
                    {notes.length.toLocaleString("en-GB")} of {NOTES_MAX_LENGTH.toLocaleString("en-GB")} characters
                  </span>
                  {notesProblem(notes) && (
                    <p className="field-error" id="notes-error" role="alert">
                      {notesProblem(notes)}
                    </p>
                  )}
                </div>
                <div className="field">
                  <label htmlFor="attachments-input">Attachments (optional)</label>
                  <input
                    id="attachments-input"
                    name="attachments"
                    type="file"
                    multiple
                    accept={ATTACHMENT_ACCEPT}
                    onChange={(event) => chooseFiles(event.target.files)}
                    aria-invalid={filesError ? true : undefined}
                    aria-describedby={filesError ? "attachments-hint attachments-error" : "attachments-hint"}
                  />
                  <span className="hint" id="attachments-hint">
                    A discharge letter, a report, a photo: PDF, PNG, JPEG or plain text, up to {formatSize(ATTACHMENT_MAX_BYTES)} each. Sent with
                    the referral.
                  </span>
                  {filesError && (
                    <p className="field-error" id="attachments-error" role="alert">
                      {filesError}
                    </p>
                  )}
                </div>
              </div>

            <div className="card decision">
              <fieldset aria-describedby={fieldErrors.decision ? "decision-hint decision-error" : "decision-hint"}>
                <legend>Decision</legend>
                <p className="hint" id="decision-hint">
                  {recommendation === null
                    ? "Record the patient's needs first: the decision opens once there is a recommendation."
                    : assessFirstRecommended
                      ? "The recommendation is to assess first: accept it and choose the service to assess the patient, or choose otherwise and say why."
                      : "Accept the recommendation, or choose otherwise and say why."}
                </p>
                <div className="check">
                  <input
                    type="radio"
                    id="decision-accept"
                    name="decision"
                    value="accept"
                    checked={accepting}
                    disabled={recommendation === null}
                    onChange={() => {
                      setDecision("accept");
                      edited("decision", "choice", "overrideReason");
                    }}
                  />
                  <label htmlFor="decision-accept">
                    Accept recommendation
                    {recommendation && <span className="muted"> ({RECOMMENDATION_LABELS[recommendation]})</span>}
                  </label>
                </div>
                <div className="check">
                  <input
                    type="radio"
                    id="decision-override"
                    name="decision"
                    value="override"
                    checked={overriding}
                    disabled={recommendation === null}
                    onChange={() => {
                      setDecision("override");
                      edited("decision");
                    }}
                  />
                  <label htmlFor="decision-override">Choose otherwise</label>
                </div>
                {fieldErrors.decision && (
                  <p className="field-error" id="decision-error">
                    {fieldErrors.decision}
                  </p>
                )}

                {overriding && (
                  <div className="override">
                    <fieldset
                      id="choice-fieldset"
                      tabIndex={-1}
                      aria-invalid={fieldErrors.choice ? true : undefined}
                      aria-describedby={fieldErrors.choice ? "choice-error" : undefined}
                    >
                      <legend>Refer to</legend>
                      {offeredChoices.map((option) => (
                        <div className="check" key={option}>
                          <input
                            type="radio"
                            id={`choice-${option}`}
                            name="choice"
                            value={option}
                            checked={validChoice === option}
                            onChange={() => {
                              setChoice(option);
                              edited("choice");
                            }}
                          />
                          <label htmlFor={`choice-${option}`}>{CHOICE_LABELS[option]}</label>
                        </div>
                      ))}
                      {fieldErrors.choice && (
                        <p className="field-error" id="choice-error">
                          {fieldErrors.choice}
                        </p>
                      )}
                    </fieldset>
                    <div className="field">
                      <label htmlFor="override-reason">Reason for your choice (required)</label>
                      <textarea
                        id="override-reason"
                        name="overrideReason"
                        rows={3}
                        required
                        value={overrideReason}
                        onChange={(event) => {
                          setOverrideReason(event.target.value);
                          edited("overrideReason");
                        }}
                        aria-invalid={fieldErrors.overrideReason ? true : undefined}
                        aria-describedby={fieldErrors.overrideReason ? "override-reason-error" : undefined}
                      />
                      {fieldErrors.overrideReason && (
                        <p className="field-error" id="override-reason-error">
                          {fieldErrors.overrideReason}
                        </p>
                      )}
                    </div>
                  </div>
                )}
              </fieldset>

              {sendingForAssessment && (
                <fieldset className="service-choice" aria-describedby="assessment-hint">
                  <legend>Send for assessment to</legend>
                  <p className="hint" id="assessment-hint">
                    One service assesses the patient first, then decides; it can redirect to the other discipline.
                  </p>
                  <AssessmentServiceChoice
                    value={assessment}
                    onChange={(chosen) => {
                      setAssessment(chosen);
                      edited("assessment");
                    }}
                    error={fieldErrors.assessment}
                  />
                </fieldset>
              )}
              {!sendingForAssessment && disciplines.length > 0 && (
                <fieldset className="service-choice" aria-describedby="service-hint">
                  <legend>Send to</legend>
                  <p className="hint" id="service-hint">
                    Your clinic&apos;s services first, then other clinics&apos; that accept outside referrals. Each discipline&apos;s part is
                    decided by its service on its own.
                  </p>
                  {disciplines.map((discipline) => (
                    <ServiceChoice key={discipline} discipline={discipline} value={serviceIds[discipline]} onChange={chooseService[discipline]} />
                  ))}
                </fieldset>
              )}

              <div className="field priority-field">
                <label htmlFor="priority">Priority</label>
                <select
                  id="priority"
                  name="priority"
                  value={priority}
                  onChange={(event) => {
                    setPriority(event.target.value as ReferralPriority);
                    edited("priority");
                  }}
                  aria-invalid={fieldErrors.priority ? true : undefined}
                  aria-describedby={fieldErrors.priority ? "priority-error" : undefined}
                >
                  {REFERRAL_PRIORITIES.map((option) => (
                    <option key={option} value={option}>
                      {PRIORITY_LABELS[option]}
                    </option>
                  ))}
                </select>
                {fieldErrors.priority && (
                  <p className="field-error" id="priority-error">
                    {fieldErrors.priority}
                  </p>
                )}
              </div>

              {formError && (
                <p className="error" role="alert">
                  {formError}
                </p>
              )}
              <div className="actions">
                <button className="button" type="submit" disabled={sending}>
                  {sending ? "Sending…" : "Send referral"}
                </button>
                {patient && (
                  <Link className="button secondary" href={`/patients/${patient.id}`}>
                    Back to the patient
                  </Link>
                )}
              </div>
              <p className="hint" role="status" data-testid="draft-status">
                {attaching ?? (savedAt && draftKey === savedInput ? `Draft saved ${formatDateTime(savedAt)}: it is kept if you leave or are signed out.` : "")}
              </p>
            </div>
            </div>

            <TriagePreview
              triage={shownTriage}
              updating={!isEmpty(needsInput) && !previewIsCurrent}
              error={triageQuery.error}
            />
          </div>
        </form>
      )}
    </>
  );
}
