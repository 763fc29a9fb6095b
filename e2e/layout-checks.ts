// Checks on a page as the browser lays it out: tables that fit a phone, and targets big enough to tap.
import type { Page } from "playwright-core";

/** tsx keeps function names with a helper (`__name`) that the page does not have: give it a no-op. */
const withNames = (page: Page) => page.evaluate("globalThis.__name ??= (f) => f");

/** WCAG 2.2 (2.5.8): a target is at least 24 × 24 CSS pixels. */
export const MIN_TARGET = 24;

/**
 * Tables at phone width: every row's last cell lies within the viewport and no table scrolls
 * sideways inside its wrapper (the column that matters is never out of view). Returns problems.
 */
export async function tableProblems(page: Page): Promise<string[]> {
  await withNames(page);
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    const name = (table: HTMLTableElement) => table.caption?.textContent?.trim() || table.closest("[id]")?.id || "a table";
    for (const table of document.querySelectorAll("table")) {
      if (!table.checkVisibility()) continue;
      const wrap = table.closest(".table-wrap");
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
        problems.push(`table "${name(table)}" scrolls sideways (${wrap.scrollWidth}px in ${wrap.clientWidth}px)`);
      const caption = table.caption?.getBoundingClientRect();
      if (caption && caption.right > width + 1) problems.push(`table "${name(table)}": its caption runs off the screen`);
      for (const row of table.tBodies[0]?.rows ?? []) {
        const last = row.cells[row.cells.length - 1];
        const box = last?.getBoundingClientRect();
        if (box && (box.right > width + 1 || box.left < -1)) {
          problems.push(`table "${name(table)}": the last column ("${last!.textContent?.trim().slice(0, 30)}") is outside the screen`);
          break;
        }
      }
    }
    return problems;
  });
}

/**
 * Visible targets smaller than 24 × 24 px: links, buttons, form controls and summaries. A link
 * inside a sentence is exempt, as WCAG exempts it (its size is set by the line of text).
 */
export async function smallTargets(page: Page, min = MIN_TARGET): Promise<string[]> {
  await withNames(page);
  return page.evaluate((min) => {
    const inSentence = (el: Element) => {
      if (el.tagName !== "A") return false;
      const block = el.closest("p, li, dd, td, th, small, label, figcaption");
      if (!block) return false;
      const text = (block.textContent ?? "").replace(/\s+/g, " ").trim();
      const own = (el.textContent ?? "").replace(/\s+/g, " ").trim();
      // More words around the link than a separator or two: the link is part of a sentence.
      return text.length - own.length > 12;
    };
    const small: string[] = [];
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
    for (const el of document.querySelectorAll(selector)) {
      if (!(el as HTMLElement).checkVisibility() || el.closest(".skip-link, [hidden]")) continue;
      const rects = [...el.getClientRects()];
      if (rects.length === 0) continue;
      // A link that wraps onto two lines is judged by its tallest line box and its whole width.
      const height = Math.max(...rects.map((r) => r.height));
      const width = Math.max(...rects.map((r) => r.width));
      if ((height >= min - 0.5 && width >= min - 0.5) || inSentence(el)) continue;
      const label = (el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").replace(/\s+/g, " ").trim();
      small.push(`${el.tagName.toLowerCase()} "${label.slice(0, 40)}" is ${Math.round(width)} × ${Math.round(height)} px`);
    }
    return small;
  }, min);
}
