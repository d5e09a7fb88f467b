import type { common as nl } from '../nl/common.ts';

/** The portal's own texts in English: the frame of every page, signing in, errors, the start page. */
export const common: typeof nl = {
  appName: 'Leerrekening Business',
  skipLink: 'Skip to content',
  mainNavigation: 'Menu',
  languageSwitch: 'Nederlands',
  languageSwitchLabel: 'Schakel naar Nederlands',
  signOut: 'Sign out',
  organisationLabel: 'You work for',
  footer: 'Leerrekening Business is for employers, funds, training providers and auditors. This is a test environment.',
  footerLabel: 'About this website',
  loading: 'One moment. We are fetching the data.',
  nav: {
    start: 'Start',
    employees: 'Employees',
    schemes: 'Schemes',
    deposit: 'Deposit money',
    uploads: 'Files',
    usage: 'Usage',
    courses: 'Courses',
    claims: 'Claims',
    payouts: 'Payouts',
    reconciliation: 'Reconciliation',
    audit: 'Audit trail',
  },
  signIn: {
    title: 'Leerrekening for organisations',
    intro:
      'Here your organisation handles the money for training. Employers and funds deposit money. ' +
      'Training providers claim money for a course. Auditors check that everything adds up.',
    how: 'Sign in with eHerkenning for your organisation.',
    button: 'Sign in',
  },
  callback: {
    title: 'Signing you in',
    failedTitle: 'Signing in did not work',
    failed: 'Signing in did not work. Please try again.',
    again: 'Sign in again',
  },
  expired: {
    title: 'You have been signed out',
    text:
      'You were not active for a while, so you have been signed out. ' +
      'Sign in again and you will come back to this page.',
    button: 'Sign in again',
  },
  errors: {
    title: 'Something went wrong',
    network: 'We cannot reach Leerrekening right now. Check your internet connection and try again.',
    server: 'Something went wrong on our side. Please try again later.',
    busy: 'It is very busy right now. Please try again in a few seconds.',
    forbidden: 'Your organisation may not see or do this.',
    notFound: 'This page does not exist.',
    notFoundTitle: 'Page not found',
    notReady: 'This page is not ready yet. Use the API for now.',
    retry: 'Try again',
    pageFailed: 'This page could not be shown. Load the page again. If that does not help, please try again later.',
    reload: 'Load the page again',
    toStart: 'To the start page',
    organisation:
      'We do not know which organisation you work for. Sign out and sign in again. If that does not help, ' +
      "contact your organisation's administrator.",
  },
  roles: {
    employer: 'Employer',
    funder: 'Fund',
    provider: 'Training provider',
    auditor: 'Auditor',
  },
  start: {
    title: 'Welcome',
    intro: 'What would you like to do?',
    tasks: 'Tasks',
    employer: [
      { to: 'employees', title: 'Employees', text: 'Register an employee, or end an employment.' },
      { to: 'deposit', title: 'Deposit money', text: "Deposit money into one employee's learning account." },
      { to: 'uploads', title: 'Files', text: 'Deposit for many employees at once with a CSV file.' },
      { to: 'schemes', title: 'Schemes', text: "See and create your organisation's schemes." },
      { to: 'usage', title: 'Usage', text: 'See how much money was deposited and used.' },
    ],
    funder: [
      { to: 'deposit', title: 'Deposit money', text: "Deposit money into one person's learning account." },
      { to: 'uploads', title: 'Files', text: 'Deposit for many people at once with a CSV file.' },
      { to: 'schemes', title: 'Schemes', text: "See and create your fund's schemes." },
      { to: 'usage', title: 'Usage', text: 'See per scheme how much money was deposited and used.' },
    ],
    provider: [
      { to: 'courses', title: 'Courses', text: 'Publish a course on Leerrekening.' },
      { to: 'claims', title: 'Claims', text: 'See your claims. Take the money once the course has been followed.' },
      { to: 'payouts', title: 'Payouts', text: 'See which money went to your bank account.' },
    ],
    auditor: [
      { to: 'reconciliation', title: 'Reconciliation', text: 'See whether all amounts add up to zero.' },
      { to: 'audit', title: 'Audit trail', text: 'See who did what, and when.' },
    ],
  },
};
