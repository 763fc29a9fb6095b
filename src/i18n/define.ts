/** One area's messages: Dutch first; English must have exactly the same keys. */
export function defineMessages<const N extends Record<string, string>>(nl: N, en: { [K in keyof N]: string }) {
  return { nl, en };
}
