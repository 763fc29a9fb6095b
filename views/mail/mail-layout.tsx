import type { Child } from "hono/jsx";

/** A plain, readable HTML email: one column, system fonts, the link also written out. */
export function MailLayout(props: { lang: string; title: string; footer: string; children: Child }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <title>{props.title}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b; max-width: 36rem; margin: 0 auto; padding: 1rem;">
        {props.children}
        <hr />
        <p style="font-size: 14px; color: #555;">{props.footer}</p>
      </body>
    </html>
  );
}

/** Paragraphs from plain text; a line that is exactly the link becomes a button-like link. */
export function TextAsHtml(props: { text: string; link?: string; linkLabel?: string }) {
  return (
    <>
      {props.text.split("\n\n").map((para) =>
        props.link && para.trim() === props.link ? (
          <p>
            <a href={props.link} style="display: inline-block; padding: 0.6rem 1rem; background: #0d5b9a; color: #fff; border-radius: 0.3rem; text-decoration: none;">
              {props.linkLabel ?? props.link}
            </a>
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
