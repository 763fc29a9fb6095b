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
  const width = page.viewportSize()!.width;
  // (Element types come from playwright's signature: this file is type-checked without the DOM library.)
  return page.locator("table").evaluateAll((tables, width) => {
    const problems: string[] = [];
    for (const table of tables) {
      if (!table.checkVisibility()) continue;
      const name = table.querySelector("caption")?.textContent?.trim() || table.closest("[id]")?.id || "a table";
      const wrap = table.closest(".table-wrap");
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
        problems.push(`table "${name}" scrolls sideways (${wrap.scrollWidth}px in ${wrap.clientWidth}px)`);
      const caption = table.querySelector("caption")?.getBoundingClientRect();
      if (caption && caption.right > width + 1) problems.push(`table "${name}": its caption runs off the screen`);
      for (const row of table.querySelectorAll("tbody > tr")) {
        const last = row.lastElementChild;
        const box = last?.getBoundingClientRect();
        if (box && (box.right > width + 1 || box.left < -1)) {
          problems.push(`table "${name}": the last column ("${last!.textContent?.trim().slice(0, 30)}") is outside the screen`);
          break;
        }
      }
    }
    return problems;
  }, width);
}

/**
 * Visible targets smaller than 24 × 24 px: links, buttons, form controls and summaries. A link
 * inside a sentence is exempt, as WCAG exempts it (its size is set by the line of text).
 */
export async function smallTargets(page: Page, min = MIN_TARGET): Promise<string[]> {
  await withNames(page);
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
  return page.locator(selector).evaluateAll((targets, min) => {
    const small: string[] = [];
    for (const el of targets) {
      if (!el.checkVisibility() || el.closest(".skip-link, [hidden]")) continue;
      const rects = [...el.getClientRects()];
      if (rects.length === 0) continue;
      // A link that wraps onto two lines is judged by its tallest line box and its widest.
      const height = Math.max(...rects.map((r) => r.height));
      const width = Math.max(...rects.map((r) => r.width));
      if (height >= min - 0.5 && width >= min - 0.5) continue;
      if (el.tagName === "A") {
        // More words around the link than a separator or two: the link is part of a sentence.
        const block = el.closest("p, li, dd, td, th, small, label, figcaption");
        const around =
          (block?.textContent ?? "").replace(/\s+/g, " ").trim().length - (el.textContent ?? "").replace(/\s+/g, " ").trim().length;
        if (block && around > 12) continue;
      }
      const label = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").replace(/\s+/g, " ").trim();
      small.push(`${el.tagName.toLowerCase()} "${label.slice(0, 40)}" is ${Math.round(width)} × ${Math.round(height)} px`);
    }
    return small;
  }, min);
}
