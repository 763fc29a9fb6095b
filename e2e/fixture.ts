// One app and one browser per suite file: started before its tests, stopped after.
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { startServer } from "./server";
import { launch } from "./browser";

export function useAppAndBrowser(): () => Browser {
  let stop: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  before(async () => {
    stop = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });
  return () => {
    if (!browser) throw new Error("the browser is not started yet");
    return browser;
  };
}
