// The Worker: builds the app once per isolate and exports its handlers.
import { buildApp } from "./app";
import { startDailyRun } from "./jobs/daily-run";

export { DailyRun } from "./jobs/daily-run";

const app = buildApp();

export default {
  fetch: app.fetch,
  // The cron trigger only starts the day's Workflow; "now" is the event's scheduledTime.
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(startDailyRun(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
