import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Severity } from "../../src/domain/risk/rules";
import { explainFlag } from "../../src/domain/risk/explain";
import type { StoredRisk } from "../../src/domain/risk/read";
import { runwayText } from "../initiatives/attention";

/** A level in words (never colour alone). */
export function LevelBadge(props: { t: Translate; level: Severity }) {
  return <span class={`badge risk-${props.level}`}>{props.t(`risk.level.${props.level}`)}</span>;
}

/** The badge that explains itself: level, since when, and one sentence per reason. */
export function RiskBadge(props: { t: Translate; locale: Locale; risk: StoredRisk | undefined }) {
  const { t, risk } = props;
  if (!risk) return null;
  if (risk.flags.length === 0) return <LevelBadge t={t} level={risk.level} />;
  return (
    <details class={`risk-details risk-${risk.level}`}>
      <summary>
        <LevelBadge t={t} level={risk.level} /> <small>{t("risk.since", { date: formatDate(props.locale, risk.levelSince) })}</small> ·{" "}
        {t("risk.reasons")}
      </summary>
      <ul>
        {risk.flags.map((f) => (
          <li>
            <LevelBadge t={t} level={f.severity} /> {explainFlag(f, props.locale)}
          </li>
        ))}
      </ul>
      {risk.runwayMonths !== null && (
        <p>
          {runwayText(
            t,
            risk.runwayMonths,
            risk.flags.some((f) => f.rule === "running_on_nothing"),
          )}
        </p>
      )}
    </details>
  );
}
