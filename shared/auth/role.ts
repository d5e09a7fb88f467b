/** Who may call a route: a citizen, or a business client acting for its organisation. */
export type Role = 'citizen' | 'employer' | 'funder' | 'provider' | 'auditor';
