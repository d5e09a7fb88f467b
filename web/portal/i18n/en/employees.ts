import type { employees as nl } from '../nl/employees.ts';

/** Texts of the portal's employees pages in English. */
export const employees: typeof nl = {
  title: 'Employees',
  intro:
    'Register an employee here when they start working for you. Then you can deposit money into their ' +
    'learning account. Is someone leaving? End the employment here.',
  bsnLabel: 'Employee’s BSN',
  bsnHint: 'The citizen service number has 9 digits.',
  bsnEmpty: 'Enter the BSN.',
  bsnDigits: 'A BSN has 9 digits. Enter digits only.',
  bsnCheck: 'This BSN does not exist. Check that you copied it correctly.',
  dateEmpty: 'Enter a date.',
  dateInvalid: 'Enter a date such as 31-12-2026.',
  register: {
    title: 'Register an employee',
    startLabel: 'First working day',
    button: 'Register',
    busy: 'Registering…',
    doneTitle: 'The employee is registered',
    done: (startDate: string) =>
      `The employee has worked for you since ${startDate}. You can now deposit money into their learning account.`,
  },
  end: {
    title: 'End an employment',
    intro:
      'Is an employee leaving? Then the money still in their learning account goes back to you. ' +
      'This applies only to schemes you can take back. First you see how much comes back.',
    endLabel: 'Last working day',
    endHint: 'Today or earlier.',
    endFuture: 'The last working day cannot be after today.',
    button: 'See what comes back',
    busy: 'Calculating…',
    confirmTitle: 'Do you want to end the employment?',
    confirmAmount: (amount: string, endDate: string) =>
      `The employee will no longer work for you after ${endDate}. ${amount} goes back to your organisation.`,
    confirmNothing: (endDate: string) =>
      `The employee will no longer work for you after ${endDate}. None of your money in the learning account ` +
      'can come back, so no money goes back.',
    confirmHeld:
      'Money already held for a course stays with that course. What the provider does not use comes back to you later.',
    confirm: 'Yes, end it',
    cancel: 'No, do not end it',
    doneTitle: 'The employment has ended',
    done: (amount: string) => `${amount} has gone back to your organisation.`,
    again: 'End another employment',
  },
  problems: {
    unknown_person: 'We know nobody with this BSN. Check that you copied it correctly.',
    not_employed: 'This person does not work for you. Or the employment has already ended.',
    invalid_end_date:
      'This date is not possible. The last working day cannot be after today, nor before the first working day.',
    validation_failed: 'Check the BSN and the date. The date must be between 2000 and 2100.',
  },
};
