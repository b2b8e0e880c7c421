/**
 * Static website hosting keeps its address across restarts of the local cloud (`npm start` keeps its data
 * folder), as a CloudBase hosting domain stays the same: the port is kept with the bucket's state
 * (emulator/management/hosting.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import { StaticHosting } from '../../../emulator/management/hosting';
import { makeTempDir } from '../../helpers/local-cloud';

const options = (dataDir: string) => ({ envId: 'local', appId: '1250000000', dataDir });

async function enabled(dataDir: string): Promise<StaticHosting> {
  const hosting = new StaticHosting(options(dataDir));
  await hosting.tcbActions(() => undefined).CreateStaticStore!({});
  return hosting;
}

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDir('weike-hosting-');
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a restart on the same data folder serves the website on the same port, with the same files', async () => {
  const first = await enabled(dataDir);
  first.putObject('index.html', Buffer.from('<h1>微课</h1>'));
  const url = await first.websiteUrl();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  first.close();

  const second = new StaticHosting(options(dataDir));
  try {
    expect(await second.websiteUrl()).toBe(url);
    expect(await (await fetch(`${url}/`)).text()).toBe('<h1>微课</h1>');
  } finally {
    second.close();
  }
});

test('when the kept port is taken, the website takes another and keeps that one from then on', async () => {
  const first = await enabled(dataDir);
  const url = (await first.websiteUrl())!;
  first.close();
  const squatter = http.createServer();
  await new Promise<void>((resolve) => squatter.listen({ port: Number(new URL(url).port), host: '127.0.0.1' }, resolve));
  try {
    const second = new StaticHosting(options(dataDir));
    const moved = await second.websiteUrl();
    expect(moved).not.toBe(url);
    second.close();
    const third = new StaticHosting(options(dataDir));
    expect(await third.websiteUrl()).toBe(moved);
    third.close();
  } finally {
    squatter.close();
  }
});
