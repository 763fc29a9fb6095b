// Sign-in and invitation emails.
import type { Locale } from "../db/schema";
import { translator } from "../i18n";
import { MailLayout, TextAsHtml } from "../../views/mail/mail-layout";
import type { Mail } from "./deliver";

export function signInMail(args: {
  purpose: "sign_in" | "invite";
  tokenId: string;
  link: string;
  person: { id: string; name: string; email: string; locale: Locale };
  inviterName?: string;
}): Mail {
  const t = translator(args.person.locale);
  const invite = args.purpose === "invite";
  const subject = t(invite ? "mail.invite.subject" : "mail.signIn.subject");
  const text = t(invite ? "mail.invite.body" : "mail.signIn.body", {
    name: args.person.name,
    link: args.link,
    inviter: args.inviterName ?? "",
  });
  const html =
    "<!doctype html>" +
    String(
      <MailLayout lang={args.person.locale} title={subject} footer={t("mail.footer")}>
        <TextAsHtml text={text} link={args.link} linkLabel={t("signIn.confirm.button")} />
      </MailLayout>,
    );
  return {
    key: `${args.purpose}:${args.tokenId}`,
    kind: args.purpose,
    personId: args.person.id,
    to: args.person.email,
    locale: args.person.locale,
    subject,
    text: `${text}\n\n-- \n${t("mail.footer")}`,
    html,
  };
}
