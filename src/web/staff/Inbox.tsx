import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../api';
import { fmtCount, fmtDateTime } from '../format';
import { useSession } from '../session';
import { ErrorBox, Loading, Page, StatusBadge } from '../components/ui';
import { DueBadges } from './common';

export interface InboxItem {
  id: string;
  code: string;
  status: number;
  statusName: { vi: string; en: string };
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  step: { index: number; name: string; dueAt: string | null; assigneeId: string | null } | null;
  overdue: boolean;
  dueSoon: boolean;
  version: number;
}
interface Counts { total: number; overdue: number; dueSoon: number }
/** Counts stop at the server's cap: a capped count means "at least this many". */
interface InboxResponse { total: number; hasMore: boolean; counts: Counts & { capped: Record<keyof Counts, boolean> }; items: InboxItem[] }

/** URL parameter names (Vietnamese, like the citizen pages) → what they hold. */
const P = { procedure: 'thuTuc', status: 'trangThai', overdue: 'quaHan', dueSoon: 'sapDenHan', mine: 'cuaToi', q: 'q', sort: 'sapXep', dir: 'chieu' } as const;
const PAGE = 100;
const INBOX_STATUSES = [1, 2, 4, 9];
type SortKey = 'due' | 'code' | 'applicant' | 'procedure' | 'step' | 'status' | 'received';

const dueTime = (x: InboxItem) => new Date(x.step?.dueAt ?? x.dueAt ?? new Date(new Date(x.submittedAt).getTime() + 86_400_000)).getTime();
const sorters: Record<SortKey, (a: InboxItem, b: InboxItem) => number> = {
  due: (a, b) => dueTime(a) - dueTime(b) || a.code.localeCompare(b.code),
  code: (a, b) => a.code.localeCompare(b.code),
  applicant: (a, b) => a.applicantName.localeCompare(b.applicantName, 'vi'),
  procedure: (a, b) => a.procedureName.localeCompare(b.procedureName, 'vi'),
  step: (a, b) => (a.step?.index ?? -1) - (b.step?.index ?? -1),
  status: (a, b) => a.status - b.status,
  received: (a, b) => new Date(a.receivedAt ?? a.submittedAt).getTime() - new Date(b.receivedAt ?? b.submittedAt).getTime(),
};

/** Dossiers that can be forwarded together: same procedure, same step, received or in process. */
const groupKey = (x: InboxItem) => (x.step && (x.status === 2 || x.status === 4) ? `${x.procedureCode}#${x.step.index}` : null);

interface BulkResult { id: string; code: string; ok: boolean; message?: string }

export default function Inbox() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<InboxResponse | null>(null);
  const [all, setAll] = useState<InboxResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [selected, setSelected] = useState<Map<string, InboxItem>>(new Map());
  const [bulkResults, setBulkResults] = useState<BulkResult[] | null>(null);

  const procedure = params.get(P.procedure) ?? '';
  const status = params.get(P.status) ?? '';
  const overdue = params.get(P.overdue) === '1';
  const dueSoon = params.get(P.dueSoon) === '1';
  const mine = params.get(P.mine) === '1';
  const q = params.get(P.q) ?? '';
  const sort = (params.get(P.sort) as SortKey) || 'due';
  const dir = params.get(P.dir) === 'desc' ? 'desc' : 'asc';
  const filtered = !!(procedure || status || overdue || dueSoon || mine || q);

  const apiQuery = useMemo(() => {
    const s = new URLSearchParams({ limit: String(PAGE) });
    if (procedure) s.set('procedureCode', procedure);
    if (status) s.set('status', status);
    if (overdue) s.set('overdue', 'true');
    if (dueSoon) s.set('dueSoon', 'true');
    if (mine) s.set('assignedToMe', 'true');
    if (q) s.set('q', q);
    return s;
  }, [procedure, status, overdue, dueSoon, mine, q]);

  // The table (filtered) and the whole inbox (counts, the procedures to filter by).
  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    get<InboxResponse>(`/inbox?${apiQuery}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [apiQuery, tick]);
  useEffect(() => {
    const ctrl = new AbortController();
    get<InboxResponse>('/inbox?limit=200', ctrl.signal).then(setAll, () => {});
    return () => ctrl.abort();
  }, [tick]);

  const loadMore = async () => {
    if (!data) return;
    setLoadingMore(true);
    try {
      const s = new URLSearchParams(apiQuery);
      s.set('offset', String(data.items.length));
      const more = await get<InboxResponse>(`/inbox?${s}`);
      const seen = new Set(data.items.map((x) => x.id));
      setData({ ...more, items: [...data.items, ...more.items.filter((x) => !seen.has(x.id))] });
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const setParam = (key: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v); else next.delete(key);
    setParams(next, { replace: true });
  };
  const toggleSort = (key: SortKey) => {
    const next = new URLSearchParams(params);
    const newDir = sort === key && dir === 'asc' ? 'desc' : 'asc';
    if (key === 'due' && newDir === 'asc') { next.delete(P.sort); next.delete(P.dir); } else { next.set(P.sort, key); next.set(P.dir, newDir); }
    setParams(next, { replace: true });
  };

  const procedures = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of all?.items ?? []) m.set(x.procedureCode, x.procedureName);
    if (procedure && !m.has(procedure)) m.set(procedure, procedure);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  }, [all, procedure]);

  const items = useMemo(() => {
    const list = [...(data?.items ?? [])];
    list.sort(sorters[sort] ?? sorters.due);
    if (dir === 'desc') list.reverse();
    return list;
  }, [data, sort, dir]);

  const selKey = selected.size ? groupKey([...selected.values()][0]) : null;
  const toggle = (x: InboxItem) => {
    const next = new Map(selected);
    if (next.has(x.id)) next.delete(x.id); else next.set(x.id, x);
    setSelected(next);
  };
  const eligible = items.filter((x) => groupKey(x) && (!selKey || groupKey(x) === selKey));
  const targetKey = selKey ?? (eligible[0] ? groupKey(eligible[0]) : null);
  const sameStep = items.filter((x) => targetKey && groupKey(x) === targetKey);
  const allSelected = sameStep.length > 0 && sameStep.every((x) => selected.has(x.id));
  const toggleAll = () => setSelected(allSelected ? new Map() : new Map(sameStep.map((x) => [x.id, x])));
  // Dossiers that left the list (forwarded, filtered out) leave the selection too.
  useEffect(() => {
    if (!data) return;
    const present = new Map(data.items.map((x) => [x.id, x]));
    // Fresh rows (a new version after a failed attempt) replace the selected ones.
    setSelected((s) => {
      const next = new Map([...s].filter(([id]) => present.has(id)).map(([id]) => [id, present.get(id)!]));
      return next.size === s.size && [...next].every(([id, x]) => s.get(id)?.version === x.version) ? s : next;
    });
  }, [data]);

  const counts = all?.counts ?? data?.counts;
  const countOf = (k: keyof Counts) => (counts ? fmtCount(counts[k], counts.capped[k], i18n.language) : '…');
  const sortHead = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="th-sort" onClick={() => toggleSort(key)} title={t('staff.inbox.sortBy', { col: label })}>
        {label} <span aria-hidden="true" className="sort-mark">{sort === key ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );

  return (
    <Page title={t('staff.inbox.title')}>
      <div className="staff-counts" role="group" aria-label={t('staff.inbox.countsLabel')}>
        <button type="button" className={`count-chip${!overdue && !dueSoon ? ' active' : ''}`} aria-pressed={!overdue && !dueSoon}
          onClick={() => { const n = new URLSearchParams(params); n.delete(P.overdue); n.delete(P.dueSoon); setParams(n, { replace: true }); }}>
          <span>{t('staff.inbox.total')}</span> <b data-testid="count-total">{countOf('total')}</b>
        </button>
        <button type="button" className={`count-chip count-bad${overdue ? ' active' : ''}`} aria-pressed={overdue} onClick={() => setParam(P.overdue, overdue ? null : '1')}>
          <span>{t('staff.inbox.overdue')}</span> <b data-testid="count-overdue">{countOf('overdue')}</b>
        </button>
        <button type="button" className={`count-chip count-warn${dueSoon ? ' active' : ''}`} aria-pressed={dueSoon} onClick={() => setParam(P.dueSoon, dueSoon ? null : '1')}>
          <span>{t('staff.inbox.dueSoon')}</span> <b data-testid="count-duesoon">{countOf('dueSoon')}</b>
        </button>
      </div>

      <Filters key={q} procedures={procedures} procedure={procedure} status={status} overdue={overdue} dueSoon={dueSoon} mine={mine} q={q}
        setParam={setParam} clear={filtered ? () => setParams(new URLSearchParams(), { replace: true }) : undefined}
        sort={`${sort}:${dir}`} setSort={(v) => {
          const [k, d2] = v.split(':');
          const next = new URLSearchParams(params);
          if (k === 'due' && d2 === 'asc') { next.delete(P.sort); next.delete(P.dir); } else { next.set(P.sort, k); next.set(P.dir, d2); }
          setParams(next, { replace: true });
        }} />

      <ErrorBox error={error} />
      {bulkResults && <BulkReport results={bulkResults} onClose={() => setBulkResults(null)} />}
      {!data ? <Loading /> : (
        <>
          <p className="muted small" role="status">{t('staff.inbox.shown', { shown: data.items.length, total: fmtCount(Math.max(data.total, data.items.length), data.counts.capped.total && data.hasMore, i18n.language) })}</p>
          {items.length === 0 ? <p className="card">{filtered ? t('staff.inbox.empty') : t('staff.inbox.emptyAll')}</p> : (
            <div className="table-wrap card flush">
              <table className="stack inbox-table">
                <caption className="sr-only-label">{t('staff.inbox.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="col-check">
                      <input type="checkbox" checked={allSelected} disabled={sameStep.length === 0} onChange={toggleAll} aria-label={t('staff.inbox.selectAll')} title={t('staff.inbox.selectAll')} />
                    </th>
                    {sortHead('code', t('staff.inbox.code'))}
                    {sortHead('applicant', t('staff.inbox.applicant'))}
                    {sortHead('procedure', t('staff.inbox.procedure'))}
                    {sortHead('step', t('staff.inbox.step'))}
                    {sortHead('status', t('staff.inbox.status'))}
                    {sortHead('due', t('staff.inbox.due'))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((x) => {
                    const k = groupKey(x);
                    const can = !!k && (!selKey || k === selKey);
                    return (
                      <tr key={x.id} className={x.overdue ? 'row-overdue' : x.dueSoon ? 'row-soon' : undefined} data-code={x.code}>
                        <td className="col-check">
                          <input type="checkbox" checked={selected.has(x.id)} disabled={!can} onChange={() => toggle(x)}
                            aria-label={t('staff.inbox.select', { code: x.code })} title={!k ? t('staff.inbox.notForwardable') : !can ? t('staff.inbox.notSameStep') : undefined} />
                        </td>
                        <td data-label={t('staff.inbox.code')}><Link to={`/can-bo/ho-so/${x.id}`} className="code-link">{x.code}</Link></td>
                        <td data-label={t('staff.inbox.applicant')}>{x.applicantName}</td>
                        <td data-label={t('staff.inbox.procedure')}><span className="clamp" title={x.procedureName}>{x.procedureName}</span> <span className="muted small">{x.procedureCode}</span></td>
                        <td data-label={t('staff.inbox.step')}>
                          {x.step ? <span className="clamp" title={x.step.name}>{x.step.index + 1}. {x.step.name}</span> : <span className="muted">{t('staff.awaitingReception')}</span>}
                        </td>
                        <td data-label={t('staff.inbox.status')}><StatusBadge status={x.status} name={x.statusName} /></td>
                        <td data-label={t('staff.inbox.due')}>
                          {x.step?.dueAt && <div className="nowrap">{t('staff.inbox.stepDue')}: {fmtDateTime(x.step.dueAt)}</div>}
                          {x.dueAt && <div className="nowrap muted small">{t('staff.inbox.finalDue')}: {fmtDateTime(x.dueAt)}</div>}
                          {!x.step?.dueAt && !x.dueAt && <div className="muted small nowrap">{t('staff.inbox.submitted')}: {fmtDateTime(x.submittedAt)}</div>}
                          <div className="badges"><DueBadges overdue={x.overdue} dueSoon={x.dueSoon} mine={!!me && x.step?.assigneeId === me.id} /></div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {data.hasMore && (
            <p><button type="button" className="btn" onClick={loadMore} disabled={loadingMore}>{t('staff.inbox.more')}</button></p>
          )}
        </>
      )}
      {selected.size > 0 && (
        <BulkBar selected={[...selected.values()]} onClear={() => setSelected(new Map())}
          onDone={(results) => {
            const failed = new Set(results.filter((r) => !r.ok).map((r) => r.id));
            setBulkResults(results);
            setSelected((s) => new Map([...s].filter(([id]) => failed.has(id))));
            setTick((n) => n + 1);
          }} />
      )}
    </Page>
  );
}

const SORT_OPTIONS: [string, string, string][] = [
  ['due:asc', 'due', '↑'], ['due:desc', 'due', '↓'], ['code:asc', 'code', '↑'], ['applicant:asc', 'applicant', '↑'], ['received:asc', 'received', '↑'], ['received:desc', 'received', '↓'],
];
const SORT_LABEL: Record<string, string> = { due: 'staff.inbox.due', code: 'staff.inbox.code', applicant: 'staff.inbox.applicant', received: 'staff.inbox.received' };

function Filters({ procedures, procedure, status, overdue, dueSoon, mine, q, setParam, clear, sort, setSort }: {
  procedures: [string, string][]; procedure: string; status: string; overdue: boolean; dueSoon: boolean; mine: boolean; q: string;
  setParam: (k: string, v: string | null) => void; clear?: () => void; sort: string; setSort: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const active = [procedure, status, overdue, dueSoon, mine, q].filter(Boolean).length;
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 761px)').matches);
  const onSearch = (e: FormEvent) => { e.preventDefault(); setParam(P.q, text.trim() || null); };
  return (
    // On a phone the filters fold away so the list comes first; on a desktop they are always open.
    <details className="card filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('staff.inbox.filters')}{active > 0 ? ` (${active})` : ''}</summary>
      <form onSubmit={onSearch} role="search" aria-label={t('staff.inbox.filters')}>
        <div className="filter-grid">
          <div className="filter-search">
            <label htmlFor="f-q">{t('staff.inbox.search')}</label>
            <div className="input-row">
              <input id="f-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
              <button className="btn" type="submit">{t('staff.inbox.searchButton')}</button>
            </div>
          </div>
          <div>
            <label htmlFor="f-proc">{t('staff.inbox.procedure')}</label>
            <select id="f-proc" value={procedure} onChange={(e) => setParam(P.procedure, e.target.value || null)}>
              <option value="">{t('staff.inbox.all')}</option>
              {procedures.map(([code, name]) => <option key={code} value={code}>{code} — {name.length > 70 ? `${name.slice(0, 70)}…` : name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-status">{t('staff.inbox.status')}</label>
            <select id="f-status" value={status} onChange={(e) => setParam(P.status, e.target.value || null)}>
              <option value="">{t('staff.inbox.all')}</option>
              {INBOX_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </div>
          {/* On phones the table has no column headers to click: sorting is chosen here. */}
          <div className="sort-select">
            <label htmlFor="f-sort">{t('staff.inbox.sort')}</label>
            <select id="f-sort" value={SORT_OPTIONS.some(([v]) => v === sort) ? sort : ''} onChange={(e) => setSort(e.target.value)}>
              {!SORT_OPTIONS.some(([v]) => v === sort) && <option value="">—</option>}
              {SORT_OPTIONS.map(([v, k, arrow]) => <option key={v} value={v}>{t(SORT_LABEL[k])} {arrow}</option>)}
            </select>
          </div>
        </div>
        <div className="filter-checks">
          <label className="check"><input type="checkbox" checked={overdue} onChange={(e) => setParam(P.overdue, e.target.checked ? '1' : null)} /> {t('staff.inbox.onlyOverdue')}</label>
          <label className="check"><input type="checkbox" checked={dueSoon} onChange={(e) => setParam(P.dueSoon, e.target.checked ? '1' : null)} /> {t('staff.inbox.onlyDueSoon')}</label>
          <label className="check"><input type="checkbox" checked={mine} onChange={(e) => setParam(P.mine, e.target.checked ? '1' : null)} /> {t('staff.inbox.onlyMine')}</label>
          {clear && <button type="button" className="btn btn-small" onClick={clear}>{t('staff.inbox.clear')}</button>}
        </div>
      </form>
    </details>
  );
}

/** The selection bar: forwards every selected dossier (same procedure and step), one request each with the version seen. */
function BulkBar({ selected, onClear, onDone }: { selected: InboxItem[]; onClear: () => void; onDone: (r: BulkResult[]) => void }) {
  const { t, i18n } = useTranslation();
  const [staff, setStaff] = useState<{ id: string; fullName: string }[]>([]);
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const first = selected[0];
  const firstId = first?.id;
  useEffect(() => {
    if (!firstId) return;
    get(`/dossiers/${firstId}/assignees`).then((r) => setStaff(r.next?.staff ?? []), () => setStaff([]));
  }, [firstId]);
  const keys = useRef(new Map<string, string>());
  const run = useCallback(async () => {
    setBusy(true);
    setProgress(0);
    const results: BulkResult[] = [];
    for (const x of selected) {
      // One key per dossier for this intent: a retry after a network failure replays instead of forwarding twice.
      const key = keys.current.get(x.id) ?? newKey();
      keys.current.set(x.id, key);
      try {
        await post(`/dossiers/${x.id}/forward`, { version: x.version, ...(assignee ? { assigneeId: assignee } : {}) }, key);
        results.push({ id: x.id, code: x.code, ok: true });
        keys.current.delete(x.id);
      } catch (e) {
        results.push({ id: x.id, code: x.code, ok: false, message: e instanceof ApiError ? e.text(i18n.language) : String(e) });
        if (e instanceof ApiError && e.status !== 0) keys.current.delete(x.id);
      }
      setProgress(results.length);
    }
    setBusy(false);
    onDone(results);
  }, [selected, assignee, i18n.language, onDone]);
  return (
    <div className="bulk-bar" role="region" aria-label={t('staff.bulk.selected', { count: selected.length })}>
      <div className="bulk-inner">
        <div className="bulk-info">
          <b>{t('staff.bulk.selected', { count: selected.length })}</b>
          {first?.step && <div className="small clamp" title={first.step.name}>{t('staff.bulk.atStep', { step: `${first.step.index + 1}. ${first.step.name}` })}</div>}
        </div>
        <div className="bulk-assignee">
          <label htmlFor="bulk-assignee" className="small">{t('staff.bulk.assignee')}</label>
          <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={busy}>
            <option value="">{t('staff.bulk.anyone')}</option>
            {staff.map((s) => <option key={s.id} value={s.id}>{s.fullName}</option>)}
          </select>
        </div>
        <div className="bulk-buttons">
          <button type="button" className="btn btn-primary" onClick={run} disabled={busy}>
            {busy ? t('staff.bulk.working', { done: progress, count: selected.length }) : t('staff.bulk.forward', { count: selected.length })}
          </button>
          <button type="button" className="btn" onClick={onClear} disabled={busy}>{t('staff.bulk.clear')}</button>
        </div>
      </div>
    </div>
  );
}

function BulkReport({ results, onClose }: { results: BulkResult[]; onClose: () => void }) {
  const { t } = useTranslation();
  const ok = results.filter((r) => r.ok).length;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { ref.current?.focus(); }, [results]);
  return (
    <section className={`card bulk-report ${ok === results.length ? 'all-ok' : 'some-failed'}`} aria-labelledby="h-bulk" tabIndex={-1} ref={ref}>
      <div className="page-head">
        <h2 id="h-bulk">{t('staff.bulk.resultTitle')}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>{t('common.close')}</button>
      </div>
      <p role="status">{t('staff.bulk.summary', { ok, failed: results.length - ok })}</p>
      <ul className="bulk-list">
        {results.map((r) => (
          <li key={r.id} className={r.ok ? 'ok' : 'failed'}>
            <span className={`badge ${r.ok ? 'badge-ok' : 'badge-bad'}`}>{r.ok ? `✓ ${t('staff.bulk.ok')}` : `✕ ${t('staff.bulk.failed')}`}</span>{' '}
            <Link to={`/can-bo/ho-so/${r.id}`}>{r.code}</Link>
            {r.message && <span className="small"> — {r.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
