import OpenAI from "openai";
import { type Embedder, PROFILE_EMBEDDING_DIMENSIONS } from "./embedder.ts";

export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** An OpenAI-compatible API root ending in `/v1`; the official API when omitted. */
  baseUrl?: string;
  model: string;
  dimensions?: number;
  /** Retries of the SDK (429 and 5xx, with backoff). */
  maxRetries?: number;
  timeoutMs?: number;
  /** For tests and proxies; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** The embedding API answered, but not with what was asked for. */
export class EmbeddingError extends Error {
  override name = "EmbeddingError";
}

/**
 * Embeddings from the OpenAI API (text-embedding-3-* shortened to 384 dimensions with the
 * `dimensions` parameter, which keeps them unit length). Text without any letter or digit is
 * not sent (the API rejects empty input) and embeds as the constant unit vector, as in the
 * lexical embedder.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const dimensions = options.dimensions ?? PROFILE_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError("dimensions must be a positive integer");
  }
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 15_000,
    fetch: options.fetch,
  });
  return {
    model: options.model,
    dimensions,
    async embed(text: string): Promise<number[]> {
      if (!/[\p{L}\p{N}]/u.test(text)) {
        return new Array<number>(dimensions).fill(1 / Math.sqrt(dimensions));
      }
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
