import { customerIdAt, DEFAULT_CUSTOMER_COUNT, generateCustomers, type Customer } from './customers.ts';

/** In-memory customer table shared by the main app, the saved pages and the API. */
export class CustomerStore {
  #customers = new Map<string, Customer>();
  #seedCount = DEFAULT_CUSTOMER_COUNT;

  constructor(seedCount: number = DEFAULT_CUSTOMER_COUNT) {
    this.reset(seedCount);
  }

  /** Number of customers the last reset seeded, which can differ from the current size after deletions. */
  get seedCount(): number {
    return this.#seedCount;
  }

  /** Returns copies of the customers in seed order. */
  list(): Customer[] {
    return [...this.#customers.values()].map((customer) => ({ ...customer }));
  }

  /** Returns a copy of one customer, or undefined when the id is unknown. */
  get(id: string): Customer | undefined {
    const customer = this.#customers.get(id);
    return customer ? { ...customer } : undefined;
  }

  /** Removes a customer and returns it, or returns undefined when the id is unknown. */
  delete(id: string): Customer | undefined {
    const customer = this.#customers.get(id);
    if (!customer) return undefined;

    this.#customers.delete(id);
    return customer;
  }

  /** Replaces all customers with a fresh seed of `count` customers. */
  reset(count: number = DEFAULT_CUSTOMER_COUNT): void {
    this.#customers = new Map(generateCustomers(count).map((customer) => [customer.id, customer]));
    this.#seedCount = count;
  }

  /**
   * Replaces all customers with the given ones. Ids run from `cus_1001` in
   * the given order, and the seed count becomes their number, so a page's
   * `?count=N` hook with that same N keeps them.
   */
  replace(customers: ReadonlyArray<Omit<Customer, 'id'>>): void {
    this.#customers = new Map(customers.map((customer, index) => [customerIdAt(index), { id: customerIdAt(index), ...customer }]));
    this.#seedCount = customers.length;
  }
}
