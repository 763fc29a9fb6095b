// "Wie kan helpen?" for one activity: what it lacks (from its flags), a search (kinds of help, words,
// the role to ask for) that works as a plain GET form, the fitting offers with a one-tap ask each,
// and whom was asked already with their answer.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { OfferView } from "../../src/domain/offers/offers";
import { canMail, isOpen, type AskListRow } from "../../src/domain/offers/asks";
import type { HelpersPage as Data, Ranked, Search } from "../../src/domain/offers/matching";
import { tagLabel, type OfferTag } from "../../src/domain/offers/tags";
import { todayInAmsterdam } from "../../src/lib/dates";
import { Csrf, Field } from "../components/form";
import { roleLabel, roleSuggestions } from "../people/role-label";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  data: Data;
  search: Search;
  ranked: Ranked<OfferView>;
  now: Date;
};

const day = (instant: string) => todayInAmsterdam(new Date(instant));

function AskCard(props: Props & { offer: OfferView }) {
  const { t, locale, offer: o, search } = props;
  const base = `/initiatives/${props.initiative.id}/activities/${props.data.activity.id}`;
  const tagNames = props.data.tags.filter((tag) => o.tagIds.includes(tag.id)).map((tag) => tagLabel(tag, locale));
  const open = props.data.asks.find((a) => a.offerId === o.id && isOpen(a, props.now));
  return (
    <article class="offer-card" aria-labelledby={`helper-${o.id}`}>
      <h3 id={`helper-${o.id}`}>{o.person.name}</h3>
      <p>{o.description}</p>
      <p>
        <small>
          {[
            tagNames.length > 0 ? `${t("offers.field.tags")}: ${tagNames.join(", ")}` : null,
            `${t("offers.field.frequency")}: ${t(`offers.frequency.${o.frequency}`)}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </small>
      </p>
      {open ? (
        <p>{t("offers.helpers.openAsk", { date: formatDate(locale, day(open.askedAt)) })}</p>
      ) : !canMail(o.person) ? (
        <p>
          {o.person.name}: {t("offers.noMail")}
        </p>
      ) : (
        <form method="post" action={`${base}/asks`}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="offerId" value={o.id} />
          <input type="hidden" name="role" value={search.role} />
          {search.critical && <input type="hidden" name="critical" value="on" />}
          {search.tagIds.map((id) => (
            <input type="hidden" name="tag" value={id} />
          ))}
          {search.q && <input type="hidden" name="q" value={search.q} />}
          <button type="submit">{t("offers.helpers.ask", { name: o.person.name })}</button>
        </form>
      )}
    </article>
  );
}

function AskLine(props: { t: Translate; locale: Locale; ask: AskListRow; now: Date }) {
  const { t, ask } = props;
  const status = ask.status === "asked" && !isOpen(ask, props.now) ? "expired" : ask.status;
  return (
    <li>
      {t("offers.ask.line", {
        name: ask.personName,
        role: roleLabel(t, ask.role),
        date: formatDate(props.locale, day(ask.askedAt)),
        status: t(`offers.ask.status.${status}`),
      })}
    </li>
  );
}

export function HelpersPage(props: Props) {
  const { t, locale, data, search, ranked } = props;
  const total = data.offers.length;
  return (
    <>
      <p>
        <a href={`/initiatives/${props.initiative.id}#activity-${data.activity.id}`}>
          ← {t("offers.helpers.back", { name: props.initiative.name })}
        </a>
      </p>
      <h1>{t("offers.helpers.title", { activity: data.activity.name })}</h1>
      <p>{t("offers.helpers.intro")}</p>
      {data.needs.length === 0 ? (
        <p>{t("offers.helpers.noNeed")}</p>
      ) : (
        <ul class="notice">
          {data.needs.map((n) => (
            <li>
              {n.rule === "key_person"
                ? t("offers.helpers.need.key_person", { role: roleLabel(t, n.role) })
                : t("offers.helpers.need.few_volunteers")}
            </li>
          ))}
        </ul>
      )}
      <details open={ranked.byTag.length + ranked.byText.length === 0}>
        <summary>{t("offers.helpers.search")}</summary>
        <search>
          <form method="get" action={`/initiatives/${props.initiative.id}/activities/${data.activity.id}/helpers`}>
            <input type="hidden" name="search" value="1" />
            {data.tags.some((tag) => !tag.archivedAt) && (
              <fieldset>
                <legend>{t("offers.helpers.tags")}</legend>
                {data.tags
                  .filter((tag) => !tag.archivedAt || search.tagIds.includes(tag.id))
                  .map((tag: OfferTag) => (
                    <label>
                      <input type="checkbox" name="tag" value={tag.id} checked={search.tagIds.includes(tag.id)} /> {tagLabel(tag, locale)}
                    </label>
                  ))}
              </fieldset>
            )}
            <Field t={t} name="q" type="search" label={t("offers.helpers.q")} value={search.q} errors={{}} />
            <Field
              t={t}
              name="role"
              label={t("offers.helpers.role")}
              value={roleLabel(t, search.role)}
              errors={{}}
              suggestions={roleSuggestions(t)}
              autocomplete="off"
            />
            <label>
              <input type="checkbox" name="critical" checked={search.critical} /> {t("offers.helpers.critical")}
            </label>
            <button type="submit" class="secondary">
              {t("offers.helpers.submit")}
            </button>
          </form>
        </search>
      </details>
      <p>
        <strong>
          {t("offers.helpers.askingFor", { role: roleLabel(t, search.role) })}
          {search.critical && <> ({t("activities.critical")})</>}
        </strong>
      </p>
      {total === 0 ? (
        <p>{t("offers.helpers.nothing")}</p>
      ) : (
        <>
          {ranked.byTag.length + ranked.byText.length === 0 && <p>{t("offers.helpers.noMatch")}</p>}
          {ranked.byTag.length > 0 && (
            <section aria-labelledby="helpers-by-tag">
              <h2 id="helpers-by-tag">{t("offers.helpers.byTag")}</h2>
              {ranked.byTag.map((o) => (
                <AskCard {...props} offer={o} />
              ))}
            </section>
          )}
          {ranked.byText.length > 0 && (
            <section aria-labelledby="helpers-by-text">
              <h2 id="helpers-by-text">{t("offers.helpers.byText")}</h2>
              {ranked.byText.map((o) => (
                <AskCard {...props} offer={o} />
              ))}
            </section>
          )}
          {ranked.others.length > 0 && (
            <details open={ranked.byTag.length + ranked.byText.length === 0}>
              <summary>
                <h2 class="summary-heading">{t("offers.helpers.others", { count: ranked.others.length })}</h2>
              </summary>
              {ranked.others.map((o) => (
                <AskCard {...props} offer={o} />
              ))}
            </details>
          )}
        </>
      )}
      <section id="asks" aria-labelledby="helpers-asks">
        <h2 id="helpers-asks">{t("offers.helpers.asks")}</h2>
        {data.asks.length === 0 ? (
          <p>{t("offers.helpers.noAsks")}</p>
        ) : (
          <ul>
            {data.asks.map((a) => (
              <AskLine t={t} locale={locale} ask={a} now={props.now} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
