import type { Translate } from "../../src/i18n";
import { isRoleKey, ROLE_KEYS } from "../../src/domain/people/involvements";

/** Known roles in the reader's language; a role someone typed themselves, as typed. */
export function roleLabel(t: Translate, role: string): string {
  return isRoleKey(role) ? t(`volunteers.role.${role}`) : role;
}

/** The suggestions for the role field's datalist. */
export function roleSuggestions(t: Translate): string[] {
  return ROLE_KEYS.map((k) => t(`volunteers.role.${k}`));
}
