/** Turns profile text (topics + bio) into a 384-dimensional unit vector. */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  embed(text: string): Promise<number[]>;
}

export const PROFILE_EMBEDDING_DIMENSIONS = 384;
