import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { RiskRule, Severity } from "../../src/domain/risk/rules";

type Event = {
  event: { id: string; on: string; fromLevel: Severity | null; toLevel: Severity; added: string; resolved: string };
  activityName: string;
};

/** When something became at risk, and when and how it was resolved. */
export function RiskHistory(props: { t: Translate; locale: Locale; events: Event[] }) {
  const { t } = props;
  const ruleList = (json: string) => (JSON.parse(json) as RiskRule[]).map((r) => t(`risk.rule.${r}`)).join(", ");
  return (
    <section id="risk-history" aria-labelledby="risk-history-title">
      <h2 id="risk-history-title">{t("risk.history.title")}</h2>
      {props.events.length === 0 ? (
        <p>{t("risk.history.empty")}</p>
      ) : (
        <ol class="history">
          {props.events.map(({ event: e, activityName }) => (
            <li>
              <small>{formatDate(props.locale, e.on)}</small>
              <br />
              {e.fromLevel
                ? t("risk.history.change", {
                    activity: activityName,
                    from: t(`risk.level.${e.fromLevel}`),
                    to: t(`risk.level.${e.toLevel}`),
                  })
                : t("risk.history.first", { activity: activityName, to: t(`risk.level.${e.toLevel}`) })}
              {ruleList(e.added) && (
                <>
                  <br />
                  <small>{t("risk.history.added", { rules: ruleList(e.added) })}</small>
                </>
              )}
              {ruleList(e.resolved) && (
                <>
                  <br />
                  <small>{t("risk.history.resolved", { rules: ruleList(e.resolved) })}</small>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
