/**
 * The LLM moderation adapter against a local stand-in of OpenAI's `/v1/moderations`: it adds
 * what the offline lists miss, never removes their hits, and a slow or failing provider leaves
 * the offline verdict (counted). End to end: a crisis only the LLM recognises gets the sender
 * the crisis lines, the message is still relayed, and the provider saw masked text only.
 */
import assert from "node:assert/strict";
import { createLlmGate } from "../../shared/llm/gate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { createOpenAiModerator, fromCategories } from "../../shared/safety/openai_moderator.ts";
import { createOfflineModerator } from "../../shared/safety/text_moderator.ts";
import { startChat } from "../chat/fixtures.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate } from "../support/updates.ts";

const API_KEY = "sk-test-moderation";
// Another language: the offline rules read Russian only.
const QUIET_CRISIS = "I will not be here tomorrow";

Deno.test("the LLM adapter adds to the offline lists and falls back on failure", async (t) => {
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  const metrics = createPrometheusMetrics();
  const offline = createOfflineModerator();
  const moderator = createOpenAiModerator({
    gate: createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl }),
    model: "omni-moderation-latest",
    timeoutMs: 300,
    offline,
    metrics,
  });
  fake.moderationRules.push(
    { pattern: /not be here tomorrow/, categories: ["self-harm", "self-harm/intent"] },
    { pattern: /worthless idiot/, categories: ["harassment"] },
  );
  try {
    await t.step("a crisis phrase the lists do not know", async () => {
      assert.equal((await offline.check(QUIET_CRISIS)).crisis, null, "the lists miss it");
      const verdict = await moderator.check(QUIET_CRISIS);
      assert.deepEqual(verdict.crisis, { label: "suicide", severity: "high" });
      const request = fake.requests.at(-1)!;
      assert.equal(request.authorization, `Bearer ${API_KEY}`);
      assert.deepEqual(request.body, { model: "omni-moderation-latest", input: QUIET_CRISIS });
    });
    await t.step("abuse in another language", async () => {
      assert.equal((await moderator.check("you are a worthless idiot")).toxicity, "insult");
    });
    await t.step("an offline hit stands even when the LLM sees nothing", async () => {
      assert.equal((await moderator.check("ты дура")).toxicity, "insult");
    });
    await t.step("harmless text stays harmless", async () => {
      assert.deepEqual(await moderator.check("убить время до вечера"), {
        crisis: null,
        toxicity: null,
        hurtful: false,
      });
    });
    await t.step("an HTTP error: the offline verdict, counted", async () => {
      fake.failNext = 500;
      // Exactly what the offline lists say (no crisis here; whether the text leans to one is
      // the offline model's reading, passed on as it is).
      const offlineVerdict = await offline.check(QUIET_CRISIS);
      assert.equal(offlineVerdict.crisis, null);
      assert.deepEqual(await moderator.check(QUIET_CRISIS), offlineVerdict);
      assert.match(await metrics.render(), /moderation_llm_failures_total\{reason="http"\} 1/);
    });
    await t.step("a slow provider: the offline verdict within the timeout", async () => {
      fake.moderationDelayMs = 2000;
      const started = performance.now();
      const verdict = await moderator.check("ты дура, " + QUIET_CRISIS);
      const waited = performance.now() - started;
      fake.moderationDelayMs = undefined;
      assert.equal(verdict.toxicity, "insult");
      assert.equal(verdict.crisis, null);
      assert.ok(waited < 1500, `gave up after the timeout, not the provider's 2 s (${waited} ms)`);
      assert.match(await metrics.render(), /moderation_llm_failures_total\{reason="timeout"\} 1/);
    });
    await t.step("categories map to our labels", () => {
      assert.deepEqual(fromCategories({ "harassment/threatening": true }).toxicity, "threat");
      assert.deepEqual(fromCategories({ "sexual/minors": true }).toxicity, "sexual");
      assert.deepEqual(fromCategories({ hate: true }).toxicity, "hate");
      assert.deepEqual(fromCategories({ "self-harm": true }).crisis, {
        label: "self_harm",
        severity: "medium",
      });
      assert.deepEqual(fromCategories({ violence: true }), { crisis: null, toxicity: null });
    });
  } finally {
    await fake.close();
  }
});

Deno.test("through the bot: an LLM-only crisis is handled like any other", async () => {
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  fake.moderationRules.push({ pattern: /not be here tomorrow/, categories: ["self-harm/intent"] });
  const moderator = createOpenAiModerator({
    gate: createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl }),
    model: "omni-moderation-latest",
    timeoutMs: 1000,
    offline: createOfflineModerator(),
  });
  const h = await startTestBot({ moderator });
  try {
    const { anna, boris } = await startChat(h, [792_001, 792_002]);
    h.telegram.clear();
    await h.post(textUpdate(anna, `${QUIET_CRISIS}. мой номер +7 912 345-67-89`));
    const toBoris = h.telegram.calls.filter((c) => Number(c.payload.chat_id) === boris.id);
    assert.ok(toBoris.some((c) => String(c.payload.text ?? "").includes("not be here tomorrow")));
    assert.match(h.telegram.lastTextTo(anna.id) ?? "", /112/);
    const [flag] = await h.db.query<{ label: string; severity: string }>(
      "select label, severity from public.safety_flags",
    );
    assert.deepEqual({ ...flag }, { label: "suicide", severity: "high" });
    const sent = JSON.stringify(fake.requests.map((r) => r.body));
    assert.match(sent, /not be here tomorrow/);
    assert.doesNotMatch(sent, /345|912/, "the provider never sees contact details");
  } finally {
    await h.close();
    await fake.close();
  }
});
