/**
 * Environment variables that point the real, unchanged wx-server-sdk / @cloudbase/node-sdk at the local
 * cloud (see TECH-NOTES: TCB_CONTEXT_CNFG.URL is the endpoint; dummy secrets keep the SDK from crashing).
 */
export const LOCAL_ENV_ID = 'local';

export function sdkEnv(baseUrl: string, envId: string = LOCAL_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TCB_CONTEXT_KEYS: 'TCB_ENV',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SILENCE: 'true',
  };
}
