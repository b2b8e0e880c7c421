/**
 * The check-in crowd with the local cloud in its own process (bench/db-cpu-server.ts), as on CloudBase, where
 * the database is a service apart from the function instances: 500 members of one campaign checking in at the
 * same moment, 100 calls in flight, the campaign code and the real wx-server-sdk in this process.
 * bench/campaign.ts runs the same crowd with the local cloud inside its own process (one core for both
 * sides); this one lets the two sides use the machine's two cores, and reports the CPU each side spends per
 * check-in.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { getCloud } from '../server/core/cloud';
import { checkIn } from '../server/campaign/checkin';
import { joinCampaign } from '../server/campaign/join';
import { forgetKeptCampaigns } from '../server/campaign/kept';
import { askChild as ask, type CpuUsage as Usage, cpuMicros as micros, type Recorder, runAlone, withCloudProcess } from './harness';
import { crowdOf, member, publishedCampaign } from './campaign';

const MEMBERS = 500;
const DAY_MS = 86_400_000;

export async function run(record: Recorder): Promise<void> {
  await withCloudProcess(Boolean(process.env.WEIKE_CHECKIN_CROWD_PROFILE), async (child) => {
    const wx = getCloud();
    const db = wx.database();
    const trainer = member(-1, [{ role: 'trainer' }]);
    const members = Array.from({ length: MEMBERS }, (_, i) => member(i));
    for (const doc of [trainer, ...members]) await db.collection('members').add({ data: { ...doc } });
    const day1 = new Date();
    const campaign = await publishedCampaign(db, trainer, day1);
    forgetKeptCampaigns();
    const joined = await crowdOf(members, (m, i) => joinCampaign(db, m, { campaignId: campaign._id, teamId: `t${(i % 5) + 1}` }, day1));
    if (joined.get('OK') !== MEMBERS) throw new Error(`sign-ups: ${[...joined].map(([code, n]) => `${code} ${n}`).join(', ')}`);

    // The next morning, everyone at once.
    const day2 = new Date(day1.getTime() + DAY_MS);
    const operationsBefore = await ask<number>(child, 'operations', 'operations');
    const serverBefore = await ask<Usage>(child, 'usage', 'usage');
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const codes = await crowdOf(members, (m) =>
      checkIn(
        { db, cloud: wx, openid: `o-${m._id}`, member: m, now: day2 },
        { campaignId: campaign._id, text: '今天的收获', pictures: [], requestId: `crowd-${m._id}` },
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const client = micros(process.cpuUsage(clientBefore)) / MEMBERS / 1000;
    const server = (micros(await ask<Usage>(child, 'usage', 'usage')) - micros(serverBefore)) / MEMBERS / 1000;
    const operations = ((await ask<number>(child, 'operations', 'operations')) - operationsBefore) / MEMBERS;
    const ok = codes.get('OK') ?? 0;
    // One check-in document per member answered OK.
    const { total: stored } = (await db.collection('campaignCheckins').where({ campaignId: campaign._id }).count()) as unknown as { total: number };
    if (stored !== ok) throw new Error(`${stored} check-ins stored for ${ok} answered OK`);
    record(
      'campaign: check-ins per second, 500 members at once, local cloud in its own process',
      (ok / seconds).toFixed(0),
      `${ok} of ${MEMBERS} in ${seconds.toFixed(1)} s (${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}), 100 calls in flight, ${operations.toFixed(1)} operations per check-in (points included); CPU per check-in: ${client.toFixed(2)} ms campaign code and SDK, ${server.toFixed(2)} ms local cloud; load average ${os.loadavg()[0]?.toFixed(1)}; one check-in stored per OK`,
    );
  });
}

runAlone(module, run);
