/** Counters and histograms the bot reports; rendered by `/metrics` in Prometheus text format. */
export interface Metrics {
  /**
   * One update handled; `outcome` is ok, duplicate or error. Counts
   * `telegram_updates_total{outcome}`, observes `telegram_update_duration_seconds` and, for
   * errors, `telegram_handler_errors_total`.
   */
  updateHandled(outcome: "ok" | "duplicate" | "error", seconds: number): void;
  /**
   * Increments a counter with optional labels. A name not declared yet is created on first use
   * with the label names of that call (keep them the same on every call).
   */
  inc(name: string, labels?: Record<string, string>, value?: number): void;
  /** Records one observation of a histogram (created on first use, like `inc`). */
  observe(name: string, value: number, labels?: Record<string, string>): void;
  /** Sets a gauge that is not read from the database at scrape time (created on first use). */
  set(name: string, value: number, labels?: Record<string, string>): void;
  /**
   * Registers a function run at every scrape whose values are rendered as gauges, e.g. counts
   * read from the database. Keys are metric names, optionally with labels in Prometheus syntax:
   * `{ "waiting_users": 3, 'open_chats{kind="support"}': 2 }`. A collector that throws is
   * skipped for that scrape and counted in `metrics_collector_failures_total`.
   */
  addCollector(collect: MetricsCollector): void;
  render(): Promise<string>;
  /** The content type of `render()`'s output, for the HTTP response. */
  readonly contentType: string;
}

export type MetricsCollector = () => Promise<Record<string, number>>;
