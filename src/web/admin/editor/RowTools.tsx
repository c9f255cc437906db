import { useTranslation } from 'react-i18next';

/**
 * Up / down / remove buttons for a row of a list. After a move, focus follows the row to its new
 * place (the same button there, or the other one at either end), so a keyboard user can keep
 * pressing; a polite live region says where it went.
 */
export function RowTools({ listId, index, count, what, onMove, onRemove, disabled, announce, minCount = 0 }: {
  listId: string; index: number; count: number; what: string;
  onMove: (by: -1 | 1) => void; onRemove: () => void; disabled?: boolean; announce: (msg: string) => void; minCount?: number;
}) {
  const { t } = useTranslation();
  const id = (i: number, b: string) => `${listId}-${i}-${b}`;
  const move = (by: -1 | 1) => {
    onMove(by);
    const to = index + by;
    announce(t('adm.moved', { what, pos: to + 1, count }));
    // After React has re-rendered the list in its new order.
    requestAnimationFrame(() => {
      const want = by < 0 ? (to === 0 ? 'down' : 'up') : to === count - 1 ? 'up' : 'down';
      document.getElementById(id(to, want))?.focus();
    });
  };
  const remove = () => {
    onRemove();
    announce(t('adm.removed', { what }));
    requestAnimationFrame(() => {
      const next = Math.min(index, count - 2);
      (document.getElementById(id(next, 'remove')) ?? document.getElementById(`${listId}-add`))?.focus();
    });
  };
  return (
    <div className="adm-rowtools" role="group" aria-label={t('adm.rowTools', { what })}>
      <button type="button" id={id(index, 'up')} className="btn btn-small" disabled={disabled || index === 0} onClick={() => move(-1)} aria-label={t('adm.moveUp', { what })} title={t('adm.moveUp', { what })}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" id={id(index, 'down')} className="btn btn-small" disabled={disabled || index === count - 1} onClick={() => move(1)} aria-label={t('adm.moveDown', { what })} title={t('adm.moveDown', { what })}>
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" id={id(index, 'remove')} className="btn btn-small btn-danger" disabled={disabled || count <= minCount} onClick={remove} aria-label={t('adm.remove', { what })} title={t('adm.remove', { what })}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
