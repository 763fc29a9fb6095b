import type { Child } from "hono/jsx";

// Email HTML: inline styles are fine here (mail clients ignore style sheets; the site's CSP does
// not apply to email). One column, system fonts, every link also readable as text.

export type MailLink = { label: string; href: string };

/** A plain, readable HTML email: one column, system fonts, the link also written out. */
export function MailLayout(props: { lang: string; title: string; footer: string; footerLinks?: MailLink[]; children: Child }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b; max-width: 36rem; margin: 0 auto; padding: 1rem;">
        {props.children}
        <hr />
        <p style="font-size: 14px; color: #555;">{props.footer}</p>
        {props.footerLinks && props.footerLinks.length > 0 && (
          <p style="font-size: 14px; color: #555;">
            {props.footerLinks.map((l, i) => (
              <>
                {i > 0 && " · "}
                <a href={l.href} style="color: #0d5b9a;">
                  {l.label}
                </a>
              </>
            ))}
          </p>
        )}
      </body>
    </html>
  );
}

/** A link that looks like a button, for the one thing to do. */
export function MailButton(props: { href: string; label: string }) {
  return (
    <a
      href={props.href}
      style="display: inline-block; margin: 0 0.4rem 0.4rem 0; padding: 0.6rem 1rem; background: #0d5b9a; color: #fff; border-radius: 0.3rem; text-decoration: none;"
    >
      {props.label}
    </a>
  );
}

/** Paragraphs from plain text; a line that is exactly the link becomes a button-like link. */
export function TextAsHtml(props: { text: string; link?: string; linkLabel?: string }) {
  return (
    <>
      {props.text.split("\n\n").map((para) =>
        props.link && para.trim() === props.link ? (
          <p>
            <MailButton href={props.link} label={props.linkLabel ?? props.link} />
            <br />
            <small style="word-break: break-all;">{props.link}</small>
          </p>
        ) : (
          <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
        ),
      )}
    </>
  );
}
