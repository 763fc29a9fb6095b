import type { Translate } from "../../src/i18n";
import type { Preview } from "../../src/domain/data/imports";
import { Csrf } from "../components/form";
import { DataTable } from "../components/data-table";

export function ImportUploadPage(props: {
  t: Translate;
  csrfToken: string;
  title: string;
  intro: string;
  action: string;
  templateUrl: string;
  error?: string;
}) {
  const { t } = props;
  return (
    <article>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <p>{t("imports.how")}</p>
      <p>{t("imports.again")}</p>
      <p>
        <a href={props.templateUrl} download>
          {t("imports.template")}
        </a>
      </p>
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <Csrf token={props.csrfToken} />
        {props.error && (
          <div role="alert" class="error-summary" id="error-summary">
            <p>
              <a href="#field-file">{props.error}</a>
            </p>
          </div>
        )}
        <label for="field-file">
          {t("imports.file")}
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby="field-file-hint"
          />
          <small id="field-file-hint">{t("imports.fileHint")}</small>
        </label>
        <button type="submit">{t("imports.upload")}</button>
      </form>
    </article>
  );
}

export function ImportPreviewPage(props: {
  t: Translate;
  csrfToken: string;
  title: string;
  preview: Preview;
  action: string;
  backUrl: string;
  csv: string;
  mustFix?: boolean;
}) {
  const { t, preview } = props;
  const actionLabel = (a: string | null) => t(`imports.action.${a ?? "invalid"}` as "imports.action.create");
  return (
    <article>
      <h1>{t("imports.preview.title")}</h1>
      <p>{props.title}</p>
      {preview.fileProblems.length > 0 ? (
        <div role="alert" class="error-summary">
          {preview.fileProblems.map((p) => (
            <p>{t(p)}</p>
          ))}
        </div>
      ) : (
        <>
          {props.mustFix && (
            <div role="alert" class="error-summary">
              <p>{t("imports.preview.mustFix")}</p>
            </div>
          )}
          <p role="status">
            {t("imports.preview.counts", { valid: preview.valid, invalid: preview.invalid, toWrite: preview.toWrite })}
            {preview.invalid === 0 ? ` ${t("imports.preview.allGood")}` : ""}
          </p>
          <DataTable
            caption={t("imports.preview.caption")}
            head={[t("imports.col.line"), t("imports.col.data"), t("imports.col.result")]}
            rowIds={preview.rows.map((r) => `row-${r.line}`)}
            rows={preview.rows.map((r) => [
              r.line,
              r.summary.filter(Boolean).join(" · "),
              r.problems.length === 0 ? (
                actionLabel(r.action)
              ) : (
                <ul class="field-error">
                  {r.problems.map((p) => (
                    <li>{t("imports.problem", { column: p.column, message: t(p.message) })}</li>
                  ))}
                </ul>
              ),
            ])}
          />
          <form method="post" action={props.action}>
            <Csrf token={props.csrfToken} />
            <input type="hidden" name="csv" value={props.csv} />
            {preview.invalid === 0 ? (
              <button type="submit" name="mode" value="all">
                {t("imports.importAll")}
              </button>
            ) : (
              preview.valid > 0 && (
                <button type="submit" name="mode" value="valid" class="secondary">
                  {t("imports.importValid")}
                </button>
              )
            )}
          </form>
        </>
      )}
      <p>
        <a href={props.backUrl}>{t("imports.other")}</a>
      </p>
    </article>
  );
}
