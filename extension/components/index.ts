export { DeletionModal, type DeletionModalProps } from './DeletionModal.tsx';
export { TroubleshootingHelper, type TroubleshootingHelperProps } from './TroubleshootingHelper.tsx';
export type { CodeMemory } from './code-memory.ts';
export { modalStyles } from './styles.ts';
export { adviseOnDelivery, classifyDeliveryDetail, type DeliveryAdvice, type DeliveryProblem } from './delivery-advice.ts';
export { describeApiError } from './messages.ts';
