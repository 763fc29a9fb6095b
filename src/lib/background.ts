// Work a request starts but its answer need not wait for (keeping derived data fresh). On the
// platform it runs after the answer (waitUntil); without an execution context (a test calling the
// app directly) it is awaited. A failure is logged, never the visitor's problem.
import type { Context } from "hono";

export async function inBackground(c: Context, what: string, work: () => Promise<unknown>): Promise<void> {
  const run = work().catch((err: unknown) => console.error(`${what} failed`, err));
  let ctx: Context["executionCtx"] | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined; // hono throws when the app was called without one
  }
  if (ctx) ctx.waitUntil(run);
  else await run;
}
