"use client";

/**
 * One filter of a list page, kept in the address by the page's useUrlFilter:
 * a labelled select whose empty option means "any", then an option per value
 * with its label (components/labels.ts).
 */
export function FilterSelect<Value extends string>({
  id,
  label,
  value,
  anyLabel,
  values,
  labels,
  onChange,
}: {
  id: string;
  label: string;
  value: string | null | undefined;
  anyLabel: string;
  values: readonly Value[];
  labels: Readonly<Record<Value, string>>;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value)}>
        <option value="">{anyLabel}</option>
        {values.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
