import type { Delivery } from '../../shared/api/otp.ts';
import { adviseOnDelivery } from '../components/delivery-advice.ts';

/** Props of {@link SupportDeliveries}. */
export interface SupportDeliveriesProps {
  deliveries: Delivery[];
}

/** Names of the email kinds as the support panel shows them. */
export const DELIVERY_KIND_LABELS: Record<Delivery['kind'], string> = {
  otp: 'Code email',
  verification: 'Verification email',
  notice: 'Change notice',
  test: 'Test email',
};

export const STATUS_LABELS: Record<Delivery['status'], string> = {
  queued: 'Queued',
  retrying: 'Retrying',
  sent: 'Accepted by the mail server',
  failed: 'Failed',
};

/**
 * Lists an account's deliveries with everything support needs to explain one:
 * the time, the server's reply, the attempts, and for a failure its class and
 * the step the user's helper shows for it.
 */
export function SupportDeliveries({ deliveries }: SupportDeliveriesProps) {
  if (deliveries.length === 0) return <p class="dg-hint">This account has no emails yet.</p>;

  return (
    <ul class="dg-deliveries">
      {deliveries.map((delivery) => {
        const advice = adviseOnDelivery(delivery);
        return (
          <li key={delivery.id} class={`dg-delivery dg-delivery-${delivery.status}`}>
            <div>
              <time dateTime={delivery.at}>{new Date(delivery.at).toLocaleString()}</time>
              {' · '}
              {DELIVERY_KIND_LABELS[delivery.kind]} to {delivery.sentTo}
              {' · '}
              <strong class="dg-delivery-status">{STATUS_LABELS[delivery.status]}</strong>
              {delivery.attempts !== undefined && ` · ${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`}
            </div>
            {delivery.response && <p class="dg-hint">Server reply: {delivery.response}</p>}
            {delivery.queueId && <p class="dg-hint">Queue id: {delivery.queueId}</p>}
            {delivery.detail && <p class="dg-hint">Reason: {delivery.detail}</p>}
            {advice && (
              <div class="dg-advice" data-step={advice.step}>
                <p>
                  Class: <code>{advice.problem}</code> · Step: <code>{advice.step}</code>
                </p>
                <p>
                  <strong>What the user should do:</strong> {advice.fix}
                </p>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
