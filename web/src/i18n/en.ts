/**
 * Every text of the app in English, the optional language. Typed as `Messages`, so it has exactly
 * the keys of the Dutch table, and a text the Dutch table gains must be added here too.
 */
import type { TransactionType } from '../../../shared/api/views.ts';
import type { EntryFacts } from './entry-facts.ts';
import type { Messages } from './nl.ts';

export const en: Messages = {
  appName: 'Leerrekening',
  skipLink: 'Skip to content',
  mainNavigation: 'Main menu',
  nav: { overview: 'My money', history: 'What happened', claims: 'Requests', courses: 'Find a course' },
  languageSwitch: 'Nederlands',
  languageSwitchLabel: 'Naar het Nederlands',
  logOut: 'Log out',
  footer: 'Leerrekening is an account with money for your training. This is a test environment.',
  footerLabel: 'About this website',
  loading: 'One moment. We are getting your details.',
  signIn: {
    title: 'Your money for training',
    intro:
      'With Leerrekening you see how much money you have for a course or training. ' +
      'You also see who the money comes from and until when you can use it.',
    how: 'Log in to see your money.',
    button: 'Log in',
  },
  callback: {
    title: 'Logging you in',
    failedTitle: 'Logging in did not work',
    failed: 'Logging in did not work. Please try again.',
    again: 'Log in again',
  },
  overview: {
    title: 'Your money for training',
    available: 'You can use this now',
    reserved: 'Held for a course',
    reservedExplained: 'You already promised this money to a training provider. You cannot use it for anything else.',
    potsTitle: 'Where does your money come from?',
    noPots:
      'There is no money in your Leerrekening yet. ' +
      'Do you get money from your employer or the government? Then you will see it here.',
    funderType: { public: 'Government', sector: 'Your sector’s fund', employer: 'Your employer' },
    from: 'From',
    amountLeft: 'You can still use',
    amountHeld: 'Held',
    useBefore: 'Use before',
    noExpiry: 'No end date',
    expiringTitle: 'Note: this money will soon expire',
    expiring: (date: string) =>
      `This money expires on ${date}. After that it is gone. Use it for a course before that date.`,
    expiringAction: 'Find a course',
    claimsWaiting: (count: number) =>
      count === 1
        ? '1 request from a training provider is waiting for you.'
        : `${count} requests from training providers are waiting for you.`,
    claimsWaitingLink: 'See the requests',
  },
  history: {
    title: 'What happened to your money',
    intro: 'Here you see everything that happened to your money. The newest is at the top.',
    empty: 'Nothing has happened to your money yet.',
    more: 'Load more',
    loaded: (count: number) => (count === 1 ? '1 more line was added.' : `${count} more lines were added.`),
    all: 'That is everything.',
    date: 'Date',
    what: 'What happened',
    sentence: (type: TransactionType, facts: EntryFacts): string => {
      const course = facts.course === undefined ? 'a course' : facts.course;
      const pot = facts.pot === undefined ? '' : ` from ${facts.pot}`;
      const inPot = facts.pot === undefined ? '' : ` in ${facts.pot}`;
      switch (type) {
        case 'deposit': {
          const potNamed = facts.pot === undefined ? '' : ` (${facts.pot})`;
          return facts.funder === undefined
            ? `You received ${facts.amount}${inPot}.`
            : `You received ${facts.amount} from ${facts.funder}${potNamed}.`;
        }
        case 'reservation': {
          const atProvider = facts.provider === undefined ? '' : ` at ${facts.provider}`;
          return `${facts.amount}${pot} is now held for ${course}${atProvider}.`;
        }
        case 'capture':
          return `${facts.provider ?? 'The training provider'} received ${facts.amount} for ${course}.`;
        case 'release':
          return `${facts.amount} is free again${inPot}. It was held for ${course}, but was not used.`;
        case 'expiry': {
          const backToFunder = facts.funder === undefined ? '' : ` The money went back to ${facts.funder}.`;
          return `${facts.amount}${pot} expired, because the end date had passed.${backToFunder}`;
        }
        case 'revocation':
          return (
            `${facts.amount}${pot} went back to ${facts.funder ?? 'your employer'}, ` +
            'because you no longer work there.'
          );
        case 'refund': {
          const intoPot = facts.pot === undefined ? '' : ` into ${facts.pot}`;
          return `${facts.provider ?? 'The training provider'} gave back ${facts.amount}${intoPot}.`;
        }
      }
    },
  },
  claims: {
    title: 'Requests from training providers',
    intro:
      'A training provider asks you for money for a course. Check that it is right. ' +
      'Then approve or reject the request.',
    waitingTitle: 'Waiting for your answer',
    none: 'No requests are waiting for you.',
    earlierTitle: 'Earlier requests',
    provider: 'Training provider',
    course: 'Course',
    startDate: 'Starts on',
    amount: 'Amount',
    status: 'Status',
    open: (course: string) => `See the request for ${course}`,
    statusText: {
      awaiting_approval: 'Waiting for your answer',
      approved: 'You approved it. The money is held.',
      rejected: 'You rejected it',
      captured: 'The training provider received the money',
      cancelled: 'The training provider withdrew the request',
      expired: 'Expired. The money is free again.',
      paid: 'Paid to the training provider',
    },
  },
  claim: {
    title: (course: string) => `Request for ${course}`,
    notFound: 'We could not find this request. Perhaps it has already been handled.',
    back: 'Back to all requests',
    splitTitle: 'Who pays what?',
    splitIntro: 'If you approve, your pots pay like this:',
    pot: 'Pot',
    pays: 'Pays',
    own: 'You pay yourself',
    ownExplained: (amount: string) => `Your pots are not enough. You pay ${amount} yourself to the training provider.`,
    noOwn: 'You do not have to pay anything yourself.',
    change: 'Change who pays',
    changeTitle: 'Change who pays',
    changeIntro: 'Choose how much each pot pays. You pay the rest yourself.',
    changeLabel: (pot: string) => `Amount from ${pot}`,
    changeHint: (amount: string) => `This pot holds ${amount}.`,
    changeDone: 'Use this split',
    changeReset: 'Back to the suggested split',
    errorNotAnAmount: 'Enter an amount, for example 250.00.',
    errorTooMuchForPot: (amount: string) => `This is more than the pot holds. It holds ${amount}.`,
    errorTooMuchTotal: (amount: string) => `Together this is more than the course costs. The course costs ${amount}.`,
    approve: 'Approve',
    reject: 'Reject',
    confirmTitle: 'Are you sure?',
    confirmApprove: (amount: string, provider: string) =>
      `If you approve, we hold ${amount} from your pots. ${provider} gets this money when you take the course.`,
    confirmOwn: (amount: string) => `You pay ${amount} yourself.`,
    confirmApproveButton: 'Yes, approve',
    confirmReject: (provider: string) =>
      `If you reject, ${provider} gets no money from your Leerrekening for this course.`,
    confirmRejectButton: 'Yes, reject the request',
    cancel: 'No, go back',
    approvedTitle: 'You approved the request',
    approved: (amount: string, course: string) =>
      `${amount} is now held for ${course}. You also see this with your money.`,
    rejectedTitle: 'You rejected the request',
    rejected: 'No money goes to the training provider.',
    toOverview: 'To my money',
    insufficientFunds: 'There is not enough money in your pots for this split. Choose another split.',
    notApprovable:
      'This request is no longer possible. Perhaps you already answered, or the training provider withdrew it.',
    splitRefused:
      'This split is not possible. Not every pot may pay for every course. ' +
      'Some pots pay only up to a maximum per course, and what they paid for this course before counts too. ' +
      'Choose another split.',
  },
  courses: {
    title: 'Find a course',
    intro: 'Search for a course. For each course you see which of your pots can pay for it.',
    search: 'Search by name',
    searchHint: 'For example: working safely',
    category: 'Kind of course',
    allCategories: 'All kinds',
    submit: 'Search',
    results: (count: number) => (count === 1 ? '1 course found' : `${count} courses found`),
    none: 'We found no courses. Try another word.',
    price: 'Price',
    provider: 'Training provider',
    starts: 'Starts on',
    payable: 'Who can pay?',
    notPayable: 'Your pots cannot pay for this course.',
    ownPart: (amount: string) => `You pay ${amount} yourself.`,
    fullyPaid: 'Your pots can pay for the whole course.',
  },
  errors: {
    notReady: 'This part of Leerrekening is not ready yet. Please try again later.',
    network: 'We cannot reach Leerrekening right now. Check that your internet works and try again.',
    server: 'Something went wrong on our side. Please try again later.',
    retry: 'Try again',
    notFoundTitle: 'This page does not exist',
    notFound: 'This page does not exist. Perhaps the link is old.',
    toHome: 'To the start page',
    title: 'Something went wrong',
  },
};
