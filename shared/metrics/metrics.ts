/** Counters and histograms the bot reports; rendered by `/metrics` in Prometheus text format. */
export interface Metrics {
  /** One update handled; `outcome` is ok, duplicate or error. */
  updateHandled(outcome: "ok" | "duplicate" | "error", seconds: number): void;
  /** Increments a named counter with optional labels (names are declared in the registry). */
  inc(name: string, labels?: Record<string, string>, value?: number): void;
  /** Records one observation of a named histogram. */
  observe(name: string, value: number, labels?: Record<string, string>): void;
  /** Sets a gauge that is not read from the database at scrape time. */
  set(name: string, value: number, labels?: Record<string, string>): void;
  render(): Promise<string>;
}
