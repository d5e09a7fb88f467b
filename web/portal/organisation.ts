import { createContext, useContext } from 'react';
import type { Organisation } from './api.ts';

/** The organisation the signed-in user acts for; every page below the layout has one. */
export const OrganisationContext = createContext<Organisation | undefined>(undefined);

export function useOrganisation(): Organisation {
  const organisation = useContext(OrganisationContext);
  if (organisation === undefined) throw new Error('useOrganisation: used outside a signed-in page');
  return organisation;
}
