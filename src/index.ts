// The Worker: builds the app once per isolate and exports its handlers.
import { buildApp } from "./app";

const app = buildApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
