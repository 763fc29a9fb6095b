import type { Translate, MessageKey } from "../../src/i18n";
import { ASSET_CATEGORIES, categoryKey, type AssetCategory } from "../../src/domain/neighbourhoods/assets";
import type { NeighbourhoodInitiative } from "../../src/domain/neighbourhoods/neighbourhoods";
import type { Child } from "hono/jsx";
import { SEVERITIES, type Severity } from "../../src/domain/risk/rules";
import { LevelBadge } from "../risk/risk-badge";
import { DataTable } from "../components/data-table";

type Props = {
  t: Translate;
  hood: { id: string; name: string; municipality: string };
  canEdit: boolean;
  initiatives: NeighbourhoodInitiative[];
  archivedInitiatives: NeighbourhoodInitiative[];
  assetCounts: Record<AssetCategory, number>;
  riskLevels: Record<string, Severity>;
  perLevel: Record<Severity, number>;
  children?: Child;
};

function InitiativesTable(props: { t: Translate; caption: string; rows: NeighbourhoodInitiative[]; riskLevels: Record<string, Severity> }) {
  const { t } = props;
  return (
    <DataTable
      caption={props.caption}
      head={[t("hood.col.name"), t("hood.col.status"), t("risk.continuity"), t("hood.col.started"), t("hood.col.coordinators")]}
      rows={props.rows.map((i) => [
        <a href={`/initiatives/${i.id}`}>{i.name}</a>,
        t(`hood.status.${i.status}` as MessageKey),
        props.riskLevels[i.id] ? <LevelBadge t={t} level={props.riskLevels[i.id]!} /> : "—",
        i.startedYear,
        i.coordinators.join(", ") || "—",
      ])}
    />
  );
}

/** The neighbourhood at a glance: its initiatives, a way to its facilities, and its assets. */
export function NeighbourhoodPage(props: Props) {
  const { t, hood } = props;
  const assetsUrl = `/neighbourhoods/${hood.id}/assets`;
  const total = ASSET_CATEGORIES.reduce((n, c) => n + props.assetCounts[c], 0);
  return (
    <>
      <h1>{hood.name}</h1>
      <p>{t("hood.municipality", { municipality: hood.municipality })}</p>

      <section aria-labelledby="hood-initiatives">
        <h2 id="hood-initiatives">{t("hood.initiatives")}</h2>
        {props.canEdit && (
          <p>
            <a href={`/neighbourhoods/${hood.id}/initiatives/new`} role="button">
              {t("hood.initiatives.new")}
            </a>
          </p>
        )}
        {props.initiatives.length === 0 ? (
          <p>{t("hood.initiatives.none")}</p>
        ) : (
          <InitiativesTable t={t} caption={t("hood.initiatives")} rows={props.initiatives} riskLevels={props.riskLevels} />
        )}
        {props.archivedInitiatives.length > 0 && (
          <details>
            <summary>{t("hood.initiatives.archived", { count: props.archivedInitiatives.length })}</summary>
            <InitiativesTable
              t={t}
              caption={t("hood.initiatives.archived", { count: props.archivedInitiatives.length })}
              rows={props.archivedInitiatives}
              riskLevels={{}}
            />
          </details>
        )}
      </section>

      <section aria-labelledby="hood-risk">
        <h2 id="hood-risk">{t("risk.continuity")}</h2>
        <ul class="level-summary">
          {[...SEVERITIES].reverse().map((level) => (
            <li>
              <LevelBadge t={t} level={level} /> {props.perLevel[level]}
            </li>
          ))}
        </ul>
        {props.canEdit && (
          <p>
            <a href={`/neighbourhoods/${hood.id}/risks`}>{t("risk.neighbourhood.link")}</a>
          </p>
        )}
      </section>

      {props.children}

      <section aria-labelledby="hood-facilities">
        <h2 id="hood-facilities">{t("hood.facilities")}</h2>
        <p>
          <a href={`/neighbourhoods/${hood.id}/facilities`}>{t("hood.facilities.link")}</a>
        </p>
      </section>

      <section aria-labelledby="hood-assets">
        <h2 id="hood-assets">{t("assets.title")}</h2>
        <p>{t("hood.assets.intro")}</p>
        <DataTable
          caption={t("hood.assets.caption")}
          head={[t("assets.filter.label"), t("hood.assets.count")]}
          rows={ASSET_CATEGORIES.map((c) => [<a href={`${assetsUrl}?category=${c}`}>{t(categoryKey(c))}</a>, props.assetCounts[c]])}
        />
        <p>
          <a href={assetsUrl} role="button" class="secondary">
            {t("hood.assets.all", { count: total })}
          </a>
        </p>
      </section>
    </>
  );
}
