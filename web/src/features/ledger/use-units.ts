import type { Unit } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchUnits, unitKeys } from '../../api/units.ts';
import { useSession } from '../../app/session.ts';

/**
 * The unit directory for the ledger's pages: names by code (a code the directory does not know shows
 * as itself) and the active units to choose from. Read only when signed in (the directory is not public).
 */
export function useUnits() {
  const signedIn = Boolean(useSession().data);
  const q = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits, enabled: signedIn });
  const units: Unit[] = q.data ?? [];
  const byCode = new Map(units.map((u) => [u.code, u.name]));
  return {
    units: units.filter((u) => u.active),
    name: (code: string | null) => (code === null ? null : (byCode.get(code) ?? code)),
  };
}
