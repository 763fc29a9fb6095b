import type { Locale } from "../db/schema";
import { nl, en, type MessageKey } from "./catalogue";

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };
const intlLocale: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => {
    const text = messages[key] ?? nl[key] ?? String(key);
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

export { formatDate, formatDateTime, formatMoney, formatMonth, formatWholeMoney } from "./format";

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
