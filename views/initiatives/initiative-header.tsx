import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { INITIATIVE_STATUSES } from "../../src/db/schema";
import { Csrf } from "../components/form";
import { SavedMessage } from "../components/page-context";
import type { Severity } from "../../src/domain/risk/rules";
import { LevelBadge } from "../risk/risk-badge";
import type { Attention } from "../../src/domain/initiatives/attention";
import { explainFlag } from "../../src/domain/risk/explain";
import { NextAction, reasonLine, runwayText } from "./attention";
import { StateBadge, taskState } from "../tasks/task-row";

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

/**
 * The status and its change, tucked away (a rare act): a summary line that says the status, and
 * inside a select and a button. With htmx the whole block swaps in place, open, with its message.
 */
export function StatusForm(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: Initiative;
  next?: string;
  notice?: { kind: "success" | "error"; text: string };
}) {
  const { t, initiative: i } = props;
  const id = `status-${i.id}`;
  const blockId = `status-form-${i.id}`;
  return (
    <details class="status-change" id={blockId} open={props.notice ? true : undefined}>
      <summary>
        {t("attention.status", { status: t(`initiatives.status.${i.status}`) })}
        {i.statusSince && <small> ({t("initiatives.statusSince", { date: formatDate(props.locale, i.statusSince) })})</small>} ·{" "}
        {t("attention.statusChange")}
      </summary>
      {props.notice?.kind === "success" && <SavedMessage text={props.notice.text} />}
      {props.notice?.kind === "error" && (
        <p role="alert" class="error-summary" tabindex={-1}>
          {props.notice.text}
        </p>
      )}
      <form
        method="post"
        action={`/initiatives/${i.id}/status`}
        class="status-form"
        data-hx-post={`/initiatives/${i.id}/status`}
        data-hx-target={`#${blockId}`}
        data-hx-swap="outerHTML"
      >
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="version" value={String(i.version)} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for={id}>{t("initiatives.status")}</label>
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
      </form>
    </details>
  );
}

const SECTIONS = [
  "activities",
  "tasks",
  "volunteers",
  "funding",
  "documents",
  "commitments",
  "checkins",
  "assets",
  "risk-history",
] as const;

/** The first money to stop: its source and end date. */
export type MoneyEnding = { sourceName: string; endsOn: string } | null;

/**
 * The top of the initiative page: what it is, then "in short" — how it stands and why, what to do
 * next, the next task and when the money stops — and a navigation to the sections below. The
 * status is shown once: in the tucked-away status change for those who may change it.
 */
export function InitiativeHeader(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  canEdit: boolean;
  initiative: Initiative & { neighbourhoodId: string };
  neighbourhood: { id: string; name: string };
  coordinators: { id: string; name: string }[];
  riskLevel?: Severity | null;
  attention?: Attention;
  moneyEnding?: MoneyEnding;
}) {
  const { t, locale, initiative: i, attention: a } = props;
  const reasons = a?.reasons ?? [];
  const runway = a ? runwayText(t, a.runwayMonths, a.runningOnNothing) : null;
  const next = a?.nextTask;
  const nextState = next ? taskState(next) : null;
  const editable = props.canEdit && !i.archivedAt;
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
      <section class="summary" aria-labelledby="summary-title">
        <h2 id="summary-title" class="h3">
          {t("summary.title")}
        </h2>
        <dl class="facts">
          {props.riskLevel && (
            <>
              <dt>{t("summary.level")}</dt>
              <dd>
                <LevelBadge t={t} level={props.riskLevel} />
              </dd>
            </>
          )}
          {props.riskLevel && a && (
            <>
              <dt>{t("summary.reasons")}</dt>
              <dd>
                {reasons.length === 0 ? (
                  reasonLine(t, locale, a)
                ) : (
                  <ul class="reasons">
                    {reasons.slice(0, 3).map((f) => (
                      <li>{explainFlag(f, locale)}</li>
                    ))}
                    {reasons.length > 3 && (
                      <li>
                        <a href="#activities">{t("attention.moreReasons", { count: reasons.length - 3 })}</a>
                      </li>
                    )}
                  </ul>
                )}
                {props.canEdit && <NextAction t={t} locale={locale} initiative={i} attention={a} />}
              </dd>
            </>
          )}
          {a && (
            <>
              <dt>{t("summary.nextTask")}</dt>
              <dd>
                {next?.occurrence ? (
                  <>
                    <a href={`/initiatives/${i.id}/tasks/${next.id}`}>{next.title}</a> {nextState && <StateBadge t={t} state={nextState} />}{" "}
                    <time datetime={next.occurrence.dueOn}>{formatDate(locale, next.occurrence.dueOn)}</time>
                  </>
                ) : (
                  t("summary.noTask")
                )}
              </dd>
              <dt>{t("summary.money")}</dt>
              <dd>
                {props.moneyEnding
                  ? t("summary.moneyEnds", { source: props.moneyEnding.sourceName, date: formatDate(locale, props.moneyEnding.endsOn) })
                  : t("summary.noEnd")}
                {runway && <> {runway}</>}
              </dd>
            </>
          )}
          {!editable && (
            <>
              <dt>{t("initiatives.status")}</dt>
              <dd>
                <span class={`badge badge-status-${i.status}`}>{t(`initiatives.status.${i.status}`)}</span>
              </dd>
            </>
          )}
          <dt>{t("initiatives.coordinators")}</dt>
          <dd>
            {props.coordinators.map((c) => c.name).join(", ") || t("initiatives.none")} · {t("summary.started", { year: i.startedYear })}
          </dd>
          <dt>{t("initiatives.continuationPlan")}</dt>
          <dd>
            {t(`initiatives.plan.${i.continuationPlan as "none"}`)}
            {i.plannedEndOn && ` · ${formatDate(locale, i.plannedEndOn)}`}
            {i.continuationNote && <div>{i.continuationNote}</div>}
          </dd>
        </dl>
        {editable && <StatusForm t={t} locale={locale} csrfToken={props.csrfToken} initiative={i} />}
      </section>
      <nav aria-label={t("summary.onThisPage")} class="page-nav">
        <ul>
          {SECTIONS.map((id) => (
            <li>
              <a href={`#${id}`}>{t(`summary.nav.${id}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {editable && (
        <p class="actions">
          <a href={`/initiatives/${i.id}/edit`} role="button" class="secondary outline">
            {t("initiatives.edit")}
          </a>{" "}
          <a href={`/initiatives/${i.id}/history`}>{t("initiatives.history")}</a> ·{" "}
          <a href={`/initiatives/${i.id}/export`}>{t("rights.export.initiativeLink")}</a> ·{" "}
          <a href={`/initiatives/${i.id}/calendar`}>{t("calendar.initiative.link")}</a> ·{" "}
          <a href={`/initiatives/${i.id}/messages`}>{t("messages.link")}</a>
        </p>
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
