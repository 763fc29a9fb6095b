// Browser assets are served as static files by the Workers assets binding: vendor files are
// copied from node_modules by scripts/vendor-assets.mjs under versioned names (cached forever,
// see public/_headers); the version comes from the same installed package.
import htmx from "htmx.org/package.json";
import pico from "@picocss/pico/package.json";

export const assetPaths = {
  css: [`/vendor/pico-${pico.version}.min.css`, "/app.css"],
  js: [`/vendor/htmx-${htmx.version}.min.js`],
};
