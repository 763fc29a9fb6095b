// The daily email to one person: optionally a digest, then each message (reminder, escalation,
// alert, check-in invitation) with its answers or link, then the footer with the preference and
// unsubscribe links. The same props give the HTML part and the plain-text part.
import { MailButton, MailLayout, type MailLink } from "./mail-layout";

export type MailItemView = { heading: string; lines: string[]; actionsIntro?: string; actions: MailLink[]; link?: MailLink };
export type DigestSectionView = { heading: string; lines: string[]; more?: string };
export type BundleView = {
  lang: string;
  subject: string;
  greeting: string;
  intro?: string;
  digest?: { title: string; intro: string; sections: DigestSectionView[] };
  items: MailItemView[];
  more?: { text: string; link: MailLink };
  footer: string;
  footerLinks: MailLink[];
};

export function BundleMailHtml(props: { view: BundleView }) {
  const v = props.view;
  return (
    <MailLayout lang={v.lang} title={v.subject} footer={v.footer} footerLinks={v.footerLinks}>
      <p>{v.greeting}</p>
      {v.intro && <p>{v.intro}</p>}
      {v.digest && (
        <section>
          <h1 style="font-size: 1.3rem;">{v.digest.title}</h1>
          <p>{v.digest.intro}</p>
          {v.digest.sections.map((s) => (
            <>
              <h2 style="font-size: 1.1rem; margin-bottom: 0.2rem;">{s.heading}</h2>
              {s.lines.length > 0 && (
                <ul>
                  {s.lines.map((l) => (
                    <li>{l}</li>
                  ))}
                </ul>
              )}
              {s.more && <p>{s.more}</p>}
            </>
          ))}
        </section>
      )}
      {v.items.map((item) => (
        <section style="margin: 1.2rem 0;">
          <h2 style="font-size: 1.1rem; margin-bottom: 0.2rem;">{item.heading}</h2>
          {item.lines.map((l) => (
            <p style="margin: 0.3rem 0;">{l}</p>
          ))}
          {item.actions.length > 0 && (
            <>
              {item.actionsIntro && <p style="margin: 0.6rem 0 0.3rem;">{item.actionsIntro}</p>}
              <p>
                {item.actions.map((a) => (
                  <MailButton href={a.href} label={a.label} />
                ))}
              </p>
            </>
          )}
          {item.link && (
            <p>
              <a href={item.link.href} style="color: #0d5b9a;">
                {item.link.label}
              </a>
            </p>
          )}
        </section>
      ))}
      {v.more && (
        <p>
          {v.more.text}{" "}
          <a href={v.more.link.href} style="color: #0d5b9a;">
            {v.more.link.label}
          </a>
        </p>
      )}
    </MailLayout>
  );
}

/** The plain-text part: the same content, links written out. */
export function bundleMailText(v: BundleView): string {
  const out: string[] = [v.greeting, ""];
  if (v.intro) out.push(v.intro, "");
  if (v.digest) {
    out.push(v.digest.title.toUpperCase(), v.digest.intro, "");
    for (const s of v.digest.sections) {
      out.push(s.heading);
      for (const l of s.lines) out.push(`- ${l}`);
      if (s.more) out.push(s.more);
      out.push("");
    }
  }
  for (const item of v.items) {
    out.push(`== ${item.heading} ==`, ...item.lines);
    if (item.actions.length > 0) {
      if (item.actionsIntro) out.push(item.actionsIntro);
      for (const a of item.actions) out.push(`- ${a.label}: ${a.href}`);
    }
    if (item.link) out.push(`${item.link.label}: ${item.link.href}`);
    out.push("");
  }
  if (v.more) out.push(`${v.more.text} ${v.more.link.href}`, "");
  out.push("-- ", v.footer, ...v.footerLinks.map((l) => `${l.label}: ${l.href}`));
  return out.join("\n");
}
