import type { Store } from '../ports.js';

/** How a contract suite gets a fresh, empty store for each test; the suite closes it. */
export interface StoreFactory {
  make: () => Promise<Store>;
}
