/**
 * Environment variables that point the real, unchanged wx-server-sdk / @cloudbase/node-sdk at the local
 * cloud: the SDK takes its endpoint from the `URL` field of TCB_CONTEXT_CNFG (@cloudbase/node-sdk
 * `dist/utils/tcbapiendpoint.js`), and dummy secrets keep it from rejecting every call for want of them.
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
