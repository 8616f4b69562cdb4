/**
 * An upload's progress: one bar for all bytes, the counts of files stored, failed and still
 * being processed, a bar for each file in flight, and each failed file with its reason.
 */
import { useI18n } from '../i18n/i18n';
import { inFlight, progressOf, type QueuedFile } from './upload-queue';

export function UploadProgress({ queue, pendingJobs }: { queue: readonly QueuedFile[]; pendingJobs: number }) {
  const { t, count, number } = useI18n();
  if (queue.length === 0) return null;
  const progress = progressOf(queue);
  const sending = inFlight(queue);
  return (
    <div role="status" aria-live="polite">
      <progress max={progress.total || 1} value={progress.sent} aria-label={t('exhibit.allFiles')} />
      <p>
        {t('exhibit.progress', {
          stored: number(progress.stored),
          total: count('count.files', queue.length),
          failed: number(progress.failed),
          pending: number(pendingJobs),
        })}
      </p>
      {sending.length > 0 && (
        <ul className="plain in-flight" data-testid="in-flight">
          {sending.map((f) => (
            <li key={f.name} data-path={f.name}>
              <progress max={1} value={f.fraction} aria-label={f.name} /> <code>{f.name}</code>{' '}
              {t('exhibit.percent', { n: Math.round(f.fraction * 100) })}
            </li>
          ))}
        </ul>
      )}
      {queue
        .filter((f) => f.state.phase === 'failed')
        .map((f) => (
          <p key={f.name} className="error">
            {f.name}: {f.state.phase === 'failed' ? f.state.message : ''}
          </p>
        ))}
    </div>
  );
}
