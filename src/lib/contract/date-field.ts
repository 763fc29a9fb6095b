// TEMPORARY until src/lib/dates.ts lands (branch dates): a strict calendar date, YYYY-MM-DD, 1900–2199.
import * as z from "zod";

export const dateField = () =>
  z
    .string("form.invalid")
    .trim()
    .refine((s) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (y < 1900 || y > 2199) return false;
      const t = new Date(Date.UTC(y, mo - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
    }, "money.date.invalid");
