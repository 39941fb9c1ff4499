import { Badge, Tooltip } from 'antd';
import { useT } from '../../lib/i18n';

/** 实时 / reconnecting: whether the board's event stream is connected. */
export function LiveBadge({ live }: { live: boolean }) {
  const t = useT();
  return (
    <Tooltip title={t(live ? 'req.live.on' : 'req.live.off')}>
      <span data-testid="board-live" data-live={String(live)}>
        <Badge status={live ? 'processing' : 'warning'} text={t(live ? 'req.board.live' : 'req.live.off')} />
      </span>
    </Tooltip>
  );
}
