/// <reference types="vite/client" />
// The stand-ins that keep the Worker's bundle small (src/shims/, `[alias]` in wrangler.toml).
// vitest.config.ts applies the same aliases to the app and its dependencies, so the rest of the
// suite already runs against them; this file checks what each stand-in promises.
import { describe, expect, it } from "vitest";
import * as realZod from "zod"; // test files get the real package (see vitest.config.ts)
import * as z from "../../src/shims/zod";
import { createRoute, z as libraryZ } from "@hono/zod-openapi";

describe("the zod stand-in", () => {
  it("is the same zod, English only, with .openapi() from @hono/zod-openapi", () => {
    expect(z.ZodType).toBe(realZod.ZodType);
    expect(Object.keys(z.locales)).toEqual(["en"]);
    expect(Object.keys(z.core.locales)).toEqual(["en"]);
    const result = z.object({ name: z.string().min(2) }).safeParse({ name: 1 });
    expect(result.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringMatching(/expected string/) });
    expect(typeof createRoute).toBe("function");
    expect(typeof realZod.string().openapi).toBe("function"); // one prototype, extended once
  });

  it("says so when something left out is used", () => {
    expect(() => z.fromJSONSchema({ type: "string" })).toThrow(/left out/);
    expect(() => z.compile(z.string())).toThrow(/left out/);
    // The `z` value that libraries get carries ZodType only: app code uses `import * as z`.
    // @hono/zod-openapi re-exports it: that it is the stand-in's shows the alias applies under test.
    expect(libraryZ.ZodType).toBe(realZod.ZodType);
    expect(() => libraryZ.object).toThrow(/import \* as z from "zod"/);
  });

  it("is used the way it has to be in src/ and views/", () => {
    const sources = import.meta.glob(["../../src/**/*.{ts,tsx}", "../../views/**/*.{ts,tsx}", "!../../src/shims/**"], {
      query: "?raw",
      import: "default",
      eager: true,
    }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const wrong = /import\s+(?:z\b|\{[^}]*(?<!type )\bz\b[^}]*\})\s*from\s*"(?:zod|@hono\/zod-openapi)"/;
    expect(
      Object.entries(sources)
        .filter(([, text]) => wrong.test(text))
        .map(([file]) => file),
    ).toEqual([]);
  });
});

describe("the stubs for parts of the resend SDK we do not use", () => {
  it("throw instead of verifying webhooks or parsing received mail", async () => {
    const { Webhook } = await import("../../src/shims/standardwebhooks");
    expect(() => new Webhook("whsec_eA==").verify("{}", {})).toThrow(/not part of this Worker/);
    const { default: PostalMime } = await import("../../src/shims/postal-mime");
    await expect(PostalMime.parse("")).rejects.toThrow(/not part of this Worker/);
  });
});
