/** A person's employment with an employer, as the employer registered it. */
export interface Employment {
  readonly employerId: string;
  readonly personId: string;
  readonly startDate: string;
  readonly endDate?: string;
}

/** True when the employment covers `date` (the end date is the last working day). */
export function isEmployedOn(employment: Employment | undefined, date: string): boolean {
  if (employment === undefined) return false;
  if (employment.startDate > date) return false;
  return employment.endDate === undefined || employment.endDate >= date;
}

/** True when the employment has not ended (it may start in the future). */
export function isOngoing(employment: Employment | undefined): boolean {
  return employment !== undefined && employment.endDate === undefined;
}
