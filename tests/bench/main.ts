/**
 * `deno task bench`: runs every benchmark module below in turn and prints one table each.
 * To add a benchmark, write a module exporting a `BenchModule` and add it to `modules`.
 */
import { callsBench } from "./calls_bench.ts";
import { diaryBench } from "./diary_bench.ts";
import { eventsBench } from "./events_bench.ts";
import { matchingBench } from "./matching_bench.ts";
import { miniAppBench } from "./miniapp_bench.ts";
import { similarBench } from "./similar_bench.ts";
import { textBench } from "./text_bench.ts";
import { webhookBench } from "./webhook_bench.ts";
import { type BenchModule, formatTable } from "./table.ts";

export type { BenchModule, BenchRow } from "./table.ts";

const modules: BenchModule[] = [
  textBench,
  webhookBench,
  matchingBench,
  diaryBench,
  similarBench,
  eventsBench,
  miniAppBench,
  callsBench,
];

/**
 * `deno task bench [name] [--out=file.md]`: prints every table; with --out it also writes them
 * (as Markdown) to that file. Nothing is written anywhere else.
 */
async function main(): Promise<void> {
  const only = Deno.args.find((a) => !a.startsWith("--"));
  const out = Deno.args.find((a) => a.startsWith("--out="))?.slice("--out=".length);
  const report: string[] = [
    `# Benchmarks, ${new Date().toISOString()}`,
    "",
    `Deno ${Deno.version.deno}, ${Deno.build.os}/${Deno.build.arch}, ${navigator.hardwareConcurrency} CPUs.`,
  ];
  for (const module of modules) {
    if (only && module.name !== only) continue;
    console.log(`\n## ${module.name}\n`);
    const started = performance.now();
    const notes: string[] = [];
    const rows = await module.run((line) => {
      notes.push(line);
      console.log(`  ${line}`);
    });
    const table = formatTable(rows);
    const took = `(${((performance.now() - started) / 1000).toFixed(1)} s)`;
    console.log(table);
    console.log(`\n${took}`);
    report.push("", `## ${module.name}`, "", ...notes, "", table, "", took);
  }
  if (out) await Deno.writeTextFile(out, report.join("\n") + "\n");
}

if (import.meta.main) await main();
