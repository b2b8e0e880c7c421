/**
 * CloudBase names its Node.js function runtimes `Nodejs<major>.<minor>` (Nodejs16.13, Nodejs18.15,
 * Nodejs20.19, ...: https://docs.cloudbase.net/cloud-function/runtime-support). The local cloud runs every
 * function in its own Node, so it can honour a declaration only when the majors agree.
 */
const NODE_RUNTIME = /^Nodejs(\d+)\.(\d+)$/;

/**
 * The Node.js runtimes CloudBase offers for regular functions, from its runtime list
 * (https://docs.cloudbase.net/cloud-function/runtime-support: Node.js 24.11, 22.21, 20.19, 18.15, 16.13; its
 * "26.x (Current)" entry names no minor version, so it is left out until the page does).
 */
export const CLOUDBASE_NODE_RUNTIMES: readonly string[] = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19', 'Nodejs22.21', 'Nodejs24.11'];

/** The Node major a runtime name declares, or undefined for anything that is not a Node.js runtime. */
export function nodeMajorOf(runtime: string): number | undefined {
  const match = NODE_RUNTIME.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/** The esbuild target for a runtime name (`Nodejs20.19` -> `node20.19`). */
export function esbuildTargetOf(runtime: string): string {
  const match = NODE_RUNTIME.exec(runtime);
  if (!match) throw new Error(`${runtime} is not a CloudBase Node.js runtime (NodejsXX.YY)`);
  return `node${match[1]}.${match[2]}`;
}

/**
 * Why a function declaring `runtime` cannot run on this Node (version `nodeVersion`), or undefined when it can.
 * A function that declares no runtime runs on this Node (chosen: test fixtures declare none).
 */
export function runtimeRefusal(name: string, runtime: string | undefined, nodeVersion = process.versions.node): string | undefined {
  if (runtime === undefined) return undefined;
  const declared = nodeMajorOf(runtime);
  const running = Number(nodeVersion.split('.')[0]);
  if (declared === running) return undefined;
  if (declared === undefined) return `function ${name} declares runtime ${runtime}, but the local cloud runs only Node.js functions`;
  return `function ${name} declares runtime ${runtime} (Node ${declared}), but the local cloud runs Node ${nodeVersion}: start it on Node ${declared} or change the runtime in the function's config.json`;
}
