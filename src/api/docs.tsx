import { staticFiles } from "../static-files";
import { DocsPage } from "../../views/api/docs-page";

/** The reference page from the generated document. */
export function docsPage(doc: unknown) {
  return "<!doctype html>" + String(<DocsPage doc={doc as Parameters<typeof DocsPage>[0]["doc"]} css={staticFiles.css} />);
}
