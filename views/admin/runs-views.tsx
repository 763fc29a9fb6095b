// For admins: the daily runs (date, status, what each step did, how many records were skipped)
// and one run in detail, with the records it skipped and links to where they can be fixed.
import type { Translate } from "../../src/i18n";
import { formatDate, formatDateTime } from "../../src/i18n";
import { DAILY_RUN_STEPS, type Locale } from "../../src/db/schema";
import type { StepCount } from "../../src/domain/runs/record";
import type { DailyRun, SkippedRecord } from "../../src/domain/runs/read";

type Step = (typeof DAILY_RUN_STEPS)[number];

function StepCell(props: { t: Translate; count: StepCount | undefined }) {
  const { t, count } = props;
  if (!count) return <span class="muted">{t("runs.notToday")}</span>;
  return (
    <>
      {count.done}
      {count.skipped > 0 && (
        <>
          <br />
          <strong>{t("runs.skippedCount", { count: count.skipped })}</strong>
        </>
      )}
    </>
  );
}

export function RunsPage(props: { t: Translate; locale: Locale; runs: DailyRun[]; olderHref: string | null; newer: boolean }) {
  const { t, locale } = props;
  return (
    <>
      <h1>{t("runs.title")}</h1>
      <p>{t("runs.intro")}</p>
      {props.runs.length === 0 ? (
        <p>{t("runs.empty")}</p>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("runs.date")}</th>
                <th scope="col">{t("runs.status")}</th>
                {DAILY_RUN_STEPS.map((step) => (
                  <th scope="col">{t(`runs.step.${step}`)}</th>
                ))}
                <th scope="col">{t("runs.skipped")}</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((run) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/runs/${run.runOn}`}>{formatDate(locale, run.runOn)}</a>
                  </th>
                  <td>{t(`runs.status.${run.status}`)}</td>
                  {DAILY_RUN_STEPS.map((step) => (
                    <td>
                      <StepCell t={t} count={run.counts[step]} />
                    </td>
                  ))}
                  <td>{run.skipped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("runs.title")}>
        <ul>
          {props.newer && (
            <li>
              <a href="/admin/runs">{t("runs.newest")}</a>
            </li>
          )}
          {props.olderHref && (
            <li>
              <a href={props.olderHref}>{t("runs.older")}</a>
            </li>
          )}
        </ul>
      </nav>
    </>
  );
}

function noteOf(t: Translate, step: Step, count: StepCount): string {
  const notes: string[] = [];
  if (count.changed) notes.push(t("runs.changed", { count: count.changed }));
  if (count.givenUp) notes.push(t("runs.givenUp", { count: count.givenUp }));
  if (step === "send" && (count.stopped === "quota" || count.stopped === "rejected" || count.stopped === "failed"))
    notes.push(t(`runs.stopped.${count.stopped}`));
  return notes.join(" ");
}

export function RunPage(props: { t: Translate; locale: Locale; run: DailyRun; skips: SkippedRecord[]; moreHref: string | null }) {
  const { t, locale, run } = props;
  return (
    <>
      <p>
        <a href="/admin/runs">{t("runs.all")}</a>
      </p>
      <h1>{t("runs.detail.title", { date: formatDate(locale, run.runOn) })}</h1>
      <dl class="facts">
        <dt>{t("runs.status")}</dt>
        <dd>{t(`runs.status.${run.status}`)}</dd>
        <dt>{t("runs.detail.started")}</dt>
        <dd>{formatDateTime(locale, run.startedAt)}</dd>
        <dt>{t("runs.detail.finished")}</dt>
        <dd>{run.finishedAt ? formatDateTime(locale, run.finishedAt) : t("runs.detail.notFinished")}</dd>
        {run.error && (
          <>
            <dt>{t("runs.detail.error")}</dt>
            <dd>
              <code class="break-all">{run.error}</code>
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="run-steps">
        <h2 id="run-steps">{t("runs.detail.steps")}</h2>
        <div class="table-wrap" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("runs.step")}</th>
                <th scope="col">{t("runs.done")}</th>
                <th scope="col">{t("runs.mails")}</th>
                <th scope="col">{t("runs.skipped")}</th>
                <th scope="col">{t("runs.note")}</th>
              </tr>
            </thead>
            <tbody>
              {DAILY_RUN_STEPS.map((step) => {
                const count = run.counts[step];
                return (
                  <tr>
                    <th scope="row">{t(`runs.step.${step}`)}</th>
                    {count ? (
                      <>
                        <td>{t(`runs.unit.${step}`, { count: count.done })}</td>
                        <td>{count.mails ?? "—"}</td>
                        <td>{count.skipped}</td>
                        <td>{noteOf(t, step, count)}</td>
                      </>
                    ) : (
                      <td colspan={4}>{t("runs.notToday")}</td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="run-skips">
        <h2 id="run-skips">{t("runs.skips.title", { count: run.skipped })}</h2>
        {props.skips.length === 0 ? (
          <p>{t("runs.skips.none")}</p>
        ) : (
          <>
            <p>{t("runs.skips.intro")}</p>
            <div class="table-wrap" tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("runs.step")}</th>
                    <th scope="col">{t("runs.record")}</th>
                    <th scope="col">{t("runs.belongsTo")}</th>
                    <th scope="col">{t("runs.error")}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.skips.map((s) => (
                    <tr>
                      <td>{t(`runs.step.${s.step}`)}</td>
                      <td>
                        {t(`runs.type.${s.recordType}`)}:{" "}
                        {s.link ? <a href={s.link}>{s.label ?? t("runs.unnamed")}</a> : (s.label ?? t("runs.unnamed"))}
                      </td>
                      <td>
                        {s.initiativeId ? <a href={`/initiatives/${s.initiativeId}`}>{s.initiativeName ?? t("runs.unnamed")}</a> : "—"}
                      </td>
                      <td>
                        <code class="break-all">{s.error}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {props.moreHref && (
              <p>
                <a href={props.moreHref}>{t("runs.more")}</a>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
