import type { Flash, FlashPlace } from "../../src/middleware/flash";

/**
 * What one full page shares with the components inside it, set by the renderer (src/render.tsx)
 * for the length of the page's render: the flash of the previous write, the labels of the form
 * fields on the page (the error summary names the fields it links to). htmx fragments are rendered
 * without it.
 *
 * Not hono/jsx's createContext: importing it brings the client-side renderer into the Worker
 * (about 5 KiB gzipped). A page renders synchronously (only the error summary waits, and it reads
 * its state before it does), so a variable set around the render is enough.
 */
export type PageState = { flash: Flash | null; labels: Map<string, string> };

let current: PageState | null = null;

/** Runs `render` (which renders the page's JSX) with `state` as the page's shared state. */
export function withPage<T>(state: PageState, render: () => T): T {
  const previous = current;
  current = state;
  try {
    return render();
  } finally {
    current = previous;
  }
}

export const usePage = (): PageState | null => current;

/** "It worked": the message itself, in a fragment or on a page. Focus moves to it (public/app.js). */
export function SavedMessage(props: { text: string }) {
  return (
    <p role="status" class="notice notice-success flash" tabindex={-1}>
      {props.text}
    </p>
  );
}

/** The flash of the previous write, when it belongs here: at the top of the page (no `at`) or
 * under the heading of the section `at`. */
export function FlashMessage(props: { at?: FlashPlace }) {
  const flash = usePage()?.flash;
  if (!flash || flash.at !== props.at) return null;
  if (flash.kind === "error")
    return (
      <p role="alert" class="error-summary flash" tabindex={-1}>
        {flash.text}
      </p>
    );
  return <SavedMessage text={flash.text} />;
}
