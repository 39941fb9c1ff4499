import { useFeedback } from '../../lib/feedback';

/** A row action behind a Popconfirm (delete, revoke): runs it, then says `done` or shows the error. */
export function useConfirmedAction(run: (id: number) => Promise<unknown>, done: string) {
  const feedback = useFeedback();
  return async (id: number) => {
    try {
      await run(id);
      feedback.success(done);
    } catch (err) {
      feedback.error(err);
    }
  };
}
