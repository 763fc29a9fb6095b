import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import {
  ASSET_CATEGORIES,
  categoryKey,
  isAssetStale,
  type AssetCategory,
  type AssetFormValues,
  type AssetListItem,
  type AssetWithLinks,
} from "../../src/domain/neighbourhoods/assets";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";

type Hood = { id: string; name: string };
type InitiativeOption = { id: string; name: string; archivedAt: string | null };

const base = (hood: Hood) => `/neighbourhoods/${hood.id}/assets`;

/** A one-button form (archive, restore, confirm); works without JavaScript. */
export function ActionButton(props: { action: string; csrfToken: string; label: string; back?: string | null; secondary?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf token={props.csrfToken} />
      {props.back && <input type="hidden" name="back" value={props.back} />}
      <button type="submit" class={props.secondary ? "secondary outline" : "outline"}>
        {props.label}
      </button>
    </form>
  );
}

function AssetCard(props: {
  t: Translate;
  locale: Locale;
  hood: Hood;
  asset: AssetListItem;
  canEdit: boolean;
  csrfToken: string;
  today: string;
}) {
  const { t, locale, asset: a } = props;
  const url = `${base(props.hood)}/${a.id}`;
  const stale = isAssetStale(a.lastConfirmedOn, props.today);
  return (
    <article id={`asset-${a.id}`} aria-labelledby={`asset-${a.id}-name`}>
      <h3 id={`asset-${a.id}-name`}>{a.name}</h3>
      {a.description && <p>{a.description}</p>}
      {a.initiatives.length > 0 && (
        <p>
          {t("assets.leanedOnBy")}:{" "}
          {a.initiatives.map((i, n) => (
            <>
              {n > 0 && ", "}
              <a href={`/initiatives/${i.id}`}>{i.name}</a>
            </>
          ))}
        </p>
      )}
      {/* Contacts are personal data: only those who keep the register see them. */}
      {props.canEdit && a.contactName !== null && (
        <p>
          {t("assets.field.contact")}: {a.contactName} {a.contactInfo && <span class="break-all">({a.contactInfo})</span>}
          {a.contactConsentOn && <small> · {t("assets.contactConsentOn", { date: formatDate(locale, a.contactConsentOn) })}</small>}
        </p>
      )}
      <p>
        <small>{t("assets.lastConfirmed", { date: formatDate(locale, a.lastConfirmedOn) })}</small>
        {stale && (
          <>
            <br />
            <strong>{t("assets.staleMark")}</strong>
          </>
        )}
      </p>
      {props.canEdit && (
        <footer>
          <a href={`${url}/edit`} role="button" class="secondary">
            {t("ws.edit")}
          </a>{" "}
          <ActionButton action={`${url}/confirmations`} csrfToken={props.csrfToken} label={t("assets.confirm")} />{" "}
          <ActionButton action={`${url}/archival`} csrfToken={props.csrfToken} label={t("ws.archive")} secondary />
        </footer>
      )}
    </article>
  );
}

export function AssetsListPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  hood: Hood;
  category: AssetCategory | null;
  active: AssetListItem[];
  archived: AssetListItem[];
  canEdit: boolean;
  today: string;
  /** Residents' offers waiting for a coordinator (null: not shown to this reader). */
  offersWaiting?: number | null;
}) {
  const { t, hood } = props;
  const shown = props.category ? [props.category] : ASSET_CATEGORIES.filter((c) => props.active.some((a) => a.category === c));
  return (
    <>
      <p>
        <a href={`/neighbourhoods/${hood.id}`}>← {hood.name}</a>
      </p>
      <h1>{t("assets.titleIn", { name: hood.name })}</h1>
      <p>{t("assets.intro")}</p>
      {props.offersWaiting !== undefined && props.offersWaiting !== null && (
        <p>
          <a href={`/neighbourhoods/${hood.id}/offers`}>{t("offers.assets.link", { count: props.offersWaiting })}</a>
        </p>
      )}
      <search>
        <form method="get" action={base(hood)}>
          <Select
            t={t}
            name="category"
            label={t("assets.filter.label")}
            value={props.category ?? ""}
            errors={{}}
            options={[
              { value: "", label: t("assets.filter.all") },
              ...ASSET_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) })),
            ]}
          />
          <button type="submit" class="secondary">
            {t("assets.filter.submit")}
          </button>
        </form>
      </search>
      {props.canEdit && (
        <p>
          <a href={`${base(hood)}/new${props.category ? `?category=${props.category}` : ""}`} role="button">
            {t("assets.new")}
          </a>
        </p>
      )}
      {props.active.length === 0 && <p>{t("assets.none")}</p>}
      {shown.map((c) => {
        const items = props.active.filter((a) => a.category === c);
        if (items.length === 0) return null;
        return (
          <section aria-labelledby={`category-${c}`}>
            <h2 id={`category-${c}`}>
              {t(categoryKey(c))} ({items.length})
            </h2>
            {items.map((a) => (
              <AssetCard
                t={t}
                locale={props.locale}
                hood={hood}
                asset={a}
                canEdit={props.canEdit}
                csrfToken={props.csrfToken}
                today={props.today}
              />
            ))}
          </section>
        );
      })}
      {props.archived.length > 0 && (
        <details>
          <summary>{t("ws.archived", { count: props.archived.length })}</summary>
          <ul>
            {props.archived.map((a) => (
              <li id={`asset-${a.id}`}>
                {a.name} <small>({t(categoryKey(a.category))})</small>{" "}
                {props.canEdit && (
                  <ActionButton
                    action={`${base(hood)}/${a.id}/restoration`}
                    csrfToken={props.csrfToken}
                    label={t("ws.restore")}
                    secondary
                  />
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function AssetFormPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  hood: Hood;
  values: AssetFormValues;
  errors: FieldErrors;
  initiatives: InitiativeOption[];
  asset?: AssetWithLinks;
  back?: string | null;
  stale?: boolean;
}) {
  const { t, errors, asset } = props;
  const values = { ...props.values, initiativeIds: props.values.initiativeIds ?? [] };
  const action = asset ? `${base(props.hood)}/${asset.id}` : base(props.hood);
  const options = props.initiatives.filter(
    (i) => !i.archivedAt || values.initiativeIds.includes(i.id) || asset?.initiativeIds.includes(i.id),
  );
  const consentError = errors.contactConsent;
  return (
    <>
      <p>
        <a href={props.back ?? base(props.hood)}>← {t("ws.back")}</a>
      </p>
      <h1>{asset ? t("assets.edit") : t("assets.new")}</h1>
      {props.stale && asset && <StaleNotice t={t} locale={props.locale} asset={asset} initiatives={props.initiatives} />}
      <form method="post" action={action} id="asset-form" novalidate>
        <Csrf token={props.csrfToken} />
        {asset && <input type="hidden" name="version" value={String(asset.version)} />}
        {props.back && <input type="hidden" name="back" value={props.back} />}
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="category"
          label={t("assets.field.category")}
          value={values.category}
          errors={errors}
          required
          options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
        />
        <Field t={t} name="name" label={t("assets.field.name")} value={values.name} errors={errors} required autocomplete="off" />
        <Field t={t} name="description" type="textarea" label={t("assets.field.description")} value={values.description} errors={errors} />
        <fieldset>
          <legend>{t("assets.field.contact")}</legend>
          <p>
            <small>{t("assets.field.contactHint")}</small>
          </p>
          <Field
            t={t}
            name="contactName"
            label={t("assets.field.contactName")}
            value={values.contactName}
            errors={errors}
            autocomplete="off"
          />
          <Field
            t={t}
            name="contactInfo"
            label={t("assets.field.contactInfo")}
            value={values.contactInfo}
            errors={errors}
            autocomplete="off"
          />
          <label for="field-contactConsent">
            <input
              type="checkbox"
              id="field-contactConsent"
              name="contactConsent"
              checked={values.contactConsent}
              aria-invalid={consentError ? "true" : undefined}
              aria-describedby={consentError ? "field-contactConsent-error" : undefined}
            />{" "}
            {t("assets.field.consent")}
          </label>
          {consentError && (
            <p>
              <small id="field-contactConsent-error" class="field-error">
                {t(consentError)}
              </small>
            </p>
          )}
          <Field
            t={t}
            name="contactConsentOn"
            type="date"
            label={t("assets.field.consentOn")}
            value={values.contactConsentOn}
            errors={errors}
          />
        </fieldset>
        <Field
          t={t}
          name="lastConfirmedOn"
          type="date"
          label={t("assets.field.lastConfirmedOn")}
          hint={t("assets.field.lastConfirmedHint")}
          value={values.lastConfirmedOn}
          errors={errors}
        />
        <fieldset id="field-initiativeIds" aria-invalid={errors.initiativeIds ? "true" : undefined}>
          <legend>{t("assets.field.initiatives")}</legend>
          {options.length === 0 && <p>{t("assets.field.noInitiatives")}</p>}
          {options.map((i) => (
            <label>
              <input type="checkbox" name="initiativeIds" value={i.id} checked={values.initiativeIds.includes(i.id)} /> {i.name}
            </label>
          ))}
          {errors.initiativeIds && <small class="field-error">{t(errors.initiativeIds)}</small>}
        </fieldset>
        <button type="submit">{t("ws.save")}</button>
      </form>
    </>
  );
}

function StaleNotice(props: { t: Translate; locale: Locale; asset: AssetWithLinks; initiatives: InitiativeOption[] }) {
  const { t, asset: a } = props;
  const names = props.initiatives.filter((i) => a.initiativeIds.includes(i.id)).map((i) => i.name);
  return (
    <div role="alert" class="error-summary">
      <p>{t("ws.stale")}</p>
      <p>
        <strong>{t("ws.storedNow")}:</strong>
      </p>
      <ul>
        <li>
          {t("assets.field.category")}: <strong>{t(categoryKey(a.category))}</strong>
        </li>
        <li>
          {t("assets.field.name")}: <strong>{a.name}</strong>
        </li>
        <li>
          {t("assets.field.description")}: <strong>{a.description || "—"}</strong>
        </li>
        <li>
          {t("assets.field.contact")}: <strong>{a.contactName ? `${a.contactName} ${a.contactInfo ?? ""}`.trim() : "—"}</strong>
        </li>
        <li>
          {t("assets.field.lastConfirmedOn")}: <strong>{formatDate(props.locale, a.lastConfirmedOn)}</strong>
        </li>
        <li>
          {t("assets.field.initiatives")} <strong>{names.join(", ") || "—"}</strong>
        </li>
      </ul>
    </div>
  );
}
