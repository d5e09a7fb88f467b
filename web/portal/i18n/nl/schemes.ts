/** Texts of the portal's schemes pages in Dutch (B1). */
export const schemes = {
  title: 'Regelingen',
};
