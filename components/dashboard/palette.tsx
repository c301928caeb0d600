/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies),
 * each series also with its own fill pattern, so colour is never the only cue.
 */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;

const PATTERNS = ["solid", "stripes", "dots", "crosshatch", "horizontal", "vertical", "backward", "grid"] as const;

export const seriesFill = (index: number) => `url(#dashboard-pattern-${index % PATTERNS.length})`;
export const seriesColour = (index: number) => OKABE_ITO[index % OKABE_ITO.length]!;

function PatternMarks({ kind }: { kind: (typeof PATTERNS)[number] }) {
  const mark = { stroke: "#ffffff", strokeWidth: 1.5 };
  switch (kind) {
    case "solid":
      return null;
    case "stripes":
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...mark} />;
    case "backward":
      return <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...mark} />;
    case "dots":
      return <circle cx="4" cy="4" r="1.6" fill="#ffffff" />;
    case "crosshatch":
      return <path d="M0,0 l8,8 M8,0 l-8,8" {...mark} />;
    case "horizontal":
      return <path d="M0,4 h8" {...mark} />;
    case "vertical":
      return <path d="M4,0 v8" {...mark} />;
    case "grid":
      return <path d="M0,4 h8 M4,0 v8" {...mark} />;
  }
}

/** The patterns, once per page; charts refer to them as url(#dashboard-pattern-N). */
export function PatternDefinitions() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: "absolute" }}>
      <defs>
        {PATTERNS.map((kind, index) => (
          <pattern key={kind} id={`dashboard-pattern-${index}`} patternUnits="userSpaceOnUse" width="8" height="8">
            <rect width="8" height="8" fill={seriesColour(index)} />
            <PatternMarks kind={kind} />
          </pattern>
        ))}
      </defs>
    </svg>
  );
}
