import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { isYear } from "../lib/dates";
import {
  addCheckinNote,
  checkinContract,
  checkinGraceDate,
  checkinNoteContract,
  checkinWindow,
  getCheckin,
  loadCheckinsSection,
  newCheckinValues,
  parseCheckinForm,
  saveCheckin,
  volunteersPrefill,
  type Checkin,
  type CheckinFormValues,
  type CheckinNote,
} from "../domain/initiatives/checkins";
import { renderError } from "./errors";
import { CheckinFormPage, CheckinMissingPage, CheckinRecordPage, CheckinsPage } from "../../views/checkins/checkin-views";
import { flashRedirect, savedText } from "../middleware/flash";

export const checkinsRoutes = new Hono<AppEnv>();

const BASE = "/initiatives/:initiativeId/checkins";
const YEAR = `${BASE}/:year{[0-9]{4}}`;
async function formPage(
  c: Context<AppEnv>,
  year: number,
  existing: Checkin | null,
  opts: { status?: 409 | 422; values?: CheckinFormValues; errors?: FieldErrors; stale?: boolean } = {},
) {
  const { t, db, initiative } = c.var;
  const prefill = await volunteersPrefill(db, initiative.id, year);
  if (opts.status) c.status(opts.status);
  return c.render(
    <CheckinFormPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      year={year}
      existing={existing}
      values={
        opts.values ??
        (existing ? checkinContract.formValues(checkinContract.stored(existing), c.var.locale) : newCheckinValues(initiative, prefill))
      }
      errors={opts.errors ?? {}}
      prefill={prefill}
      graceDate={checkinGraceDate(year)}
      stale={opts.stale}
    />,
    { title: t("checkins.pageTitle", { year }) },
  );
}

function recordPage(
  c: Context<AppEnv>,
  found: { checkin: Checkin; notes: CheckinNote[] },
  opts: { status?: 409 | 422; refusal?: string; note?: { body: string; errors: FieldErrors } } = {},
) {
  const { t, initiative } = c.var;
  const year = found.checkin.year;
  if (opts.status) c.status(opts.status);
  return c.render(
    <CheckinRecordPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      checkin={found.checkin}
      notes={found.notes}
      frozen={checkinWindow(year, c.var.today) === "closed"}
      canEdit={c.var.canEdit}
      graceDate={checkinGraceDate(year)}
      refusal={opts.refusal}
      note={opts.note ?? { body: "", errors: {} }}
    />,
    { title: t("checkins.pageTitle", { year }) },
  );
}

function missingPage(c: Context<AppEnv>, year: number, message: string, status: 404 | 409 | 422) {
  c.status(status);
  const t = c.var.t;
  return c.render(<CheckinMissingPage t={t} initiative={c.var.initiative} year={year} message={message} alert={status !== 404} />, {
    title: t("checkins.pageTitle", { year }),
  });
}

// A year outside the calendar the app keeps (1900–2199) has no check-in page.
checkinsRoutes.use(`${YEAR}/*`, async (c, next) => (isYear(Number(c.req.param("year"))) ? next() : renderError(c, 404, "notFound")));

checkinsRoutes.get(BASE, async (c) => {
  const { t, db, initiative } = c.var;
  const data = await loadCheckinsSection(db, initiative.id, c.var.today);
  return c.render(
    <CheckinsPage t={t} locale={c.var.locale} csrfToken={c.var.csrfToken} initiative={initiative} canEdit={c.var.canEdit} data={data} />,
    {
      title: t("checkins.title"),
    },
  );
});

checkinsRoutes.get(YEAR, async (c) => {
  const { t, db, initiative } = c.var;
  const year = Number(c.req.param("year"));
  const window = checkinWindow(year, c.var.today);
  const found = await getCheckin(db, initiative.id, year);
  if (c.var.canEdit && window === "open") return formPage(c, year, found?.checkin ?? null);
  if (found) return recordPage(c, found, {});
  const message =
    window === "future"
      ? t("checkins.futureRefused", { year })
      : window === "closed"
        ? t("checkins.missingClosed", { year })
        : t("checkins.missingReadOnly", { year });
  return missingPage(c, year, message, 404);
});

checkinsRoutes.post(YEAR, async (c) => {
  const { t, db, now, user, initiative } = c.var;
  const year = Number(c.req.param("year"));
  const today = c.var.today;
  const window = checkinWindow(year, today);
  const found = await getCheckin(db, initiative.id, year);
  // A closed year is refused whatever was typed: nothing is written, a note is the way to correct it.
  if (window === "future") return missingPage(c, year, t("checkins.futureRefused", { year }), 422);
  if (window === "closed") {
    if (found) return recordPage(c, found, { status: 409, refusal: t("checkins.frozenRefused", { year }) });
    return missingPage(c, year, t("checkins.closedRefused", { year }), 409);
  }
  const body = await c.req.parseBody();
  const parsed = parseCheckinForm(body);
  const values = checkinContract.formValuesFromBody(body);
  if (!parsed.ok) return formPage(c, year, found?.checkin ?? null, { status: 422, values, errors: parsed.errors });
  const result = await saveCheckin(db, {
    initiative,
    year,
    existing: found?.checkin ?? null,
    input: parsed.data,
    actorId: user?.id ?? null,
    now,
    today,
  });
  if (result === "stale") {
    const current = await getCheckin(db, initiative.id, year);
    return formPage(c, year, current?.checkin ?? null, { status: 409, values, stale: true });
  }
  if (result === "future") return missingPage(c, year, t("checkins.futureRefused", { year }), 422);
  if (result === "frozen") return missingPage(c, year, t("checkins.closedRefused", { year }), 409);
  return flashRedirect(c, `/initiatives/${initiative.id}#checkins`, t("flash.checkin", { year }));
});

checkinsRoutes.post(`${YEAR}/notes`, async (c) => {
  const { db, now, user, initiative } = c.var;
  const year = Number(c.req.param("year"));
  const found = await getCheckin(db, initiative.id, year);
  if (!found) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody();
  const parsed = checkinNoteContract.parseForm(body);
  if (!parsed.ok) {
    return recordPage(c, found, { status: 422, note: { body: typeof body.body === "string" ? body.body : "", errors: parsed.errors } });
  }
  await addCheckinNote(db, initiative, found.checkin, parsed.data.body, user?.id ?? null, now);
  return flashRedirect(c, `/initiatives/${initiative.id}/checkins/${year}#notes`, c.var.t("flash.checkinNote", { year }));
});
