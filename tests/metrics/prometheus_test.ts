import assert from "node:assert/strict";
import { createPrometheusMetrics, parseSampleKey } from "../../shared/metrics/prometheus.ts";
import type { Logger } from "../../shared/platform/logger.ts";

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn: (event) => void warnings.push(event) };
}

Deno.test("Prometheus metrics render the pre-declared Telegram metrics", async (t) => {
  const metrics = createPrometheusMetrics();

  await t.step("the update metrics exist before anything happened", async () => {
    const text = await metrics.render();
    assert.match(text, /# TYPE telegram_updates_total counter/);
    assert.match(text, /# TYPE telegram_handler_errors_total counter/);
    assert.match(text, /# TYPE telegram_update_duration_seconds histogram/);
    assert.match(text, /telegram_update_duration_seconds_bucket\{le="0.005"\} 0/);
    assert.match(text, /telegram_update_duration_seconds_bucket\{le="10"\} 0/);
    assert.equal(metrics.contentType, "text/plain; version=0.0.4; charset=utf-8");
  });

  await t.step("updateHandled counts outcomes, durations and errors", async () => {
    metrics.updateHandled("ok", 0.02);
    metrics.updateHandled("ok", 0.2);
    metrics.updateHandled("duplicate", 0.001);
    metrics.updateHandled("error", 3);
    const text = await metrics.render();
    assert.match(text, /telegram_updates_total\{outcome="ok"\} 2/);
    assert.match(text, /telegram_updates_total\{outcome="duplicate"\} 1/);
    assert.match(text, /telegram_updates_total\{outcome="error"\} 1/);
    assert.match(text, /telegram_handler_errors_total 1/);
    assert.match(text, /telegram_update_duration_seconds_count 4/);
    assert.match(text, /telegram_update_duration_seconds_bucket\{le="0.025"\} 2/);
  });
});

Deno.test("undeclared metric names are created on first use", async (t) => {
  const metrics = createPrometheusMetrics();

  await t.step("inc creates a counter with the labels of the first call", async () => {
    metrics.inc("relayed_messages_total", { kind: "text" });
    metrics.inc("relayed_messages_total", { kind: "text" }, 2);
    metrics.inc("relayed_messages_total", { kind: "photo" });
    metrics.inc("matching_proposals_total");
    const text = await metrics.render();
    assert.match(text, /# TYPE relayed_messages_total counter/);
    assert.match(text, /relayed_messages_total\{kind="text"\} 3/);
    assert.match(text, /relayed_messages_total\{kind="photo"\} 1/);
    assert.match(text, /matching_proposals_total 1/);
  });

  await t.step("observe creates a histogram; _seconds names get buckets up to a day", async () => {
    metrics.observe("chat_duration_seconds", 1200);
    metrics.observe("chat_duration_seconds", 40);
    const text = await metrics.render();
    assert.match(text, /# TYPE chat_duration_seconds histogram/);
    assert.match(text, /chat_duration_seconds_bucket\{le="86400"\} 2/);
    assert.match(text, /chat_duration_seconds_bucket\{le="60"\} 1/);
    assert.match(text, /chat_duration_seconds_sum 1240/);
  });

  await t.step("set creates a gauge", async () => {
    metrics.set("queue_size", 4);
    metrics.set("queue_size", 2);
    assert.match(await metrics.render(), /queue_size 2/);
  });
});

Deno.test("misuse is logged and never thrown into the caller", async (t) => {
  const logger = recordingLogger();
  const metrics = createPrometheusMetrics({ logger });

  await t.step("a counter used as a histogram is skipped with a warning", async () => {
    metrics.inc("ratings_total", { score: "5" });
    metrics.observe("ratings_total", 1);
    assert.deepEqual(logger.warnings, ["metrics_misuse"]);
    assert.match(await metrics.render(), /ratings_total\{score="5"\} 1/);
  });

  await t.step("a label that was not declared is skipped with a warning", () => {
    metrics.inc("ratings_total", { stars: "5" });
    assert.equal(logger.warnings.length, 2);
  });

  await t.step("an invalid name is skipped with a warning", () => {
    metrics.inc("not a name");
    assert.equal(logger.warnings.length, 3);
  });
});

Deno.test("collectors are read at scrape time and rendered as gauges", async (t) => {
  const logger = recordingLogger();
  const metrics = createPrometheusMetrics({ logger });
  let waiting = 3;
  let withKinds = true;
  metrics.addCollector(() => {
    const values: Record<string, number> = { waiting_users: waiting };
    if (withKinds) values['open_chats{purpose="support"}'] = 2;
    return Promise.resolve(values);
  });

  await t.step("values come from the collector on each render", async () => {
    let text = await metrics.render();
    assert.match(text, /# TYPE waiting_users gauge/);
    assert.match(text, /waiting_users 3/);
    assert.match(text, /open_chats\{purpose="support"\} 2/);
    waiting = 5;
    withKinds = false;
    text = await metrics.render();
    assert.match(text, /waiting_users 5/);
    assert.doesNotMatch(text, /open_chats\{purpose="support"\}/);
  });

  await t.step("a failing collector is counted and the others still render", async () => {
    metrics.addCollector(() => Promise.reject(new Error("database down")));
    const text = await metrics.render();
    assert.match(text, /waiting_users 5/);
    assert.match(text, /metrics_collector_failures_total 1/);
    assert.ok(logger.warnings.includes("metrics_collector_failed"));
  });
});

Deno.test("parseSampleKey reads a name with optional Prometheus labels", () => {
  assert.deepEqual(parseSampleKey("x"), { name: "x", labels: {} });
  assert.deepEqual(parseSampleKey('x{a="1", b="two"}'), {
    name: "x",
    labels: { a: "1", b: "two" },
  });
  assert.deepEqual(parseSampleKey('x{a="say \\"hi\\""}'), { name: "x", labels: { a: 'say "hi"' } });
  assert.throws(() => parseSampleKey("x{a=1}"), TypeError);
  assert.throws(() => parseSampleKey("1x"), TypeError);
});
