/** A table as the dashboard shows it: its columns, and rows of the same numbers the chart draws. */
export interface FigureTable {
  columns: readonly { key: string; label: string }[];
  rows: readonly Record<string, string | number | null>[];
}

/**
 * RFC 4180 CSV of a table. Text that a spreadsheet would run as a formula
 * (=, +, -, @ first) is prefixed with an apostrophe: override reasons are free text.
 */
export function toCsv(table: FigureTable): string {
  const cell = (value: string | number | null | undefined) => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return String(value);
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [table.columns.map((column) => cell(column.label)), ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key])))];
  return lines.map((line) => line.join(",")).join("\r\n") + "\r\n";
}

/** Saves the CSV as a file, from a Blob in the page itself: no request, no inline script. */
export function downloadCsv(table: FigureTable, fileName: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
