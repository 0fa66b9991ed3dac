import assert from "node:assert/strict";
import OpenAI from "openai";
import { createOpenAiEmbedder, EmbeddingError } from "../../shared/embedding/openai_embedder.ts";
import { createEmbedder } from "../../shared/embedding/create_embedder.ts";
import { LEXICAL_EMBEDDING_MODEL } from "../../shared/embedding/lexical_embedder.ts";
import { parseConfig } from "../../shared/config.ts";
import { createLlmGate } from "../../shared/llm/gate.ts";
import { fakeVector, startFakeOpenAi } from "../support/fake_openai.ts";

const apiKey = "sk-test-0123456789";

Deno.test("the OpenAI embedder asks for 384 dimensions and checks the answer", async (t) => {
  const fake = startFakeOpenAi({ apiKey });
  try {
    const embedder = createOpenAiEmbedder({
      gate: createLlmGate({ apiKey, baseUrl: fake.baseUrl }),
      model: "text-embedding-3-small",
      maxRetries: 0,
    });

    await t.step("it sends the model, the text and dimensions 384 with the key", async () => {
      const vector = await embedder.embed("выгорание на работе");
      assert.equal(embedder.model, "text-embedding-3-small");
      assert.equal(embedder.dimensions, 384);
      assert.equal(vector.length, 384);
      assert.deepEqual(vector, fakeVector("выгорание на работе", 384));
      const request = fake.requests.at(-1)!;
      assert.equal(request.authorization, `Bearer ${apiKey}`);
      assert.equal(request.body.model, "text-embedding-3-small");
      assert.equal(request.body.input, "выгорание на работе");
      assert.equal(request.body.dimensions, 384);
    });

    await t.step("text without words is not sent and gives the constant unit vector", async () => {
      const before = fake.requests.length;
      const vector = await embedder.embed("  ...  ");
      assert.equal(fake.requests.length, before);
      assert.equal(vector.length, 384);
      assert.ok(vector.every((v) => v === 1 / Math.sqrt(384)));
    });

    await t.step("a vector of the wrong length is an EmbeddingError", async () => {
      fake.forceDimensions = 1536;
      await assert.rejects(() => embedder.embed("одиночество"), EmbeddingError);
      fake.forceDimensions = undefined;
    });

    await t.step("an API error surfaces as the SDK's error with its status", async () => {
      fake.failNext = 500;
      await assert.rejects(
        () => embedder.embed("одиночество"),
        (error) => error instanceof OpenAI.APIError && error.status === 500,
      );
    });

    await t.step("a wrong key is refused with 401", async () => {
      const wrong = createOpenAiEmbedder({
        gate: createLlmGate({ apiKey: "sk-wrong", baseUrl: fake.baseUrl }),
        model: "text-embedding-3-small",
        maxRetries: 0,
      });
      await assert.rejects(
        () => wrong.embed("одиночество"),
        (error) => error instanceof OpenAI.AuthenticationError,
      );
    });

    await t.step("the SDK's default base64 encoding is understood by the stand-in", async () => {
      const client = new OpenAI({ apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
      const response = await client.embeddings.create({
        model: "text-embedding-3-small",
        input: "тест",
        dimensions: 8,
      });
      assert.deepEqual(Array.from(response.data[0]!.embedding), fakeVector("тест", 8));
    });
  } finally {
    await fake.close();
  }
});

Deno.test("createEmbedder picks OpenAI when a key is configured, lexical otherwise", async (t) => {
  await t.step("without OPENAI_API_KEY it is the lexical embedder", () => {
    const embedder = createEmbedder(parseConfig({}));
    assert.equal(embedder.model, LEXICAL_EMBEDDING_MODEL);
    assert.equal(embedder.dimensions, 384);
  });

  await t.step("with OPENAI_API_KEY it calls the configured API", async () => {
    const fake = startFakeOpenAi({ apiKey });
    try {
      const embedder = createEmbedder(parseConfig({
        OPENAI_API_KEY: apiKey,
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_EMBEDDING_MODEL: "text-embedding-3-large",
      }));
      assert.equal(embedder.model, "text-embedding-3-large");
      assert.equal((await embedder.embed("дети")).length, 384);
      assert.equal(fake.requests[0]!.body.model, "text-embedding-3-large");
    } finally {
      await fake.close();
    }
  });
});
