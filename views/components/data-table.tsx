import type { Child } from "hono/jsx";

/**
 * Every table of the app: a caption that wraps, column headers, and the first cell of each row as
 * its header. On a phone (public/app.css, `table.stack`) each row becomes a stacked block with the
 * column's name before each value, so every column stays in view without scrolling sideways; on
 * wider screens it is an ordinary table, in a wrapper that scrolls (and takes focus) if it must.
 * (The HTML checker refuses ARIA table roles on a table's own parts, so the markup stays plain.)
 * A table without `head`, or of two columns (label and value), stays a table on a phone too.
 */
export function DataTable(props: {
  caption: Child;
  /** Column headers, the first for the row headers. */
  head?: string[];
  rows: Child[][];
  /** An id per row (a link target), in the order of `rows`. */
  rowIds?: string[];
  /** The first cell of a row names the row (th scope=row); false for tables where no cell does. */
  rowHeaders?: boolean;
  class?: string;
}) {
  const rowHeaders = props.rowHeaders ?? true;
  const stack = (props.head?.length ?? 0) > 2;
  return (
    // Focusable so a keyboard can scroll a wide table on a laptop; not a landmark (captions repeat,
    // e.g. "Parameters" in the API reference, and landmarks must have unique names).
    <div class="table-wrap" tabindex={0}>
      <table class={[stack ? "stack" : null, props.class].filter(Boolean).join(" ") || undefined}>
        <caption>{props.caption}</caption>
        {props.head && (
          <thead>
            <tr>
              {props.head.map((label) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {props.rows.map((cells, r) => (
            <tr id={props.rowIds?.[r]}>
              {cells.map((cell, i) => {
                const label = stack ? props.head?.[i] : undefined;
                return i === 0 && rowHeaders ? (
                  <th scope="row" data-label={label}>
                    {cell}
                  </th>
                ) : (
                  <td data-label={label}>{cell}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
