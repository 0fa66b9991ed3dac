/** What every benchmark module returns, and how it is printed. */
export interface BenchRow {
  metric: string;
  value: string;
  note?: string;
}

export interface BenchModule {
  name: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

/** Renders rows as an aligned plain-text table (also valid Markdown). */
export function formatTable(rows: BenchRow[]): string {
  const header = ["metric", "value", "note"];
  const cells = rows.map((r) => [r.metric, r.value, r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
