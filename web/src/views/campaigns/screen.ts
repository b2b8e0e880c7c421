/**
 * What every campaign screen uses: the shared styles, the campaign's id from the route, the transport and
 * server-paged tables, and one way to run an action and tell the outcome (the server's message on refusal).
 */
import './campaigns.css';
import { computed, type ComputedRef } from 'vue';
import { useRoute } from 'vue-router';
import { MessagePlugin } from 'tdesign-vue-next/es/message';
import { errorMessage } from '../../services/errors';

export { call } from '../../services/transport';
export { errorMessage };
export { tableProps, useServerTable } from '../../composables/server-table';

export function useCampaignId(): ComputedRef<string> {
  const route = useRoute();
  return computed(() => String(route.params.id ?? ''));
}

/** Runs `work`, then toasts `success(result)` or the refusal; answers the result, or null when refused. */
export async function attempt<T>(work: () => Promise<T>, success: (result: T) => string, fallback?: string): Promise<T | null> {
  try {
    const result = await work();
    void MessagePlugin.success(success(result));
    return result;
  } catch (e) {
    void MessagePlugin.error(errorMessage(e, fallback));
    return null;
  }
}
