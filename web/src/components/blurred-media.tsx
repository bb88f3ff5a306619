import { useState } from 'react';
import { useI18n } from '../i18n';
import type { MediaRef } from '../types';

/**
 * A picture under review is blurred and greyscale until the reviewer chooses to look, and can
 * be hidden again: repeated exposure to violent imagery harms, so seeing it is always a decision.
 * `revealAll` lets the case screen's V key reveal every picture at once.
 */
export function BlurredMedia(props: { src?: string; media: MediaRef; index: number; revealed?: boolean }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const visible = shown || props.revealed === true;
  const label = `${props.media.kind}${props.media.fileName ? ` · ${props.media.fileName}` : ''}`;
  if (props.src === undefined) {
    return (
      <figure className="media media-none">
        <div className="media-placeholder">{t('noPreview')}</div>
        <figcaption>{label}</figcaption>
      </figure>
    );
  }
  return (
    <figure className="media">
      <button
        type="button"
        className={visible ? 'media-frame revealed' : 'media-frame'}
        aria-pressed={visible}
        data-media-index={props.index}
        onClick={() => setShown(!shown)}
        title={visible ? t('hide') : t('reveal')}
      >
        <img src={props.src} alt={label} className={visible ? 'media-img' : 'media-img obscured'} draggable={false} />
        {!visible && <span className="media-veil">{t('reveal')}</span>}
      </button>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
