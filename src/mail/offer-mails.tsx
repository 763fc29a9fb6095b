// The two emails of the neighbourhood's offers, sent on the spot through the outbox (deliver):
// the confirmation of an offer from the public page (double opt-in: the link carries the offer), and
// a coordinator's ask to help with one-click answers, in the resident's language, with the
// preference and one-click unsubscribe links (category "asks") every such mail has.
import type { Locale } from "../db/schema";
import { translator } from "../i18n";
import { MailLayout, TextAsHtml } from "../../views/mail/mail-layout";
import { BundleMailHtml, bundleMailText, type BundleView } from "../../views/mail/bundle-mail";
import { OFFER_LINK_HOURS, confirmMailKey, type PendingOffer } from "../domain/offers/offer-requests";
import { PREFERENCE_LINK_DAYS, addDaysInstant, signLink } from "../domain/mail/tokens";
import { signAsk, type AskRow } from "../domain/offers/asks";
import { isRoleKey } from "../domain/people/involvements";
import type { Mail } from "./deliver";

/** The mail with the link that makes the offer. Its person is not known yet (personId null). */
export function offerConfirmMail(args: { pending: PendingOffer; hoodName: string; link: string }): Mail {
  const { pending } = args;
  const t = translator(pending.locale);
  const subject = t("mail.offerConfirm.subject", { hood: args.hoodName });
  const text = t("mail.offerConfirm.body", {
    name: pending.name,
    hood: args.hoodName,
    text: pending.description,
    hours: OFFER_LINK_HOURS,
    link: args.link,
  });
  const html =
    "<!doctype html>" +
    String(
      <MailLayout lang={pending.locale} title={subject} footer={t("mail.footer")}>
        <TextAsHtml text={text} link={args.link} linkLabel={t("mail.offerConfirm.button")} />
      </MailLayout>,
    );
  return {
    key: confirmMailKey(pending.id),
    kind: "offer_confirm",
    personId: null,
    to: pending.email,
    locale: pending.locale,
    subject,
    text: `${text}\n\n-- \n${t("mail.footer")}`,
    html,
  };
}

export type AskMailArgs = {
  ask: AskRow;
  person: { id: string; name: string; email: string; locale: Locale };
  activity: { name: string; rhythm: string; place: string };
  initiative: { name: string };
  askerName: string | null;
  offerText: string;
};

/** The ask, with "Ja, ik doe mee" and "Nee, dank je" (each opens a confirmation page first). */
export async function askMail(links: { secret: string; appUrl: string }, a: AskMailArgs): Promise<Mail> {
  const locale = a.person.locale;
  const t = translator(locale);
  const subject = t("mail.ask.subject", { activity: a.activity.name });
  const role = isRoleKey(a.ask.role) ? t(`volunteers.role.${a.ask.role}`) : a.ask.role;
  const token = await signAsk(links.secret, a.ask);
  const answer = (choice: "yes" | "no") => `${links.appUrl}/mail/asks/${token}?answer=${choice}`;
  const exp = addDaysInstant(a.ask.askedAt, PREFERENCE_LINK_DAYS);
  const unsubscribe = `${links.appUrl}/mail/unsubscribe/${await signLink(links.secret, { k: "u", p: a.person.id, c: ["asks"], exp })}`;
  const preferences = `${links.appUrl}/mail/preferences/${await signLink(links.secret, { k: "m", p: a.person.id, exp })}`;
  const lines = [
    t("mail.ask.intro", {
      asker: a.askerName ?? t("mail.ask.someone"),
      initiative: a.initiative.name,
      activity: a.activity.name,
      role,
    }),
    ...(a.activity.rhythm ? [t("mail.ask.when", { rhythm: a.activity.rhythm })] : []),
    ...(a.activity.place ? [t("mail.ask.where", { place: a.activity.place })] : []),
    t("mail.ask.yourOffer", { text: a.offerText }),
  ];
  const view: BundleView = {
    lang: locale,
    subject,
    greeting: t("mail.greeting", { name: a.person.name }),
    items: [
      {
        heading: subject,
        lines,
        actionsIntro: t("mail.ask.answerIntro"),
        actions: [
          { label: t("offers.answer.button.yes"), href: answer("yes") },
          { label: t("offers.answer.button.no"), href: answer("no") },
        ],
      },
    ],
    footer: t("mail.ask.why"),
    footerLinks: [
      { label: t("mail.footer.preferences"), href: preferences },
      { label: t("mail.footer.unsubscribe.asks"), href: unsubscribe },
    ],
  };
  return {
    key: `help_ask:${a.ask.id}`,
    kind: "help_ask",
    personId: a.person.id,
    to: a.person.email,
    locale,
    subject,
    text: bundleMailText(view),
    html: "<!doctype html>" + String(<BundleMailHtml view={view} />),
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
