// The little of Az.js (npm `az`, untyped) that tests/diary/lemma_forms.ts uses.
declare const Az: {
  Morph: ((word: string) => unknown[]) & { init(callback: (error?: unknown) => void): void };
};
export default Az;
