import type { Customer } from '../../shared/api/deletions.ts';

/** Props of {@link CustomerList}. */
export interface CustomerListProps {
  customers: Customer[];
}

// The name comes from the CRM page. <bdi> keeps right-to-left or override
// characters in it from reordering the customer id and other text next to it.
// The stylesheet cuts a long name off after 2 lines, and the title shows all of it.
function CustomerName({ customer }: { customer: Customer }) {
  const name = customer.name.trim();
  return (
    <>
      <bdi class="dg-customer-name" title={name}>{name || 'Unnamed customer'}</bdi>{' '}
      <span class="dg-customer-id">ID {customer.id}</span>
    </>
  );
}

/**
 * Shows which customers are about to be deleted: one line for a single
 * customer, a scrollable list for a bulk deletion.
 */
export function CustomerList({ customers }: CustomerListProps) {
  const [only] = customers;
  if (customers.length === 1 && only) {
    return (
      <p class="dg-customers-single">
        <CustomerName customer={only} />
      </p>
    );
  }

  // The list scrolls, so it takes focus to let keyboard users scroll it with the arrow keys.
  return (
    <ul class="dg-customers" tabIndex={0} aria-label={`Customers to delete (${customers.length})`}>
      {customers.map((customer) => (
        <li key={customer.id}>
          <CustomerName customer={customer} />
        </li>
      ))}
    </ul>
  );
}
