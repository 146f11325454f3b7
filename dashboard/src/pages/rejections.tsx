/** Rejections: the files that did not become articles, newest first, with the reason. */
import type { Rejection } from '../types';
import { Empty, Show } from '../ui';
import { MoreButton, usePaged } from './articles';

export function RejectionsPage() {
  const paged = usePaged<Rejection>('rejections', '/rejections', {}, null);
  return (
    <>
      <h1 tabIndex={-1}>Rejected files</h1>
      <Show value={paged.first} what="the rejections">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No file has been rejected.</Empty>
          ) : (
            <>
              <table class="data" data-rows={page.items.length + paged.extra.length}>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">File</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {[...page.items, ...paged.extra].map((r) => (
                    <tr key={`${r.bucket}/${r.key}`}>
                      <td>
                        <time dateTime={r.eventTime}>
                          {r.eventTime.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}
                        </time>
                      </td>
                      <td>
                        <code>{r.key}</code>
                      </td>
                      <td>{r.reason}</td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <MoreButton paged={paged as never} />
            </>
          )
        }
      </Show>
    </>
  );
}
