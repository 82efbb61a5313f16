/** A customer record as the stand-in CRM stores and returns it. */
export interface Customer {
  /** Stable id shaped like a hosted CRM's, for example `cus_1001`. */
  id: string;
  name: string;
  email: string;
}

/** Number of customers seeded when no `count` is requested. */
export const DEFAULT_CUSTOMER_COUNT = 25;

/** Upper bound for `?count=N` and `POST /api/reset?count=N`, so a typo cannot exhaust memory. */
export const MAX_CUSTOMER_COUNT = 50_000;

const FIRST_CUSTOMER_NUMBER = 1001;

// The names mix companies and people, non-ASCII scripts, and the characters
// &, ', " and < > so that escaping bugs in the CRM or the extension show up.
const SEED_CUSTOMERS: ReadonlyArray<Omit<Customer, 'id'>> = [
  { name: 'Harbor & Finch Outfitters', email: 'orders@harborfinch.example' },
  { name: 'Müller & Søn GmbH', email: 'buchhaltung@mueller-soen.example' },
  { name: '株式会社サンプル', email: 'info@sample-kk.example' },
  { name: 'Priya Raman', email: 'priya.raman@mail.example' },
  { name: 'Northwind Traders', email: 'accounts@northwind.example' },
  { name: "O'Connor Dental Clinic", email: 'frontdesk@oconnor-dental.example' },
  { name: 'Zoë Papadopoulos', email: 'zoe.p@mail.example' },
  { name: 'Blue Heron Bakery', email: 'hello@blueheron.example' },
  { name: 'Kowalski Bros. Plumbing', email: 'office@kowalski-plumbing.example' },
  { name: 'Lindqvist Arkitekter AB', email: 'kontor@lindqvist.example' },
  { name: 'Tomás García-Herrera', email: 'tomas.garcia@mail.example' },
  { name: 'Quantum Leaf Labs, Inc.', email: 'finance@quantumleaf.example' },
  { name: 'Amara Okafor', email: 'amara.okafor@mail.example' },
  { name: 'Café Lumière SARL', email: 'contact@cafe-lumiere.example' },
  { name: 'Greenfield Veterinary Partners', email: 'billing@greenfield-vets.example' },
  { name: 'Nguyễn Văn An', email: 'an.nguyen@mail.example' },
  { name: 'Red Rock Climbing Gym', email: 'members@redrock.example' },
  { name: 'Fatima Al-Sayed', email: 'fatima.alsayed@mail.example' },
  { name: 'Atlas "Premium" Movers <West>', email: 'dispatch@atlas-movers.example' },
  { name: 'Olsen Family Farm', email: 'farm@olsen.example' },
  { name: 'Иван Петров', email: 'ivan.petrov@mail.example' },
  { name: 'Bright Path Tutoring', email: 'team@brightpath.example' },
  { name: 'Sakura Tea House', email: 'reservations@sakura-tea.example' },
  { name: 'Coastal Kayak Rentals', email: 'rentals@coastalkayak.example' },
  { name: 'Jean-Luc Moreau', email: 'jl.moreau@mail.example' },
];

const GENERATED_FIRST_NAMES = [
  'Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas',
  'Keiko', 'Lars', 'Maya', 'Nikolai', 'Olga', 'Pedro', 'Rania', 'Sven', 'Tara', 'Yusuf',
];

const GENERATED_LAST_NAMES = [
  'Andersen', 'Bianchi', 'Costa', 'Dubois', 'Eriksson', 'Fischer', 'González', 'Horvat',
  'Ito', 'Jansen', 'Kim', 'López', 'Mendes', 'Novak', 'Öztürk', 'Pereira', 'Rossi',
  'Schmidt', 'Tanaka', 'Walsh',
];

/** Formats the id of the customer at a zero-based position in the seed, e.g. 0 → `cus_1001`. */
export function customerIdAt(index: number): string {
  return `cus_${FIRST_CUSTOMER_NUMBER + index}`;
}

/**
 * Builds `count` customers with ids `cus_1001` upwards. The first 25 are the
 * hand-written seed. Later ones combine first and last names, and their email
 * contains the id number, so every generated name and email stays unique.
 */
export function generateCustomers(count: number = DEFAULT_CUSTOMER_COUNT): Customer[] {
  const customers: Customer[] = [];

  for (let index = 0; index < count; index++) {
    const id = customerIdAt(index);
    const seed = SEED_CUSTOMERS[index];
    if (seed) {
      customers.push({ id, ...seed });
      continue;
    }

    const firstName = GENERATED_FIRST_NAMES[index % GENERATED_FIRST_NAMES.length] ?? 'Ada';
    const lastName =
      GENERATED_LAST_NAMES[Math.floor(index / GENERATED_FIRST_NAMES.length) % GENERATED_LAST_NAMES.length] ?? 'Andersen';
    const number = FIRST_CUSTOMER_NUMBER + index;
    customers.push({
      id,
      name: `${firstName} ${lastName} (${number})`,
      email: `${firstName.toLowerCase()}.${number}@mail.example`,
    });
  }

  return customers;
}
