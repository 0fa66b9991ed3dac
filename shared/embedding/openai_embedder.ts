import { type Embedder, PROFILE_EMBEDDING_DIMENSIONS } from "./embedder.ts";
import type { LlmGate } from "../llm/gate.ts";

export interface OpenAiEmbedderOptions {
  /** The only way to a model (shared/llm/gate.ts): it anonymises what the request carries. */
  gate: LlmGate;
  model: string;
  dimensions?: number;
  /** Retries of the SDK (429 and 5xx, with backoff). */
  maxRetries?: number;
  timeoutMs?: number;
}

/** The embedding API answered, but not with what was asked for. */
export class EmbeddingError extends Error {
  override name = "EmbeddingError";
}

/**
 * Embeddings from the OpenAI API (text-embedding-3-* shortened to 384 dimensions with the
 * `dimensions` parameter, which keeps them unit length), through the LLM gate: what is embedded
 * is anonymised first. Text without any letter or digit is not sent (the API rejects empty
 * input) and embeds as the constant unit vector, as in the lexical embedder.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const dimensions = options.dimensions ?? PROFILE_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError("dimensions must be a positive integer");
  }
  const client = options.gate.client({
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 2,
  });
  return {
    model: options.model,
    dimensions,
    async embed(text: string): Promise<number[]> {
      if (!/[\p{L}\p{N}]/u.test(text)) {
        return new Array<number>(dimensions).fill(1 / Math.sqrt(dimensions));
      }
      await options.gate.ready();
      const response = await client.embeddings.create({
        model: options.model,
        input: text,
        dimensions,
        encoding_format: "float",
      });
      const embedding = response.data[0]?.embedding;
      if (!Array.isArray(embedding) || embedding.length !== dimensions) {
        throw new EmbeddingError(
          `expected one embedding of ${dimensions} numbers, got ${
            Array.isArray(embedding) ? embedding.length : "none"
          }`,
        );
      }
      if (!embedding.every((v) => typeof v === "number" && Number.isFinite(v))) {
        throw new EmbeddingError("the embedding contains a value that is not a finite number");
      }
      return embedding;
    },
  };
}
