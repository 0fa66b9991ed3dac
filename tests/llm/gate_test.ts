/**
 * The LLM gate (shared/llm/gate.ts): the only place a model client is built, and what its fetch
 * does to a request before it leaves — against the recording OpenAI stand-in.
 */
import assert from "node:assert/strict";
import { relative } from "node:path";
import type { Db } from "../../shared/db/db.ts";
import {
  createLlmGate,
  llmFailureKind,
  type LlmGate,
  withLlmPrivacy,
} from "../../shared/llm/gate.ts";
import { peopleOf } from "../../shared/llm/people.ts";
import { COACH_SYSTEM_PROMPT } from "../../shared/coach/openai_coach.ts";
import { MOOD_SYSTEM_PROMPT } from "../../shared/diary/openai_analyzer.ts";
import { createOpenAiModerator } from "../../shared/safety/openai_moderator.ts";
import { createOfflineModerator } from "../../shared/safety/text_moderator.ts";
import { startChat } from "../chat/fixtures.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate } from "../support/updates.ts";

const API_KEY = "sk-test-gate";
const SHARED = new URL("../../shared/", import.meta.url);
const GATE = "llm/gate.ts";

async function* sourceFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* sourceFiles(url);
    else if (/\.(?:ts|tsx|js|mjs)$/.test(entry.name)) yield url;
  }
}

Deno.test("no file under shared/ but the gate can build a model client", async () => {
  const offenders: string[] = [];
  let gateImports = false;
  for await (const file of sourceFiles(SHARED)) {
    const path = relative(SHARED.pathname, file.pathname);
    const source = await Deno.readTextFile(file);
    const imports = /(?:from|import)\s*\(?\s*["'](?:npm:)?openai(?:@[^"'/]*)?(?:\/[^"']*)?["']/
      .test(source);
    const constructs = /new\s+OpenAI\b|new\s+\w*\.?OpenAI\s*\(/.test(source);
    if (path === GATE) {
      gateImports = imports;
      continue;
    }
    if (imports || constructs) offenders.push(path);
  }
  assert.deepEqual(offenders, [], "only shared/llm/gate.ts may import the OpenAI SDK");
  assert.ok(gateImports, "the gate itself builds the clients");
});

/** A gate in front of the stand-in, and the stand-in. */
function rig() {
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  const gate = createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl });
  return { fake, gate, client: gate.client({ timeoutMs: 5000 }) };
}

async function chat(gate: LlmGate, messages: Array<{ role: "system" | "user"; content: string }>) {
  return await gate.client({ timeoutMs: 5000 }).chat.completions.create({
    model: "gpt-test",
    messages,
  });
}

Deno.test("the gate anonymises what a chat request carries", async (t) => {
  const { fake, gate } = rig();
  try {
    await t.step("text content", async () => {
      await chat(gate, [{ role: "user", content: "Я Дарина, звони 8 912 345-67-89" }]);
      const sent = fake.chatRequests.at(-1)!.body.messages as Array<{ content: string }>;
      assert.equal(sent[0]!.content, "Я [имя], звони [телефон]");
    });
    await t.step("JSON content: each string on its own, keys and slugs kept", async () => {
      const content = JSON.stringify({
        topics: ["pet_loss", "divorce"],
        messages: [{ from: "self", text: "Моя карта 4276 5260 1815 9080" }, {
          from: "partner",
          text: "Поговорила с Гульнарой",
        }],
        last_own: null,
      });
      await chat(gate, [{ role: "user", content }]);
      const sent = fake.chatRequests.at(-1)!.body.messages as Array<{ content: string }>;
      assert.deepEqual(JSON.parse(sent[0]!.content), {
        topics: ["pet_loss", "divorce"],
        messages: [{ from: "self", text: "Моя карта [карта]" }, {
          from: "partner",
          text: "Поговорила с [имя]",
        }],
        last_own: null,
      });
    });
    await t.step("our own instructions pass unchanged", async () => {
      for (const prompt of [COACH_SYSTEM_PROMPT, MOOD_SYSTEM_PROMPT]) {
        await chat(gate, [{ role: "system", content: prompt }, { role: "user", content: "json" }]);
        const sent = fake.chatRequests.at(-1)!.body.messages as Array<{ content: string }>;
        assert.equal(sent[0]!.content, prompt);
      }
    });
    await t.step("identifiers for the provider are dropped", async () => {
      await gate.client({ timeoutMs: 5000 }).chat.completions.create({
        model: "gpt-test",
        messages: [{ role: "user", content: "привет" }],
        user: "tg-5123456789",
        metadata: { tg: "5123456789" },
      });
      const body = fake.chatRequests.at(-1)!.body;
      assert.equal(body.user, undefined);
      assert.equal(body.metadata, undefined);
      assert.ok(!fake.chatRequests.at(-1)!.raw.includes("5123456789"));
    });
  } finally {
    await fake.close();
  }
});

Deno.test("the gate anonymises moderation and embedding input", async (t) => {
  const { fake, client } = rig();
  try {
    await t.step("moderation: a string and a list", async () => {
      await client.moderations.create({
        model: "omni-moderation-latest",
        input: "мой id 5123456789, почта ivan собака mail точка ru",
      });
      assert.equal(fake.requests.at(-1)!.body.input, "мой id [номер], почта [почта]");
      await client.moderations.create({
        model: "omni-moderation-latest",
        input: ["Ермолай, привет", "ул. Ленина, д. 5"],
      });
      assert.deepEqual(fake.requests.at(-1)!.body.input, ["[имя], привет", "[адрес]"]);
    });
    await t.step("embeddings", async () => {
      await client.embeddings.create({
        model: "text-embedding-3-small",
        input: "Айгерим, 8 (916) 234-56-78",
        encoding_format: "float",
      });
      assert.equal(fake.requests.at(-1)!.body.input, "[имя], [телефон]");
    });
  } finally {
    await fake.close();
  }
});

Deno.test("the gate refuses what it cannot anonymise", async (t) => {
  const { fake, client } = rig();
  try {
    await t.step("an endpoint it does not know", async () => {
      await assert.rejects(
        () => client.files.list(),
        (error) => llmFailureKind(error) === "refused",
      );
    });
    await t.step("an image part", async () => {
      await assert.rejects(
        () =>
          client.chat.completions.create({
            model: "gpt-test",
            messages: [{
              role: "user",
              content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }],
            }],
          }),
        (error) => llmFailureKind(error) === "refused",
      );
    });
    await t.step("token ids as embedding input", async () => {
      await assert.rejects(
        () => client.embeddings.create({ model: "text-embedding-3-small", input: [[1, 2, 3]] }),
        (error) => llmFailureKind(error) === "refused",
      );
    });
    assert.equal(fake.requests.length + fake.chatRequests.length, 0, "nothing was sent");
  } finally {
    await fake.close();
  }
});

Deno.test("withLlmPrivacy() makes the people of a call known to every request in it", async (t) => {
  const { fake, client } = rig();
  const moderate = async (input: string) => {
    await client.moderations.create({ model: "omni-moderation-latest", input });
    return fake.requests.at(-1)!.body.input;
  };
  try {
    await t.step("their pseudonyms, in any case form, and Telegram names", async () => {
      const people = [
        { pseudonym: "Тихий Лис", names: ["Рыжик"], username: "kuzya_2000" },
        { pseudonym: "Ромашка" },
      ];
      const sent = await withLlmPrivacy(
        { people },
        () => moderate("Рыжик, спасибо Тихому Лису и ромашке, пиши kuzya_2000"),
      );
      assert.equal(sent, "[имя], спасибо [псевдоним] и [псевдоним], пиши [аккаунт]");
    });
    await t.step("outside the scope they are unknown", async () => {
      assert.equal(await moderate("Рыжик, привет"), "Рыжик, привет");
    });
    await t.step("a lazy list is read once; nested scopes add to it", async () => {
      let reads = 0;
      const lazy = () => {
        reads++;
        return Promise.resolve([{ names: ["Рыжик"] }]);
      };
      await withLlmPrivacy({ people: lazy }, async () => {
        assert.equal(await moderate("Рыжик"), "[имя]");
        await withLlmPrivacy({ people: [{ pseudonym: "Огонёк" }] }, async () => {
          assert.equal(await moderate("Рыжик и Огонька"), "[имя] и [псевдоним]");
        });
        assert.equal(await moderate("Рыжик и Огонька"), "[имя] и Огонька");
      });
      assert.equal(reads, 1);
    });
    await t.step("names that cannot be read: the call is refused, nothing sent", async () => {
      const before = fake.requests.length;
      await assert.rejects(
        () =>
          withLlmPrivacy(
            { people: () => Promise.reject(new Error("database down")) },
            () => moderate("привет"),
          ),
        (error) => llmFailureKind(error) === "refused",
      );
      assert.equal(fake.requests.length, before);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("peopleOf() reads the pseudonyms only when asked, never storing a name", async (t) => {
  const calls: string[] = [];
  const db = (answers: Record<string, unknown>): Db => ({
    call<T>(fn: string) {
      calls.push(fn);
      return Promise.resolve(answers[fn] as T);
    },
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  const user = { id: 1, first_name: "Дарина", last_name: "К.", username: "darina_k" };
  await t.step("in a chat: both pseudonyms from one call", async () => {
    calls.length = 0;
    const people = await peopleOf(
      db({ coach_state: { status: "ok", pseudonym: "Ромашка", partner_pseudonym: "Тихий Лис" } }),
      user,
    );
    assert.deepEqual(people, [
      { names: ["Дарина", "К."], username: "darina_k", pseudonym: "Ромашка" },
      { pseudonym: "Тихий Лис" },
    ]);
    assert.deepEqual(calls, ["coach_state"]);
  });
  await t.step("outside a chat: the own pseudonym", async () => {
    calls.length = 0;
    const people = await peopleOf(
      db({ coach_state: { status: "no_chat" }, get_user_state: { pseudonym: "Ромашка" } }),
      user,
    );
    assert.deepEqual(people, [{
      names: ["Дарина", "К."],
      username: "darina_k",
      pseudonym: "Ромашка",
    }]);
    assert.deepEqual(calls, ["coach_state", "get_user_state"]);
  });
});

Deno.test("through the bot: a relayed message reaches moderation without the people's names", async () => {
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  const moderator = createOpenAiModerator({
    gate: createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl }),
    model: "omni-moderation-latest",
    timeoutMs: 5000,
    offline: createOfflineModerator(),
  });
  const h = await startTestBot({ moderator });
  try {
    // Anna is «Сова», Boris «Ёж»; her Telegram name comes with the update and is stored nowhere.
    const { anna } = await startChat(h, [793_001, 793_002]);
    await h.post(
      textUpdate({ ...anna, first_name: "Рыжик" }, "Рыжик тут. Ежу передай, что Сова рядом"),
    );
    const inputs = fake.requests.map((request) => request.body.input);
    assert.deepEqual(inputs.at(-1), "[имя] тут. [псевдоним] передай, что [псевдоним] рядом");
  } finally {
    await h.close();
    await fake.close();
  }
});
