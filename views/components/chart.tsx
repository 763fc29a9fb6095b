// Server-rendered charts that need no JavaScript: an SVG picture (role="img" with its own
// title and description for screen readers) and the same numbers as a table right below it.
// Colours from the Okabe–Ito palette (safe for colour-blind readers); in stacked bars each
// series also has its own pattern and a legend in words, so no meaning rests on colour alone.
// Only SVG presentation attributes (fill=, stroke=): the CSP blocks style attributes. The text's
// size and ink are set once on the <svg> and inherited, and so are the outlines of a stacked row's
// bars (on their group): the same picture in fewer bytes.
// Bars run horizontally with the label above each bar, so long labels fit on a phone.
import type { Child } from "hono/jsx";
import { DataTable } from "./data-table";

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  blue: "#0072B2",
  orange: "#E69F00",
  bluishGreen: "#009E73",
  reddishPurple: "#CC79A7",
  skyBlue: "#56B4E9",
  vermillion: "#D55E00",
  yellow: "#F0E442",
  black: "#000000",
} as const;

export const SERIES_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.yellow,
] as const;

export type Pattern = "solid" | "diagonal" | "dots" | "cross" | "horizontal" | "vertical" | "backdiagonal";
export const SERIES_PATTERNS: readonly Pattern[] = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "backdiagonal"];

export type Series = { label: string; colour?: string; pattern?: Pattern };

// Sizes in viewBox units (= CSS pixels at natural size).
const WIDTH = 400;
const PAD = 4;
const FONT = 15;
const BAR_Y = 21;
const BAR = 18;
const ROW = 48;
const LEGEND_ROW = 22;
const VALUE_ROOM = 100;
const INK = "#1b1b1b";

const defaultFormat = (n: number) => String(n);

type Common = {
  /** Unique on the page: the ids of the title, description and patterns derive from it. */
  id: string;
  title: string;
  /** One or two sentences with the message of the chart, for screen readers. */
  desc: string;
  /** The caption of the table with the numbers (and its headers below): needed unless `table` is false. */
  caption?: string;
  labelHeader?: string;
  format?: (n: number) => string;
  /** false: the numbers are in a table of the page's own next to the chart (the overview's column tables). */
  table?: boolean;
};

function PatternDef(props: { id: string; colour: string; pattern: Pattern }) {
  const lines: Record<Exclude<Pattern, "solid" | "dots">, string> = {
    diagonal: "M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6",
    backdiagonal: "M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2",
    cross: "M0,8 L8,0 M0,0 L8,8",
    horizontal: "M0,4 L8,4",
    vertical: "M4,0 L4,8",
  };
  return (
    <pattern id={props.id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={props.colour} />
      {props.pattern === "dots" && <circle cx="4" cy="4" r="1.6" fill={INK} fill-opacity="0.6" />}
      {props.pattern !== "solid" && props.pattern !== "dots" && (
        <path d={lines[props.pattern]} stroke={INK} stroke-opacity="0.6" stroke-width="1.5" />
      )}
    </pattern>
  );
}

function Svg(props: { id: string; title: string; desc: string; height: number; children: Child }) {
  return (
    // Drawn at its natural size; with `.chart-svg { max-width: 100%; height: auto }` it shrinks
    // to a narrow column, and without that rule the wrapper scrolls sideways instead of clipping.
    <div class="table-wrap chart-figure">
      <svg
        class="chart-svg"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        viewBox={`0 0 ${WIDTH} ${props.height}`}
        width={WIDTH}
        height={props.height}
        xmlns="http://www.w3.org/2000/svg"
        font-size={FONT}
        fill={INK}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        {props.children}
      </svg>
    </div>
  );
}

/** One bar per row, with its value written beside it; the table below repeats the numbers. */
export function BarChart(props: Common & { valueHeader?: string; rows: { label: string; value: number }[]; colour?: string }) {
  const format = props.format ?? defaultFormat;
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const span = WIDTH - 2 * PAD - VALUE_ROOM;
  const height = props.rows.length * ROW + PAD;
  return (
    <div class="chart" id={props.id}>
      <Svg id={props.id} title={props.title} desc={props.desc} height={height}>
        {props.rows.map((r, i) => {
          const y = PAD + i * ROW;
          const w = Math.max(0, (r.value / max) * span);
          return (
            <g>
              <text x={PAD} y={y + FONT}>
                {r.label}
              </text>
              {w > 0 && (
                <rect
                  x={PAD}
                  y={y + BAR_Y}
                  width={w.toFixed(1)}
                  height={BAR}
                  fill={props.colour ?? OKABE_ITO.blue}
                  stroke={INK}
                  stroke-width="0.75"
                />
              )}
              <text x={(PAD + w + 6).toFixed(1)} y={y + BAR_Y + BAR - 4}>
                {format(r.value)}
              </text>
            </g>
          );
        })}
      </Svg>
      {props.table !== false && (
        <DataTable
          caption={props.caption ?? ""}
          head={[props.labelHeader ?? "", props.valueHeader ?? ""]}
          rows={props.rows.map((r) => [r.label, format(r.value)])}
        />
      )}
    </div>
  );
}

/**
 * One stacked bar per row (e.g. per quarter), one segment per series, with a legend in words and
 * a pattern per series. The table below has a column per series, the total, and any extra columns.
 */
export function StackedBarChart(
  props: Common & {
    totalHeader?: string;
    series: Series[];
    rows: { label: string; values: number[]; extra?: Child[] }[];
    extraHeaders?: string[];
  },
) {
  const format = props.format ?? defaultFormat;
  const series = props.series.map((s, i) => ({
    ...s,
    colour: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]!,
    pattern: s.pattern ?? SERIES_PATTERNS[i % SERIES_PATTERNS.length]!,
    fill: `url(#${props.id}-p${i})`,
  }));
  const totals = props.rows.map((r) => r.values.reduce((s, v) => s + v, 0));
  const max = Math.max(1, ...totals);
  const span = WIDTH - 2 * PAD - VALUE_ROOM;
  const legendHeight = series.length * LEGEND_ROW + 8;
  const height = legendHeight + props.rows.length * ROW + PAD;
  return (
    <div class="chart" id={props.id}>
      <Svg id={props.id} title={props.title} desc={props.desc} height={height}>
        <defs>
          {series.map((s, i) => (
            <PatternDef id={`${props.id}-p${i}`} colour={s.colour} pattern={s.pattern} />
          ))}
        </defs>
        {series.map((s, i) => (
          <g>
            <rect x={PAD} y={PAD + i * LEGEND_ROW} width="16" height="16" fill={s.fill} stroke={INK} stroke-width="0.75" />
            <text x={PAD + 22} y={PAD + i * LEGEND_ROW + 13}>
              {s.label}
            </text>
          </g>
        ))}
        {props.rows.map((r, i) => {
          const y = legendHeight + i * ROW;
          let x = PAD;
          const total = totals[i]!;
          return (
            <g>
              <text x={PAD} y={y + FONT}>
                {r.label}
              </text>
              <g stroke={INK} stroke-width="0.75">
                {r.values.map((v, j) => {
                  const w = (v / max) * span;
                  const rect =
                    w > 0 ? <rect x={x.toFixed(1)} y={y + BAR_Y} width={w.toFixed(1)} height={BAR} fill={series[j]?.fill ?? INK} /> : null;
                  x += w;
                  return rect;
                })}
              </g>
              <text x={(x + 6).toFixed(1)} y={y + BAR_Y + BAR - 4}>
                {format(total)}
              </text>
            </g>
          );
        })}
      </Svg>
      {props.table !== false && (
        <DataTable
          caption={props.caption ?? ""}
          head={[props.labelHeader ?? "", ...series.map((s) => s.label), props.totalHeader ?? "", ...(props.extraHeaders ?? [])]}
          rows={props.rows.map((r, i) => [r.label, ...r.values.map((v) => format(v)), format(totals[i]!), ...(r.extra ?? [])])}
        />
      )}
    </div>
  );
}
