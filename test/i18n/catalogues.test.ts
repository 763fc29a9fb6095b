/// <reference types="vite/client" />
// The message catalogues ship as a static asset, not in the bundle (src/i18n/index.ts): the Worker
// reads exactly what the sources say, a missing or broken file fails loudly, and no Worker code
// pulls the sources back into the bundle.
import { describe, expect, it } from "vitest";
import { env, exports } from "cloudflare:workers";
import { en, nl } from "../../src/i18n/catalogue";
import { CATALOGUES_PATH, isMessageKey, messagesOf, readCatalogues, translator } from "../../src/i18n";

const fakeAssets = (respond: () => Response) => ({ fetch: async () => respond(), connect: () => undefined as never }) as unknown as Fetcher;

describe("the message catalogues", () => {
  it("are read from the Worker's static assets, exactly as the sources say, both languages with the same keys", async () => {
    const read = await readCatalogues(env.ASSETS);
    expect(read).toEqual({ nl, en });
    expect(Object.keys(read.en).sort()).toEqual(Object.keys(read.nl).sort());
    expect(Object.keys(read.nl).length).toBeGreaterThan(1000);
  });

  it("are what pages, keys and reverse look-ups use once loaded", async () => {
    expect(translator("en")("signIn.title")).toBe(en["signIn.title"]);
    expect(translator("nl")("nav.signedInAs", { name: "Fatma" })).toBe(nl["nav.signedInAs"].replace("{name}", "Fatma"));
    expect(isMessageKey("form.required")).toBe(true);
    expect(isMessageKey("Expected string, received number")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
    expect(messagesOf("en")["signIn.title"]).toBe(en["signIn.title"]);
    const res = await exports.default.fetch("http://localhost/sign-in", { headers: { "accept-language": "en" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(en["signIn.title"]);
  });

  it("fail with a clear message when the file is missing or not catalogues", async () => {
    await expect(readCatalogues(fakeAssets(() => new Response("nope", { status: 404 })))).rejects.toThrow(
      /message catalogues not found \(404 for \/i18n\/messages\.json\).*build-catalogues/,
    );
    await expect(readCatalogues(fakeAssets(() => Response.json({ nl: {} })))).rejects.toThrow(/not \{ nl/);
    await expect(readCatalogues(fakeAssets(() => Response.json([1, 2])))).rejects.toThrow(/not \{ nl/);
    expect(CATALOGUES_PATH).toBe("/i18n/messages.json");
  });

  it("stay out of the bundle: Worker code imports only types from the sources", () => {
    const sources = import.meta.glob(["../../src/**/*.{ts,tsx}", "../../views/**/*.{ts,tsx}"], {
      query: "?raw",
      import: "default",
      eager: true,
    }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    // The sources: catalogue.ts and the area files it merges (all of src/i18n but the run-time modules).
    const isSource = (file: string) => /\/src\/i18n\//.test(file) && !/\/(index|format)\.ts$/.test(file);
    const sourceSpecifier = /(?:^|\/)i18n\/(?!index$|format$)[\w-]+$|^\.\/(?!index$|format$)[\w-]+$/;
    const valueImports = (text: string) =>
      [...text.matchAll(/import\s+(?!type\b)([^;]*?)\s+from\s+"([^"]+)"/g)]
        .filter(([, names]) => !/^\{\s*(?:type\s+\w+\s*,?\s*)+\}$/.test(names!.trim()))
        .map(([, , spec]) => spec!);
    const wrong = Object.entries(sources)
      .filter(([file]) => !isSource(file))
      .flatMap(([file, text]) =>
        valueImports(text)
          .filter((spec) =>
            spec.startsWith("./") ? /\/src\/i18n\//.test(file) && sourceSpecifier.test(spec) : /i18n\/(?!index$|format$)[\w-]+$/.test(spec),
          )
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(wrong).toEqual([]);
  });
});
