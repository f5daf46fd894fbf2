// Media URL inputs (1 to 10, fewer when pictures are uploaded), each with a live preview of the
// image and the server's check of the link. `uploader`, when given, is shown first: pictures from
// the device and links are one list of media. A too-large image link can be fetched, fitted and
// attached (`onFetchAndAttach`), which turns the row into an uploaded picture.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button/button';
import { FieldError, controlClassName, describedBy, errorId } from '@/components/ui/form-field/form-field';
import { EditableRow, focusMovesToSubmit, rowLabel, visibleRowError, type EditableListProps } from '@/features/send-mms/components/editable-row';
import { LinkPreflight } from '@/features/media-upload/components/link-preflight';
import { MediaPreview } from '@/features/send-mms/components/media-preview';
import { useEditableRows } from '@/features/send-mms/hooks/use-editable-rows';
import { maxMediaUrls } from '@/features/send-mms/utils/limits';
import { checkMediaUrl } from '@/features/send-mms/utils/media-url';

const mediaGroupId = 'media-urls';
export const mediaGroupErrorId = errorId(mediaGroupId);

export function mediaInputId(index: number): string {
  return `media-url-${index}`;
}

type MediaUrlListProps = EditableListProps & {
  maxRows?: number;
  uploader?: ReactNode;
  onFetchAndAttach?: (url: string) => Promise<boolean>;
};

export function MediaUrlList({ rows, onChange, showErrors, errors, groupError, maxRows = maxMediaUrls, uploader, onFetchAndAttach }: MediaUrlListProps) {
  const { add, remove, update, focusRef, canAdd } = useEditableRows(rows, onChange, Math.max(1, maxRows));

  // The link becomes an attached picture: its row goes (the only row is emptied instead).
  const fetchAndAttach = onFetchAndAttach
    ? (key: number) => async (url: string) => {
        const attached = await onFetchAndAttach(url);
        if (attached) {
          if (rows.length > 1) remove(key);
          else update(key, { value: '', touched: false });
        }
        return attached;
      }
    : undefined;

  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-gray-900 dark:text-gray-100">Media</legend>
      {uploader}
      <p className="text-sm text-gray-700 dark:text-gray-300">
        {uploader ? 'Or public links' : 'Public links'} to JPEG, PNG or GIF images, up to {maxMediaUrls}
        {uploader ? ' media in all' : ''}.
      </p>
      {rows.map((row, index) => {
        const id = mediaInputId(index);
        const shownError = visibleRowError(row, errors, showErrors);
        const label = rowLabel('Media URL', index);
        const previewUrl = row.value.trim() !== '' && checkMediaUrl(row.value) === undefined ? row.value.trim() : undefined;
        const previewId = `${id}-preview`;
        const verdictId = `${id}-verdict`;
        return (
          <EditableRow
            key={row.key}
            id={id}
            label={label}
            error={shownError}
            onRemove={rows.length > 1 ? () => remove(row.key) : undefined}
            details={
              <>
                <LinkPreflight id={verdictId} url={previewUrl} onFetchAndAttach={fetchAndAttach?.(row.key)} />
                <MediaPreview id={previewId} url={previewUrl} label={label} />
              </>
            }
          >
            <input
              id={id}
              ref={focusRef(row.key)}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. https://example.com/picture.jpg"
              className={controlClassName}
              value={row.value}
              aria-invalid={shownError || groupError ? true : undefined}
              aria-describedby={describedBy(id, {
                error: Boolean(shownError),
                extra: [...(groupError ? [mediaGroupErrorId] : []), ...(previewUrl ? [verdictId, previewId] : [])],
              })}
              onChange={(event) => update(row.key, { value: event.target.value })}
              onBlur={(event) => {
                if (!focusMovesToSubmit(event)) update(row.key, { touched: true });
              }}
            />
          </EditableRow>
        );
      })}
      <FieldError id={mediaGroupId} message={groupError} />
      <Button variant="secondary" disabled={!canAdd} onClick={add}>
        Add media URL
      </Button>
    </fieldset>
  );
}
