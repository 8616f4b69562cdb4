/**
 * One match of the item under review, side by side: this item and the other one (both blurred
 * unless the reviewer revealed this one; the other is never revealed from here), how close they
 * are, and the verdict — confirm, or reject with the reason the hub requires.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import type { paths } from '../api/schema';
import { ErrorLine, Field } from '../components/field';
import { codeText } from '../i18n/code-text';
import { useI18n } from '../i18n/i18n';

/** A match as the media page lists it (the API's own type). */
export type MatchRow =
  paths['/api/v1/media/{id}']['get']['responses'][200]['content']['application/json']['matches'][number];

export function MatchCard(props: {
  mediaId: number;
  match: MatchRow;
  revealed: boolean;
  greyscale: boolean;
  onDecided(): Promise<void>;
}) {
  const { t, count } = useI18n();
  const { match } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [otherHidden, setOtherHidden] = useState(false);

  const decide = async (verdict: 'confirmed' | 'rejected', event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    try {
      const body = {
        verdict,
        currentVerdict: match.verdict as 'pending' | 'confirmed' | 'rejected',
        ...(verdict === 'rejected' ? { reason } : {}),
      };
      await unwrap(api.POST('/api/v1/matches/{id}/verdict', { params: { path: { id: match.id } }, body }));
      await props.onDecided();
    } catch (err) {
      setError(messageOf(err));
      // Refused (decided meanwhile elsewhere, most often): show the hub's verdict, so deciding again
      // starts from it instead of being refused as stale until the page is reloaded.
      await props.onDecided();
    }
  };

  const how =
    match.overlap !== null
      ? t('media.overlap', { kind: match.kind, percent: Math.round(match.overlap * 100) })
      : match.distance !== null
        ? t('media.distance', { kind: match.kind, distance: count('count.bits', match.distance) })
        : t('media.exact', { kind: match.kind });
  return (
    <article className="match" data-testid="match" data-verdict={match.verdict}>
      <div className="pair">
        <figure>
          <img
            src={thumbUrl(props.mediaId, { reveal: props.revealed, greyscale: props.greyscale })}
            alt={t('media.this')}
          />
          <figcaption>{t('media.this')}</figcaption>
        </figure>
        {match.otherMediaId !== null && (
          <figure>
            {otherHidden ? (
              <p className="muted">{t('media.otherHidden')}</p>
            ) : (
              <img
                src={thumbUrl(match.otherMediaId, { greyscale: props.greyscale })}
                alt={t('media.other', { id: match.otherMediaId })}
                onError={() => setOtherHidden(true)}
              />
            )}
            <figcaption>{t('media.other', { id: match.otherMediaId })}</figcaption>
          </figure>
        )}
      </div>
      <p>
        {how} · {t('media.verdict', { verdict: codeText(t, 'verdict', match.verdict) })}
      </p>
      <form className="verdict" onSubmit={(e) => void decide('rejected', e)}>
        <button type="button" onClick={() => void decide('confirmed')} disabled={match.verdict === 'confirmed'}>
          {t('media.confirm')}
        </button>
        <Field
          label={t('media.rejectReason')}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={reason.trim() === '' || match.verdict === 'rejected'}>
          {t('media.reject')}
        </button>
      </form>
      <ErrorLine message={error} />
    </article>
  );
}
