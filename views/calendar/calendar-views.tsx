// Calendar subscriptions: the secret address (shown once, right after it is made), when it was
// made and last fetched, a new address or none; and on an initiative's page what the feed holds.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { FeedInfo } from "../../src/domain/calendar/feeds";
import type { CalendarEvent } from "../../src/lib/ical";
import { Csrf } from "../components/form";

/** The subscription's state and its two buttons; `newUrl` only right after it was made. */
export function FeedPanel(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  action: string;
  feed: FeedInfo | null;
  newUrl?: string;
}) {
  const { t, locale, feed } = props;
  return (
    <>
      {props.newUrl && (
        <div class="notice notice-success" role="status">
          <p>
            <strong>{t("calendar.created")}</strong>
          </p>
          <label for="calendar-url">{t("calendar.url")}</label>
          <input id="calendar-url" type="text" readonly value={props.newUrl} aria-describedby="calendar-how" />
          <p>
            <a href={props.newUrl.replace(/^https?:/, "webcal:")}>{t("calendar.subscribe")}</a>
          </p>
          <p id="calendar-how">
            <small>{t("calendar.howTo")}</small>
          </p>
        </div>
      )}
      {feed ? (
        <p>
          {t("calendar.active", { date: formatDate(locale, feed.createdAt.slice(0, 10)) })}{" "}
          {feed.lastUsedOn ? t("calendar.lastUsed", { date: formatDate(locale, feed.lastUsedOn) }) : t("calendar.neverUsed")}
        </p>
      ) : (
        <p>{t("calendar.none")}</p>
      )}
      <div class="feed-actions">
        <form method="post" action={props.action} class="inline-form">
          <Csrf token={props.csrfToken} />
          <button type="submit" class={feed ? "secondary" : undefined}>
            {feed ? t("calendar.renew") : t("calendar.create")}
          </button>
        </form>
        {feed && (
          <form method="post" action={`${props.action}/revocation`} class="inline-form">
            <Csrf token={props.csrfToken} />
            <button type="submit" class="secondary">
              {t("calendar.revoke")}
            </button>
          </form>
        )}
      </div>
    </>
  );
}

/** On /preferences: the person's own feed. */
export function CalendarSection(props: { t: Translate; locale: Locale; csrfToken: string; feed: FeedInfo | null; newUrl?: string }) {
  const { t } = props;
  return (
    <section id="calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("calendar.title")}</h2>
      <p>{t("calendar.intro")}</p>
      <FeedPanel
        t={t}
        locale={props.locale}
        csrfToken={props.csrfToken}
        action="/preferences/calendar"
        feed={props.feed}
        newUrl={props.newUrl}
      />
    </section>
  );
}

/** /initiatives/:id/calendar, for its coordinators: their feed of this initiative and what it holds. */
export function InitiativeCalendarPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  feed: FeedInfo | null;
  newUrl?: string;
  upcoming: CalendarEvent[];
}) {
  const { t, locale, initiative } = props;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/initiatives/${initiative.id}`}>{initiative.name}</a>
      </p>
      <h1>{t("calendar.initiative.title", { initiative: initiative.name })}</h1>
      <p>{t("calendar.initiative.intro", { initiative: initiative.name })}</p>
      <FeedPanel
        t={t}
        locale={locale}
        csrfToken={props.csrfToken}
        action={`/initiatives/${initiative.id}/calendar`}
        feed={props.feed}
        newUrl={props.newUrl}
      />
      <section aria-labelledby="calendar-upcoming">
        <h2 id="calendar-upcoming">{t("calendar.upcoming")}</h2>
        {props.upcoming.length === 0 ? (
          <p>{t("calendar.upcomingNone")}</p>
        ) : (
          <ul>
            {props.upcoming.map((e) => (
              <li>
                <strong>{formatDate(locale, e.date)}</strong> · {e.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
