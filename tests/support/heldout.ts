/** One item of a frozen held-out set: a text and the kind its writer gave it. */
export interface HeldoutItem {
  text: string;
  kind: string;
}

/** A frozen held-out set beside the test (a JSON file): read once, never edited. */
export async function readHeldout<T>(base: string, file: string): Promise<T> {
  return JSON.parse(await Deno.readTextFile(new URL(file, base))) as T;
}

/** «kind n, kind n»: how a blind set's misses are told without telling its sentences. */
export function countByKind(items: readonly HeldoutItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ");
}
