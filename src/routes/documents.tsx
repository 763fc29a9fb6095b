// The binder's pages: an initiative's (/initiatives/:id/documents: the initiative, its funding
// streams, tasks and volunteers) and a neighbourhood's (/neighbourhoods/:id/documents: its
// facilities). The scope gate (src/middleware/scope.ts) has decided who may read (and so download)
// and who may post; the domain (src/domain/documents/documents.ts) narrows it for documents about a
// person and archived ones. Uploads are plain multipart forms; `uploadLimit` refuses a request that
// is too large before its body is read (it runs before the CSRF check, which reads form bodies).
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import {
  addDocument,
  checkFile,
  documentFormContract,
  subjectOfForm,
  getDocument,
  loadBinder,
  mayDownload,
  MAX_UPLOAD_REQUEST_BYTES,
  openDocument,
  setDocumentArchived,
  subjectChoices,
  subjectIn,
  type BinderScope,
  type Upload,
} from "../domain/documents/documents";
import { downloadResponse } from "../domain/documents/file-types";
import type { FieldErrors } from "../lib/validation";
import { renderError } from "./errors";
import { flashRedirect } from "../middleware/flash";
import { BinderPage } from "../../views/documents/binder-views";
import { DocumentFormPage, type DocumentFormValues } from "../../views/documents/document-form";

export const documentsRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;

const UPLOAD_PATH = /^\/(initiatives|neighbourhoods)\/[^/]+\/documents\/?$/;

/**
 * Refuses an upload larger than 10 MB (plus room for the form's other fields) on its Content-Length,
 * before anything reads the body, and sends the browser back to the form with the message next to
 * the file field. (A body without a length is counted while it streams in, up to the same limit.)
 */
export const uploadLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "POST" || !UPLOAD_PATH.test(c.req.path)) return next();
  return bodyLimit({
    maxSize: MAX_UPLOAD_REQUEST_BYTES,
    onError: (c) => {
      const url = new URL(c.req.url);
      url.searchParams.set("tooLarge", "1");
      return c.redirect(`${url.pathname.replace(/\/$/, "")}/new${url.search}`, 303);
    },
  })(c, next);
});

/** The two binders share every step; this says where each one lives. */
type Place = {
  prefix: string;
  scope: (c: C) => BinderScope;
  base: (c: C) => string;
  name: (c: C) => string;
  intro: (c: C) => string;
  back: (c: C) => { href: string; label: string };
  /** Where a new document is shown: a funding stream's slot is on the initiative page. */
  after: (c: C, subjectType: string) => string;
};

const initiativePlace: Place = {
  prefix: "/initiatives/:initiativeId/documents",
  scope: (c) => ({ initiativeId: c.var.initiative.id }),
  base: (c) => `/initiatives/${c.var.initiative.id}/documents`,
  name: (c) => c.var.initiative.name,
  intro: (c) => c.var.t("documents.binder.intro"),
  back: (c) => ({ href: `/initiatives/${c.var.initiative.id}`, label: c.var.initiative.name }),
  after: (c, type) =>
    type === "funding" ? `/initiatives/${c.var.initiative.id}#funding` : `/initiatives/${c.var.initiative.id}/documents#documents`,
};

const neighbourhoodPlace: Place = {
  prefix: "/neighbourhoods/:neighbourhoodId/documents",
  scope: (c) => ({ neighbourhoodId: c.var.neighbourhood.id }),
  base: (c) => `/neighbourhoods/${c.var.neighbourhood.id}/documents`,
  name: (c) => c.var.neighbourhood.name,
  intro: (c) => c.var.t("documents.binder.introHood", { name: c.var.neighbourhood.name }),
  back: (c) => ({ href: `/neighbourhoods/${c.var.neighbourhood.id}/facilities#facilities`, label: c.var.neighbourhood.name }),
  after: (c) => `/neighbourhoods/${c.var.neighbourhood.id}/documents#documents`,
};

const viewerOf = (c: C) => ({ isAdmin: !!c.var.user?.isAdmin, canEdit: c.var.canEdit });

/** Only the choices of the form's own lists are kept from a query (a slot's link preselects them). */
function preselected(c: C): DocumentFormValues {
  const subject = c.req.query("subject");
  const kind = c.req.query("kind");
  return { ...(subject ? { subject } : {}), ...(kind ? { kind } : {}) };
}

async function formPage(c: C, place: Place, values: DocumentFormValues, errors: FieldErrors, status: 200 | 413 | 422 = 200) {
  const { t, db } = c.var;
  const subjects = await subjectChoices(db, place.scope(c));
  const query = new URLSearchParams(preselected(c)).toString();
  c.status(status);
  return c.render(
    <DocumentFormPage
      t={t}
      csrfToken={c.var.csrfToken}
      action={`${place.base(c)}${query ? `?${query}` : ""}`}
      back={{ href: place.base(c), label: t("documents.back") }}
      forName={place.name(c)}
      subjects={subjects}
      values={subjects.length === 1 ? { ...values, subject: subjects[0]!.value } : values}
      errors={errors}
      personal={subjects.some((s) => s.type === "involvement")}
    />,
    { title: t("documents.add") },
  );
}

/** The file field of a posted form: a File with a name, or nothing (an empty file input posts an empty, nameless file). */
async function uploadOf(value: unknown): Promise<Upload | null> {
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) return null;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

function mount(place: Place) {
  documentsRoutes.get(place.prefix, async (c) => {
    const { t, db, locale } = c.var;
    const viewer = viewerOf(c);
    const binder = await loadBinder(db, place.scope(c), viewer);
    return c.render(
      <BinderPage
        t={t}
        locale={locale}
        csrfToken={c.var.csrfToken}
        base={place.base(c)}
        canEdit={viewer.canEdit}
        isAdmin={viewer.isAdmin}
        title={t("documents.binder.title", { name: place.name(c) })}
        intro={place.intro(c)}
        binder={binder}
        back={place.back(c)}
      />,
      { title: t("documents.binder.title", { name: place.name(c) }) },
    );
  });

  documentsRoutes.get(`${place.prefix}/new`, (c) => {
    if (!c.var.canEdit) return renderError(c, 403, "forbidden");
    const tooLarge = c.req.query("tooLarge") !== undefined;
    return formPage(c, place, preselected(c), tooLarge ? { file: "documents.error.tooLarge" } : {}, tooLarge ? 413 : 200);
  });

  documentsRoutes.post(place.prefix, async (c) => {
    const { t, db, now, user } = c.var;
    const body = await c.req.parseBody();
    const file = await uploadOf(body.file);
    const parsed = documentFormContract.parseForm(body);
    // Every message at once: the subject is checked whenever it is well-formed, whatever else is wrong.
    const named = subjectOfForm(body.subject);
    const found = named ? await subjectIn(db, place.scope(c), named) : null;
    const checked = checkFile(file);
    const errors: FieldErrors = {
      ...(checked.ok ? {} : { file: checked.error }),
      ...(parsed.ok ? {} : parsed.errors),
      ...(found && "errors" in found ? found.errors : {}),
    };
    const values = documentFormContract.formValuesFromBody(body);
    if (!parsed.ok || !found || "errors" in found || !checked.ok) return formPage(c, place, values, errors, 422);
    const added = await addDocument(db, c.env.DOCUMENTS, found.subject, parsed.data, file, user?.id ?? null, now);
    if (!added.ok) return formPage(c, place, values, added.errors, 422);
    const what = t(`documents.kind.${parsed.data.kind}`);
    return flashRedirect(c, place.after(c, found.subject.type), t("flash.added", { what, name: added.title }));
  });

  documentsRoutes.get(`${place.prefix}/:documentId/file`, async (c) => {
    const doc = await getDocument(c.var.db, place.scope(c), c.req.param("documentId"));
    if (!doc) return renderError(c, 404, "notFound");
    if (!mayDownload(doc, viewerOf(c))) return renderError(c, 403, "forbidden");
    const object = await openDocument(c.env.DOCUMENTS, doc);
    if (!object) return renderError(c, 404, "notFound");
    return downloadResponse(doc, object);
  });

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    documentsRoutes.post(`${place.prefix}/:documentId/${segment}`, async (c) => {
      const { t, db, now, user } = c.var;
      const doc = await getDocument(db, place.scope(c), c.req.param("documentId"));
      if (!doc) return renderError(c, 404, "notFound");
      await setDocumentArchived(db, doc, archive, user?.id ?? null, now);
      const what = t(`documents.kind.${doc.kind}`);
      return flashRedirect(c, `${place.base(c)}#documents`, t(archive ? "flash.archived" : "flash.restored", { what, name: doc.title }));
    });
  }
}

mount(initiativePlace);
mount(neighbourhoodPlace);
