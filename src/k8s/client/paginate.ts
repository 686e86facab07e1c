/** A LIST response as client-node types it (`_continue`) or as raw JSON from CustomObjectsApi (`continue`). */
export interface ListPage<T> {
  items: T[];
  metadata?: { _continue?: string; continue?: string } | undefined;
}

/** Page size for every scan LIST: the API server's own recommendation keeps responses small. */
export const DEFAULT_PAGE_SIZE = 500;

/**
 * Yields LIST pages, following `continue` until the server says there are no more. Scans process
 * each page and drop it, so 10,000 Secrets never sit in memory at once.
 */
export async function* paginate<T>(fetchPage: (cont: string | undefined) => Promise<ListPage<T>>): AsyncGenerator<T[]> {
  let cont: string | undefined;
  do {
    const page = await fetchPage(cont);
    yield page.items;
    cont = page.metadata?._continue ?? page.metadata?.continue ?? undefined;
  } while (cont);
}
