import type { Locale } from "../../src/db/schema";
import { formatDate, formatMoney, type Translate } from "../../src/i18n";
import type { FundingSectionData } from "../../src/domain/money/fundings";
import { ArchivedList, EndMarker, Facts, periodText, streamLabel } from "./parts";
import { FlashMessage } from "../components/page-context";
import { FUNDING_SLOTS, type BinderItem } from "../../src/domain/documents/documents";
import { FundingSlots } from "../documents/binder-views";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiativeId: string;
  canEdit: boolean;
  data: FundingSectionData;
  /** The initiative's current documents: each stream shows its beschikking and verantwoording slots. */
  documents?: BinderItem[];
};

/** The initiative's money: each stream with the dates that matter, and what runs now per year. */
export function FundingSection(props: Props) {
  const { t, locale, data, canEdit } = props;
  const base = `/initiatives/${props.initiativeId}/fundings`;
  return (
    <section id="funding" aria-labelledby="funding-title">
      <h2 id="funding-title">{t("money.funding.title")}</h2>
      <FlashMessage at="funding" />
      <p>
        {t("money.funding.total")}: <strong>{formatMoney(locale, data.runningPerYearCents)}</strong>
      </p>
      {data.streams.length === 0 && <p>{t("money.funding.empty")}</p>}
      {data.streams.map((s) => (
        <article id={`funding-${s.id}`}>
          <h3>{s.sourceName}</h3>
          <Facts
            rows={[
              [t("money.funding.kind"), t(`money.funding.kind.${s.kind}`)],
              [t("money.funding.perYear"), formatMoney(locale, s.amountCentsPerYear)],
              [
                t("money.period"),
                <>
                  {periodText(t, locale, s.startsOn, s.endsOn)}
                  <EndMarker t={t} endingSoon={s.endingSoon} ended={s.ended} />
                </>,
              ],
              [t("money.funding.status"), t(`money.funding.status.${s.status}`)],
              [t("money.renewal"), t(`money.renewal.${s.renewalState}`)],
              !!s.reportDueOn && [t("money.funding.reportDue"), formatDate(locale, s.reportDueOn)],
              !!s.replaces && [t("money.funding.replaces"), streamLabel(t, locale, s.replaces)],
              s.replacedBy.length > 0 && [t("money.funding.replacedBy"), s.replacedBy.map((f) => streamLabel(t, locale, f)).join("; ")],
              [
                t("money.funding.activities"),
                s.activities.length > 0 ? s.activities.map((a) => a.name).join(", ") : t("money.funding.activities.none"),
              ],
            ]}
          />
          <FundingSlots
            t={t}
            locale={locale}
            base={`/initiatives/${props.initiativeId}/documents`}
            canEdit={canEdit}
            funding={s}
            slots={FUNDING_SLOTS.map((kind) => ({
              kind,
              items: (props.documents ?? []).filter((d) => d.subjectType === "funding" && d.subjectId === s.id && d.kind === kind),
            }))}
          />
          {canEdit && (
            <a href={`${base}/${s.id}/edit`} aria-label={t("money.editNamed", { name: s.sourceName })}>
              {t("money.edit")}
            </a>
          )}
        </article>
      ))}
      {canEdit && (
        <p>
          <a href={`${base}/new`} role="button">
            {t("money.funding.add")}
          </a>
        </p>
      )}
      <ArchivedList
        t={t}
        csrfToken={props.csrfToken}
        items={data.archived.map((s) => ({ id: s.id, label: s.sourceName, restoreAction: canEdit ? `${base}/${s.id}/restoration` : null }))}
      />
    </section>
  );
}
