// A coordinator's message to the volunteers: the form (who it goes to, and who it skips and why,
// before sending), the daily limit in words, and the messages sent before with how far they got.
// Names only, never addresses: a coordinator sees who, not where.
import type { Translate } from "../../src/i18n";
import { formatDate, formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { MessageListItem, SkipReason, VolunteerMessageFormValues } from "../../src/domain/messages/volunteer-messages";
import { MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX, MESSAGES_PER_DAY } from "../../src/domain/messages/volunteer-messages";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";

export type Audience = { count: number; skipped: { name: string; reason: SkipReason }[] };

function SkippedList(props: { t: Translate; skipped: { name: string; reason: SkipReason }[] }) {
  const { t } = props;
  return (
    <ul>
      {props.skipped.map((s) => (
        <li>
          {s.name}: {t(`messages.reason.${s.reason}`)}
        </li>
      ))}
    </ul>
  );
}

function SentMessage(props: { t: Translate; locale: Locale; m: MessageListItem }) {
  const { t, locale, m } = props;
  return (
    <li>
      <strong>{m.subject}</strong>
      {m.activityName && <> · {t("messages.forActivity", { activity: m.activityName })}</>}
      <br />
      <small>
        {t("messages.sentLine", { date: formatDateTime(locale, m.createdAt), name: m.senderName ?? t("initiatives.history.unknownActor") })}
      </small>
      <p>
        {t("messages.reached", { count: m.recipients })}
        {m.recipients > 0 && <> {t("messages.progress", { sent: m.sent, waiting: m.waiting })}</>}
      </p>
      <details>
        <summary>{t("messages.showBody")}</summary>
        <p class="pre-line">{m.body}</p>
      </details>
      {m.skipped.length > 0 && (
        <details>
          <summary>{t("messages.skippedCount", { count: m.skipped.length })}</summary>
          <SkippedList t={t} skipped={m.skipped.map((s) => ({ name: s.erased ? t("volunteers.erased") : s.name, reason: s.reason }))} />
        </details>
      )}
    </li>
  );
}

export function MessagesPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  today: string;
  activities: { id: string; name: string }[];
  audience: Audience;
  sentToday: number;
  values: VolunteerMessageFormValues;
  errors: FieldErrors;
  /** Set when the daily limit stopped a message. */
  limitReached?: boolean;
  messages: MessageListItem[];
}) {
  const { t, locale, initiative, values, errors } = props;
  const full = props.sentToday >= MESSAGES_PER_DAY;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/initiatives/${initiative.id}#volunteers`}>{initiative.name}</a>
      </p>
      <h1>{t("messages.title")}</h1>
      <p>{t("messages.intro", { initiative: initiative.name })}</p>
      <p>{t("messages.limit", { max: MESSAGES_PER_DAY, count: props.sentToday, date: formatDate(locale, props.today) })}</p>
      {(full || props.limitReached) && (
        <p role="alert" class="error-summary">
          {t("messages.limitReached", { max: MESSAGES_PER_DAY })}
        </p>
      )}
      {!full && (
        <form method="post" action={`/initiatives/${initiative.id}/messages`} id="message-form" novalidate>
          <Csrf token={props.csrfToken} />
          <ErrorSummary t={t} errors={errors} />
          {props.activities.length > 0 && (
            <Select
              t={t}
              name="activityId"
              label={t("messages.activity")}
              hint={t("messages.activityHint")}
              value={values.activityId ?? ""}
              errors={errors}
              options={[
                { value: "", label: t("messages.everyone", { initiative: initiative.name }) },
                ...props.activities.map((a) => ({ value: a.id, label: t("messages.forActivity", { activity: a.name }) })),
              ]}
            />
          )}
          <Field
            t={t}
            name="subject"
            label={t("messages.subject")}
            hint={t("messages.subjectHint", { max: MESSAGE_SUBJECT_MAX })}
            value={values.subject}
            errors={errors}
            required
            autocomplete="off"
          />
          <Field
            t={t}
            name="body"
            type="textarea"
            label={t("messages.body")}
            hint={t("messages.bodyHint", { max: MESSAGE_BODY_MAX })}
            value={values.body}
            errors={errors}
            required
          />
          <p>{t("messages.audience", { count: props.audience.count })}</p>
          {props.audience.skipped.length > 0 && (
            <>
              <p>{t("messages.audienceSkipped", { count: props.audience.skipped.length })}</p>
              <SkippedList t={t} skipped={props.audience.skipped} />
            </>
          )}
          <button type="submit">{t("messages.submit")}</button>
        </form>
      )}
      <section id="messages" aria-labelledby="messages-sent-title">
        <h2 id="messages-sent-title">{t("messages.sent.title")}</h2>
        {props.messages.length === 0 ? (
          <p>{t("messages.none")}</p>
        ) : (
          <ul class="message-list">
            {props.messages.map((m) => (
              <SentMessage t={t} locale={locale} m={m} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
