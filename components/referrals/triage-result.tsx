import { RECOMMENDATION_LABELS, SIDE_LABELS, TRIAGE_SIDES, formatPercent } from "@/components/labels";
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

/** Confidence, or for assess first (which names no discipline) how much evidence there is: its term and value. */
export function confidenceFigure(result: TriageResult): { term: string; value: string } {
  if (result.recommendation !== "NEEDS_ASSESSMENT") return { term: "Confidence", value: formatPercent(result.confidence) };
  return { term: "Evidence", value: result.matchedRules.length === 0 ? "None found" : "Not enough for either discipline" };
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
      <span className="triage-confidence" data-testid="recommendation-confidence">
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
          <dd>{figure.value}</dd>
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
    </>
  );
}
