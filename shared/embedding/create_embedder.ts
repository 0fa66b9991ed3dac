import type { Config } from "../config.ts";
import { createLlmGate, type LlmGate } from "../llm/gate.ts";
import type { Embedder } from "./embedder.ts";
import { createLexicalEmbedder } from "./lexical_embedder.ts";
import { createOpenAiEmbedder } from "./openai_embedder.ts";

/**
 * OpenAI embeddings when OPENAI_API_KEY is set (through the LLM gate: `gate`, or one built from
 * the config), the offline lexical embedder otherwise.
 * Vectors of different models are not comparable: matching should only compare embeddings
 * whose `model` is the same (profile_embeddings.model records it).
 */
export function createEmbedder(config: Config, gate?: LlmGate): Embedder {
  if (config.openai) {
    return createOpenAiEmbedder({
      gate: gate ?? createLlmGate({ apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl }),
      model: config.openai.embeddingModel,
    });
  }
  return createLexicalEmbedder();
}
