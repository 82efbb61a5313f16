import { createTrackedDeliveryQueue } from './domain/delivery-tracking.ts';
import type { AppDeps } from './deps.ts';
import type { DeliveryQueue } from './mail/delivery-queue.ts';
import { createProviderDetector, type ProviderDetector } from './mail/mx-provider.ts';

/** The injected dependencies plus the long-lived services built from them once per app. */
export interface AppServices extends AppDeps {
  deliveryQueue: DeliveryQueue;
  providerDetector: ProviderDetector;
}

/**
 * Fills in the services the caller did not inject: a delivery queue that
 * records into the store and a provider detector with a cached MX lookup
 * (through `deps.resolveMx`, or the system resolver).
 */
export function createServices(deps: AppDeps): AppServices {
  const deliveryQueue =
    deps.deliveryQueue ?? createTrackedDeliveryQueue({ store: deps.store, mailer: deps.mailer, clock: deps.clock, logger: deps.logger });
  const providerDetector =
    deps.providerDetector ?? createProviderDetector({ clock: deps.clock, ...(deps.resolveMx ? { resolveMx: deps.resolveMx } : {}) });
  return { ...deps, deliveryQueue, providerDetector };
}
