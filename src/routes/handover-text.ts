// The confirmation after a critical role ended: where its tasks went and whether the reserve is mailed.
import type { Translate } from "../i18n";
import type { HandoverSummary } from "../domain/people/handover";

export function handoverText(t: Translate, inv: { personName: string }, h: HandoverSummary): string {
  const parts: string[] = [];
  if (h.moved > 0)
    parts.push(
      h.reserveName
        ? t("flash.handover.toReserve", { count: h.moved, reserve: h.reserveName })
        : t("flash.handover.toRole", { count: h.moved, role: t(`tasks.role.${h.toRole ?? "coordinator"}`) }),
    );
  if (h.reserveName && h.mail !== "no_reserve")
    parts.push(t(`flash.handover.mail.${h.mail}`, { reserve: h.reserveName, name: inv.personName }));
  return parts.join(" ");
}
