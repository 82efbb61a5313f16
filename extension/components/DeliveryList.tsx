import type { Delivery } from '../../shared/api/otp.ts';
import { adviseOnDelivery, type DeliveryWithClassification } from './delivery-advice.ts';
import { formatClockTime } from './format.ts';

/** Most deliveries listed; older ones rarely explain a missing code. */
const MAX_SHOWN = 5;

const KIND_LABELS: Record<Delivery['kind'], string> = {
  otp: 'Deletion code',
  verification: 'Address check code',
  notice: 'Notice',
  test: 'Test email',
};

const STATUS_LABELS: Record<Delivery['status'], string> = {
  queued: 'Waiting to send',
  retrying: 'Retrying',
  sent: 'Sent',
  failed: 'Failed',
};

/** Props of {@link DeliveryList}. */
export interface DeliveryListProps {
  deliveries: DeliveryWithClassification[];
  nowMs: number;
}

/**
 * Renders the latest emails Delete Guard sent, newest first, each with its
 * status. A failed one explains in plain words what went wrong and what fixes it.
 */
export function DeliveryList({ deliveries, nowMs }: DeliveryListProps) {
  if (deliveries.length === 0) {
    return <p class="dg-hint">No emails have been sent yet.</p>;
  }
  const newestFirst = [...deliveries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX_SHOWN);

  return (
    <ul class="dg-deliveries">
      {newestFirst.map((delivery) => {
        const advice = adviseOnDelivery(delivery);
        return (
          <li key={delivery.id} class={`dg-delivery dg-delivery-${delivery.status}`}>
            <div>
              <time dateTime={delivery.at}>{formatClockTime(delivery.at, nowMs)}</time>
              {' · '}
              {KIND_LABELS[delivery.kind]} to {delivery.sentTo}
              {' · '}
              <strong class="dg-delivery-status">{STATUS_LABELS[delivery.status]}</strong>
            </div>
            {advice && (
              <div class="dg-advice" data-step={advice.step}>
                <p>{advice.explanation}</p>
                <p>
                  <strong>What to do:</strong> {advice.fix}
                </p>
                {delivery.detail && <p class="dg-hint">The mail server said: {delivery.detail}</p>}
              </div>
            )}
            {delivery.status === 'retrying' && (
              <p class="dg-hint">The mail server asked Delete Guard to try again later. It retries on its own for about 2 minutes, so the email may arrive late.</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
