import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics, MetricsCollector } from "./metrics.ts";
import { type Logger, silentLogger } from "../platform/logger.ts";

/*
 * Backed by prom-client (checked on Deno 2.9.6 via npm:): it starts no timers and collects no
 * default process metrics unless asked, and a private Registry per instance keeps tests apart.
 */

/** 5 ms .. 10 s: handling one Telegram update. */
export const UPDATE_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Histograms created on first use whose name ends in `_seconds`: milliseconds up to a day. */
export const SECONDS_BUCKETS = [
  0.005,
  0.05,
  0.25,
  1,
  5,
  15,
  60,
  300,
  900,
  1800,
  3600,
  7200,
  21600,
  86400,
];

/** Other histograms created on first use. */
export const DEFAULT_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

export interface PrometheusMetricsOptions {
  /** Where misuse is reported (a label set that changed, a name used as two kinds ...). */
  logger?: Logger;
}

type Kind = "counter" | "histogram" | "gauge";
type AnyMetric = Counter<string> | Histogram<string> | Gauge<string>;

/**
 * Metrics never throw into the caller: a counting mistake must not fail a user's update. They
 * log a warning (without label values, which could carry data) and skip the sample instead.
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): Metrics {
  const logger = options.logger ?? silentLogger;
  const registry = new Registry();
  const metrics = new Map<string, { kind: Kind; metric: AnyMetric }>();
  const collectors: MetricsCollector[] = [];
  // Gauges filled by collectors are reset before each scrape so vanished label sets disappear.
  const collectedGauges = new Set<string>();

  function declare(
    kind: Kind,
    name: string,
    help: string,
    labelNames: string[],
    buckets?: number[],
  ) {
    const config = { name, help, labelNames, registers: [registry] };
    const metric = kind === "counter"
      ? new Counter(config)
      : kind === "histogram"
      ? new Histogram({ ...config, buckets: buckets ?? DEFAULT_BUCKETS })
      : new Gauge(config);
    metrics.set(name, { kind, metric });
    return metric;
  }

  function get(kind: Kind, name: string, labels: Record<string, string>): AnyMetric {
    const known = metrics.get(name);
    if (known) {
      if (known.kind !== kind) throw new TypeError(`${name} is a ${known.kind}, not a ${kind}`);
      return known.metric;
    }
    const buckets = kind === "histogram" && name.endsWith("_seconds") ? SECONDS_BUCKETS : undefined;
    return declare(kind, name, `${name} (declared on first use)`, Object.keys(labels), buckets);
  }

  function guarded(action: string, name: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      logger.warn("metrics_misuse", {
        action,
        metric: name,
        error: error instanceof Error ? error.message.slice(0, 200) : String(error),
      });
    }
  }

  declare("counter", "telegram_updates_total", "Telegram updates handled, by outcome.", [
    "outcome",
  ]);
  declare("counter", "telegram_handler_errors_total", "Updates whose handler failed.", []);
  declare(
    "histogram",
    "telegram_update_duration_seconds",
    "Time to handle one Telegram update.",
    [],
    UPDATE_DURATION_BUCKETS,
  );
  declare(
    "counter",
    "metrics_collector_failures_total",
    "Scrape-time collectors that threw.",
    [],
  );

  const self: Metrics = {
    contentType: registry.contentType,

    updateHandled(outcome, seconds) {
      self.inc("telegram_updates_total", { outcome });
      self.observe("telegram_update_duration_seconds", seconds);
      if (outcome === "error") self.inc("telegram_handler_errors_total");
    },

    inc(name, labels = {}, value = 1) {
      guarded(
        "inc",
        name,
        () => (get("counter", name, labels) as Counter<string>).inc(labels, value),
      );
    },

    observe(name, value, labels = {}) {
      guarded(
        "observe",
        name,
        () => (get("histogram", name, labels) as Histogram<string>).observe(labels, value),
      );
    },

    set(name, value, labels = {}) {
      guarded("set", name, () => (get("gauge", name, labels) as Gauge<string>).set(labels, value));
    },

    addCollector(collect) {
      collectors.push(collect);
    },

    async render() {
      const results = await Promise.allSettled(collectors.map((collect) => collect()));
      for (const name of collectedGauges) (metrics.get(name)?.metric as Gauge<string>).reset();
      for (const result of results) {
        if (result.status === "rejected") {
          self.inc("metrics_collector_failures_total");
          logger.warn("metrics_collector_failed", {
            error: result.reason instanceof Error ? result.reason.name : typeof result.reason,
          });
          continue;
        }
        for (const [key, value] of Object.entries(result.value)) {
          guarded("collect", key, () => {
            const { name, labels } = parseSampleKey(key);
            const gauge = get("gauge", name, labels) as Gauge<string>;
            collectedGauges.add(name);
            gauge.set(labels, value);
          });
        }
      }
      return await registry.metrics();
    },
  };
  return self;
}

const sampleKey = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/;
const labelPair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** `name` or `name{a="x",b="y"}` -> name and labels. */
export function parseSampleKey(key: string): { name: string; labels: Record<string, string> } {
  const match = sampleKey.exec(key);
  if (!match) throw new TypeError(`not a metric name: ${key}`);
  const labels: Record<string, string> = {};
  const body = match[2]?.trim() ?? "";
  labelPair.lastIndex = 0;
  while (labelPair.lastIndex < body.length) {
    const pair = labelPair.exec(body);
    if (!pair) throw new TypeError(`bad labels in ${match[1]}`);
    labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, "$1");
  }
  return { name: match[1]!, labels };
}
