/**
 * The diary's mood chart: an SVG built here and rasterised to PNG by resvg compiled to
 * WebAssembly (no native code, so it runs on Supabase Edge). The wasm has no system fonts: it gets
 * a Noto Sans subset (Latin + Cyrillic) shipped in `./fonts/`. Every user-facing text comes in
 * through `data`; this module holds none.
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";

export interface MoodChartData {
  /** Russian, e.g. "Настроение за 30 дней". */
  title: string;
  /** The last days, oldest first (usually 30); valence -1..1, null for a day without entries. */
  days: Array<{ date: string; valence: number | null }>;
  /** ISO weeks, oldest first (the last 6 are shown); label like "16–22 нояб.". */
  weeks: Array<{ label: string; valence: number | null; entries: number }>;
  /** Emotion labels, biggest first (the first 4 are shown); Russian names, share 0..1. */
  topLabels: Array<{ label: string; share: number }>;
  captions: {
    days: string;
    weeks: string;
    labels: string;
    noData: string;
    /** Word at the top of the day chart's scale ("хорошо"); "+" when absent. */
    good?: string;
    /** Word at the bottom of the day chart's scale ("плохо"); "−" when absent. */
    bad?: string;
  };
}

export interface MoodChartOptions {
  theme: "light" | "dark";
}

/** The PNG's size in pixels: portrait 3:4, readable when opened full-screen on a phone. */
export const moodChartSize = { width: 1080, height: 1440 } as const;

/**
 * Renders the chart as a PNG of moodChartSize. The first call in an isolate also reads and compiles
 * the wasm and reads the fonts (a few hundred ms); later calls take ~0.1 s.
 */
export async function renderMoodChart(
  data: MoodChartData,
  options: MoodChartOptions,
): Promise<Uint8Array> {
  const assets = await loadAssets();
  const svg = buildSvg(data, options, assets.metrics);
  const resvg = new Resvg(svg, {
    font: { fontBuffers: assets.fonts, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** The SVG that renderMoodChart rasterises (for tests and debugging). */
export async function moodChartSvg(
  data: MoodChartData,
  options: MoodChartOptions,
): Promise<string> {
  return buildSvg(data, options, (await loadAssets()).metrics);
}

// ---------------------------------------------------------------------------------------------
// Assets: loaded once per isolate, at the first render (nothing happens at import time).

const FAMILY = "Noto Sans";
const fontFiles = {
  regular: new URL("./fonts/NotoSans-Regular.subset.ttf", import.meta.url),
  semibold: new URL("./fonts/NotoSans-SemiBold.subset.ttf", import.meta.url),
};

interface Assets {
  fonts: Uint8Array[];
  metrics: Metrics;
}

let assets: Promise<Assets> | undefined;
let wasmReady: Promise<void> | undefined;

function loadAssets(): Promise<Assets> {
  if (!assets) {
    assets = (async () => {
      const [regular, semibold] = await Promise.all([
        Deno.readFile(fontFiles.regular),
        Deno.readFile(fontFiles.semibold),
        loadWasm(),
      ]);
      return {
        fonts: [regular, semibold],
        metrics: { regular: parseFontMetrics(regular), semibold: parseFontMetrics(semibold) },
      };
    })();
    // A failed load (e.g. a missing static file) is tried again by the next render.
    assets.catch(() => {
      assets = undefined;
    });
  }
  return assets;
}

function loadWasm(): Promise<void> {
  if (!wasmReady) {
    wasmReady = (async () => {
      // With nodeModulesDir "none" the package sits in Deno's npm cache, not in node_modules:
      // import.meta.resolve maps the import-map entry to that file's file:// URL.
      const url = new URL(import.meta.resolve("@resvg/resvg-wasm/index_bg.wasm"));
      const module = await WebAssembly.compile(await Deno.readFile(url));
      await initWasm(module);
    })();
    // A failed read or compile is tried again by the next render.
    wasmReady.catch(() => {
      wasmReady = undefined;
    });
  }
  return wasmReady;
}

// ---------------------------------------------------------------------------------------------
// Text measurement from the fonts' own advance widths (cmap format 4 + hmtx; kerning ignored),
// so titles and labels are fitted or cut with "…" instead of running off the card.

interface FontMetrics {
  unitsPerEm: number;
  advances: Map<number, number>;
  fallback: number;
}

interface Metrics {
  regular: FontMetrics;
  semibold: FontMetrics;
}

type Weight = "regular" | "semibold";

function parseFontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    tables.set(tag, view.getUint32(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`mood chart font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(table("head") + 18);
  const longMetrics = view.getUint16(table("hhea") + 34);
  const hmtx = table("hmtx");
  const advanceOf = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, longMetrics - 1));

  const cmap = table("cmap");
  let format4 = -1;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    const subtable = cmap + view.getUint32(record + 4);
    if (view.getUint16(record) === 3 && view.getUint16(subtable) === 4) format4 = subtable;
  }
  if (format4 < 0) throw new Error("mood chart font has no Unicode BMP cmap");
  const segments = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const advances = new Map<number, number>();
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + 2 * s);
    const end = view.getUint16(ends + 2 * s);
    const delta = view.getInt16(deltas + 2 * s);
    const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (code - start);
        glyph = view.getUint16(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) advances.set(code, advanceOf(glyph));
    }
  }
  return { unitsPerEm, advances, fallback: advanceOf(0) };
}

function textWidth(metrics: Metrics, text: string, size: number, weight: Weight): number {
  const font = metrics[weight];
  let units = 0;
  for (const char of text) {
    units += font.advances.get(char.codePointAt(0)!) ?? font.fallback;
  }
  return (units * size) / font.unitsPerEm;
}

/** The text itself if it fits maxWidth, else its longest prefix that fits followed by "…". */
function fitText(
  metrics: Metrics,
  text: string,
  size: number,
  maxWidth: number,
  weight: Weight,
): string {
  if (textWidth(metrics, text, size, weight) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0) {
    chars.pop();
    const candidate = chars.join("").trimEnd() + "…";
    if (textWidth(metrics, candidate, size, weight) <= maxWidth) return candidate;
  }
  return "";
}

/** Greedy word wrap into at most maxLines lines; the last one is cut with "…" if needed. */
function wrapText(
  metrics: Metrics,
  text: string,
  size: number,
  maxWidth: number,
  maxLines: number,
  weight: Weight,
): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text.split(" ").filter((word) => word !== "");
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line === "" || textWidth(metrics, candidate, size, weight) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(" ")}`;
      break;
    }
    lines.push(line);
    line = word;
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => fitText(metrics, l, size, maxWidth, weight));
}

// ---------------------------------------------------------------------------------------------
// Layout and drawing. All coordinates are in PNG pixels.

interface Palette {
  background: string;
  card: string;
  text: string;
  muted: string;
  grid: string;
  zero: string;
  positive: string;
  negative: string;
  accent: string;
  track: string;
}

const palettes: Record<MoodChartOptions["theme"], Palette> = {
  light: {
    background: "#eef1f5",
    card: "#ffffff",
    text: "#17212b",
    muted: "#5b6876",
    grid: "#e3e8ee",
    zero: "#98a3af",
    positive: "#23956a",
    negative: "#dc6432",
    accent: "#3a7fd5",
    track: "#eceff3",
  },
  dark: {
    background: "#17212b",
    card: "#212e3b",
    text: "#f1f5f9",
    muted: "#9aabbd",
    grid: "#2f3e4d",
    zero: "#6a7c8f",
    positive: "#4cc38a",
    negative: "#ff8a57",
    accent: "#62aaf0",
    track: "#2c3a48",
  },
};

const W = moodChartSize.width;
const H = moodChartSize.height;
const MARGIN = 36; // page edge to card
const INNER = 40; // card edge to content
const CARD_X = MARGIN;
const CARD_W = W - 2 * MARGIN;
const X0 = CARD_X + INNER;
const X1 = CARD_X + CARD_W - INNER;
const GAP = 24;
const BAR = 22; // thickness of the week and label bars

const type = {
  title: 56,
  caption: 34,
  label: 30,
  week: 28,
  tick: 26,
  empty: 36,
};

/** Normalised input: finite numbers clamped, text without control characters. */
interface Chart {
  title: string;
  days: Array<{ date: string; valence: number | null }>;
  weeks: Array<{ label: string; valence: number | null }>;
  labels: Array<{ label: string; share: number }>;
  captions: Required<MoodChartData["captions"]>;
}

function normalise(data: MoodChartData): Chart {
  const valence = (v: number | null) =>
    v === null || !Number.isFinite(v) ? null : Math.max(-1, Math.min(1, v));
  return {
    title: cleanText(data.title),
    days: data.days.map((d) => ({ date: cleanText(d.date), valence: valence(d.valence) })),
    weeks: data.weeks.slice(-6).map((w) => ({
      label: cleanText(w.label),
      valence: w.entries > 0 ? valence(w.valence) : null,
    })),
    labels: data.topLabels
      .slice(0, 4)
      .filter((l) => Number.isFinite(l.share) && l.share > 0)
      .map((l) => ({ label: cleanText(l.label), share: Math.min(1, l.share) })),
    captions: {
      days: cleanText(data.captions.days),
      weeks: cleanText(data.captions.weeks),
      labels: cleanText(data.captions.labels),
      noData: cleanText(data.captions.noData),
      good: cleanText(data.captions.good ?? "+"),
      bad: cleanText(data.captions.bad ?? "\u2212"),
    },
  };
}

/** Drops what XML 1.0 forbids (control characters, lone surrogates) and folds whitespace. */
function cleanText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu, "")
    .trim();
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Coordinates with one decimal: the same input always gives the same SVG text. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

interface TextSpec {
  x: number;
  y: number;
  size: number;
  fill: string;
  weight?: Weight;
  anchor?: "start" | "middle" | "end";
}

function text(content: string, spec: TextSpec): string {
  if (content === "") return "";
  const weight = spec.weight === "semibold" ? 600 : 400;
  const anchor = spec.anchor && spec.anchor !== "start" ? ` text-anchor="${spec.anchor}"` : "";
  return `<text x="${n(spec.x)}" y="${n(spec.y)}" font-size="${spec.size}" ` +
    `font-weight="${weight}" fill="${spec.fill}"${anchor}>${escapeXml(content)}</text>`;
}

function card(y: number, height: number, p: Palette): string {
  return `<rect x="${CARD_X}" y="${n(y)}" width="${CARD_W}" height="${n(height)}" rx="28" ` +
    `fill="${p.card}"/>`;
}

function buildSvg(data: MoodChartData, options: MoodChartOptions, metrics: Metrics): string {
  const chart = normalise(data);
  const p = palettes[options.theme];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" ` +
    `viewBox="0 0 ${W} ${H}" font-family="${FAMILY}">`,
    `<rect width="${W}" height="${H}" fill="${p.background}"/>`,
    titleText(chart.title, metrics, p),
  ];
  const top = 140;
  const bottom = H - MARGIN;
  const hasDays = chart.days.some((d) => d.valence !== null);
  const hasWeeks = chart.weeks.some((w) => w.valence !== null);
  if (!hasDays && !hasWeeks && chart.labels.length === 0) {
    parts.push(emptyState(chart, metrics, p, top, bottom));
  } else {
    const daysH = 480;
    const weeksH = 390;
    const labelsY = top + daysH + GAP + weeksH + GAP;
    // Week bars and label bars start at the same x, past the longest name of either.
    const names = [
      ...chart.weeks.map((w) => textWidth(metrics, w.label, type.week, "regular")),
      ...chart.labels.map((l) => textWidth(metrics, l.label, type.label, "regular")),
    ];
    const nameW = Math.min(320, Math.ceil(Math.max(0, ...names)));
    parts.push(
      daysSection(chart, metrics, p, top, daysH),
      weeksSection(chart, metrics, p, top + daysH + GAP, weeksH, nameW),
      labelsSection(chart, metrics, p, labelsY, bottom - labelsY, nameW),
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}

/** The title, made smaller (down to 44 px) before it is cut. */
function titleText(title: string, metrics: Metrics, p: Palette): string {
  const maxWidth = W - 2 * (CARD_X + 8);
  const width = textWidth(metrics, title, type.title, "semibold");
  const size = width <= maxWidth
    ? type.title
    : Math.max(44, Math.floor(type.title * maxWidth / width));
  return text(fitText(metrics, title, size, maxWidth, "semibold"), {
    x: CARD_X + 8,
    y: 100,
    size,
    fill: p.text,
    weight: "semibold",
  });
}

function sectionCaption(caption: string, metrics: Metrics, p: Palette, y: number): string {
  return text(fitText(metrics, caption, type.caption, X1 - X0, "semibold"), {
    x: X0,
    y: y + 64,
    size: type.caption,
    fill: p.text,
    weight: "semibold",
  });
}

/** The noData message, muted and centred in a box (for a section with nothing to show). */
function noDataNote(
  chart: Chart,
  metrics: Metrics,
  p: Palette,
  centreY: number,
  size: number,
): string {
  const lines = wrapText(metrics, chart.captions.noData, size, X1 - X0 - 40, 3, "regular");
  const lineH = Math.round(size * 1.4);
  const firstY = centreY - ((lines.length - 1) * lineH) / 2 + size * 0.35;
  return lines
    .map((line, i) =>
      text(line, {
        x: W / 2,
        y: firstY + i * lineH,
        size,
        fill: p.muted,
        anchor: "middle",
      })
    )
    .join("\n");
}

function emptyState(
  chart: Chart,
  metrics: Metrics,
  p: Palette,
  top: number,
  bottom: number,
): string {
  const centre = (top + bottom) / 2;
  const lineY = centre - 120;
  const dots = [0.2, 0.4, 0.6, 0.8].map((t) =>
    `<circle cx="${n(X0 + 40 + t * (X1 - X0 - 80))}" cy="${n(lineY)}" r="9" fill="${p.zero}" ` +
    `fill-opacity="0.45"/>`
  );
  return [
    card(top, bottom - top, p),
    `<line x1="${X0 + 40}" y1="${n(lineY)}" x2="${X1 - 40}" y2="${n(lineY)}" stroke="${p.zero}" ` +
    `stroke-opacity="0.6" stroke-width="3" stroke-dasharray="10 12" stroke-linecap="round"/>`,
    ...dots,
    noDataNote(chart, metrics, p, centre + 20, type.empty),
  ].join("\n");
}

function daysSection(chart: Chart, metrics: Metrics, p: Palette, y: number, h: number): string {
  const parts = [card(y, h, p), sectionCaption(chart.captions.days, metrics, p, y)];
  const days = chart.days;
  // Words ("хорошо") in the tick size; bare symbols ("+", "−") larger, or they look like specks.
  const scaleSize = [...chart.captions.good].length <= 2 && [...chart.captions.bad].length <= 2
    ? type.caption
    : type.tick;
  const gutter = Math.ceil(
    Math.max(
      textWidth(metrics, chart.captions.good, scaleSize, "regular"),
      textWidth(metrics, chart.captions.bad, scaleSize, "regular"),
    ),
  );
  const px0 = X0 + Math.min(gutter, 200) + 18;
  const px1 = X1 - 12;
  const py0 = y + 112;
  const py1 = y + h - 88;
  const zeroY = (py0 + py1) / 2;
  const half = (py1 - py0) / 2;
  const yOf = (v: number) => zeroY - v * half;
  const xOf = (i: number) =>
    days.length <= 1 ? (px0 + px1) / 2 : px0 + (i * (px1 - px0)) / (days.length - 1);

  // Scale: the ±1 lines, the dashed zero line, the words for good and bad.
  for (const v of [1, -1]) {
    parts.push(
      `<line x1="${n(px0)}" y1="${n(yOf(v))}" x2="${n(px1)}" y2="${n(yOf(v))}" ` +
        `stroke="${p.grid}" stroke-width="2"/>`,
    );
  }
  parts.push(
    `<line x1="${n(px0)}" y1="${n(zeroY)}" x2="${n(px1)}" y2="${n(zeroY)}" stroke="${p.zero}" ` +
      `stroke-width="2" stroke-dasharray="8 8"/>`,
  );
  const scaleX = px0 - 18;
  parts.push(
    text(fitText(metrics, chart.captions.good, scaleSize, 200, "regular"), {
      x: scaleX,
      y: yOf(1) + scaleSize * 0.35,
      size: scaleSize,
      fill: p.muted,
      anchor: "end",
    }),
    text(fitText(metrics, chart.captions.bad, scaleSize, 200, "regular"), {
      x: scaleX,
      y: yOf(-1) + scaleSize * 0.35,
      size: scaleSize,
      fill: p.muted,
      anchor: "end",
    }),
  );

  // Dates under the chart: the last day and every 7th before it (fewer if there are many days).
  const step = 7 * Math.ceil(days.length / 35);
  for (let i = days.length - 1; i >= 0; i -= step) {
    const label = shortDate(days[i]!.date);
    const w = textWidth(metrics, label, type.tick, "regular");
    const x = Math.max(X0 + w / 2, Math.min(X1 - w / 2, xOf(i)));
    parts.push(text(label, { x, y: py1 + 56, size: type.tick, fill: p.muted, anchor: "middle" }));
  }

  if (!days.some((d) => d.valence !== null)) {
    parts.push(noDataNote(chart, metrics, p, (py0 + zeroY) / 2, type.label));
    return parts.join("\n");
  }

  // Runs of consecutive days with entries: a line and an area to zero; gaps stay empty. Zero
  // crossings are added as points, so each part is drawn in its own colour without clip paths
  // (resvg would render every clipped group into a full-size layer of its own).
  const runs: Array<Array<{ x: number; v: number }>> = [];
  let run: Array<{ x: number; v: number }> = [];
  days.forEach((d, i) => {
    if (d.valence === null) {
      if (run.length > 1) runs.push(withZeroCrossings(run));
      run = [];
    } else {
      run.push({ x: xOf(i), v: d.valence });
    }
  });
  if (run.length > 1) runs.push(withZeroCrossings(run));
  const point = (x: number, v: number) => `${n(x)} ${n(yOf(v))}`;
  const area = (clamp: (v: number) => number) =>
    runs.map((r) =>
      `M${point(r[0]!.x, 0)} ` + r.map((pt) => `L${point(pt.x, clamp(pt.v))}`).join(" ") +
      ` L${point(r[r.length - 1]!.x, 0)} Z`
    ).join(" ");
  // Each stretch between zero crossings is one polyline, green above zero and warm below.
  const lines: Record<"positive" | "negative", string[]> = { positive: [], negative: [] };
  for (const r of runs) {
    let side: "positive" | "negative" | undefined;
    for (let i = 1; i < r.length; i++) {
      const a = r[i - 1]!;
      const b = r[i]!;
      const next = a.v + b.v >= 0 ? "positive" : "negative";
      if (next !== side) lines[next].push(`M${point(a.x, a.v)}`);
      lines[next].push(`L${point(b.x, b.v)}`);
      side = next;
    }
  }
  const areas = { positive: area((v) => Math.max(0, v)), negative: area((v) => Math.min(0, v)) };
  // The areas fade towards the zero line: strongest at the ends of the scale.
  parts.push(
    `<defs>${fade("mood-positive", p.positive, yOf(1), zeroY)}` +
      `${fade("mood-negative", p.negative, yOf(-1), zeroY)}</defs>`,
  );
  for (const side of ["positive", "negative"] as const) {
    if (lines[side].length === 0) continue;
    parts.push(
      `<path d="${areas[side]}" fill="url(#mood-${side})"/>`,
      `<path d="${lines[side].join(" ")}" fill="none" stroke="${p[side]}" stroke-width="5" ` +
        `stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  days.forEach((d, i) => {
    if (d.valence === null) return;
    const colour = d.valence >= 0 ? p.positive : p.negative;
    parts.push(
      `<circle cx="${n(xOf(i))}" cy="${n(yOf(d.valence))}" r="8" fill="${colour}" ` +
        `stroke="${p.card}" stroke-width="3"/>`,
    );
  });
  return parts.join("\n");
}

/** A vertical gradient of one colour, from 30 % opacity at `from` to 4 % at `to`. */
function fade(id: string, colour: string, from: number, to: number): string {
  return `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="0" y1="${n(from)}" ` +
    `x2="0" y2="${n(to)}"><stop offset="0" stop-color="${colour}" stop-opacity="0.3"/>` +
    `<stop offset="1" stop-color="${colour}" stop-opacity="0.04"/></linearGradient>`;
}

/** The run with a point added (at value 0) wherever the line crosses zero between two days. */
function withZeroCrossings(run: Array<{ x: number; v: number }>): Array<{ x: number; v: number }> {
  const out: Array<{ x: number; v: number }> = [];
  run.forEach((pt, i) => {
    const prev = run[i - 1];
    if (prev && prev.v * pt.v < 0) {
      out.push({ x: prev.x + (prev.v / (prev.v - pt.v)) * (pt.x - prev.x), v: 0 });
    }
    out.push(pt);
  });
  return out;
}

/** "2026-11-23" → "23.11"; anything else is shown as given. */
function shortDate(date: string): string {
  const match = /^\d{4}-(\d{2})-(\d{2})/.exec(date);
  return match ? `${match[2]}.${match[1]}` : date;
}

function weeksSection(
  chart: Chart,
  metrics: Metrics,
  p: Palette,
  y: number,
  h: number,
  labelW: number,
): string {
  const parts = [card(y, h, p), sectionCaption(chart.captions.weeks, metrics, p, y)];
  const rowsTop = y + 92;
  const rowH = Math.min(46, (y + h - 20 - rowsTop) / 6);
  if (chart.weeks.length === 0 || !chart.weeks.some((w) => w.valence !== null)) {
    parts.push(noDataNote(chart, metrics, p, (rowsTop + y + h) / 2 - 12, type.label));
    return parts.join("\n");
  }
  const bx0 = X0 + labelW + 28;
  const cx = (bx0 + X1) / 2;
  const half = (X1 - bx0) / 2;
  const mids = chart.weeks.map((_, i) => rowsTop + i * rowH + rowH / 2);
  chart.weeks.forEach((week, i) => {
    parts.push(
      text(fitText(metrics, week.label, type.week, labelW, "regular"), {
        x: X0,
        y: mids[i]! + type.week * 0.35,
        size: type.week,
        fill: p.text,
      }),
      `<rect x="${n(bx0)}" y="${n(mids[i]! - BAR / 2)}" width="${n(X1 - bx0)}" ` +
        `height="${BAR}" rx="${BAR / 2}" fill="${p.track}"/>`,
    );
  });
  parts.push(
    `<line x1="${n(cx)}" y1="${n(rowsTop + 4)}" x2="${n(cx)}" ` +
      `y2="${n(rowsTop + rowH * chart.weeks.length - 4)}" stroke="${p.zero}" stroke-width="2" ` +
      `stroke-dasharray="6 6"/>`,
  );
  chart.weeks.forEach((week, i) => {
    const mid = mids[i]!;
    if (week.valence === null) {
      parts.push(
        `<circle cx="${n(cx)}" cy="${n(mid)}" r="6" fill="${p.card}" stroke="${p.zero}" ` +
          `stroke-width="2"/>`,
      );
      return;
    }
    // A pill from the zero line, rounded at its outer end only (the square end covers the other).
    const length = Math.max(BAR / 2, Math.abs(week.valence) * half);
    const positive = week.valence >= 0;
    const colour = positive ? p.positive : p.negative;
    const square = Math.min(BAR / 2, length);
    parts.push(
      `<rect x="${n(positive ? cx : cx - length)}" y="${n(mid - BAR / 2)}" width="${n(length)}" ` +
        `height="${BAR}" rx="${BAR / 2}" fill="${colour}"/>`,
      `<rect x="${n(positive ? cx : cx - square)}" y="${n(mid - BAR / 2)}" width="${n(square)}" ` +
        `height="${BAR}" fill="${colour}"/>`,
    );
  });
  return parts.join("\n");
}

function labelsSection(
  chart: Chart,
  metrics: Metrics,
  p: Palette,
  y: number,
  h: number,
  labelW: number,
): string {
  const parts = [card(y, h, p), sectionCaption(chart.captions.labels, metrics, p, y)];
  const rowsTop = y + 92;
  const rowH = Math.min(58, (y + h - 20 - rowsTop) / 4);
  if (chart.labels.length === 0) {
    parts.push(noDataNote(chart, metrics, p, (rowsTop + y + h) / 2 - 12, type.label));
    return parts.join("\n");
  }
  const percents = chart.labels.map((l) => `${Math.round(l.share * 100)}\u00a0%`);
  const pctW = Math.max(...percents.map((t) => textWidth(metrics, t, type.label, "semibold")));
  const bx0 = X0 + labelW + 28;
  const bx1 = X1 - pctW - 24;
  chart.labels.forEach((label, i) => {
    const mid = rowsTop + i * rowH + rowH / 2;
    const baseline = mid + type.label * 0.35;
    parts.push(
      text(fitText(metrics, label.label, type.label, labelW, "regular"), {
        x: X0,
        y: baseline,
        size: type.label,
        fill: p.text,
      }),
      `<rect x="${n(bx0)}" y="${n(mid - BAR / 2)}" width="${n(bx1 - bx0)}" height="${BAR}" ` +
        `rx="${BAR / 2}" fill="${p.track}"/>`,
      `<rect x="${n(bx0)}" y="${n(mid - BAR / 2)}" ` +
        `width="${n(Math.max(BAR, label.share * (bx1 - bx0)))}" height="${BAR}" rx="${BAR / 2}" ` +
        `fill="${p.accent}"/>`,
      text(percents[i]!, {
        x: X1,
        y: baseline,
        size: type.label,
        fill: p.text,
        weight: "semibold",
        anchor: "end",
      }),
    );
  });
  return parts.join("\n");
}
