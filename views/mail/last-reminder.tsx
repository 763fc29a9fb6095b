// For a task row seen by coordinators: when the last reminder went out, to whom, and the answer.
// Data: lastRemindersForTasks(db, taskIds).get(task.id) from src/domain/mail/reminders.ts.
import type { Translate } from "../../src/i18n";
import { formatDate, formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { LastReminderInfo } from "../../src/domain/mail/reminders";

export function LastReminder(props: { t: Translate; locale: Locale; info: LastReminderInfo | undefined | null }) {
  const { t, locale, info } = props;
  if (!info) return null;
  const answer = info.answer;
  return (
    <p class="last-reminder">
      <small>
        {t("mailpage.last.sent", { date: formatDateTime(locale, info.sentAt), names: info.recipients.join(", ") || "—" })}{" "}
        {answer
          ? t(answer.via === "email" ? "mailpage.last.answeredByMail" : "mailpage.last.answered", {
              answer: t(`mailpage.answer.kind.${answer.kind}`),
              who: answer.byName ?? t("mailpage.answer.someone"),
              date: formatDate(locale, answer.on),
            })
          : t("mailpage.last.noAnswer")}
      </small>
    </p>
  );
}
