// Partner commitments of an initiative. The scope gate lets admins, the initiative's coordinators
// and partners linked to its neighbourhood post here; this file enforces the finer rule that a
// partner manages only their own organisation's commitments (before and after the change).
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import {
  checkCommitmentLinks,
  commitmentAccess,
  commitmentContract,
  commitmentFormOptions,
  createCommitment,
  getCommitment,
  mayManageCommitmentOf,
  mayManageCommitmentsAtAll,
  setCommitmentArchived,
  updateCommitment,
  type CommitmentAccess,
  type CommitmentFormValues,
  type CommitmentRow,
} from "../domain/money/commitments";
import { renderError } from "./errors";
import { CommitmentFormPage } from "../../views/money/commitment-form";
import { flashRedirect, savedText } from "../middleware/flash";

export const commitmentsRoutes = new Hono<AppEnv>();

const PATH = "/initiatives/:initiativeId/commitments";
type Body = Record<string, string | File | (string | File)[]>;

const backToPage = (initiativeId: string) => `/initiatives/${initiativeId}#commitments`;

function accessOf(c: Context<AppEnv>) {
  return commitmentAccess(c.var.db, c.var.user, c.var.initiative, c.var.canEdit);
}

/** A partner naming an organisation that is not theirs is refused outright (not a form error). */
function choosesForeignOrg(access: CommitmentAccess, body: Body) {
  const partnerId = typeof body.partnerId === "string" ? body.partnerId.trim() : "";
  return partnerId !== "" && !mayManageCommitmentOf(access, partnerId);
}

async function page(
  c: Context<AppEnv>,
  access: CommitmentAccess,
  props: { commitment?: CommitmentRow; values: CommitmentFormValues; errors?: FieldErrors; stale?: boolean },
) {
  const { t, db, locale } = c.var;
  const options = await commitmentFormOptions(db, c.var.initiative.id, access, props.commitment);
  const values = { ...props.values };
  // A partner of exactly one organisation gets it chosen already.
  if (!values.partnerId && options.partners.length === 1) values.partnerId = options.partners[0]!.id;
  return c.render(
    <CommitmentFormPage
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      initiative={c.var.initiative}
      commitment={props.commitment}
      values={values}
      options={options}
      errors={props.errors ?? {}}
      stale={props.stale}
    />,
    { title: props.commitment ? t("money.commitment.edit") : t("money.commitment.new") },
  );
}

commitmentsRoutes.get(`${PATH}/new`, async (c) => {
  const access = await accessOf(c);
  if (!mayManageCommitmentsAtAll(access)) return renderError(c, 403, "forbidden");
  return page(c, access, { values: {} });
});

commitmentsRoutes.post(PATH, async (c) => {
  const { db, now, user, initiative } = c.var;
  const access = await accessOf(c);
  const body = await c.req.parseBody({ all: true });
  if (!mayManageCommitmentsAtAll(access) || choosesForeignOrg(access, body)) return renderError(c, 403, "forbidden");
  const parsed = commitmentContract.parseForm(body);
  const links = parsed.ok ? await checkCommitmentLinks(db, initiative.id, access, parsed.data) : null;
  if (links?.forbidden) return renderError(c, 403, "forbidden");
  const errors = parsed.ok ? links!.errors : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, access, { values: commitmentContract.formValuesFromBody(body), errors });
  }
  await createCommitment(db, initiative, parsed.data, user!.id, now);
  return flashRedirect(c, backToPage(initiative.id), savedText(c.var.t, "added", "commitment", parsed.data.description));
});

/** Loads the commitment of this initiative and checks the user may manage its organisation's. */
async function loadManaged(c: Context<AppEnv>) {
  const access = await accessOf(c);
  const commitment = await getCommitment(c.var.db, c.var.initiative.id, c.req.param("id") ?? "");
  if (!commitment) return { refusal: renderError(c, 404, "notFound") } as const;
  if (!mayManageCommitmentOf(access, commitment.partnerId)) return { refusal: renderError(c, 403, "forbidden") } as const;
  return { access, commitment } as const;
}

commitmentsRoutes.get(`${PATH}/:id/edit`, async (c) => {
  const found = await loadManaged(c);
  if ("refusal" in found) return found.refusal;
  return page(c, found.access, {
    commitment: found.commitment,
    values: commitmentContract.formValues(commitmentContract.stored(found.commitment), c.var.locale),
  });
});

commitmentsRoutes.post(`${PATH}/:id`, async (c) => {
  const { db, now, user, initiative } = c.var;
  const found = await loadManaged(c);
  if ("refusal" in found) return found.refusal;
  const { access, commitment } = found;
  const body = await c.req.parseBody({ all: true });
  if (choosesForeignOrg(access, body)) return renderError(c, 403, "forbidden");
  const parsed = commitmentContract.parseFormUpdate(body);
  const links = parsed.ok ? await checkCommitmentLinks(db, initiative.id, access, parsed.data) : null;
  if (links?.forbidden) return renderError(c, 403, "forbidden");
  const errors = parsed.ok ? links!.errors : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, access, { commitment, values: commitmentContract.formValuesFromBody(body), errors });
  }
  try {
    await updateCommitment(db, initiative, commitment, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    c.status(409);
    return page(c, access, { commitment, values: commitmentContract.formValuesFromBody(body), stale: true });
  }
  return flashRedirect(c, backToPage(initiative.id), savedText(c.var.t, "saved", "commitment", parsed.data.description));
});

for (const [segment, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  commitmentsRoutes.post(`${PATH}/:id/${segment}`, async (c) => {
    const found = await loadManaged(c);
    if ("refusal" in found) return found.refusal;
    await setCommitmentArchived(c.var.db, c.var.initiative, found.commitment, archived, c.var.user!.id, c.var.now);
    const action = archived ? "archived" : "restored";
    return flashRedirect(c, backToPage(c.var.initiative.id), savedText(c.var.t, action, "commitment", found.commitment.description));
  });
}
