// The translator and the message catalogues at run time.
// The catalogues are not in the Worker's bundle (they were ~35 KiB of its 250 KiB gzipped budget):
// `scripts/build-catalogues.ts` writes them from the area files (src/i18n/*.ts, the one source) to
// `public/i18n/messages.json`, a static asset, and each isolate reads that file once through the
// ASSETS binding on first use (`loadCatalogues`, called by the app's first middleware and by the
// daily Workflow). Node-side code (demo seed, benchmark) hands over the sources with `useCatalogues`.
// Worker code imports only the *type* MessageKey from ./catalogue, never its values.
import type { Locale } from "../db/schema";
import type { MessageKey } from "./catalogue";

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
export type Catalogues = Record<Locale, Record<MessageKey, string>>;

/** Where the build puts the catalogues inside the static assets (also a public URL; nothing in it is secret). */
export const CATALOGUES_PATH = "/i18n/messages.json";

let loaded: Catalogues | undefined;

/** Installs catalogues already in memory (Node scripts and tests hand over the sources). */
export function useCatalogues(catalogues: Catalogues): void {
  loaded = catalogues;
}

/**
 * Reads the catalogues from the static assets once per isolate. Each request that finds them not
 * yet loaded reads them itself (no promise shared between requests: workerd ties I/O to the request
 * that started it); the first to finish keeps them.
 */
export async function loadCatalogues(assets: Fetcher): Promise<void> {
  if (loaded) return;
  const read = await readCatalogues(assets);
  loaded ??= read;
}

/** One read of the catalogues file, checked for shape; throws with a clear message when it is missing. */
export async function readCatalogues(assets: Fetcher): Promise<Catalogues> {
  const res = await assets.fetch(new Request(`https://assets.local${CATALOGUES_PATH}`));
  if (!res.ok) {
    throw new Error(`message catalogues not found (${res.status} for ${CATALOGUES_PATH}): run \`npx tsx scripts/build-catalogues.ts\``);
  }
  const body: unknown = await res.json();
  const ok = (x: unknown): x is Record<string, string> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!ok(body) || !ok((body as Record<string, unknown>).nl) || !ok((body as Record<string, unknown>).en)) {
    throw new Error(`message catalogues at ${CATALOGUES_PATH} are not { nl: {...}, en: {...} }`);
  }
  return body as unknown as Catalogues;
}

function catalogues(): Catalogues {
  if (!loaded) throw new Error("message catalogues not loaded: await loadCatalogues(env.ASSETS) first");
  return loaded;
}

export function cataloguesLoaded(): boolean {
  return loaded !== undefined;
}

/** All messages of one language (for reverse look-ups such as a spreadsheet's Dutch or English labels). */
export function messagesOf(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues()[locale];
}

/** Whether a string is one of our message keys (zod issues carry keys or zod's own text). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogues().nl, key);
}

export function translator(locale: Locale): Translate {
  const { nl } = catalogues();
  const messages = catalogues()[locale];
  return (key, vars) => {
    const text = messages[key] ?? nl[key] ?? String(key);
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

export { formatDate, formatDateTime, formatFileSize, formatMoney, formatMonth, formatWholeMoney } from "./format";

/** Picks nl or en from an Accept-Language header; Dutch when nothing fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return "nl";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.split("-")[0] ?? "", q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (lang === "nl" || lang === "en") return lang;
  return "nl";
}
