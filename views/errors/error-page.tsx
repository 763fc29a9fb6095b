import type { Translate } from "../../src/i18n";

export type ErrorKind = "notFound" | "forbidden" | "csrf" | "server" | "badRequest";

export function ErrorPage(props: { t: Translate; kind: ErrorKind }) {
  const { t } = props;
  return (
    <article>
      <h1>{t(`error.${props.kind}.title`)}</h1>
      <p>{t(`error.${props.kind}.body`)}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </article>
  );
}
