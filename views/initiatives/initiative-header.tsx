import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { INITIATIVE_STATUSES } from "../../src/db/schema";
import { Csrf } from "../components/form";
import type { Severity } from "../../src/domain/risk/rules";
import { LevelBadge } from "../risk/risk-badge";

type Initiative = {
  id: string;
  name: string;
  purpose: string;
  startedYear: number;
  status: (typeof INITIATIVE_STATUSES)[number];
  statusSince: string | null;
  continuationPlan: string;
  continuationNote: string;
  plannedEndOn: string | null;
  version: number;
  archivedAt: string | null;
};

/** The one-tap status change: a select and a button; with htmx it swaps in place. */
export function StatusForm(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: Initiative;
  next?: string;
  notice?: string;
}) {
  const { t, initiative: i } = props;
  const id = `status-${i.id}`;
  return (
    <form
      method="post"
      action={`/initiatives/${i.id}/status`}
      class="status-form"
      id={`status-form-${i.id}`}
      hx-post={`/initiatives/${i.id}/status`}
      hx-target="this"
      hx-swap="outerHTML"
    >
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="version" value={String(i.version)} />
      {props.next && <input type="hidden" name="next" value={props.next} />}
      <label for={id}>
        {t("initiatives.status")}
        {i.statusSince && <small> ({t("initiatives.statusSince", { date: formatDate(props.locale, i.statusSince) })})</small>}
      </label>
      <div role="group">
        <select id={id} name="status">
          {INITIATIVE_STATUSES.map((s) => (
            <option value={s} selected={s === i.status}>
              {t(`initiatives.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t("initiatives.updateStatus")}
        </button>
      </div>
      {props.notice && (
        <p role="status" class="notice notice-success">
          {props.notice}
        </p>
      )}
    </form>
  );
}

export function InitiativeHeader(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  canEdit: boolean;
  initiative: Initiative;
  neighbourhood: { id: string; name: string };
  coordinators: { id: string; name: string }[];
  riskLevel?: Severity | null;
}) {
  const { t, initiative: i } = props;
  return (
    <header class="initiative-header">
      <p class="breadcrumb">
        <a href={`/neighbourhoods/${props.neighbourhood.id}`}>{props.neighbourhood.name}</a>
      </p>
      <h1>{i.name}</h1>
      {i.archivedAt && (
        <p role="status" class="notice">
          {t("initiatives.archived")}
        </p>
      )}
      {i.purpose && <p>{i.purpose}</p>}
      <dl class="facts">
        <dt>{t("initiatives.status")}</dt>
        <dd>
          <span class={`badge badge-status-${i.status}`}>{t(`initiatives.status.${i.status}`)}</span> ·{" "}
          {t("initiatives.started", { year: i.startedYear })}
        </dd>
        {props.riskLevel && (
          <>
            <dt>{t("risk.continuity")}</dt>
            <dd>
              <LevelBadge t={t} level={props.riskLevel} /> <a href="#activities">{t("activities.title")}</a>
            </dd>
          </>
        )}
        <dt>{t("initiatives.coordinators")}</dt>
        <dd>{props.coordinators.map((c) => c.name).join(", ") || t("initiatives.none")}</dd>
        <dt>{t("initiatives.continuationPlan")}</dt>
        <dd>
          {t(`initiatives.plan.${i.continuationPlan as "none"}`)}
          {i.plannedEndOn && ` · ${formatDate(props.locale, i.plannedEndOn)}`}
          {i.continuationNote && <div>{i.continuationNote}</div>}
        </dd>
      </dl>
      {props.canEdit && !i.archivedAt && (
        <>
          <StatusForm t={t} locale={props.locale} csrfToken={props.csrfToken} initiative={i} />
          <p class="actions">
            <a href={`/initiatives/${i.id}/edit`} role="button" class="secondary outline">
              {t("initiatives.edit")}
            </a>{" "}
            <a href={`/initiatives/${i.id}/history`}>{t("initiatives.history")}</a> ·{" "}
            <a href={`/initiatives/${i.id}/export`}>{t("rights.export.initiativeLink")}</a>
          </p>
        </>
      )}
      {props.canEdit && i.archivedAt && (
        <form method="post" action={`/initiatives/${i.id}/restoration`}>
          <Csrf token={props.csrfToken} />
          <button type="submit">{t("initiatives.restore")}</button>
        </form>
      )}
    </header>
  );
}
