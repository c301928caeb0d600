import { ASSERTION_LABELS, CHECK_THIS_BELOW, RECOMMENDATION_LABELS, SIDE_LABELS, TRIAGE_SIDES, formatPercent } from "@/components/labels";
import type { TriageResultFieldsFragment as TriageResult } from "@/lib/generated/graphql/graphql";

type MatchedRule = TriageResult["matchedRules"][number];
type TriageEvidence = MatchedRule["evidence"][number];

function EvidenceItem({ evidence }: { evidence: TriageEvidence }) {
  if (evidence.kind === "NOTES") {
    return (
      <li>
        <q className="evidence-text">{evidence.text}</q> in the notes
      </li>
    );
  }
  return (
    <li>
      {evidence.label ?? evidence.code} <span className="muted">({evidence.kind === "NEED" ? "need" : "condition"})</span>
    </li>
  );
}

/**
 * A seed sentence exactly as the source wrote it (the quotation stays verbatim,
 * to the character), with "[sic]" drawn after the source's own doubled wording
 * ("Physiotherapy therapy") by the stylesheet, so the reader sees the slip is the
 * source's and not the portal's.
 */
function SeedQuote({ sentence }: { sentence: string }) {
  const parts = sentence.split(/(\bphysiotherapy therap(?:y|ists?)\b)/i);
  return (
    <blockquote className="seed-source">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <span key={index} className="sic">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </blockquote>
  );
}

function RuleItem({ rule }: { rule: MatchedRule }) {
  return (
    <li className="matched-rule">
      <p className="distinction">
        <strong>{rule.distinction}</strong> <span className="muted">· weight {rule.weight}</span>
      </p>
      <ul className="evidence-list" aria-label={`What matched “${rule.distinction}”`}>
        {rule.evidence.map((evidence, index) => (
          <EvidenceItem key={`${evidence.kind}-${evidence.code ?? evidence.text}-${index}`} evidence={evidence} />
        ))}
      </ul>
      <SeedQuote sentence={rule.source} />
    </li>
  );
}

/** The summary line of a triage result: what it recommends and how sure it is. */
export function TriageSummary({ result }: { result: TriageResult }) {
  return (
    <>
      <p className="recommendation">
        <span className="muted">Recommendation</span>
        <strong data-testid="recommendation" className={`recommendation-${result.recommendation.toLowerCase()}`}>
          {RECOMMENDATION_LABELS[result.recommendation]}
        </strong>
      </p>
      <p className="triage-reason">{result.reason}</p>
    </>
  );
}

/**
 * Confidence: calibrated on the tuning notes, so it means how often such answers agree with careful readers, for
 * assess first too. Below CHECK_THIS_BELOW the portal says "check this". Results of rulesets before 2026-12-07.1
 * kept a confidence of 0 for assess first, which said nothing: for those, how much evidence there was.
 */
export function confidenceFigure(result: TriageResult): { term: string; value: string; check: boolean } {
  if (result.recommendation === "NEEDS_ASSESSMENT" && result.findings.length === 0 && result.confidence === 0) {
    return { term: "Evidence", value: result.matchedRules.length === 0 ? "None found" : "Not enough for either discipline", check: false };
  }
  const check = result.confidence < CHECK_THIS_BELOW;
  return { term: "Confidence", value: `${formatPercent(result.confidence)}${check ? " — check this" : ""}`, check };
}

/** The recommendation and its confidence in one line: what the compact preview on a phone keeps in view. */
export function TriageHeadline({ result }: { result: TriageResult }) {
  const figure = confidenceFigure(result);
  return (
    <p className="recommendation">
      <span className="muted">Recommendation</span>
      <strong data-testid="recommendation" className={`recommendation-${result.recommendation.toLowerCase()}`}>
        {RECOMMENDATION_LABELS[result.recommendation]}
      </strong>
      <span className={`triage-confidence${figure.check ? " check-this" : ""}`} data-testid="recommendation-confidence">
        {figure.term}: {figure.value}
      </span>
    </p>
  );
}

/** Confidence, scores and the evidence of each side, each rule with the seed sentence it rests on. */
export function TriageEvidenceDetails({ result }: { result: TriageResult }) {
  const figure = confidenceFigure(result);
  return (
    <>
      <dl className="triage-figures">
        <div>
          <dt>{figure.term}</dt>
          <dd className={figure.check ? "check-this" : undefined}>{figure.value}</dd>
        </div>
        <div>
          <dt>Occupational therapy score</dt>
          <dd>{result.scores.occupationalTherapy}</dd>
        </div>
        <div>
          <dt>Physiotherapy score</dt>
          <dd>{result.scores.physiotherapy}</dd>
        </div>
        <div>
          <dt>Shared score</dt>
          <dd>{result.scores.shared}</dd>
        </div>
      </dl>
      {result.decisionSource && (
        <figure className="decision-source">
          <figcaption>Why assess first</figcaption>
          <SeedQuote sentence={result.decisionSource} />
          {result.hint && (
            <p className="triage-hint" data-testid="triage-hint">
              The seed associates the condition named with {RECOMMENDATION_LABELS[result.hint].toLowerCase()}.
            </p>
          )}
        </figure>
      )}
      {TRIAGE_SIDES.map((side) => {
        const rules = result.matchedRules.filter((rule) => rule.supports === side);
        if (rules.length === 0) return null;
        return (
          <section key={side} className={`evidence-side side-${side.toLowerCase()}`}>
            <h3>{SIDE_LABELS[side]}</h3>
            <ul className="matched-rules">
              {rules.map((rule) => (
                <RuleItem key={rule.ruleId} rule={rule} />
              ))}
            </ul>
          </section>
        );
      })}
      <SetAside result={result} />
    </>
  );
}

/** The findings that do not count, each with why: "“no pain” — denied", "“his mum's Parkinson's” — someone else's". */
function SetAside({ result }: { result: TriageResult }) {
  const setAside = result.findings.filter((finding) => finding.assertion !== "PRESENT" && finding.supports !== "SHARED");
  if (setAside.length === 0) return null;
  return (
    <section className="evidence-side set-aside" data-testid="set-aside">
      <h3>Set aside</h3>
      <ul className="evidence-list">
        {setAside.map((finding, index) => (
          <li key={`${finding.ruleId}-${index}`}>
            {finding.evidence.kind === "NOTES" ? <q className="evidence-text">{finding.evidence.text}</q> : finding.evidence.label}{" "}
            <span className="muted">— {ASSERTION_LABELS[finding.assertion]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
