// Browser assets are served as static files by the Workers assets binding: vendor files are
// copied from node_modules by scripts/vendor-assets.mjs under versioned names (cached forever,
// see public/_headers); the version comes from the same installed package.
import { version as htmxVersion } from "htmx.org/package.json";
import { version as picoVersion } from "@picocss/pico/package.json";

export const staticFiles = {
  css: [`/vendor/pico-${picoVersion}.min.css`, "/app.css"],
  js: [`/vendor/htmx-${htmxVersion}.min.js`, "/app.js"],
};
