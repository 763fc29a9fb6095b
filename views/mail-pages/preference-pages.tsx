// Email preferences (signed in, or through the link in every email) and the unsubscribe pages.
import type { Translate } from "../../src/i18n";
import { MAIL_CATEGORIES } from "../../src/db/schema";
import type { MailPreferences, PreferenceValues } from "../../src/domain/mail/preferences";
import type { MailCategory } from "../../src/domain/mail/tokens";
import { Csrf, ErrorSummary, Notice, type FieldErrors } from "../components/form";
import type { FeedInfo } from "../../src/domain/calendar/feeds";
import type { Locale } from "../../src/db/schema";
import { CalendarSection } from "../calendar/calendar-views";

export type PreferencesPageProps = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  action: string;
  prefs: MailPreferences;
  values: PreferenceValues;
  errors: FieldErrors;
  version: number;
  saved?: boolean;
  stale?: boolean;
  /** Signed in: the person's calendar address (see views/calendar). */
  calendar?: { feed: FeedInfo | null; newUrl?: string | undefined };
};

function storedSummary(t: Translate, p: MailPreferences): string {
  const wanted = MAIL_CATEGORIES.filter((c) => !p.optOuts.includes(c)).map((c) => t(`mailpage.prefs.category.${c}`));
  const mode = t(`mailpage.prefs.digest.${p.digest ?? p.defaultMode}`);
  return `${wanted.length ? wanted.join(", ") : t("mailpage.prefs.none")} — ${mode}`;
}

export function PreferencesPage(props: PreferencesPageProps) {
  const { t, prefs, values, errors } = props;
  return (
    <article>
      <h1>{t("mailpage.prefs.title")}</h1>
      {props.saved && <Notice kind="success">{t("mailpage.prefs.saved")}</Notice>}
      {props.stale && (
        <p role="alert" class="error-summary">
          {t("mailpage.prefs.stale", { stored: storedSummary(t, prefs) })}
        </p>
      )}
      <p>{t("mailpage.prefs.intro")}</p>
      {prefs.email ? (
        <p>{t("mailpage.prefs.for", { name: prefs.name, email: prefs.email })}</p>
      ) : (
        <Notice>{t("mailpage.prefs.noEmail")}</Notice>
      )}
      {prefs.email && prefs.emailStatus !== "ok" && (
        <p role="alert" class="error-summary">
          {t("mailpage.prefs.addressBroken", { email: prefs.email })}
        </p>
      )}
      <form method="post" action={props.action}>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <ErrorSummary t={t} errors={errors} />
        <fieldset id="field-wanted" aria-invalid={errors.wanted ? "true" : undefined}>
          <legend>{t("mailpage.prefs.categories")}</legend>
          {MAIL_CATEGORIES.map((c) => (
            <label>
              <input type="checkbox" name="wanted" value={c} checked={values.wanted.includes(c)} /> {t(`mailpage.prefs.category.${c}`)}
            </label>
          ))}
          {errors.wanted && <small class="field-error">{t(errors.wanted)}</small>}
        </fieldset>
        <fieldset
          id="field-digest"
          aria-invalid={errors.digest ? "true" : undefined}
          aria-describedby={errors.digest ? "field-digest-error" : undefined}
        >
          <legend>{t("mailpage.prefs.digest")}</legend>
          {/* "As my role has it" must not read like the fixed choice it stands for now: its current
              meaning is a separate line under it. */}
          {(["default", "immediate", "weekly", "monthly"] as const).map((mode) => (
            <label>
              <input
                type="radio"
                name="digest"
                value={mode}
                checked={values.digest === mode}
                aria-describedby={mode === "default" ? "digest-default-now" : undefined}
              />{" "}
              {t(`mailpage.prefs.digest.${mode}`)}
              {mode === "default" && (
                <small id="digest-default-now" class="choice-hint">
                  {t("mailpage.prefs.digest.defaultNow", { mode: t(`mailpage.prefs.digest.${prefs.defaultMode}`) })}
                </small>
              )}
            </label>
          ))}
          {errors.digest && (
            <small id="field-digest-error" class="field-error">
              {t(errors.digest)}
            </small>
          )}
        </fieldset>
        <button type="submit">{t("mailpage.prefs.save")}</button>
      </form>
      {props.calendar && (
        <CalendarSection
          t={t}
          locale={props.locale}
          csrfToken={props.csrfToken}
          feed={props.calendar.feed}
          newUrl={props.calendar.newUrl}
        />
      )}
    </article>
  );
}

function what(t: Translate, categories: MailCategory[]): string {
  const words = categories.map((c) => t(`mailpage.unsub.what.${c}`));
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${t("mailpage.and")} ${words.at(-1)}`;
}

export function UnsubscribePage(props: {
  t: Translate;
  action: string;
  categories: MailCategory[];
  preferencesHref: string;
  done: boolean;
}) {
  const { t } = props;
  return (
    <article>
      <h1>{t("mailpage.unsub.title")}</h1>
      {props.done ? (
        <Notice kind="success">{t("mailpage.unsub.done", { what: what(t, props.categories) })}</Notice>
      ) : (
        // No CSRF field: this is the same one-click POST a mail client sends (RFC 8058); the signed link is the proof.
        <form method="post" action={props.action}>
          <p>{t("mailpage.unsub.ask", { what: what(t, props.categories) })}</p>
          <button type="submit">{t("mailpage.unsub.button")}</button>
        </form>
      )}
      <p>
        <a href={props.preferencesHref}>{t("mailpage.unsub.prefs")}</a>
      </p>
    </article>
  );
}
