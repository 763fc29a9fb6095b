import type { Locale } from "../../src/db/schema";
import type { Translate } from "../../src/i18n";
import type { CommitmentsSectionData } from "../../src/domain/money/commitments";
import { ArchivedList, EndMarker, Facts, periodText } from "./parts";
import { FlashMessage } from "../components/page-context";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiativeId: string;
  canEdit: boolean;
  data: CommitmentsSectionData;
  /**
   * Partner organisations whose commitments this (partner) user may manage here although they
   * cannot edit the initiative: `commitmentAccess(...).orgIds`. Leave out for everyone else.
   */
  ownOrgIds?: string[];
};

/** What partners give the initiative (hours, a room, money, material), from when until when. */
export function CommitmentsSection(props: Props) {
  const { t, locale, data, canEdit } = props;
  const own = props.ownOrgIds ?? [];
  const mayManage = (partnerId: string) => canEdit || own.includes(partnerId);
  const base = `/initiatives/${props.initiativeId}/commitments`;
  return (
    <section id="commitments" aria-labelledby="commitments-title">
      <h2 id="commitments-title">{t("money.commitment.title")}</h2>
      <FlashMessage at="commitments" />
      {data.commitments.length === 0 && <p>{t("money.commitment.empty")}</p>}
      {data.commitments.map((c) => (
        <article id={`commitment-${c.id}`}>
          <h3>
            {c.partnerName}: {t(`money.commitment.kind.${c.kind}`)}
          </h3>
          <Facts
            rows={[
              [t("money.commitment.description"), c.description],
              [t("money.commitment.activity"), c.activityName ?? t("money.commitment.activity.none")],
              [
                t("money.period"),
                <>
                  {periodText(t, locale, c.startsOn, c.endsOn)}
                  <EndMarker t={t} endingSoon={c.endingSoon} ended={c.ended} />
                </>,
              ],
              [t("money.renewal"), t(`money.renewal.${c.renewalState}`)],
            ]}
          />
          {mayManage(c.partnerId) && (
            <a href={`${base}/${c.id}/edit`} aria-label={t("money.editNamed", { name: `${c.partnerName}: ${c.description}` })}>
              {t("money.edit")}
            </a>
          )}
        </article>
      ))}
      {(canEdit || own.length > 0) && (
        <p>
          <a href={`${base}/new`} role="button">
            {t("money.commitment.add")}
          </a>
        </p>
      )}
      <ArchivedList
        t={t}
        csrfToken={props.csrfToken}
        items={data.archived.map((c) => ({
          id: c.id,
          label: `${c.partnerName}: ${c.description}`,
          restoreAction: mayManage(c.partnerId) ? `${base}/${c.id}/restoration` : null,
        }))}
      />
    </section>
  );
}
