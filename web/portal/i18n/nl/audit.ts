/** Texts of the portal's audit pages in Dutch (B1). */
export const audit = {
  title: 'Controle',
};
