"use client";

import { useId, useState, type ReactNode } from "react";
import { downloadCsv, type FigureTable } from "./csv";
import styles from "./dashboard.module.css";

/**
 * One figure of the dashboard: a visible title and description, the chart (or,
 * at a click, a real table of the same numbers with a caption), and a CSV of
 * those numbers. Without a chart it is a table only.
 */
export function ChartCard({
  title,
  description,
  table,
  fileName,
  controls,
  chart,
}: {
  title: string;
  description: string;
  table: FigureTable;
  fileName: string;
  controls?: ReactNode;
  chart?: ReactNode;
}) {
  const [tableShown, setTableShown] = useState(!chart);
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className={styles.header}>
        <h2 id={titleId}>{title}</h2>
        <div className={styles.actions}>
          {controls}
          {chart && (
            <button type="button" className="button secondary" aria-pressed={tableShown} onClick={() => setTableShown(!tableShown)}>
              {tableShown ? "Show chart" : "Show table"}
            </button>
          )}
          <button type="button" className="button secondary" onClick={() => downloadCsv(table, fileName)} disabled={table.rows.length === 0}>
            Download CSV
          </button>
        </div>
      </div>
      <p id={descriptionId} className="muted">
        {description}
      </p>
      {table.rows.length === 0 ? (
        <p>No figures for these filters.</p>
      ) : tableShown || !chart ? (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <caption>{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column.key} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {table.columns.map((column, columnIndex) =>
                    columnIndex === 0 ? (
                      <th key={column.key} scope="row">
                        {row[column.key] ?? "–"}
                      </th>
                    ) : (
                      <td key={column.key}>{row[column.key] ?? "–"}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <figure className={styles.chart} role="group" aria-labelledby={titleId} aria-describedby={descriptionId}>
          {chart}
        </figure>
      )}
    </section>
  );
}
