// The one place that picks the modal component. Switch this export to
// `../components/DeletionModal.tsx` when the components land.
export { DeletionModalStub as DeletionModal } from './DeletionModalStub.tsx';
