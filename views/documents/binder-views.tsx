// The binder: a list of documents (a table that stacks on a phone), the archived ones apart, and the
// pieces other pages show — a funding stream's "beschikking" and "verantwoording" slots.
import type { Locale } from "../../src/db/schema";
import { formatDate, formatFileSize, type Translate } from "../../src/i18n";
import type { Binder, BinderItem, DocumentKind, DocumentSubject } from "../../src/domain/documents/documents";
import { Csrf } from "../components/form";
import { DataTable } from "../components/data-table";
import { FlashMessage } from "../components/page-context";

/** "Geldbron: Gemeente Lindenstad" — what a document hangs on, in words. */
export function subjectText(t: Translate, type: DocumentSubject, name: string | null): string {
  if (type === "initiative") return t("documents.subject.initiative");
  return t(`documents.subject.${type}`, { name: name ?? t("documents.subject.gone") });
}

/** Where a binder's documents are served and changed. */
export const fileHref = (base: string, d: { id: string }) => `${base}/${d.id}/file`;

/** A document's name as a download link (or plain text when this viewer may not download it). */
export function DocumentLink(props: { t: Translate; locale: Locale; base: string; doc: BinderItem; canDownload: boolean }) {
  const { t, doc } = props;
  const size = formatFileSize(props.locale, doc.sizeBytes);
  if (!props.canDownload)
    return (
      <span>
        {doc.title} <small>({size})</small>
      </span>
    );
  return (
    <span>
      <a
        href={fileHref(props.base, doc)}
        download={doc.fileName}
        aria-label={`${t("documents.downloadNamed", { name: doc.title })} (${size})`}
      >
        {doc.title}
      </a>{" "}
      <small>
        {doc.fileName} · {size}
      </small>
    </span>
  );
}

function addedText(t: Translate, locale: Locale, d: BinderItem) {
  const date = formatDate(locale, d.createdAt);
  return d.addedByName ? t("documents.addedBy", { name: d.addedByName, date }) : t("documents.addedOn", { date });
}

type ListProps = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  base: string;
  canEdit: boolean;
  isAdmin: boolean;
};

function ArchiveButton(props: { t: Translate; csrfToken: string; action: string; label: string; restore?: boolean }) {
  const { t } = props;
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf token={props.csrfToken} />
      <button
        type="submit"
        class="secondary outline"
        aria-label={t(props.restore ? "documents.restoreNamed" : "documents.archiveNamed", { name: props.label })}
      >
        {t(props.restore ? "documents.restore" : "documents.archive")}
      </button>
    </form>
  );
}

/** The current documents as a table: the file, its kind, what it belongs to, who added it when. */
export function DocumentTable(props: ListProps & { items: BinderItem[]; caption: string }) {
  const { t, locale } = props;
  const head = [t("documents.col.document"), t("documents.col.kind"), t("documents.col.subject"), t("documents.col.added")];
  return (
    <DataTable
      caption={props.caption}
      head={props.canEdit ? [...head, t("documents.col.actions")] : head}
      rowIds={props.items.map((d) => `document-${d.id}`)}
      rows={props.items.map((d) => {
        const cells = [
          <DocumentLink t={t} locale={locale} base={props.base} doc={d} canDownload />,
          <>
            {t(`documents.kind.${d.kind}`)}
            {d.aboutPersonId && (
              <>
                <br />
                <small>{t("documents.personal")}</small>
              </>
            )}
          </>,
          subjectText(t, d.subjectType, d.subjectName),
          addedText(t, locale, d),
        ];
        if (props.canEdit)
          cells.push(<ArchiveButton t={t} csrfToken={props.csrfToken} action={`${props.base}/${d.id}/archival`} label={d.title} />);
        return cells;
      })}
    />
  );
}

/** Archived documents, apart: listed for those who keep the binder, downloadable by admins only. */
export function ArchivedDocuments(props: ListProps & { items: BinderItem[] }) {
  const { t, locale } = props;
  if (props.items.length === 0) return null;
  return (
    <section id="archived-documents" aria-labelledby="archived-documents-title">
      <h2 id="archived-documents-title">{t("documents.archived.title", { count: props.items.length })}</h2>
      <p>{t("documents.archived.intro")}</p>
      <ul>
        {props.items.map((d) => (
          <li id={`document-${d.id}`}>
            <DocumentLink t={t} locale={locale} base={props.base} doc={d} canDownload={props.isAdmin} /> · {t(`documents.kind.${d.kind}`)} ·{" "}
            {subjectText(t, d.subjectType, d.subjectName)} · {addedText(t, locale, d)}{" "}
            {props.canEdit && (
              <ArchiveButton t={t} csrfToken={props.csrfToken} action={`${props.base}/${d.id}/restoration`} label={d.title} restore />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A binder's own page: what it is for, the way to add one, the documents, the archived ones. */
export function BinderPage(props: ListProps & { title: string; intro: string; binder: Binder; back: { href: string; label: string } }) {
  const { t, binder } = props;
  return (
    <>
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      {props.canEdit && (
        <p>
          <a href={`${props.base}/new`} role="button">
            {t("documents.add")}
          </a>
        </p>
      )}
      <section id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title">{t("documents.title")}</h2>
        <FlashMessage at="documents" />
        {binder.current.length === 0 ? (
          <p>{t("documents.none")}</p>
        ) : (
          <DocumentTable {...props} items={binder.current} caption={t("documents.tableCaption", { count: binder.current.length })} />
        )}
      </section>
      <ArchivedDocuments {...props} items={binder.archived} />
    </>
  );
}

/**
 * A funding stream's slots: its decision letter (beschikking) and its accounting (verantwoording),
 * each with the documents added so far and, for editors, a link that opens the form for that slot.
 */
export function FundingSlots(props: {
  t: Translate;
  locale: Locale;
  base: string;
  canEdit: boolean;
  funding: { id: string; sourceName: string };
  slots: { kind: DocumentKind; items: BinderItem[] }[];
}) {
  const { t, locale, funding } = props;
  return (
    <dl class="document-slots" aria-label={`${t("documents.slots")}: ${funding.sourceName}`}>
      {props.slots.map((slot) => {
        const kind = t(`documents.kind.${slot.kind}`);
        return (
          <>
            <dt>{kind}</dt>
            <dd>
              {slot.items.length === 0 && <span>{t("documents.slot.empty")}</span>}
              {slot.items.map((d, i) => (
                <>
                  {i > 0 && <br />}
                  <DocumentLink t={t} locale={locale} base={props.base} doc={d} canDownload />
                </>
              ))}
              {props.canEdit && (
                <>
                  {" "}
                  <a
                    href={`${props.base}/new?subject=funding:${funding.id}&kind=${slot.kind}`}
                    aria-label={t("documents.addKindFor", { kind, name: funding.sourceName })}
                  >
                    {t("documents.addKind", { kind })}
                  </a>
                </>
              )}
            </dd>
          </>
        );
      })}
    </dl>
  );
}

/** On the initiative page: the binder in short — its current documents, and the way in. */
export function DocumentsSection(props: { t: Translate; locale: Locale; initiativeId: string; canEdit: boolean; documents: BinderItem[] }) {
  const { t, locale } = props;
  const base = `/initiatives/${props.initiativeId}/documents`;
  return (
    <section id="documents" aria-labelledby="documents-title">
      <h2 id="documents-title">{t("documents.title")}</h2>
      <FlashMessage at="documents" />
      {props.documents.length === 0 ? (
        <p>{t("documents.none")}</p>
      ) : (
        <ul>
          {props.documents.map((d) => (
            <li>
              <DocumentLink t={t} locale={locale} base={base} doc={d} canDownload /> · {t(`documents.kind.${d.kind}`)} ·{" "}
              {subjectText(t, d.subjectType, d.subjectName)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={base}>{t("documents.binder.link", { count: props.documents.length })}</a>
        {props.canEdit && (
          <>
            {" · "}
            <a href={`${base}/new`}>{t("documents.add")}</a>
          </>
        )}
      </p>
    </section>
  );
}
