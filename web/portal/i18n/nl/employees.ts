/** Texts of the portal's employees pages in Dutch (B1). */
export const employees = {
  title: 'Werknemers',
};
