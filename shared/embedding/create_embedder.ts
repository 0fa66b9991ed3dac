import type { Config } from "../config.ts";
import type { Embedder } from "./embedder.ts";
import { createLexicalEmbedder } from "./lexical_embedder.ts";
import { createOpenAiEmbedder } from "./openai_embedder.ts";

/**
 * OpenAI embeddings when OPENAI_API_KEY is set, the offline lexical embedder otherwise.
 * Vectors of different models are not comparable: matching should only compare embeddings
 * whose `model` is the same (profile_embeddings.model records it).
 */
export function createEmbedder(config: Config): Embedder {
  if (config.openai) {
    return createOpenAiEmbedder({
      apiKey: config.openai.apiKey,
      baseUrl: config.openai.baseUrl,
      model: config.openai.embeddingModel,
    });
  }
  return createLexicalEmbedder();
}
