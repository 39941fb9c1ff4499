/** UI feedback helpers bound to antd's App context (message / modal). */
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api';
import { t } from './i18n';

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return t('error.loadFailed');
}

export function useFeedback() {
  const { message, modal } = App.useApp();
  return {
    message,
    modal,
    success: (text: string) => void message.success(text),
    error: (err: unknown) => {
      // Session expiry is handled globally (redirect to /login).
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      void message.error(errorMessage(err));
    },
  };
}

/**
 * Puts server-side `fields` messages under the matching form fields.
 * `rename` maps server field names to form field names.
 * Returns true when at least one field error was applied.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  rename: Record<string, string> = {},
): boolean {
  if (!(err instanceof ApiError)) return false;
  const entries = Object.entries(err.fields);
  if (entries.length === 0) return false;
  const known = new Set([
    ...Object.keys(form.getFieldsValue() as object),
    ...Object.keys(form.getFieldsValue(true) as object),
  ]);
  const applied = entries
    .map(([field, msg]) => ({ name: rename[field] ?? field.replace(/^\/?body\/?/, ''), errors: [msg] }))
    .filter((f) => known.has(f.name));
  if (applied.length > 0) form.setFields(applied);
  return applied.length > 0;
}

/**
 * The OK of a form dialog: validates, then runs the call (which reports success and closes);
 * server field errors go under their fields, anything else is shown as a message. A form
 * that does not validate just shows its errors.
 */
export function useFormSubmit<V>(form: FormInstance<V>, run: (values: V) => Promise<void>, rename: Record<string, string> = {}) {
  const feedback = useFeedback();
  return () =>
    form
      .validateFields()
      .then(async (values) => {
        try {
          await run(values);
        } catch (err) {
          if (!applyFieldErrors(form, err, rename)) feedback.error(err);
        }
      })
      .catch(() => undefined);
}
