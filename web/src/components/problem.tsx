import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** An error where the page would be: a 403 says the role cannot, anything else says what failed. */
export function Problem({ error }: { error: Error }) {
  const { t } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="problem" role="alert" data-status={error instanceof ApiError ? error.status : undefined}>
      <strong>{forbidden ? t('forbidden') : t('error')}</strong>
      {!forbidden && <p>{error.message}</p>}
    </div>
  );
}
