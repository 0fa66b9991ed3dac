/**
 * The mood chart PNG. Set MOOD_CHART_OUT=/some/dir to get the rendered PNGs (and the timing and
 * memory figures) written there for a look; nothing is written otherwise.
 */
import assert from "node:assert/strict";
import {
  type MoodChartData,
  moodChartSize,
  moodChartSvg,
  renderMoodChart,
} from "../../shared/diary/mood_chart.ts";

const outDir = Deno.env.get("MOOD_CHART_OUT");

async function keep(name: string, png: Uint8Array): Promise<void> {
  if (!outDir) return;
  await Deno.mkdir(outDir, { recursive: true });
  await Deno.writeFile(`${outDir}/${name}.png`, png);
}

const captions: MoodChartData["captions"] = {
  days: "Настроение по дням",
  weeks: "По неделям",
  labels: "Чаще всего",
  noData: "Пока нет записей. Напишите пару строк о своём дне — и здесь появится график.",
  good: "хорошо",
  bad: "плохо",
};

/** 30 days up to 22 Nov 2026 with a few days skipped, from a fixed pseudo-random sequence. */
function realisticData(): MoodChartData {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const end = Date.UTC(2026, 10, 22);
  const skipped = new Set([3, 4, 9, 15, 16, 17, 23]);
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(end - (29 - i) * 86_400_000).toISOString().slice(0, 10);
    const trend = Math.sin(i / 4.5) * 0.45 + (i - 15) / 40;
    const valence = skipped.has(i)
      ? null
      : Math.round((trend + (random() - 0.5) * 0.5) * 100) / 100;
    return { date, valence };
  });
  return {
    title: "Настроение за 30 дней",
    days,
    weeks: [
      { label: "12–18 окт.", valence: 0.21, entries: 4 },
      { label: "19–25 окт.", valence: -0.34, entries: 6 },
      { label: "26 окт.–1 нояб.", valence: -0.08, entries: 3 },
      { label: "2–8 нояб.", valence: null, entries: 0 },
      { label: "9–15 нояб.", valence: 0.42, entries: 5 },
      { label: "16–22 нояб.", valence: 0.63, entries: 7 },
    ],
    topLabels: [
      { label: "тревога", share: 0.34 },
      { label: "усталость", share: 0.22 },
      { label: "радость", share: 0.18 },
      { label: "благодарность", share: 0.12 },
    ],
    captions,
  };
}

function emptyData(title = "Настроение за 30 дней"): MoodChartData {
  const end = Date.UTC(2026, 10, 22);
  return {
    title,
    days: Array.from({ length: 30 }, (_, i) => ({
      date: new Date(end - (29 - i) * 86_400_000).toISOString().slice(0, 10),
      valence: null,
    })),
    weeks: [],
    topLabels: [],
    captions,
  };
}

/** Days but no weeks or labels, odd text, out-of-range values: each section copes on its own. */
function sparseData(): MoodChartData {
  const data = emptyData(
    "Очень длинный заголовок <script>&\u0007, который не помещается в одну строку",
  );
  data.days[5]!.valence = 0.8;
  data.days[12]!.valence = -3;
  data.days[13]!.valence = -0.2;
  data.days[29]!.valence = Number.NaN;
  data.days[28]!.valence = 0;
  data.weeks = [{ label: "16–22 нояб.", valence: null, entries: 0 }];
  data.captions = { ...captions, good: undefined, bad: undefined };
  return data;
}

// --- PNG reading: signature, IHDR, and the RGBA pixels (zlib via DecompressionStream). --------

interface Png {
  width: number;
  height: number;
  pixels: Uint8Array; // RGBA
}

const pngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

async function decodePng(bytes: Uint8Array): Promise<Png> {
  assert(pngSignature.every((b, i) => bytes[i] === b), "not a PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  assert(type(8) === "IHDR", "the first chunk is not IHDR");
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = bytes[24];
  const colourType = bytes[25];
  assert(bitDepth === 8, `bit depth ${bitDepth}`);
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  assert(channels > 0, `colour type ${colourType}`);
  const idat: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = view.getUint32(at);
    if (type(at) === "IDAT") idat.push(bytes.slice(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const inflated = new Uint8Array(
    await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate")))
      .arrayBuffer(),
  );
  const stride = width * channels;
  const raw = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (stride + 1)];
    const line = inflated.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? raw[y * stride + x - channels]! : 0;
      const b = y > 0 ? raw[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? raw[(y - 1) * stride + x - channels]! : 0;
      let value = line[x]!;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      raw[y * stride + x] = value & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < channels; k++) pixels[i * 4 + k] = raw[i * channels + k]!;
    if (channels === 3) pixels[i * 4 + 3] = 255;
  }
  return { width, height, pixels };
}

function pixel(png: Png, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!];
}

/** Pixels in rows y0..y1 that differ clearly from the colour at (60, y0): the page or a card. */
function ink(png: Png, y0: number, y1: number): number {
  const [br, bg, bb] = pixel(png, 60, y0);
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < png.width; x++) {
      const [r, g, b] = pixel(png, x, y);
      if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 60) count++;
    }
  }
  return count;
}

function band(png: Png, y0: number, y1: number): Uint8Array {
  return png.pixels.subarray(y0 * png.width * 4, y1 * png.width * 4);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function luminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const TITLE_BAND: [number, number] = [30, 130];

// --- Tests --------------------------------------------------------------------------------------

Deno.test("renderMoodChart() draws a realistic month as a PNG in both themes", async (t) => {
  for (const theme of ["light", "dark"] as const) {
    await t.step(theme, async () => {
      const bytes = await renderMoodChart(realisticData(), { theme });
      await keep(`month_${theme}`, bytes);
      const png = await decodePng(bytes);
      assert.equal(png.width, moodChartSize.width);
      assert.equal(png.height, moodChartSize.height);
      assert(bytes.length < 400_000, `PNG is ${bytes.length} bytes`);
      const background = luminance(pixel(png, 4, 4));
      assert(theme === "light" ? background > 200 : background < 60, `bg ${background}`);
      // The day chart, the week bars and the label bars all leave marks.
      const marks = [ink(png, 260, 600), ink(png, 760, 1020), ink(png, 1150, 1380)];
      assert(marks[0]! > 6_000, `the day chart left ${marks[0]} pixels`);
      assert(marks[1]! > 10_000, `the week bars left ${marks[1]} pixels`);
      assert(marks[2]! > 10_000, `the label bars left ${marks[2]} pixels`);
    });
  }
});

Deno.test("renderMoodChart() shows the noData message calmly when there are no entries", async (t) => {
  for (const theme of ["light", "dark"] as const) {
    await t.step(theme, async () => {
      const bytes = await renderMoodChart(emptyData(), { theme });
      await keep(`empty_${theme}`, bytes);
      const png = await decodePng(bytes);
      assert.deepEqual([png.width, png.height], [moodChartSize.width, moodChartSize.height]);
      assert(bytes.length < 400_000, `PNG is ${bytes.length} bytes`);
      const withoutMessage = await decodePng(
        await renderMoodChart(
          { ...emptyData(), captions: { ...captions, noData: "" } },
          { theme },
        ),
      );
      const middle: [number, number] = [700, 900];
      const messageInk = ink(png, ...middle) - ink(withoutMessage, ...middle);
      assert(messageInk > 5_000, `the noData message left ${messageInk} pixels`);
    });
  }
});

Deno.test("renderMoodChart() copes with sparse data, odd text and values out of range", async () => {
  for (const theme of ["light", "dark"] as const) {
    const bytes = await renderMoodChart(sparseData(), { theme });
    await keep(`sparse_${theme}`, bytes);
    const png = await decodePng(bytes);
    assert.deepEqual([png.width, png.height], [moodChartSize.width, moodChartSize.height]);
  }
  const svg = await moodChartSvg(sparseData(), { theme: "light" });
  assert(!svg.includes("NaN"), "NaN got into the SVG");
  assert(svg.includes("…"), "the long title is not cut");
  const odd = await moodChartSvg(
    {
      ...sparseData(),
      title: `<script>&"'\u0007\uD800</script>`,
      topLabels: [{ label: "<b>", share: 1 }],
    },
    { theme: "dark" },
  );
  assert(!odd.includes("<script") && !odd.includes("<b>"), "raw markup got into the SVG");
  assert(odd.includes("&#60;script&#62;&#38;&#34;&#39;&#60;/script&#62;"), "title not escaped");
  assert(!odd.includes("\u0007"), "a control character got into the SVG");
  assert(!odd.includes("\uD800"), "a lone surrogate got into the SVG");
  await renderMoodChart({ ...sparseData(), title: `\uD800<b>\u0000` }, { theme: "light" });
});

Deno.test("renderMoodChart() draws Cyrillic glyphs from the shipped font", async (t) => {
  const title = async (text: string) =>
    await decodePng(await renderMoodChart(emptyData(text), { theme: "light" }));
  const none = await title("");
  const titleInk = async (text: string) => {
    const png = await title(text);
    return { png, ink: ink(png, ...TITLE_BAND) - ink(none, ...TITLE_BAND) };
  };

  await t.step("Russian letters leave ink, and different letters different ink", async () => {
    const a = await titleInk("АБВГДЕЖЗИЙ");
    const b = await titleInk("КЛМНОПРСТУ");
    const c = await titleInk("ёжзийщъыэю");
    assert(a.ink > 4_000 && b.ink > 4_000 && c.ink > 3_000, `ink ${a.ink} ${b.ink} ${c.ink}`);
    assert(!sameBytes(band(a.png, ...TITLE_BAND), band(b.png, ...TITLE_BAND)), "А… looks like К…");
    assert(!sameBytes(band(b.png, ...TITLE_BAND), band(c.png, ...TITLE_BAND)), "К… looks like ё…");
  });

  await t.step("the check fails for glyphs the font lacks (private-use code points)", async () => {
    const a = await titleInk("\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008\uE009");
    const b = await titleInk("\uE010\uE011\uE012\uE013\uE014\uE015\uE016\uE017\uE018\uE019");
    const identical = sameBytes(band(a.png, ...TITLE_BAND), band(b.png, ...TITLE_BAND));
    assert(a.ink <= 4_000 || identical, `missing glyphs passed the check (ink ${a.ink})`);
  });
});

Deno.test("renderMoodChart() gives the same bytes for the same data", async () => {
  const first = await renderMoodChart(realisticData(), { theme: "dark" });
  const second = await renderMoodChart(realisticData(), { theme: "dark" });
  assert.deepEqual(first, second, "two renders differ");
});

/** Runs in a fresh process with read permission only, so the figures are the renderer's own. */
const measureScript = (module: string, data: MoodChartData) => `
const mb = (bytes) => Math.round(bytes / 104857.6) / 10;
const memory = () => {
  const m = Deno.memoryUsage();
  return { rss: mb(m.rss), heapUsed: mb(m.heapUsed), external: mb(m.external) };
};
const data = ${JSON.stringify(data)};
const { renderMoodChart } = await import(${JSON.stringify(module)});
const before = memory();
let started = performance.now();
await renderMoodChart(data, { theme: "light" });
const coldMs = Math.round(performance.now() - started);
const afterFirst = memory();
const times = [];
let peakRss = afterFirst.rss;
for (let i = 0; i < 20; i++) {
  started = performance.now();
  await renderMoodChart(data, { theme: i % 2 ? "dark" : "light" });
  times.push(performance.now() - started);
  peakRss = Math.max(peakRss, memory().rss);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  coldMs,
  warmMs: { median: Math.round(times[10]), max: Math.round(times[19]) },
  memoryMb: { before, afterFirst, after20More: memory(), peakRss },
}));
// Linger so that the parent reads the process's peak RSS (VmHWM) once more before it exits.
await new Promise((resolve) => setTimeout(resolve, 300));
`;

/** Polls the peak RSS (VmHWM, Linux only) of a process until stopped; 0 where unreadable. */
function watchPeakRss(pid: number): { stop(): Promise<number> } {
  let running = true;
  let peakKb = 0;
  const loop = (async () => {
    while (running) {
      const status = await Deno.readTextFile(`/proc/${pid}/status`).catch(() => "");
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Math.round(peakKb / 102.4) / 10;
    },
  };
}

Deno.test("renderMoodChart() stays fast and well under the Edge memory limit", async () => {
  const module = new URL("../../shared/diary/mood_chart.ts", import.meta.url).href;
  const config = new URL("../../deno.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", "--config", config, "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const peak = watchPeakRss(child.pid);
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(measureScript(module, realisticData())));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const processPeakRssMb = await peak.stop();
  assert(code === 0, `the measuring process failed: ${new TextDecoder().decode(stderr)}`);
  const output = new TextDecoder().decode(stdout).trim();
  const figures = JSON.parse(output.slice(output.lastIndexOf("\n") + 1)) as {
    coldMs: number;
    warmMs: { median: number; max: number };
    memoryMb: Record<"before" | "afterFirst" | "after20More", Record<string, number>> & {
      peakRss: number;
    };
  } & { processPeakRssMb?: number };
  if (processPeakRssMb > 0) figures.processPeakRssMb = processPeakRssMb;
  if (outDir) {
    await Deno.mkdir(outDir, { recursive: true });
    await Deno.writeTextFile(`${outDir}/figures.json`, JSON.stringify(figures, null, 2) + "\n");
  }
  const { before, afterFirst, after20More, peakRss } = figures.memoryMb;
  assert(figures.coldMs < 5_000, `first render ${figures.coldMs} ms`);
  assert(figures.warmMs.median < 1_000, `median render ${figures.warmMs.median} ms`);
  const peakMb = Math.max(peakRss, processPeakRssMb);
  assert(peakMb < 200, `peak RSS ${peakMb} MB`);
  const isolate = after20More.heapUsed! + after20More.external!;
  assert(isolate < 100, `heap + external ${isolate} MB after 21 renders`);
  const growth = after20More.rss! - afterFirst.rss!;
  assert(growth < 30, `RSS grew by ${growth} MB over 20 renders (before: ${before.rss} MB)`);
});
