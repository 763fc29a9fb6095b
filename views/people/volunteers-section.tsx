import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { InvolvementRow, VolunteersSectionData } from "../../src/domain/people/involvements";
import { roleLabel } from "./role-label";
import { FlashMessage } from "../components/page-context";

type Props = { t: Translate; locale: Locale; csrfToken: string; initiativeId: string; canEdit: boolean; data: VolunteersSectionData };

function personName(t: Translate, row: InvolvementRow) {
  return row.personErased ? t("volunteers.erased") : row.personName;
}

function VolunteerItem(props: { t: Translate; locale: Locale; initiativeId: string; canEdit: boolean; row: InvolvementRow }) {
  const { t, locale, row } = props;
  const from = formatDate(locale, row.since);
  const period = row.until
    ? t("volunteers.fromUntil", { from, until: formatDate(locale, row.until) })
    : t("volunteers.from", { date: from });
  const name = personName(t, row);
  return (
    <li>
      <strong>{name}</strong> · {roleLabel(t, row.role)}
      {row.critical && (
        <>
          {" "}
          <mark class="badge">{t("volunteers.critical")}</mark>
        </>
      )}
      <br />
      <small>
        {row.activityName ? `${t("volunteers.forActivity", { activity: row.activityName })} · ` : ""}
        {period}
      </small>
      {props.canEdit && (
        <>
          {" "}
          <a href={`/initiatives/${props.initiativeId}/involvements/${row.id}/edit`} aria-label={t("volunteers.editLabel", { name })}>
            {t("volunteers.edit")}
          </a>
        </>
      )}
      {/* Who could take over: for those who may change it (the note itself only on the involvement's page). */}
      {props.canEdit && row.critical && row.until === null && (
        <>
          <br />
          <small>
            {row.reserveName ? t("succession.reserveLine", { name: row.reserveName }) : t("succession.noReserve")} ·{" "}
            <a
              href={`/initiatives/${props.initiativeId}/involvements/${row.id}/edit#succession`}
              aria-label={t("succession.editLabel", { name })}
            >
              {t("succession.edit")}
            </a>
          </small>
        </>
      )}
    </li>
  );
}

/** Volunteers on the initiative page: who is active now (critical roles marked), and who took part before. */
export function VolunteersSection(props: Props) {
  const { t, locale, data, initiativeId, canEdit } = props;
  const item = (row: InvolvementRow) => <VolunteerItem t={t} locale={locale} initiativeId={initiativeId} canEdit={canEdit} row={row} />;
  return (
    <section id="volunteers" aria-labelledby="volunteers-title">
      <h2 id="volunteers-title">{t("volunteers.title")}</h2>
      <FlashMessage at="volunteers" />
      <p>{t("volunteers.activeCount", { count: data.activeCount })}</p>
      {canEdit && (
        <p>
          <a href={`/initiatives/${initiativeId}/involvements/new`} role="button">
            {t("volunteers.add")}
          </a>{" "}
          <a href={`/initiatives/${initiativeId}/messages`} role="button" class="secondary">
            {t("messages.link")}
          </a>
        </p>
      )}
      {data.active.length === 0 ? (
        <p>{data.former.length === 0 ? t("volunteers.none") : t("volunteers.noneActive")}</p>
      ) : (
        <ul class="volunteer-list">{data.active.map(item)}</ul>
      )}
      {data.active.some((r) => r.critical) && (
        <p>
          <small>{t("volunteers.criticalExplained")}</small>
        </p>
      )}
      {data.former.length > 0 && (
        <details>
          <summary>{t("volunteers.former", { count: data.former.length })}</summary>
          <ul class="volunteer-list">{data.former.map(item)}</ul>
        </details>
      )}
    </section>
  );
}
