// A coordinator's message to the volunteers of an initiative (or one activity). For the
// initiative's coordinators and admins: the gate lets readers in for GET, this page does not.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import {
  checkMessageLinks,
  listVolunteerMessages,
  messageActivityOptions,
  messageAudience,
  MessageLimitError,
  messagesSentOn,
  sendVolunteerMessage,
  splitAudience,
  volunteerMessageContract,
  type VolunteerMessageFormValues,
} from "../domain/messages/volunteer-messages";
import { MessagesPage } from "../../views/messages/messages-page";
import { renderError } from "./errors";
import { flashRedirect } from "../middleware/flash";

export const messagesRoutes = new Hono<AppEnv>();

const BASE = "/initiatives/:initiativeId/messages";

async function page(
  c: Context<AppEnv>,
  opts: { status?: 422 | 429; values?: VolunteerMessageFormValues; errors?: FieldErrors; limitReached?: boolean } = {},
) {
  const { t, db, initiative, today } = c.var;
  const activities = await messageActivityOptions(db, initiative.id);
  const chosen = activities.some((a) => a.id === opts.values?.activityId) ? opts.values!.activityId! : null;
  const [audience, sentToday, messages] = await Promise.all([
    messageAudience(db, initiative.id, chosen, today),
    messagesSentOn(db, initiative.id, today),
    listVolunteerMessages(db, initiative.id),
  ]);
  const { to, skipped } = splitAudience(audience);
  if (opts.status) c.status(opts.status);
  return c.render(
    <MessagesPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      today={today}
      activities={activities}
      audience={{ count: to.length, skipped: skipped.map(({ name, reason }) => ({ name, reason })) }}
      sentToday={sentToday}
      values={opts.values ?? {}}
      errors={opts.errors ?? {}}
      limitReached={opts.limitReached}
      messages={messages}
    />,
    { title: t("messages.title") },
  );
}

messagesRoutes.get(BASE, async (c) => (c.var.canEdit ? page(c) : renderError(c, 403, "forbidden")));

messagesRoutes.post(BASE, async (c) => {
  const { t, db, initiative, user, now, today } = c.var;
  const body = await c.req.parseBody();
  const values = volunteerMessageContract.formValuesFromBody(body);
  const parsed = volunteerMessageContract.parseForm(body);
  const errors = parsed.ok ? checkMessageLinks(await messageActivityOptions(db, initiative.id), parsed.data) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) return page(c, { status: 422, values, errors });
  try {
    const sent = await sendVolunteerMessage(db, initiative, parsed.data, { id: user?.id ?? null, name: user?.name ?? null }, today, now);
    return flashRedirect(
      c,
      `/initiatives/${initiative.id}/messages`,
      sent.skipped.length > 0
        ? t("flash.messageSentSkipped", { count: sent.recipients, skipped: sent.skipped.length })
        : t("flash.messageSent", { count: sent.recipients }),
    );
  } catch (err) {
    if (!(err instanceof MessageLimitError)) throw err;
    return page(c, { status: 429, values, limitReached: true });
  }
});
