import { useState } from 'react';
import { Button, Space } from 'antd';
import { useT } from '../../lib/i18n';
import { ActionModal, type DialogAction } from './ActionModal';
import { actionLabel } from './labels';
import type { RequestItem } from './types';

const ORDER: readonly DialogAction[] = [
  'accept', 'dispatch', 'redispatch', 'start', 'resolve', 'whistle', 'supervise', 'return', 'merge', 'reopen', 'close',
];
const PRIMARY: readonly DialogAction[] = ['accept', 'dispatch', 'start', 'resolve'];
const DANGER: readonly DialogAction[] = ['return', 'close'];

/** The buttons for the actions the server lists on the request (rating is a panel of its own). */
export function RequestActions({ request, block = false, onConflict }: { request: RequestItem; block?: boolean; onConflict?: (err: unknown) => void }) {
  const t = useT();
  const [open, setOpen] = useState<DialogAction | null>(null);
  const shown = ORDER.filter((a) => request.actions.includes(a));
  if (!shown.length) return null;
  return (
    <>
      <Space wrap style={block ? { width: '100%' } : undefined} data-testid="request-actions">
        {shown.map((a) => (
          <Button
            key={a}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            size={block ? 'large' : 'middle'}
            onClick={() => setOpen(a)}
            data-testid={`action-${a}`}
          >
            {actionLabel(t, a)}
          </Button>
        ))}
      </Space>
      {open && <ActionModal request={request} action={open} onClose={() => setOpen(null)} onConflict={onConflict} />}
    </>
  );
}
