import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import { registerProvider } from '../../functions/register-provider/use-case.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { demoCitizens, demoClients } from './demo-world.ts';

function principalOf(clientId: string): Principal {
  const client = demoClients.find((candidate) => candidate.clientId === clientId);
  if (client === undefined) throw new Error(`seed: no demo client ${clientId}`);
  return {
    role: client.role,
    clientId: client.clientId,
    orgId: client.orgId,
    orgName: client.orgName,
    ...(client.funderType !== undefined && { funderType: client.funderType }),
  };
}

const [jan, fatima] = demoCitizens;

/**
 * The courses Opleidingen Noord publishes in the demo world. Their start dates are weeks after the
 * day the world is first seeded, so they stay within the window a claim's start date must lie in
 * (`claimStartWindow`) for a good while; a kept world seeded long ago keeps the dates it got then.
 */
const demoCourses = (today: string) => [
  {
    courseId: 'vca-basis',
    title: 'Veilig werken op hoogte (VCA basis)',
    category: 'veiligheid',
    price: 45_000,
    startDates: [addDays(today, 43), addDays(today, 99)],
  },
  {
    courseId: 'lassen-1',
    title: 'Lassen voor beginners',
    category: 'techniek',
    price: 120_000,
    startDates: [addDays(today, 64)],
  },
  {
    courseId: 'nederlands-b1',
    title: 'Nederlands op B1-niveau',
    category: 'taal',
    price: 60_000,
    startDates: [addDays(today, 50)],
  },
  { courseId: 'excel-basis', title: 'Werken met Excel', category: 'digitaal', price: 25_000 },
];

/**
 * Seeds the demo world through the same use cases the API runs, so the demo data obeys every
 * rule. Every deposit carries a fixed Idempotency-Key: seeding again on kept data moves no money.
 */
export async function seedDemoWorld(dependencies: Dependencies): Promise<void> {
  for (const { clientSecret: _secret, description: _description, ...client } of demoClients) {
    await dependencies.store.putClient(client);
  }
  const rijk = principalOf('funder-rijk');
  const sector = principalOf('funder-sector-demo');
  const employer = principalOf('employer-demo');

  // 'scheme_exists' on a second start is expected and fine.
  await createScheme(dependencies, rijk, {
    schemeId: 'ontwikkelbudget',
    label: 'Ontwikkelbudget',
    expiresAfterMonths: 24,
    budget: 100_000_000_00,
  });
  await createScheme(dependencies, sector, {
    schemeId: 'techniek-scholing',
    label: 'Scholingsbudget Techniek',
    expiresAfterMonths: 12,
    categories: ['techniek', 'veiligheid'],
    maxPerCourse: 50_000,
  });
  await createScheme(dependencies, employer, {
    schemeId: 'vakmanschap',
    label: 'Budget vakmanschap De Vries',
    expiresAfterMonths: 2,
    revocable: true,
  });
  await registerEmployee(dependencies, employer, { bsn: jan.bsn, startDate: '2020-03-01' });

  const deposits = [
    { principal: rijk, key: 'seed-jan-ontwikkelbudget', bsn: jan.bsn, schemeId: 'ontwikkelbudget', amount: 100_000 },
    { principal: sector, key: 'seed-jan-techniek', bsn: jan.bsn, schemeId: 'techniek-scholing', amount: 75_000 },
    { principal: employer, key: 'seed-jan-vakmanschap', bsn: jan.bsn, schemeId: 'vakmanschap', amount: 45_000 },
    {
      principal: rijk,
      key: 'seed-fatima-ontwikkelbudget',
      bsn: fatima.bsn,
      schemeId: 'ontwikkelbudget',
      amount: 100_000,
    },
  ];
  const provider = demoClients.find((client) => client.clientId === 'provider-demo');
  if (provider === undefined) throw new Error('seed: the demo provider is missing');
  // Registered once, by the demo auditor as the API would: a second start leaves it (and its audit entry) as it is.
  if ((await dependencies.store.getProvider(provider.orgId)) === undefined) {
    await registerProvider(dependencies, principalOf('auditor-demo'), {
      providerId: provider.orgId,
      name: provider.orgName,
      kvk: '87654321',
      iban: 'NL91ABNA0417164300',
      status: 'active',
    });
  }
  const providerPrincipal = principalOf('provider-demo');
  for (const course of demoCourses(dateOf(dependencies.now()))) {
    // 'course_exists' on a second start is expected and fine.
    await createCourse(dependencies, providerPrincipal, course);
  }

  for (const deposit of deposits) {
    const outcome = await createDeposit(dependencies, deposit.principal, {
      bsn: deposit.bsn,
      schemeId: deposit.schemeId,
      amount: deposit.amount,
      reference: 'demo',
      idempotencyKey: deposit.key,
    });
    if (!outcome.ok) throw new Error(`seed: deposit ${deposit.key} failed: ${outcome.code}`);
  }
}
